"""Hidden grading tests for `memory_cell`.

memory_cell_forward is compared with the reference on random weights and sequences.
design_memory_cell is judged by what the REFERENCE cell (run here, in the grader) does
with the returned weights: on the slide's sequence, on random sequences of the SPEC's
distribution (lengths 1…20, x1 in 1…9, x2 in {−1, 0, 1}, x3 in {0, 1}) and on random
sequences of that distribution that stress one behaviour each (adding, holding,
resetting, outputting). Every output must be within 0.05 of the task's target; in the
tests of adding, holding and resetting, the memory itself is judged (at whatever fixed
scale the design keeps it), so that each depends on its behaviour alone. A
failure names the behaviour, the sequence and the step (never the hidden values).
"""

import numpy as np
import pytest

from grader.checks import Verdict, with_hint
from grader.checks.memory_task import (BIASES, SLIDE_X, TOL, WEIGHTS, as_design, first_failure,
                                       first_memory_failure, memory_scale)

pytestmark = pytest.mark.hidden

SLIDE_PARAMS = {"wz": np.array([1.0, 0.0, 0.0]), "bz": 0.0,
                "wi": np.array([0.0, 100.0, 0.0]), "bi": -10.0,
                "wf": np.array([0.0, 100.0, 0.0]), "bf": 10.0,
                "wo": np.array([0.0, 0.0, 100.0]), "bo": -10.0}


def sequence(rng, T, x2_values=(-1, 0, 1), ends_with_output=False):
    """A sequence of the SPEC's distribution, x2 drawn from ``x2_values``; optionally its
    last step adds and outputs (so that the right output there is not 0)."""
    x = np.stack([rng.integers(1, 10, T), rng.choice(x2_values, T), rng.integers(0, 2, T)], axis=1)
    if ends_with_output:
        x[-1, 1:] = (1, 1)
    return x.astype(np.float64)


def judge_design(student, solution, sequences, what: str, memory: bool = False):
    """Run the reference cell with the student's design on every sequence; fail on the
    first sequence where an output is off by 0.05 or more, naming the behaviour. With
    ``memory``, the memory itself is judged instead (at the scale the design keeps it,
    ``memory_scale``): a test of adding, holding or resetting then depends on that
    behaviour alone, not also on the output gate."""
    design = as_design(student.design_memory_cell())
    if isinstance(design, Verdict):
        return design
    runs = [solution.reference.memory_cell_forward(x.copy(), design) for x in sequences]
    scale = memory_scale(sequences, [c for _, c in runs]) if memory else 1.0
    if memory and scale < 1 - TOL:
        return Verdict.fail(f"a correct memory cell with your weights keeps no memory of {what}: it should hold "
                            "the sum of the added x1 (no output gate can read out more than the memory holds)")
    for k, (x, (y, c)) in enumerate(zip(sequences, runs)):
        problem = first_memory_failure(x, c, scale) if memory else first_failure(x, y, c)
        if problem:
            where = what if len(sequences) == 1 else f"{what} (sequence {k + 1} of {len(sequences)})"
            verdict = Verdict.fail(f"a correct memory cell with your weights does not do the task on {where}: "
                                   f"{problem}")
            break
    else:
        return None

    def judged(module):
        theirs = as_design(module.design_memory_cell())
        return [solution.reference.memory_cell_forward(x.copy(), theirs)[1 if memory else 0] for x in sequences]

    # Recognised by behaviour: a design whose outputs (memories) are within the task's
    # tolerance of a known wrong design's (and that design is wrong here) makes its mistake.
    hint = solution.recognise(judged, [c if memory else y for y, c in runs], rtol=0.0, atol=TOL)
    return with_hint(verdict, hint)


# ------------------------------------------------------------------ forward


def random_params(rng):
    return {k: rng.normal(size=3) for k in WEIGHTS} | {k: float(rng.normal()) for k in BIASES}


@pytest.mark.points(0.75)
@pytest.mark.parametrize("T, kind", [(1, "real"), (7, "real"), (20, "task")],
                         ids=["T=1", "T=7, real-valued inputs", "T=20, a task sequence"])
def test_forward_random(student, solution, rng, T, kind):
    """memory_cell_forward with random weights"""
    x = rng.normal(size=(T, 3)) if kind == "real" else sequence(rng, T)
    params = random_params(rng)
    return solution.judge(student.memory_cell_forward(x, params), "memory_cell_forward", x, params)


@pytest.mark.points(0.5)
def test_forward_saturated(student, solution, rng):
    """memory_cell_forward with the slide's saturated gates on a random task sequence (T = 15)"""
    x = sequence(rng, 15)
    return solution.judge(student.memory_cell_forward(x, SLIDE_PARAMS), "memory_cell_forward", x, SLIDE_PARAMS)


# ------------------------------------------------------------------ design


@pytest.mark.points(1)
def test_design_slide_sequence(student, solution):
    """design_memory_cell does the task on the slide's sequence (0 0 0 0 0 7 0 0 6)"""
    return judge_design(student, solution, [SLIDE_X], "the slide's sequence")


@pytest.mark.points(1.5)
def test_design_random_sequences(student, solution, rng):
    """design_memory_cell does the task on 40 random sequences (lengths 1 to 20)"""
    sequences = [sequence(rng, int(rng.integers(1, 21))) for _ in range(40)]
    return judge_design(student, solution, sequences, "a random sequence")


@pytest.mark.points(0.5)
def test_design_adds(student, solution, rng):
    """design_memory_cell adds x1 whenever x2 = 1 (sequences of additions)"""
    sequences = [sequence(rng, int(rng.integers(2, 12)), (1,), True) for _ in range(10)]
    return judge_design(student, solution, sequences, "a sequence of additions", memory=True)


@pytest.mark.points(0.5)
def test_design_holds(student, solution, rng):
    """design_memory_cell holds the memory while x2 = 0 (long gaps between additions)"""
    sequences = []
    for _ in range(10):
        x = sequence(rng, int(rng.integers(8, 21)), (0,), True)
        x[0, 1] = 1  # something to hold from the first step on
        sequences.append(x)
    return judge_design(student, solution, sequences, "a sequence that holds the memory", memory=True)


@pytest.mark.points(0.5)
def test_design_resets(student, solution, rng):
    """design_memory_cell resets the memory whenever x2 = −1"""
    sequences = [sequence(rng, int(rng.integers(4, 16)), (-1, 1), True) for _ in range(10)]
    return judge_design(student, solution, sequences, "a sequence of additions and resets", memory=True)


@pytest.mark.points(0.5)
def test_design_outputs(student, solution, rng):
    """design_memory_cell outputs the memory exactly when x3 = 1"""
    sequences = []
    for _ in range(10):
        x = sequence(rng, int(rng.integers(4, 16)), (0, 1), True)
        x[0, 1] = 1  # a memory that is not 0 from the first step on
        sequences.append(x)
    return judge_design(student, solution, sequences, "a sequence that outputs on and off")


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.25)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/memory_cell/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """memory_cell_forward does not modify its input array x"""
    x, params = rng.normal(size=(5, 3)), random_params(rng)
    return solution.unmodified(student, "memory_cell_forward", x, params)
