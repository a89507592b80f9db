# A right solution with dicts as caches: a dict per step, a list of those dicts for the
# sequence, popped from the end in the backward pass; the pre-activation is cached
# and tanh' computed from it (1 / cosh²).


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    a = np.dot(x, Wx) + np.dot(prev_h, Wh) + b
    return np.tanh(a), {"x": x, "prev_h": prev_h, "Wx": Wx, "Wh": Wh, "a": a}


def rnn_step_backward(dnext_h, cache):
    da = dnext_h / np.cosh(cache["a"]) ** 2
    return (np.dot(da, cache["Wx"].T), np.dot(da, cache["Wh"].T), np.dot(cache["x"].T, da),
            np.dot(cache["prev_h"].T, da), np.sum(da, axis=0))


def rnn_forward(x, h0, Wx, Wh, b):
    hs, caches = [], []
    h = h0
    for t in range(x.shape[1]):
        h, c = rnn_step_forward(x[:, t], h, Wx, Wh, b)
        hs.append(h)
        caches.append(c)
    return np.stack(hs, axis=1), caches


def rnn_backward(dh, cache):
    grads = {"dWx": 0, "dWh": 0, "db": 0}
    dxs = []
    dprev = np.zeros_like(dh[:, 0])
    for t in reversed(range(dh.shape[1])):
        step = cache.pop()
        dx_t, dprev, dWx, dWh, db = rnn_step_backward(dh[:, t] + dprev, step)
        dxs.insert(0, dx_t)
        grads["dWx"] += dWx
        grads["dWh"] += dWh
        grads["db"] += db
    return np.stack(dxs, axis=1), dprev, grads["dWx"], grads["dWh"], grads["db"]
