import math

import numpy as np


def sigmoid(a):
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    return math.exp(a) / (1.0 + math.exp(a))


def memory_cell_forward(x, params):
    T = x.shape[0]
    y = np.zeros(T)
    c = np.zeros(T)
    c_prev = 0.0
    for t in range(T):
        x1, x2, x3 = x[t]
        pre = {}
        for name in ["z", "i", "f", "o"]:
            w = params["w" + name]
            pre[name] = w[0] * x1 + w[1] * x2 + w[2] * x3 + params["b" + name]
        c[t] = sigmoid(pre["f"]) * c_prev + sigmoid(pre["i"]) * pre["z"]
        y[t] = sigmoid(pre["o"]) * c[t]
        c_prev = c[t]
    return y, c


def design_memory_cell():
    params = {}
    params["wz"] = np.array([1.0, 0.0, 0.0])   # z = x1
    params["bz"] = 0.0
    params["wi"] = np.array([0.0, 100.0, 0.0])  # open only for x2 = 1
    params["bi"] = -10.0
    params["wf"] = np.array([0.0, 100.0, 0.0])  # closed only for x2 = -1
    params["bf"] = 10.0
    params["wo"] = np.array([0.0, 0.0, 100.0])  # open only for x3 = 1
    params["bo"] = -10.0
    return params
