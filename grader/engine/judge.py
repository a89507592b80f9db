"""``solution`` fixture: judge a student's outputs against the reference solution.

Hidden tests call ``solution.judge(got, "nag_step", *args)``: the reference computes
the expected outputs from fresh copies of the same arguments, each non-opaque output is
compared, and when the student's outputs match a known mistake instead, the message
names that misconception. ``recognised`` logs the name of every known mistake
recognised so far (``solutions/mistakes/<assignment>/<name>.py``), in order: the plugin
reads the part a test added and records it with the test's result.
"""

from __future__ import annotations

import types
from typing import Callable, Sequence

import numpy as np

from grader.checks.behaviour import FreshCache, Unchanged, Untouched, expect_unmodified_each, written_arguments
from grader.checks.compare import RTOL, compare, compare_dict, compare_list
from grader.checks.recognise import matching_mistake, with_hint
from grader.checks.inputs import local_copy
from grader.checks.verdict import Verdict, combine
from grader.course import Assignment
from grader.engine.reference import Mistake
from grader.engine.reference_memo import ReferenceMemo, frozen


class Solution:
    def __init__(self, assignment: Assignment, reference: types.ModuleType,
                 load_mistakes: Callable[[], tuple[Mistake, ...]], memo: ReferenceMemo | None = None):
        self.assignment = assignment
        self.memo = memo
        self.reference = reference
        self._load_mistakes = load_mistakes
        self._mistakes: tuple[Mistake, ...] | None = None
        self.recognised: list[str] = []

    @property
    def mistakes(self) -> tuple[Mistake, ...]:
        """Known mistakes, loaded on the first failing check (correct work never needs them)."""
        if self._mistakes is None:
            self._mistakes = self._load_mistakes()
        return self._mistakes

    def run(self, func: str, *args, module: types.ModuleType | None = None, **kwargs) -> tuple:
        """Outputs of ``func`` (reference by default) on fresh copies of the arguments, as a
        tuple of read-only arrays (and other values); with a ``memo``, a question asked
        before is answered from it. Read-only with or without the memo, so that a test
        behaves the same in a cold run and in a batch."""
        module = module or self.reference
        source = getattr(module, "__source_digest__", None)
        key = self.memo.key(source, func, args, kwargs) if self.memo is not None and source else None
        if key is not None:
            remembered = self.memo.get(key)
            if remembered is not None:
                return remembered
        out = getattr(module, func)(*[local_copy(a) for a in args],
                                    **{k: local_copy(v) for k, v in kwargs.items()})
        out = frozen((out,) if self.assignment.function(func).single else tuple(out))
        if key is not None:
            self.memo.put(key, out)
        return out

    def expected(self, func: str, *args, **kwargs):
        """The reference's return value (a single value, or a tuple)."""
        out = self.run(func, *args, **kwargs)
        return out[0] if self.assignment.function(func).single else out

    def judge(self, got, func: str, *args, rtol: float = RTOL, atol: float | None = None,
              outputs: tuple[str, ...] | None = None, **kwargs) -> Verdict:
        """Compare every non-opaque output (or only ``outputs``) with the reference's."""
        api = self.assignment.function(func)
        got_items = (got,) if api.single else tuple(got)
        expected = self.run(func, *args, **kwargs)
        indices = [i for i, name in enumerate(api.returns)
                   if i not in api.opaque and (outputs is None or name in outputs)]
        verdicts = [_compare_output(got_items[i], expected[i], api.label(api.returns[i]), rtol=rtol, atol=atol)
                    for i in indices]
        result = combine(verdicts)
        if result.passed:
            return result
        # Recognised on every judged output: a known mistake is the student's only when it
        # also gets right what the student got right.
        hint = self.recognise(lambda module: [self.run(func, *args, module=module, **kwargs)[i] for i in indices],
                              [got_items[i] for i in indices], rtol=rtol, atol=atol,
                              correct=[expected[i] for i in indices])
        return with_hint(result, hint)

    def unmodified(self, student, func: str, *args, rtol: float = RTOL, **kwargs) -> Verdict:
        """``expect_unmodified`` judged by the reference (``judge``, within ``rtol``) on the
        same arguments (see ``Unchanged``); a call that writes into arguments gets the hint
        of a known mistake that writes into the same ones."""
        return self.unmodified_each(student, [Unchanged(func, args, rtol, kwargs)])[0]

    def unmodified_each(self, student, checks: Sequence[Unchanged | Untouched]) -> list[Verdict]:
        """``unmodified`` for each of ``checks``, in one round trip to the sandbox (an argument
        may be a ``FreshCache``: a backward call's cache from the student's own forward); an
        ``Untouched`` check is judged by its own ``right``, without hints."""
        references = [self._reference_args(c) if isinstance(c, Unchanged) else () for c in checks]
        verdicts = expect_unmodified_each(student, [Untouched(c.func, c.args, self._right(c, ref), c.kwargs, c.copies)
                                                    if isinstance(c, Unchanged) else c
                                                    for c, ref in zip(checks, references)])
        return [self._writes(c, ref, v) if isinstance(c, Unchanged) else v
                for c, ref, v in zip(checks, references, verdicts)]

    def _reference_args(self, check: Unchanged) -> tuple:
        """``check``'s arguments, each ``FreshCache`` replaced by the reference's cache from
        the same forward call."""
        return tuple(self.run(a.forward, *a.args)[-1] if isinstance(a, FreshCache) else a for a in check.args)

    def _right(self, check: Unchanged, reference_args: tuple) -> Callable:
        return lambda got: self.judge(got, check.func, *reference_args, rtol=check.rtol, **check.kwargs)

    def _writes(self, check: Unchanged, reference_args: tuple, verdict) -> Verdict:
        """``verdict``, with the hint of a known mistake that writes into the same arguments."""
        if not verdict.mutated:
            return verdict
        names = self.assignment.function(check.func).args[:len(check.args)]
        flags = np.array([float(n in verdict.mutated) for n in names])
        return with_hint(verdict, self.recognise(
            lambda module: written_arguments(getattr(module, check.func), reference_args, names, **check.kwargs),
            flags))

    def recognise(self, compute: Callable, got, *, rtol: float = RTOL, atol: float | None = None,
                  correct=None) -> str:
        """The hint of the first known mistake whose ``compute(module)`` gives ``got``
        (see ``grader.checks.known_mistake``; ``correct``: the reference's, when known); its
        name is appended to ``recognised``."""
        mistake = matching_mistake(self.reference, self.mistakes, compute, got, rtol=rtol, atol=atol,
                                   correct=correct)
        return self._recognised(mistake)

    def recognise_where(self, matches: Callable[[types.ModuleType], bool]) -> str:
        """The hint of the first known mistake whose module ``matches`` (a variant that
        raises does not), for judgements that are no comparison of outputs (statistics);
        its name is appended to ``recognised``."""
        for mistake in self.mistakes:
            try:
                if matches(mistake.module):
                    return self._recognised(mistake)
            except Exception:  # noqa: BLE001 - a variant may be undefined on these inputs
                continue
        return ""

    def _recognised(self, mistake: Mistake | None) -> str:
        if mistake is None:
            return ""
        self.recognised.append(mistake.name)
        return mistake.hint


def _compare_output(got, expected, name: str, **tolerances) -> Verdict:
    """An output that is a list of arrays (clipped gradients) is judged array by array, a
    dict of arrays (a network's params or grads) key by key."""
    if isinstance(expected, list):
        return compare_list(got, expected, name, **tolerances)
    if isinstance(expected, dict):
        return compare_dict(got, expected, name, **tolerances)
    return compare(got, expected, name, **tolerances)
