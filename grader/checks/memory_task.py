"""The lecture's memory task (SPEC 12), for judging a designed memory cell.

m_0 = 0; m_t = m_{t−1} + x1 if x2 = 1, 0 if x2 = −1, else m_{t−1}; the target output is
m_t when x3 = 1, else 0. A design is judged by the outputs a memory cell gives with its
weights: every one within ``TOL`` of the target. Nothing here is an answer: the rules are
the SPEC's, and the cell itself is run by the caller (the reference in hidden tests).
"""

from __future__ import annotations

import numpy as np

from grader.checks.compare import describe_type
from grader.checks.verdict import Verdict

TOL = 0.05  # every output of the designed cell must be this close to the task's target
WEIGHTS = ("wz", "wi", "wf", "wo")
BIASES = ("bz", "bi", "bf", "bo")
# The slide's sequence, rows (x1, x2, x3); the task's outputs on it are 0 0 0 0 0 7 0 0 6.
SLIDE_X = np.array([[1, 0, 0], [3, 1, 0], [2, 0, 0], [4, 1, 0], [2, 0, 0],
                    [1, 0, 1], [3, -1, 0], [6, 1, 0], [1, 0, 1]], dtype=np.float64)
KIND = {1.0: ("adding", "an adding step, x2 = 1"), 0.0: ("holding", "a holding step, x2 = 0"),
        -1.0: ("resetting", "a resetting step, x2 = −1")}


def task(x):
    """The task's memory m_t and target output for x (T, 3)."""
    memory, m, target = 0.0, [], []
    for x1, x2, x3 in x:
        memory = memory + x1 if x2 == 1 else 0.0 if x2 == -1 else memory
        m.append(memory)
        target.append(memory if x3 == 1 else 0.0)
    return np.array(m), np.array(target)


def as_design(got):
    """The returned design as {w: float array (3,), b: float}, or a failing Verdict."""
    if not isinstance(got, dict):
        return Verdict.fail(f"design_memory_cell should return a dict with keys {', '.join(WEIGHTS + BIASES)}; "
                            f"got {describe_type(got)}")
    missing = [k for k in WEIGHTS + BIASES if k not in got]
    if missing:
        return Verdict.fail(f"design_memory_cell: the returned dict has no key {', '.join(map(repr, missing))}")
    design = {}
    for key in WEIGHTS:
        value = np.asarray(got[key]) if isinstance(got[key], (np.ndarray, list, tuple)) else None
        if value is None or value.shape != (3,) or value.dtype.kind not in "iuf":
            return Verdict.fail(f"design_memory_cell → {key}: expected 3 numbers (an array or a list), "
                                f"got {describe_type(got[key])}")
        design[key] = value.astype(np.float64)
    for key in BIASES:
        value = got[key]
        if isinstance(value, np.ndarray) and value.shape == ():
            value = value[()]
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            return Verdict.fail(f"design_memory_cell → {key}: expected a real number, got {describe_type(got[key])}")
        design[key] = float(value)
    if not all(np.isfinite(v).all() for v in design.values()):
        return Verdict.fail("design_memory_cell: every weight and bias must be a finite number")
    return design


def first_failure(x, y, c) -> str:
    """Which behaviour of the designed cell fails first on x (empty when none): the step
    (counting from 1) and its kind, judged from the cell's output y and memory c."""
    m, target = task(x)
    wrong = ~(np.abs(y - target) < TOL)
    if not wrong.any():
        return ""
    t = int(np.argmax(wrong))
    if x[t, 2] != 1:
        return (f"outputting fails at step {t + 1} (x3 = 0): the output must be 0 there, "
                "so the output gate must be closed when x3 = 0")
    memory_wrong = ~(np.abs(c[:t + 1] - m[:t + 1]) < TOL)
    if memory_wrong.any():
        s = int(np.argmax(memory_wrong))
        behaviour, kind = KIND[float(x[s, 1])]
        return (f"{behaviour} fails: the memory is wrong from step {s + 1} ({kind}) on, "
                f"so the output at step {t + 1} (x3 = 1) is wrong")
    return (f"outputting fails at step {t + 1} (x3 = 1): the memory is right but the output is not "
            "the memory, so the output gate must be fully open when x3 = 1")


def memory_scale(xs, memories) -> float:
    """The factor k of memories c ≈ k·m, m the task's memory, read at the first step of
    the sequences ``xs`` that holds something (an addition: |m| ≥ 1), so that a later
    mistake (no reset) is blamed on its own step: a cell may keep the memory at any fixed
    scale k ≥ 1 (an output gate half open reads 2m out as m), never below (its gate cannot
    open wider than 1). 0 when no sequence adds anything."""
    for x, c in zip(xs, memories):
        m = task(x)[0]
        held = np.flatnonzero(m != 0)
        if held.size:
            return float(np.asarray(c, dtype=np.float64).ravel()[held[0]] / m[held[0]])
    return 0.0


def first_memory_failure(x, c, scale: float) -> str:
    """Which behaviour of the designed cell's memory c fails first on x (empty when none):
    every c_t within ``TOL``·scale of scale·m_t, ``scale`` from ``memory_scale``."""
    m, _ = task(x)
    wrong = ~(np.abs(np.asarray(c, dtype=np.float64) - scale * m) < TOL * max(scale, 1.0))
    if not wrong.any():
        return ""
    s = int(np.argmax(wrong))
    behaviour, kind = KIND[float(x[s, 1])]
    return f"{behaviour} fails: the memory is wrong from step {s + 1} ({kind}) on"
