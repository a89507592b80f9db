HINT = ("the output gate must depend on x3: open (o ≈ 1) when x3 = 1 and closed (o ≈ 0) when x3 = 0; "
        "your output gate ignores x3, so the memory is output at every step")


def design_memory_cell():
    return {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
            "wi": np.array([0.0, 100.0, 0.0]), "bi": -10.0,
            "wf": np.array([0.0, 100.0, 0.0]), "bf": 10.0,
            "wo": np.array([0.0, 0.0, 0.0]), "bo": 10.0}
