HINT = ("clip_by_global_norm divides max_norm by the norm before comparing them: with all-zero "
        "gradients the norm is 0 (a ZeroDivisionError in a training loop); compare first, and "
        "scale only when norm > max_norm")


def clip_by_global_norm(grads, max_norm):
    if not max_norm > 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError("the gradients' global norm is not finite (NaN or inf in a gradient)")
    scale = max_norm / norm
    if norm > max_norm:
        return [g * scale for g in grads], norm
    return [np.array(g, copy=True) for g in grads], norm
