HINT = ("the standard deviation of a layer is that of all its entries with ddof 0, as np.std "
        "computes it by default (divide by the number of entries, not by one less)")


def layer_stds(x, weights, activation):
    functions = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
                 "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z}
    if activation not in functions:
        raise ValueError(activation)
    h, out = x, []
    for W in weights:
        h = functions[activation](h @ W)
        out.append(np.std(h, ddof=1))
    return np.array(out)
