HINT = ("at test time every unit is multiplied by its keep probability 1 − p (the lecture's "
        "'multiply by 1 − p% at test time'), not by the drop probability p")


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) >= p).astype(np.float64) if train else p
    return x * multiplier, multiplier


def scale_weights_for_test(W, p):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    return W * p
