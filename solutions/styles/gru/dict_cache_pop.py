# A right solution in another style: step caches are dicts, gru_forward keeps them in a
# list that gru_backward consumes with cache.pop() (last step first), results are lists.


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    Wx_z, Wx_r, Wx_n = Wx[:, :H], Wx[:, H:2 * H], Wx[:, 2 * H:]
    Wh_z, Wh_r, Wh_n = Wh[:, :H], Wh[:, H:2 * H], Wh[:, 2 * H:]
    b_z, b_r, b_n = b[:H], b[H:2 * H], b[2 * H:]
    z = 1.0 / (1.0 + np.exp(-(x @ Wx_z + prev_h @ Wh_z + b_z)))
    r = 1.0 / (1.0 + np.exp(-(x @ Wx_r + prev_h @ Wh_r + b_r)))
    n = np.tanh(x @ Wx_n + (r * prev_h) @ Wh_n + b_n)
    next_h = (1 - z) * prev_h + z * n
    return [next_h, {"x": x, "h": prev_h, "Wx": Wx, "Wh": Wh, "z": z, "r": r, "n": n}]


def gru_step_backward(dnext_h, cache):
    x, h, Wx, Wh = cache["x"], cache["h"], cache["Wx"], cache["Wh"]
    z, r, n = cache["z"], cache["r"], cache["n"]
    H = h.shape[1]
    d_n = dnext_h * z * (1 - n * n)
    d_z = dnext_h * (n - h) * z * (1 - z)
    d_rh = d_n @ Wh[:, 2 * H:].T
    d_r = d_rh * h * r * (1 - r)
    dprev_h = dnext_h * (1 - z) + d_rh * r + d_z @ Wh[:, :H].T + d_r @ Wh[:, H:2 * H].T
    da = np.hstack([d_z, d_r, d_n])
    dWh = np.hstack([h.T @ d_z, h.T @ d_r, (r * h).T @ d_n])
    return [da @ Wx.T, dprev_h, x.T @ da, dWh, np.sum(da, axis=0)]


def gru_forward(x, h0, Wx, Wh, b):
    caches = []
    hs = []
    h = h0
    for t in range(x.shape[1]):
        h, c = gru_step_forward(x[:, t], h, Wx, Wh, b)
        hs.append(h)
        caches.append(c)
    return [np.stack(hs, axis=1), caches]


def gru_backward(dh, cache):
    N, T, H = dh.shape
    dxs = []
    dWx = dWh = db = None
    dnext = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        step = cache.pop()  # consumes the list: the cache is used once
        dx_t, dnext, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t] + dnext, step)
        dxs.insert(0, dx_t)
        dWx = dWx_t if dWx is None else dWx + dWx_t
        dWh = dWh_t if dWh is None else dWh + dWh_t
        db = db_t if db is None else db + db_t
    return [np.stack(dxs, axis=1), dnext, dWx, dWh, db]
