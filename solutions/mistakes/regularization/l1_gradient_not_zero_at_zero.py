HINT = ("the L1 gradient λ·sign(W) is 0 where a weight is exactly 0 (np.sign(0) = 0); yours "
        "pushes a zero weight by ±λ, so L1 can never keep a weight at exactly zero")


def l1_penalty(params, lam):
    penalty = sum(lam * float(np.sum(np.abs(v))) for k, v in params.items() if is_weight(k))
    return penalty, {k: lam * np.where(v >= 0, 1.0, -1.0) if is_weight(k) else np.zeros_like(v)
                     for k, v in params.items()}
