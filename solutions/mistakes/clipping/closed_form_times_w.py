HINT = ("dy_T/dw = T·w^(T−1), not T·w^T: each of the T steps contributes y_{t−1}·w^(T−t), a "
        "product of T − 1 factors w")


def scalar_rnn_grad(w, T):
    return float(w ** T), float(T * w ** T)
