# A right solution in another style: one step at a time in Python floats (math.exp,
# explicit sums over the 3 inputs), results as lists turned into arrays at the end,
# and a design with Python ints and lists.
import math


def memory_cell_forward(x, params):
    def gate(row, w, b):
        a = sum(float(w[k]) * float(row[k]) for k in range(3)) + b
        return 1.0 / (1.0 + math.exp(-a)) if a >= 0 else math.exp(a) / (1.0 + math.exp(a))

    ys, cs = [], []
    memory = 0.0
    for row in x:
        z = sum(float(params["wz"][k]) * float(row[k]) for k in range(3)) + params["bz"]
        i = gate(row, params["wi"], params["bi"])
        f = gate(row, params["wf"], params["bf"])
        o = gate(row, params["wo"], params["bo"])
        memory = f * memory + i * z
        cs.append(memory)
        ys.append(o * memory)
    return np.array(ys), np.array(cs)


def design_memory_cell():
    return {"wz": [1, 0, 0], "bz": 0,
            "wi": [0, 100, 0], "bi": -10,
            "wf": [0, 100, 0], "bf": 10,
            "wo": [0, 0, 100], "bo": -10}
