"""Activation functions of the ReLU family, each forward pass beside its backward pass.

ReLU max(0, x) lets gradients through unchanged where a unit is active, but a unit
that is never active gets no gradient at all ("dying ReLU"). Leaky ReLU gives the
negative side a small fixed slope α, PReLU learns that slope per channel by gradient
descent, and SELU (Klambauer et al., NIPS'17) uses a scaled exponential on the
negative side, chosen so that activations keep mean 0 and variance 1 across layers.

At x = 0 exactly every function here takes its negative side: slope 0 (ReLU), α
(leaky ReLU, PReLU), λα (SELU).
"""

import numpy as np

SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772


def relu_forward(x):
    """ReLU: out = max(0, x), element-wise.

    Inputs:
    - x: input, an array of any shape S

    Returns a tuple of:
    - out: output, of shape S
    - cache: whatever relu_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    out = np.maximum(x, 0.0)
    return out, x
    ### END SOLUTION


def relu_backward(dout, cache):
    """Backward pass of ReLU: the gradient passes where x > 0 and is 0 elsewhere (x = 0 included).

    Inputs:
    - dout: upstream gradient, of shape S
    - cache: the cache returned by relu_forward

    Returns:
    - dx: gradient with respect to x, of shape S
    """
    ### BEGIN SOLUTION
    x = cache
    return dout * (x > 0)
    ### END SOLUTION


def leaky_relu_forward(x, alpha=0.01):
    """Leaky ReLU: out = x for x > 0, αx otherwise.

    Inputs:
    - x: input, an array of any shape S
    - alpha: slope α of the negative side, a float

    Returns a tuple of:
    - out: output, of shape S
    - cache: whatever leaky_relu_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    out = np.where(x > 0, x, alpha * x)
    return out, (x, alpha)
    ### END SOLUTION


def leaky_relu_backward(dout, cache):
    """Backward pass of leaky ReLU: slope 1 where x > 0, α elsewhere (x = 0 included).

    Inputs:
    - dout: upstream gradient, of shape S
    - cache: the cache returned by leaky_relu_forward

    Returns:
    - dx: gradient with respect to x, of shape S
    """
    ### BEGIN SOLUTION
    x, alpha = cache
    return dout * np.where(x > 0, 1.0, alpha)
    ### END SOLUTION


def prelu_forward(x, alpha):
    """PReLU: leaky ReLU whose slope is learned, one per channel.

    out[n, c] = x[n, c] if x[n, c] > 0, else alpha[c]·x[n, c].

    Inputs:
    - x: input, of shape (N, C): N examples of C channels
    - alpha: slopes of the negative side, of shape (C,)

    Returns a tuple of:
    - out: output, of shape (N, C)
    - cache: whatever prelu_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    out = np.where(x > 0, x, alpha * x)  # alpha (C,) broadcasts over the N rows
    return out, (x, alpha)
    ### END SOLUTION


def prelu_backward(dout, cache):
    """Backward pass of PReLU.

    dx has slope 1 where x > 0 and alpha[c] elsewhere; alpha[c] is shared by every example
    of the batch, so dalpha[c] sums dout[n, c]·x[n, c] over the n where x[n, c] ≤ 0.

    Inputs:
    - dout: upstream gradient, of shape (N, C)
    - cache: the cache returned by prelu_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, C)
    - dalpha: gradient with respect to alpha, of shape (C,)
    """
    ### BEGIN SOLUTION
    x, alpha = cache
    negative = x <= 0
    dx = dout * np.where(negative, alpha, 1.0)
    dalpha = np.sum(dout * x * negative, axis=0)
    return dx, dalpha
    ### END SOLUTION


def selu_forward(x):
    """SELU: out = λx for x > 0, λα(eˣ − 1) otherwise (λ = SELU_LAMBDA, α = SELU_ALPHA).

    Finite for any finite x: eˣ is only computed where x ≤ 0.

    Inputs:
    - x: input, an array of any shape S

    Returns a tuple of:
    - out: output, of shape S
    - cache: whatever selu_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    # np.minimum keeps e^x from overflowing where x is large; those entries take λx anyway.
    negative_side = SELU_ALPHA * np.expm1(np.minimum(x, 0.0))
    out = SELU_LAMBDA * np.where(x > 0, x, negative_side)
    return out, x
    ### END SOLUTION


def selu_backward(dout, cache):
    """Backward pass of SELU: slope λ where x > 0, λαeˣ elsewhere (λα at x = 0).

    Inputs:
    - dout: upstream gradient, of shape S
    - cache: the cache returned by selu_forward

    Returns:
    - dx: gradient with respect to x, of shape S
    """
    ### BEGIN SOLUTION
    x = cache
    slope = SELU_LAMBDA * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(x, 0.0)))
    return dout * slope
    ### END SOLUTION
