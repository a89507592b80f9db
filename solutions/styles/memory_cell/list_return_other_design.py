# A right solution in another style: gates stacked in one (T, 4) matrix product, the
# result returned as a list, and another right design (weaker weights, still
# saturated to within 5e-5; NumPy-scalar biases, tuple weights).


def memory_cell_forward(x, params):
    W = np.stack([params["wz"], params["wi"], params["wf"], params["wo"]], axis=1)  # (3, 4)
    b = np.array([params["bz"], params["bi"], params["bf"], params["bo"]])
    a = x @ W + b
    z = a[:, 0]
    i, f, o = (1.0 / (1.0 + np.exp(-np.clip(a[:, k], -500, 500))) for k in (1, 2, 3))
    c = np.empty_like(z)
    prev = 0.0
    for t in range(len(z)):
        prev = c[t] = f[t] * prev + i[t] * z[t]
    return [o * c, c]


def design_memory_cell():
    return {"wz": (1.0, 0.0, 0.0), "bz": np.float64(0.0),
            "wi": (0.0, 20.0, 0.0), "bi": np.float64(-10.0),
            "wf": (0.0, 20.0, 0.0), "bf": np.float64(10.0),
            "wo": (0.0, 0.0, 20.0), "bo": np.float64(-10.0)}
