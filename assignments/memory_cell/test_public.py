"""Public tests for `memory_cell`: checks you can run yourself with `grader check`.

The forward pass is checked on two examples whose gates are simple fractions (1/4, 1/2,
3/4, 9/10). Here your design is run with YOUR memory_cell_forward, once that passes its
examples; the hidden tests run your weights in a correct memory cell instead, so there a
bug in your forward pass cannot spoil a right design (or hide a wrong one).
"""

import numpy as np
import pytest

from grader.checks import Verdict, check_shape, combine, compare
from grader.checks.memory_task import BIASES, SLIDE_X, WEIGHTS, as_design, first_failure

LN3 = np.log(3.0)

# The slide's sequence with gates of simple fractions (not a design: it does not do the task):
#   z = x1/2;  i = f = σ(ln3·x2) ∈ {1/4, 1/2, 3/4};  o = σ(2 ln3·x3 − ln3) ∈ {1/4, 3/4}
#   step 1: x = (1, 0, 0): c = 1/2·0 + 1/2·1/2 = 0.25, y = 1/4·0.25 = 0.0625;  and so on.
FRACTION_PARAMS = {"wz": np.array([0.5, 0.0, 0.0]), "bz": 0.0,
                   "wi": np.array([0.0, LN3, 0.0]), "bi": 0.0,
                   "wf": np.array([0.0, LN3, 0.0]), "bf": 0.0,
                   "wo": np.array([0.0, 0.0, 2 * LN3]), "bo": -LN3}
FRACTION_C = np.array([0.25, 1.3125, 1.15625, 2.3671875, 1.68359375, 1.091796875, 0.64794921875,
                       2.7359619140625, 1.61798095703125])
FRACTION_Y = np.array([0.0625, 0.328125, 0.2890625, 0.591796875, 0.4208984375, 0.81884765625,
                       0.1619873046875, 0.683990478515625, 1.2134857177734375])

# A 3-step example. Every gate pre-activation is 0, ln 3 or −ln 3, so σ gives 1/2, 3/4, 1/4:
#   z = 2·x1 + 1;  i = σ(ln3·x2);  f = σ(ln3·x3);  o = σ(ln3 − ln3·x2)
#   step 1: x = (1,  1, 0): z = 3, i = 3/4, f = 1/2, o = 1/2;  c = 1/2·0   + 3/4·3 = 2.25,  y = 1.125
#   step 2: x = (0,  0, 1): z = 1, i = 1/2, f = 3/4, o = 3/4;  c = 3/4·2.25 + 1/2·1 = 2.1875, y = 1.640625
#   step 3: x = (2, −1, −1): z = 5, i = 1/4, f = 1/4, o = 9/10 (σ(2 ln3) = 9/10);
#           c = 1/4·2.1875 + 1/4·5 = 1.796875, y = 1.6171875
EXAMPLE_X = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0], [2.0, -1.0, -1.0]])
EXAMPLE_PARAMS = {"wz": np.array([2.0, 0.0, 0.0]), "bz": 1.0,
                  "wi": np.array([0.0, LN3, 0.0]), "bi": 0.0,
                  "wf": np.array([0.0, 0.0, LN3]), "bf": 0.0,
                  "wo": np.array([0.0, -LN3, 0.0]), "bo": LN3}
EXAMPLE_C = np.array([2.25, 2.1875, 1.796875])
EXAMPLE_Y = np.array([1.125, 1.640625, 1.6171875])


@pytest.mark.points(0.75)
def test_forward_example(student):
    """memory_cell_forward on a 3-step example (gates 1/4, 1/2, 3/4, 9/10)"""
    y, c = student.memory_cell_forward(EXAMPLE_X, EXAMPLE_PARAMS)
    hint = "c_t = f·c_(t−1) + i·z with z = x·wz + bz (linear, no squashing); y_t = o·c_t"
    return combine([compare(c, EXAMPLE_C, "memory_cell_forward → c", hint=hint),
                    compare(y, EXAMPLE_Y, "memory_cell_forward → y", hint=hint)])


@pytest.mark.points(0.25)
def test_forward_shapes(student):
    """memory_cell_forward returns y and c of shape (T,)"""
    rng = np.random.default_rng(0)
    x, other_x = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    params = {k: rng.normal(size=3) for k in WEIGHTS} | {k: float(rng.normal()) for k in BIASES}
    (y, c), (other_y, other_c) = student.values("memory_cell_forward", [(x, params), (other_x, params)])
    return combine([check_shape(y, (6,), "memory_cell_forward → y", inputs=(x,), other=other_y),
                    check_shape(c, (6,), "memory_cell_forward → c", inputs=(x,), other=other_c)])


@pytest.mark.points(0.5)
def test_forward_slide_sequence(student):
    """memory_cell_forward on the slide's sequence with gates of simple fractions"""
    y, c = student.memory_cell_forward(SLIDE_X, FRACTION_PARAMS)
    return combine([compare(c, FRACTION_C, "memory_cell_forward → c (slide's sequence)"),
                    compare(y, FRACTION_Y, "memory_cell_forward → y (slide's sequence)")])


@pytest.mark.points(1)
def test_design_slide_sequence(student):
    """design_memory_cell: on the slide's sequence the cell outputs 0 0 0 0 0 7 0 0 6 (within 0.05)"""
    design = as_design(student.design_memory_cell())
    if isinstance(design, Verdict):
        return design
    # No correct cell ships with the public tests (it would be memory_cell_forward's answer):
    # the design is run with the student's own forward pass, once that one is right.
    forward = combine([test_forward_example(student), test_forward_slide_sequence(student)])
    if not forward.passed:
        return Verdict.fail("your design is run with your memory_cell_forward here, and that does not pass its "
                            "examples yet: fix it first (the hidden tests judge your design with a correct cell)")
    y, c = student.memory_cell_forward(SLIDE_X, design)
    problem = first_failure(SLIDE_X, np.asarray(y, dtype=np.float64), np.asarray(c, dtype=np.float64))
    if problem:
        return Verdict.fail(f"your memory cell with your weights does not do the task on the slide's sequence: "
                            f"{problem}")
    return None
