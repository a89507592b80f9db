HINT = ("stds[l−1] is the standard deviation of ALL the entries of h_l (batch and units "
        "together); you averaged the standard deviations of each unit over the batch")


def layer_stds(x, weights, activation):
    functions = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
                 "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z}
    if activation not in functions:
        raise ValueError(activation)
    h, out = x, []
    for W in weights:
        h = functions[activation](h @ W)
        out.append(np.std(h, axis=0).mean())
    return np.array(out)
