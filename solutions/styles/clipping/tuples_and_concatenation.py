# A right solution in another style: one concatenated vector for the norm, a tuple of
# clipped arrays inside a list return, np.float64 results, and a comprehension per array.


def global_norm(grads):
    flat = np.concatenate([np.ravel(g) for g in grads]) if grads else np.zeros(0)
    return np.linalg.norm(flat)


def clip_by_value(grads, clip_value):
    if clip_value <= 0.0:
        raise ValueError("clip_value must be > 0")
    return tuple(np.where(g > clip_value, clip_value, np.where(g < -clip_value, -clip_value, g)) for g in grads)


def clip_by_global_norm(grads, max_norm):
    if max_norm <= 0.0:
        raise ValueError("max_norm must be > 0")
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError("non-finite gradient")
    factor = max_norm / norm if norm > max_norm else 1.0
    return [tuple(g * factor for g in grads), norm]
