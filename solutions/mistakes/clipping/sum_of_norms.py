HINT = ("the global norm is sqrt of the sum of squares of ALL elements of ALL arrays, not the "
        "sum of the arrays' separate norms")


def global_norm(grads):
    return float(sum(np.sqrt(np.sum(g ** 2)) for g in grads))
