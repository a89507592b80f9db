# Right in another style: entry-by-entry draws with Python-scalar maths, a manual
# standard deviation, a ValueError subclass.
import math


class UnknownActivation(ValueError):
    pass


def _fill(fan_in, fan_out, draw):
    W = np.empty((fan_in, fan_out))
    for i in range(fan_in):
        for j in range(fan_out):
            W[i, j] = draw()
    return W


def xavier_uniform(fan_in, fan_out, rng):
    a = math.sqrt(6 / (fan_in + fan_out))
    return _fill(fan_in, fan_out, lambda: rng.uniform(-a, a))


def xavier_normal(fan_in, fan_out, rng):
    std = math.sqrt(2 / (fan_in + fan_out))
    return _fill(fan_in, fan_out, lambda: std * rng.standard_normal())


def he_normal(fan_in, fan_out, rng):
    std = math.sqrt(2 / fan_in)
    return _fill(fan_in, fan_out, lambda: rng.normal(0, std))


def lecun_normal(fan_in, fan_out, rng):
    std = math.sqrt(1 / fan_in)
    return _fill(fan_in, fan_out, lambda: rng.normal(0, std))


def layer_stds(x, weights, activation):
    if activation == "relu":
        act = lambda v: max(v, 0.0)
    elif activation == "tanh":
        act = math.tanh
    elif activation == "sigmoid":
        act = lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    elif activation == "linear":
        act = lambda v: v
    else:
        raise UnknownActivation(activation)
    h = [list(map(float, row)) for row in x]
    out = []
    for W in weights:
        h = [[act(sum(row[k] * W[k, j] for k in range(len(row)))) for j in range(W.shape[1])] for row in h]
        values = [v for row in h for v in row]
        mean = sum(values) / len(values)
        out.append(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)))
    return np.array(out)
