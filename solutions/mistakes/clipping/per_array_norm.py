HINT = ("each array was rescaled by its own norm, which changes the direction of the whole "
        "gradient: compute ONE global norm over all arrays and multiply every array by the same "
        "factor max_norm / norm")


def clip_by_global_norm(grads, max_norm):
    if not max_norm > 0:
        raise ValueError(max_norm)
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError(norm)
    clipped = []
    for g in grads:
        own = np.sqrt(np.sum(g ** 2))
        clipped.append(g * (max_norm / own) if own > max_norm else g.copy())
    return clipped, norm
