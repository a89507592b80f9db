HINT = ("w is used at every step, so dy_T/dw sums the contributions of all T steps (each y_{t−1} "
        "times the gradient reaching y_t), not only the last one")


def scalar_rnn_grad(w, T):
    y = 1.0
    for _ in range(T - 1):
        y = w * y
    return float(w * y), float(y)
