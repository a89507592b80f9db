# A right solution whose rnn_backward consumes its cache: it pops the step caches off the
# list, last step first (as many CS231n submissions do), and returns lists.


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    H = h0.shape[1]
    h = np.zeros((N, T, H))
    cache = []
    prev_h = h0
    for t in range(T):
        next_h, step_cache = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = next_h
        cache.append(step_cache)
        prev_h = next_h
    return [h, cache]


def rnn_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0][0].shape[1]
    dx = np.zeros((N, T, D))
    dWx = np.zeros((D, H))
    dWh = np.zeros((H, H))
    db = np.zeros(H)
    dprev_h = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        step = rnn_step_backward(dh[:, t, :] + dprev_h, cache.pop())
        dx[:, t, :] = step[0]
        dprev_h = step[1]
        dWx = dWx + step[2]
        dWh = dWh + step[3]
        db = db + step[4]
    return [dx, dprev_h, dWx, dWh, db]
