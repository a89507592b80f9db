"""Where a sandboxed grading run spends its time, from timers wrapped around the sandbox's
methods in this (benchmark) process: worker start, imports, student calls, shutdown."""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict

from grader.sandbox.host import WorkerHost
from grader.sandbox.supervisor import Sandbox

# (label, class, method): the grader's waits and work at the trust boundary.
_TIMED = (
    ("worker start (wait for lock-down)", WorkerHost, "_finish_setup"),
    ("import of the submission", WorkerHost, "load"),
    ("student calls", Sandbox, "call"),
    ("worker shutdown", WorkerHost, "kill"),
)


@contextlib.contextmanager
def timers(timed=_TIMED):
    """Yields a dict label → [seconds, count], filled while the block runs; ``timed``
    lists (label, class, method) to time."""
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    originals = []
    for label, owner, name in timed:
        original = getattr(owner, name)
        originals.append((owner, name, original))

        def timed(*args, _original=original, _label=label, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label][0] += time.perf_counter() - start
                spent[_label][1] += 1

        setattr(owner, name, timed)
    try:
        yield spent
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
