HINT = ("invalid arguments must raise ValueError: clip_value ≤ 0, max_norm ≤ 0, and a non-finite "
        "global norm (NaN or inf in a gradient), which no rescaling can repair")


def clip_by_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]


def clip_by_global_norm(grads, max_norm):
    norm = global_norm(grads)
    if norm > max_norm:
        return [g * (max_norm / norm) for g in grads], norm
    return [g.copy() for g in grads], norm
