"""The fixed, public problems the feedback figures run a student's code on.

They are public on purpose: a picture must show the same thing every time, and nothing
here is used for grading.
"""

from __future__ import annotations

import numpy as np

from grader.checks.inputs import Quadratic

# nag: an ill-conditioned 2-D quadratic (Hessian eigenvalues 1 and 12, axes turned by
# 30°), where Nesterov momentum visibly spirals into the minimum.
NAG_ANGLE = np.pi / 6
NAG_EIGENVALUES = (1.0, 12.0)
NAG_MINIMIZER = (1.0, 0.5)
NAG_START = (-2.0, 2.5)
NAG_LR, NAG_RHO, NAG_STEPS = 0.05, 0.9, 40

# clipping: the lecture's scalar RNN y_t = w·y_{t−1}, y_0 = 1, trained by gradient
# descent on L(w) = ½(y_T − 1)² from w = 1.2: the gradient explodes at once.
RNN_T, RNN_W0, RNN_TARGET = 30, 1.2, 1.0
RNN_LR, RNN_MAX_NORM, RNN_STEPS = 0.01, 1.0, 40


def nag_quadratic() -> Quadratic:
    """The 2-D test objective: A (2, 2) symmetric positive definite, b (2,)."""
    c, s = np.cos(NAG_ANGLE), np.sin(NAG_ANGLE)
    q = np.array([[c, -s], [s, c]])
    a = (q * np.array(NAG_EIGENVALUES)) @ q.T
    return Quadratic(a, a @ np.array(NAG_MINIMIZER))
