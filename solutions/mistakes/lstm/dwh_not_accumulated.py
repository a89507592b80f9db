HINT = ("Wh is shared by every time step, so its gradient is the SUM of the per-step "
        "gradients: accumulate with dWh += ..., do not overwrite")


def lstm_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0][3].shape[0]
    dx, dWx, dWh, db = np.zeros((N, T, D)), np.zeros((D, 4 * H)), np.zeros((H, 4 * H)), np.zeros(4 * H)
    dnext_h, dnext_c = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dnext_h, dnext_c, dWx_t, dWh, db_t = lstm_step_backward(dh[:, t] + dnext_h, dnext_c, cache[t])
        dWx, db = dWx + dWx_t, db + db_t
    return dx, dnext_h, dWx, dWh, db
