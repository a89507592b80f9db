HINT = ("sigmoid overflows for large negative x: np.exp(-x) reaches inf (with a RuntimeWarning); "
        "compute e^t only for t ≤ 0")


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))
