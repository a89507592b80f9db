"""A submission that does not parse."""

import numpy as np


def dropout_forward(x, p, train, rng):
    if train
        mask = rng.random(x.shape) >= p
        return x * mask, mask
    return x * (1 - p), None
