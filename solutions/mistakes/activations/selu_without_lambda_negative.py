HINT = ("SELU scales both sides by λ: λx for x > 0 and λα(eˣ − 1) otherwise; your negative side "
        "α(eˣ − 1) is missing the factor λ")


def selu_forward(x):
    return np.where(x > 0, SELU_LAMBDA * x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0))), x


def selu_backward(dout, cache):
    # Consistent with the forward pass above: the gradient of that (wrong) function.
    x = cache
    return dout * np.where(x > 0, SELU_LAMBDA, SELU_ALPHA * np.exp(np.minimum(x, 0.0)))
