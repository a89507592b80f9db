HINT = ("Wh is shared by every time step, so dWh is the sum of the contributions of all T steps; "
        "yours keeps only one step's contribution (overwritten in the loop instead of added up)")


def gru_backward(dh, cache):
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, db = 0.0, 0.0
    dprev_h = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t, :], dprev_h, dWx_t, dWh, db_t = gru_step_backward(dh[:, t, :] + dprev_h, cache[t])
        dWx, db = dWx + dWx_t, db + db_t
    return dx, dprev_h, dWx, dWh, db
