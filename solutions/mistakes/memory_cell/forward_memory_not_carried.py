HINT = ("the memory carries over from step to step: c_t = f·c_(t−1) + i·z; you computed c_t = i·z, "
        "so the forget gate and the previous memory play no part")


def memory_cell_forward(x, params):
    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))
    z = x @ params["wz"] + params["bz"]
    i = sigmoid(x @ params["wi"] + params["bi"])
    o = sigmoid(x @ params["wo"] + params["bo"])
    c = i * z
    return o * c, c
