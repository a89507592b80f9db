HINT = ("backpropagation through time: h_t reaches the loss directly (dh[:, t]) and through every later "
        "step, so the gradient entering step t is dh[:, t] plus the dprev_h that step t + 1 returned; "
        "you used dh[:, t] alone")


def gru_backward(dh, cache):
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0.0, 0.0, 0.0
    for t in reversed(range(T)):
        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t, :], cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev_h, dWx, dWh, db
