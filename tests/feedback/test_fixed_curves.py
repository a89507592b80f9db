"""A picture's reference half, drawn once per process and never changed by a builder."""

from __future__ import annotations

import types

import numpy as np
import pytest

from grader.feedback.plots import fixed


def module(digest):
    m = types.ModuleType("reference")
    if digest is not None:
        m.__source_digest__ = digest
    return m


def test_drawn_once_per_reference_source_and_read_only():
    calls = []

    def draw():
        calls.append(1)
        return (np.arange(3.0), [np.ones(2)])

    first = fixed.once(module("digest-a"), "test curve", draw)
    again = fixed.once(module("digest-a"), "test curve", draw)  # the next student's fresh reference module
    assert len(calls) == 1 and again is first
    with pytest.raises(ValueError):
        first[0][0] = 5.0
    with pytest.raises(ValueError):
        first[1][0][0] = 5.0
    fixed.once(module("digest-b"), "test curve", draw)  # an edited reference: drawn afresh
    fixed.once(module(None), "test curve", draw)  # no digest: never remembered
    fixed.once(module(None), "test curve", draw)
    assert len(calls) == 4
