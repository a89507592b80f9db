HINT = ("gradients are rescaled only when their norm exceeds max_norm; below the threshold they "
        "are returned unchanged (and all-zero gradients must not be divided by a zero norm)")


def clip_by_global_norm(grads, max_norm):
    if not max_norm > 0:
        raise ValueError(max_norm)
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError(norm)
    return [g * (max_norm / norm) for g in grads], norm
