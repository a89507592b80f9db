"""The lecture's LSTM example, by hand: one memory cell whose gates are set by hand.

A single memory cell reads a sequence of T inputs x_t = (x1, x2, x3). Its four
"neurons" are linear in x_t, each with a weight vector of 3 entries and a bias:

    z = x·wz + bz        the input (linear: no squashing)
    i = σ(x·wi + bi)     input gate: how much of z is written
    f = σ(x·wf + bf)     forget gate: how much of the memory is kept
    o = σ(x·wo + bo)     output gate: how much of the memory is read out

    c_t = f·c_{t−1} + i·z      (c_0 = 0)        y_t = o·c_t

With gates saturated (pre-activations of ±10 or more, so σ is 0 or 1 to within 5e-5)
the cell becomes a little program: add, hold, reset and output on command.
"""

import numpy as np


def memory_cell_forward(x, params):
    """Run the memory cell over a sequence.

    Inputs:
    - x: inputs, of shape (T, 3); row t holds (x1, x2, x3) of step t
    - params: dict with the weights 'wz', 'wi', 'wf', 'wo', each of shape (3,), and the
      biases 'bz', 'bi', 'bf', 'bo', each a real number

    Returns a tuple of:
    - y: outputs y_t = o_t·c_t, of shape (T,)
    - c: memory contents c_t after each step, of shape (T,)
    """
    ### BEGIN SOLUTION
    def sigmoid(a):
        # e^t only for t ≤ 0: no overflow for strongly saturated gates.
        e = np.exp(-np.abs(a))
        return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    x = np.asarray(x, dtype=np.float64)
    # The four pre-activations of every step at once, each of shape (T,).
    z = x @ np.asarray(params["wz"], dtype=np.float64) + params["bz"]
    i = sigmoid(x @ np.asarray(params["wi"], dtype=np.float64) + params["bi"])
    f = sigmoid(x @ np.asarray(params["wf"], dtype=np.float64) + params["bf"])
    o = sigmoid(x @ np.asarray(params["wo"], dtype=np.float64) + params["bo"])
    c = np.zeros(x.shape[0])
    memory = 0.0
    for t in range(x.shape[0]):  # the memory is a recurrence: one step after the other
        memory = f[t] * memory + i[t] * z[t]
        c[t] = memory
    y = o * c
    return y, c
    ### END SOLUTION


def design_memory_cell():
    """Weights that make memory_cell_forward do the lecture's task.

    The task: when x2 = 1, add x1 to the memory; when x2 = −1, reset the memory to 0;
    when x2 = 0, keep it. Output the memory (after this step's update) when x3 = 1,
    else output 0.

    Returns:
    - params: dict with 'wz', 'wi', 'wf', 'wo' (3 numbers each) and 'bz', 'bi', 'bf',
      'bo' (real numbers)
    """
    ### BEGIN SOLUTION
    return {
        # The input is x1 itself: it is what gets added.
        "wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
        # Input gate opens only for x2 = 1: 100·1 − 10 = 90, while 0 − 10 and −110 close it.
        "wi": np.array([0.0, 100.0, 0.0]), "bi": -10.0,
        # Forget gate closes only for x2 = −1: −100 + 10 = −90, while 10 and 110 keep the memory.
        "wf": np.array([0.0, 100.0, 0.0]), "bf": 10.0,
        # Output gate opens only for x3 = 1: 100 − 10 = 90, while −10 closes it.
        "wo": np.array([0.0, 0.0, 100.0]), "bo": -10.0,
    }
    ### END SOLUTION
