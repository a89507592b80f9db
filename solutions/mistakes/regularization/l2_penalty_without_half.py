HINT = ("the L2 penalty is (λ/2)·Σ‖W‖², with the factor ½ (so that its gradient is exactly λW); "
        "yours is λ·Σ‖W‖²")


def l2_penalty(params, lam):
    penalty = sum(lam * float(np.sum(v * v)) for k, v in params.items() if is_weight(k))
    return penalty, {k: lam * v if is_weight(k) else np.zeros_like(v) for k, v in params.items()}
