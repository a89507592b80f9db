# A right solution in another style: np.split into the three blocks, a namedtuple cache
# per step, the sigmoid written with tanh, and BPTT with einsum over the whole sequence
# for the shared parameters (per-step gradients of the pre-activations kept first).
from collections import namedtuple

Step = namedtuple("Step", "x prev_h Wx Wh z r n")


def _sig(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def gru_step_forward(x, prev_h, Wx, Wh, b):
    ax_z, ax_r, ax_n = np.split(x @ Wx + b, 3, axis=1)
    Wh_z, Wh_r, Wh_n = np.split(Wh, 3, axis=1)
    z = _sig(ax_z + prev_h @ Wh_z)
    r = _sig(ax_r + prev_h @ Wh_r)
    n = np.tanh(ax_n + (r * prev_h) @ Wh_n)
    return z * n + prev_h - z * prev_h, Step(x, prev_h, Wx, Wh, z, r, n)


def _pre_activation_grads(dnext_h, s):
    """(da (N, 3H), dprev_h) of one step."""
    Wh_z, Wh_r, Wh_n = np.split(s.Wh, 3, axis=1)
    dan = dnext_h * s.z * (1 - s.n ** 2)
    drh = dan @ Wh_n.T
    daz = dnext_h * (s.n - s.prev_h) * s.z * (1 - s.z)
    dar = drh * s.prev_h * s.r * (1 - s.r)
    dprev_h = dnext_h * (1 - s.z) + drh * s.r + daz @ Wh_z.T + dar @ Wh_r.T
    return np.concatenate((daz, dar, dan), axis=1), dprev_h


def gru_step_backward(dnext_h, cache):
    da, dprev_h = _pre_activation_grads(dnext_h, cache)
    H = cache.prev_h.shape[1]
    hh = np.concatenate((cache.prev_h, cache.prev_h, cache.r * cache.prev_h), axis=1)  # (N, 3H)
    dWh = np.einsum("nh,nk->hk", cache.prev_h, da[:, :2 * H])
    dWh = np.concatenate((dWh, (hh[:, 2 * H:]).T @ da[:, 2 * H:]), axis=1)
    return da @ cache.Wx.T, dprev_h, cache.x.T @ da, dWh, da.sum(0)


def gru_forward(x, h0, Wx, Wh, b):
    steps, h = [], np.empty(x.shape[:2] + h0.shape[1:])
    prev = h0
    for t in range(x.shape[1]):
        prev, s = gru_step_forward(x[:, t, :], prev, Wx, Wh, b)
        h[:, t, :] = prev
        steps.append(s)
    return h, tuple(steps)


def gru_backward(dh, cache):
    T = dh.shape[1]
    das, dprev = [None] * T, np.zeros_like(dh[:, 0, :])
    for t in reversed(range(T)):
        das[t], dprev = _pre_activation_grads(dh[:, t, :] + dprev, cache[t])
    da = np.stack(das, axis=1)                            # (N, T, 3H)
    H = dh.shape[2]
    xs = np.stack([s.x for s in cache], axis=1)           # (N, T, D)
    hs = np.stack([s.prev_h for s in cache], axis=1)      # (N, T, H)
    rhs = np.stack([s.r * s.prev_h for s in cache], axis=1)
    dWh = np.concatenate((np.einsum("nth,ntk->hk", hs, da[:, :, :2 * H]),
                          np.einsum("nth,ntk->hk", rhs, da[:, :, 2 * H:])), axis=1)
    return (np.einsum("ntk,dk->ntd", da, cache[0].Wx), dprev, np.einsum("ntd,ntk->dk", xs, da), dWh,
            da.sum(axis=(0, 1)))
