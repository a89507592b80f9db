HINT = ("backpropagation through time must carry the gradient through the cell state: "
        "lstm_backward passes dprev_c of step t as dnext_c of step t − 1, and lstm_step_backward "
        "adds that dnext_c to the gradient of c_next (this path is what protects the LSTM from "
        "vanishing gradients)")


def lstm_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0][3].shape[0]
    dx, dWx, dWh, db = np.zeros((N, T, D)), np.zeros((D, 4 * H)), np.zeros((H, 4 * H)), np.zeros(4 * H)
    dnext_h = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dnext_h, _, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dnext_h, np.zeros((N, H)), cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dnext_h, dWx, dWh, db
