HINT = ("the bias is part of the pre-activation: next_h = tanh(x·Wx + prev_h·Wh + b); you added b "
        "after the tanh")


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    next_h = np.tanh(x @ Wx + prev_h @ Wh) + b
    return next_h, (x, prev_h, Wx, Wh, next_h)
