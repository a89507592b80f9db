# A right solution in another style: the textbook sigmoid 1 / (1 + e^(−x)). np.exp
# overflows to inf for x ≲ −710 (with a RuntimeWarning), and 1 / (1 + inf) = 0 is the
# right value: the SPEC judges values, so this gets full marks (the warning is a note).


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))
