HINT = "return the global norm measured BEFORE clipping (it is what tells you the gradient exploded)"


def clip_by_global_norm(grads, max_norm):
    if not max_norm > 0:
        raise ValueError(max_norm)
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError(norm)
    clipped = [g * (max_norm / norm) for g in grads] if norm > max_norm else [g.copy() for g in grads]
    return clipped, global_norm(clipped)
