import numpy as np


def memory_cell_forward(x, params):
    W = np.column_stack([params[k] for k in ("wz", "wi", "wf", "wo")])
    b = np.array([params[k] for k in ("bz", "bi", "bf", "bo")], dtype=float)
    a = x @ W + b                       # (T, 4) pre-activations
    gates = 0.5 * (1 + np.tanh(a[:, 1:] / 2))  # sigmoid without overflow
    z, i, f, o = a[:, 0], gates[:, 0], gates[:, 1], gates[:, 2]
    c = []
    for t in range(len(x)):
        c.append(f[t] * (c[-1] if c else 0.0) + i[t] * z[t])
    c = np.array(c)
    return [o * c, c]


def design_memory_cell():
    return {"wz": [1, 0, 0], "bz": 0,
            "wi": [0, 40, 0], "bi": -20,
            "wf": [0, 40, 0], "bf": 20,
            "wo": [0, 0, 40], "bo": -20}
