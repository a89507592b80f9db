HINT = ("in the lecture's memory cell the input z = x·wz + bz is linear (it is added to the memory as it is); "
        "you squashed it with tanh")


def memory_cell_forward(x, params):
    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))
    z = np.tanh(x @ params["wz"] + params["bz"])
    i = sigmoid(x @ params["wi"] + params["bi"])
    f = sigmoid(x @ params["wf"] + params["bf"])
    o = sigmoid(x @ params["wo"] + params["bo"])
    c = np.zeros(len(x))
    memory = 0.0
    for t in range(len(x)):
        memory = f[t] * memory + i[t] * z[t]
        c[t] = memory
    return o * c, c
