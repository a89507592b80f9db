HINT = ("each layer computes h_l = act(h_{l−1} @ W_l): the product first, then the activation; "
        "you apply the activation to the layer's input instead")


def layer_stds(x, weights, activation):
    functions = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
                 "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z}
    if activation not in functions:
        raise ValueError(activation)
    h, out = x, []
    for W in weights:
        h = functions[activation](h) @ W
        out.append(np.std(h))
    return np.array(out)
