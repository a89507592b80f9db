HINT = ("the L2 penalty is (λ/2)‖W‖²: its ½ cancels the 2 of the derivative of W², so its "
        "gradient is λW, not 2λW")


def l2_penalty(params, lam):
    penalty = sum(0.5 * lam * float(np.sum(v * v)) for k, v in params.items() if is_weight(k))
    return penalty, {k: 2 * lam * v if is_weight(k) else np.zeros_like(v) for k, v in params.items()}
