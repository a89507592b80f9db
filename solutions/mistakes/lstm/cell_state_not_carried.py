HINT = ("the cell state must be carried from step to step: next_c of step t is prev_c of "
        "step t + 1 (only c0 is zero)")


def lstm_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h, steps, prev_h = np.zeros((N, T, h0.shape[1])), [], h0
    for t in range(T):
        prev_h, _, step_cache = lstm_step_forward(x[:, t, :], prev_h, np.zeros_like(h0), Wx, Wh, b)
        h[:, t, :] = prev_h
        steps.append(step_cache)
    return h, steps
