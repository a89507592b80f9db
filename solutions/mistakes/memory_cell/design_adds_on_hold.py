HINT = ("the input gate must open (i ≈ 1) only when x2 = 1; yours is also open when x2 = 0, "
        "so x1 is added at the steps that should only hold the memory (its bias must keep it closed at x2 = 0)")


def design_memory_cell():
    return {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
            "wi": np.array([0.0, 100.0, 0.0]), "bi": 10.0,
            "wf": np.array([0.0, 100.0, 0.0]), "bf": 10.0,
            "wo": np.array([0.0, 0.0, 100.0]), "bo": -10.0}
