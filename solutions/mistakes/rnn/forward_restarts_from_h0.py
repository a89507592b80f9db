HINT = ("an RNN carries its state: step t starts from the hidden state h_{t−1} that step t − 1 produced; "
        "your rnn_forward starts every step from h0")


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    for t in range(T):
        h[:, t, :], step_cache = rnn_step_forward(x[:, t, :], h0, Wx, Wh, b)
        caches.append(step_cache)
    return h, caches
