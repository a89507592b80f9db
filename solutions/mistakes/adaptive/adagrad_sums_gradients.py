HINT = ("AdaGrad accumulates the squared gradients, s' = s + g² (an element-wise square); you added "
        "the gradient g itself, which can make s negative and its square root undefined")


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    cache_next = cache + grad
    return theta - lr * grad / (np.sqrt(cache_next) + eps), cache_next
