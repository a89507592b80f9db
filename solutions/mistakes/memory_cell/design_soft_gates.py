HINT = ("the gates are too soft: with pre-activations of about ±1, σ is far from 0 and 1, so the gates only "
        "half open and half close; scale the gate weights and biases up (the slide uses ±100 and ±10) "
        "so that every gate saturates")


def design_memory_cell():
    return {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
            "wi": np.array([0.0, 1.0, 0.0]), "bi": -0.1,
            "wf": np.array([0.0, 1.0, 0.0]), "bf": 0.1,
            "wo": np.array([0.0, 0.0, 1.0]), "bo": -0.1}
