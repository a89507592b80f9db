HINT = ("h_t receives gradient from the loss at step t AND from step t + 1 (through h_t·Wh): "
        "pass dh[:, t] + dprev_h of step t + 1 as dnext_h")


def lstm_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0][3].shape[0]
    dx, dWx, dWh, db = np.zeros((N, T, D)), np.zeros((D, 4 * H)), np.zeros((H, 4 * H)), np.zeros(4 * H)
    dnext_c = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dprev_h, dnext_c, dWx_t, dWh_t, db_t = lstm_step_backward(dh[:, t], dnext_c, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev_h, dWx, dWh, db
