"""Gradient checks: full elementwise versus random-direction, at test-sized shapes."""

from __future__ import annotations

import time

import numpy as np

from grader.checks import directional_derivative, numerical_gradient, random_direction


def _affine(x, W):
    return np.tanh(x @ W)


SHAPES = {  # (x shape, W shape): W is differentiated
    "small layer (W 4×6)": ((5, 4), (4, 6)),
    "lstm Wx (D=5, 4H=24)": ((6, 5), (5, 24)),
    "wide layer (W 64×64)": ((8, 64), (64, 64)),
}


def measure(repeats: int) -> dict:
    rng = np.random.default_rng(0)
    results = {}
    for label, (xs, ws) in SHAPES.items():
        x, W = rng.normal(size=xs), rng.normal(size=ws)
        dout = rng.normal(size=(xs[0], ws[1]))
        evaluations = {"full": 0, "direction": 0}

        def f(w, kind):
            evaluations[kind] += 1
            return _affine(x, w)

        times = {"full": [], "direction": []}
        for _ in range(repeats):
            evaluations.update(full=0, direction=0)
            start = time.perf_counter()
            numerical_gradient(lambda w: f(w, "full"), W, dout)
            times["full"].append(time.perf_counter() - start)
            start = time.perf_counter()
            directional_derivative(lambda w: f(w, "direction"), W, dout, random_direction(rng, W.shape))
            times["direction"].append(time.perf_counter() - start)
        results[label] = {kind: {"evaluations": evaluations[kind], "seconds": float(np.median(times[kind]))}
                          for kind in times}
    return results
