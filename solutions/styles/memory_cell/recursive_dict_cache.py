# A right solution in another style: the recurrence kept in a running state dict, grown
# with np.append; a design with 0-d array biases and other saturating weights (±50/±25,
# an output gate of 200·x3 − 100).


def memory_cell_forward(x, params):
    state = {"c": 0.0, "ys": np.zeros(0), "cs": np.zeros(0)}
    sig = lambda a: np.exp(np.minimum(a, 0)) / (1.0 + np.exp(-np.abs(a)))  # noqa: E731
    for x_t in np.asarray(x, dtype=float):
        z = float(np.dot(x_t, params["wz"])) + float(params["bz"])
        i, f, o = (float(sig(np.dot(x_t, params[w]) + params[b])) for w, b in
                   (("wi", "bi"), ("wf", "bf"), ("wo", "bo")))
        state["c"] = f * state["c"] + i * z
        state["cs"] = np.append(state["cs"], state["c"])
        state["ys"] = np.append(state["ys"], o * state["c"])
    return state["ys"], state["cs"]


def design_memory_cell():
    return dict(wz=np.array([2.0, 0.0, 0.0]) / 2, bz=np.array(0.0),
                wi=np.array([0.0, 50.0, 0.0]), bi=np.array(-25.0),
                wf=np.array([0.0, 50.0, 0.0]), bf=np.array(25.0),
                wo=np.array([0.0, 0.0, 200.0]), bo=np.array(-100.0))
