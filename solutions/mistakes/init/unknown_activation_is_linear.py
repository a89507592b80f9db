HINT = ("an activation that is not one of \"relu\", \"tanh\", \"sigmoid\", \"linear\" must raise "
        "ValueError, not silently fall back to no activation (a typo would go unnoticed)")


def layer_stds(x, weights, activation):
    functions = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
                 "sigmoid": lambda z: 1 / (1 + np.exp(-z))}
    act = functions.get(activation, lambda z: z)
    h, out = x, []
    for W in weights:
        h = act(h @ W)
        out.append(np.std(h))
    return np.array(out)
