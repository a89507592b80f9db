# Explicit loops over every entry with Python-scalar maths (math.exp, math.expm1,
# float(...)) and caches as dicts.
import math


def relu_forward(x):
    out = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        out[i] = float(x[i]) if x[i] > 0 else 0.0
    return out, {"x": x}


def relu_backward(dout, cache):
    x = cache["x"]
    dx = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        if x[i] > 0:
            dx[i] = dout[i]
    return dx


def leaky_relu_forward(x, alpha=0.01):
    out = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        out[i] = x[i] if x[i] > 0 else alpha * x[i]
    return out, {"x": x, "alpha": alpha}


def leaky_relu_backward(dout, cache):
    x, alpha = cache["x"], cache["alpha"]
    dx = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        dx[i] = dout[i] if x[i] > 0 else alpha * dout[i]
    return dx


def prelu_forward(x, alpha):
    N, C = x.shape
    out = np.zeros((N, C))
    for n in range(N):
        for c in range(C):
            out[n, c] = x[n, c] if x[n, c] > 0 else alpha[c] * x[n, c]
    return out, {"x": x, "alpha": alpha}


def prelu_backward(dout, cache):
    x, alpha = cache["x"], cache["alpha"]
    N, C = x.shape
    dx, dalpha = np.zeros((N, C)), np.zeros(C)
    for n in range(N):
        for c in range(C):
            if x[n, c] > 0:
                dx[n, c] = dout[n, c]
            else:
                dx[n, c] = alpha[c] * dout[n, c]
                dalpha[c] += dout[n, c] * x[n, c]
    return dx, dalpha


def selu_forward(x):
    out = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        v = float(x[i])
        out[i] = SELU_LAMBDA * v if v > 0 else SELU_LAMBDA * SELU_ALPHA * math.expm1(v)
    return out, {"x": x}


def selu_backward(dout, cache):
    x = cache["x"]
    dx = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        v = float(x[i])
        slope = SELU_LAMBDA if v > 0 else SELU_LAMBDA * SELU_ALPHA * math.exp(v)
        dx[i] = slope * dout[i]
    return dx
