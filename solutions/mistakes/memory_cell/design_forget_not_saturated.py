HINT = ("to hold the memory when x2 = 0 the forget gate must be saturated open there (f ≈ 1, e.g. a "
        "pre-activation of +10); with a pre-activation near 0 it lets part of the memory leak away at every step")


def design_memory_cell():
    return {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
            "wi": np.array([0.0, 100.0, 0.0]), "bi": -10.0,
            "wf": np.array([0.0, 100.0, 0.0]), "bf": 0.0,
            "wo": np.array([0.0, 0.0, 100.0]), "bo": -10.0}
