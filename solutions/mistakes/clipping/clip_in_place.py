HINT = ("np.clip(g, ..., out=g) writes into the caller's gradient: return new arrays and leave "
        "the inputs unchanged")


def clip_by_value(grads, clip_value):
    if not clip_value > 0:
        raise ValueError(clip_value)
    return [np.clip(g, -clip_value, clip_value, out=g) for g in grads]
