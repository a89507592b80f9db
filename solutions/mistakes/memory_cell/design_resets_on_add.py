HINT = ("the forget gate must close (f ≈ 0) only when x2 = −1 and stay open (f ≈ 1) when x2 = 1; "
        "your design resets the memory on the additions (x2 = 1) instead of on x2 = −1")


def design_memory_cell():
    return {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
            "wi": np.array([0.0, 100.0, 0.0]), "bi": -10.0,
            "wf": np.array([0.0, -100.0, 0.0]), "bf": 10.0,
            "wo": np.array([0.0, 0.0, 100.0]), "bo": -10.0}
