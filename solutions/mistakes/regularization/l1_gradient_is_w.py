HINT = ("the derivative of λ|w| is λ·sign(w) (±λ, whatever the size of w); λ·w is the L2 "
        "gradient")


def l1_penalty(params, lam):
    penalty = sum(lam * float(np.sum(np.abs(v))) for k, v in params.items() if is_weight(k))
    return penalty, {k: lam * v if is_weight(k) else np.zeros_like(v) for k, v in params.items()}
