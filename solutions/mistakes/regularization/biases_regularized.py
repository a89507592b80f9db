HINT = ("the penalty covers only the weights (keys starting with \"W\"): the regularization term "
        "does not consider the biases (or gamma, beta, ...); their penalty gradient is zero")


def l2_penalty(params, lam):
    penalty = sum(0.5 * lam * float(np.sum(v * v)) for v in params.values())
    return penalty, {k: lam * v for k, v in params.items()}


def l1_penalty(params, lam):
    penalty = sum(lam * float(np.sum(np.abs(v))) for v in params.values())
    return penalty, {k: lam * np.sign(v) for k, v in params.items()}
