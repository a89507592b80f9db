HINT = ("the previous memory is multiplied by the forget gate: c_t = f·c_(t−1) + i·z; "
        "you added c_(t−1) unchanged, so the cell can never forget")


def memory_cell_forward(x, params):
    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))
    z = x @ params["wz"] + params["bz"]
    i = sigmoid(x @ params["wi"] + params["bi"])
    o = sigmoid(x @ params["wo"] + params["bo"])
    c = np.cumsum(i * z)
    return o * c, c
