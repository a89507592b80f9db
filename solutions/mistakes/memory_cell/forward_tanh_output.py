HINT = ("in the lecture's memory cell the output is y_t = o·c_t, the memory itself; you squashed it "
        "(y_t = o·tanh(c_t)) as a full LSTM layer does for h_t")


def memory_cell_forward(x, params):
    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))
    z = x @ params["wz"] + params["bz"]
    i = sigmoid(x @ params["wi"] + params["bi"])
    f = sigmoid(x @ params["wf"] + params["bf"])
    o = sigmoid(x @ params["wo"] + params["bo"])
    c = np.zeros(len(x))
    memory = 0.0
    for t in range(len(x)):
        memory = f[t] * memory + i[t] * z[t]
        c[t] = memory
    return o * np.tanh(c), c
