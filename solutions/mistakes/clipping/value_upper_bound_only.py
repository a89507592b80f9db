HINT = "clip on both sides: every element goes to the interval [−clip_value, clip_value]"


def clip_by_value(grads, clip_value):
    if not clip_value > 0:
        raise ValueError(clip_value)
    return [np.minimum(g, clip_value) for g in grads]
