"""A vanilla recurrent neural network and backpropagation through time (CS231n layout).

At every time step the hidden state is updated from the previous one and the input:

    h_t = tanh(x_t·Wx + h_{t−1}·Wh + b)

The same weights Wx, Wh, b are used at every step, so their gradients add up the
contributions of all steps; the gradient reaching h_t comes from the loss at step t
AND from step t + 1, through h_{t+1}.

N is the batch size, T the sequence length, D the input dimension, H the hidden size.
"""

import numpy as np


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """One time step of a vanilla RNN with a tanh activation.

    Inputs:
    - x: input data for this step, of shape (N, D)
    - prev_h: hidden state of the previous step, of shape (N, H)
    - Wx: input-to-hidden weights, of shape (D, H)
    - Wh: hidden-to-hidden weights, of shape (H, H)
    - b: biases, of shape (H,)

    Returns a tuple of:
    - next_h: the next hidden state, of shape (N, H)
    - cache: whatever rnn_step_backward needs (opaque to the caller)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement rnn_step_forward (see its docstring)")


def rnn_step_backward(dnext_h, cache):
    """Backward pass of one time step of a vanilla RNN.

    Inputs:
    - dnext_h: gradient of the loss with respect to next_h, of shape (N, H)
    - cache: the cache returned by rnn_step_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, D)
    - dprev_h: gradient with respect to prev_h, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, H)
    - dWh: gradient with respect to Wh, of shape (H, H)
    - db: gradient with respect to b, of shape (H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement rnn_step_backward (see its docstring)")


def rnn_forward(x, h0, Wx, Wh, b):
    """A vanilla RNN over a whole sequence: rnn_step_forward at every step, each step
    starting from the hidden state the previous one produced.

    Inputs:
    - x: input data for the whole sequence, of shape (N, T, D)
    - h0: initial hidden state, of shape (N, H)
    - Wx: input-to-hidden weights, of shape (D, H)
    - Wh: hidden-to-hidden weights, of shape (H, H)
    - b: biases, of shape (H,)

    Returns a tuple of:
    - h: hidden states of every step, of shape (N, T, H); h[:, t] is h_{t+1}
    - cache: whatever rnn_backward needs (opaque to the caller)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement rnn_forward (see its docstring)")


def rnn_backward(dh, cache):
    """Backpropagation through time for a vanilla RNN.

    Inputs:
    - dh: upstream gradients of every hidden state, of shape (N, T, H) (from the
      loss at each step, not including the path through the next step)
    - cache: the cache returned by rnn_forward

    Returns a tuple of:
    - dx: gradient with respect to the inputs, of shape (N, T, D)
    - dh0: gradient with respect to the initial hidden state, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, H)
    - dWh: gradient with respect to Wh, of shape (H, H)
    - db: gradient with respect to b, of shape (H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement rnn_backward (see its docstring)")
