HINT = ("a dropped unit did not contribute to the output, so no gradient flows back to it: "
        "dx = dout·mask, with the mask of the forward pass; your dx passes dout through unchanged")


def dropout_backward(dout, cache):
    return dout.copy()
