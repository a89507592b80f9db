"""What the calls that travel together mean, made one by one: for a student module that
is no sandbox (the benchmark's in-process runs) or that must see every call on its own
(the otter exporter records each call as a call of its own)."""

from __future__ import annotations

from grader.checks.behaviour import FreshCache
from grader.sandbox.protocol import Earlier


class OneByOne:
    """``values``, ``values_each``, ``outcomes``, ``tracked_each``, ``forward_backward`` and
    ``forward_backward_each`` (see ``StudentProxy``) in terms of the class's ``value``,
    ``call`` and ``tracked``, each call made on its own."""

    def values(self, name, arg_lists):
        return [self.value(name, *args) for args in arg_lists]

    def values_each(self, calls):
        # An Earlier(j, k) argument is output k of call j, as the worker resolves it.
        done = []

        def resolved(a):
            return done[a.call][a.output] if isinstance(a, Earlier) else a

        for name, args, *kwargs in calls:
            done.append(self.value(name, *map(resolved, args),
                                   **{k: resolved(v) for k, v in (kwargs[0] if kwargs else {}).items()}))
        return done

    def outcomes(self, calls):
        return [self.call(name, *args) for name, args in calls]

    def tracked_each(self, calls):
        # Each fresh cache from a call of its own forward, then the tracked call.
        return [self.tracked(name, *[self.value(a.forward, *a.args)[-1] if isinstance(a, FreshCache) else a
                                     for a in args], **kwargs) for name, args, kwargs in calls]

    def forward_backward(self, forward, args, backward, upstream):
        out = self.value(forward, *args)
        return out, self.value(backward, *upstream, out[-1])

    def forward_backward_each(self, passes):
        return [self.forward_backward(*p) for p in passes]
