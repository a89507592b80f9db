"""The `init` picture: how the signal's scale evolves through a deep network.

Per-layer standard deviations of a 20-layer network of width 64 (no biases), one fixed
input batch, for each initialization with the activation it was made for: He with ReLU,
Xavier with tanh, LeCun with SELU, drawn with the student's initializers (a fresh
``SeededRng`` per layer) and measured with the reference's ``layer_stds`` (SELU, not one
of its activations, computed here). Two badly scaled initializations, N(0, 1) and
N(0, 0.01²), drawn here, show what the right ones avoid: on the log scale the signal
explodes or vanishes with depth.
"""

from __future__ import annotations

import numpy as np

from grader.checks import SeededRng
from grader.engine.issues import StudentIssue
from grader.feedback import charts
from grader.feedback.plots import fixed
from grader.model import Status

DEPTH, WIDTH, BATCH = 20, 64, 32  # 20 student calls of 32 KiB per initializer
SEED = 2024
SELU_LAMBDA, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772
SETUPS = (  # (label, initializer, activation)
    ("He, ReLU", "he_normal", "relu"),
    ("Xavier (uniform), tanh", "xavier_uniform", "tanh"),
    ("LeCun, SELU", "lecun_normal", "selu"),
)


def selu(z: np.ndarray) -> np.ndarray:
    """λz for z > 0, λα(eᶻ − 1) otherwise (SPEC 7); exp only of non-positive numbers."""
    return SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0.0)))


def stds_through(reference, x: np.ndarray, weights: list, activation: str) -> np.ndarray:
    """(DEPTH,) standard deviations of every layer's output: the reference's layer_stds, or
    the same loop with SELU."""
    if activation != "selu":
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray(reference.layer_stds(x, weights, activation), dtype=np.float64)
    h, out = x, []
    with np.errstate(over="ignore", invalid="ignore"):
        for W in weights:
            h = selu(h @ W)
            out.append(float(np.std(h)))
    return np.array(out)


def student_weights(student, func: str) -> list:
    """DEPTH (WIDTH, WIDTH) weight matrices from the student's ``func``; StudentIssue when a
    call fails or returns something else."""
    weights = []
    for W in student.values(func, [(WIDTH, WIDTH, SeededRng(SEED + layer)) for layer in range(DEPTH)]):
        if not isinstance(W, np.ndarray) or W.shape != (WIDTH, WIDTH) or W.dtype.kind != "f":
            raise StudentIssue(Status.FAILED, f"`{func}({WIDTH}, {WIDTH}, rng)` did not return a "
                               f"float array of shape ({WIDTH}, {WIDTH})")
        weights.append(W.astype(np.float64))
    return weights


def badly_scaled(reference, x: np.ndarray) -> tuple:
    """((label, (DEPTH,) stds), ...) of ReLU networks drawn N(0, 1) and N(0, 0.01²)."""
    bad = np.random.default_rng(SEED + 1)
    out = []
    for label, scale in (("N(0, 1), ReLU: explodes", 1.0), ("N(0, 0.01²), ReLU: vanishes", 0.01)):
        weights = [scale * bad.standard_normal((WIDTH, WIDTH)) for _ in range(DEPTH)]
        out.append((label, stds_through(reference, x, weights, "relu")))
    return tuple(out)


def curve(label: str, stds: np.ndarray, role: str) -> charts.Line:
    """A line over layers 1..DEPTH; non-finite or non-positive values (not drawable on a log
    scale) end the line there."""
    good = np.isfinite(stds) & (stds > 0)
    end = int(np.argmin(good)) if not good.all() else len(stds)
    return charts.Line(label, np.arange(1, end + 1, dtype=np.float64), stds[:end], role)


def build(student, reference) -> charts.Chart:
    x = np.random.default_rng(SEED).standard_normal((BATCH, WIDTH))
    lines = []
    for label, func, activation in SETUPS:
        try:
            weights = student_weights(student, func)
        except StudentIssue as issue:
            lines.append(charts.missing(f"{label} (yours)", issue.message))
            continue
        lines.append(curve(f"{label} (yours)", stds_through(reference, x, weights, activation), label))
    for label, stds in fixed.once(reference, "init badly scaled", lambda: badly_scaled(reference, x)):
        lines.append(curve(label, stds, "reference"))
    panel = charts.Panel("Standard deviation of each layer's output", tuple(lines), "layer",
                         "standard deviation (log scale)", log_y=True)
    return charts.Chart("init", (panel,), caption=(
        "With a variance matched to the activation (He for ReLU, Xavier for tanh, LeCun for SELU) the "
        "signal keeps its scale through 20 layers; with weights too large or too small it explodes or "
        "vanishes exponentially with depth."))
