# A right solution in another style: Python-scalar maths (math.sqrt of a Python sum, so
# all-zero gradients give the int 0), loops, a ValueError subclass, tuple returns.
import math


class ClipError(ValueError):
    pass


def global_norm(grads):
    total = 0
    for g in grads:
        for v in np.ravel(g):
            total += float(v) ** 2
    return 0 if total == 0 else math.sqrt(total)


def clip_by_value(grads, clip_value):
    if clip_value <= 0:
        raise ClipError("clip_value must be positive")
    return [np.minimum(np.maximum(g, -clip_value), clip_value) for g in grads]


def clip_by_global_norm(grads, max_norm):
    if max_norm <= 0:
        raise ClipError("max_norm must be positive")
    norm = global_norm(grads)
    if math.isnan(norm) or math.isinf(norm):
        raise ClipError("non-finite norm")
    if norm <= max_norm:
        return [g.copy() for g in grads], norm
    return [g * (max_norm / norm) for g in grads], norm


def scalar_rnn_grad(w, T):
    if T < 0:
        raise ClipError("T")
    y = 1.0
    history = [y]
    for _ in range(T):
        y = w * y
        history.append(y)
    grad, upstream = 0.0, 1.0
    for t in reversed(range(1, T + 1)):
        grad = grad + upstream * history[t - 1]
        upstream = upstream * w
    return (y, grad)
