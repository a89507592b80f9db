# A right solution in another style: gru_forward's cache is a dict holding the inputs and
# the per-step caches; gru_backward calls gru_step_backward and accumulates with `+=` on
# its own fresh arrays (never on an argument).


def gru_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    cache = {"D": D, "steps": {}}
    prev_h = h0
    for t in range(T):
        prev_h, cache["steps"][t] = gru_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
    return h, cache


def gru_backward(dh, cache):
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache["D"]))
    dWx = dWh = db = 0
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        grads = gru_step_backward(dh[:, t, :] + carry, cache["steps"][t])
        dx[:, t, :] = grads[0]
        carry = grads[1]
        dWx += grads[2]
        dWh += grads[3]
        db += grads[4]
    return dx, carry, dWx, dWh, db
