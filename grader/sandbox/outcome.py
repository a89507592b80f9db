"""What one student call produced, as the grader sees it, and the cleaning of what the
worker reported (every field comes from a process the student controls)."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from grader.sandbox import protocol


@dataclass(frozen=True)
class CallOutcome:
    """What one student call produced, as seen from the grader.

    ``result`` is the decoded return value (arrays, tuples, Handles, Foreign markers);
    ``error`` the description of a raised exception; ``failure`` a WorkerFailure kind
    and detail when the worker timed out, died or misbehaved; ``mutated`` the names of
    array arguments whose values changed during the call, ``returned`` those whose arrays
    the result holds (the inputs themselves, not copies): both for tracked calls only.
    """

    ok: bool
    result: object = None
    error: dict | None = None
    failure: tuple[str, str] | None = None
    mutated: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    grad_calls: int = 0
    grad_points: tuple = ()
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()  # builtin warning categories raised during the call


_printable = protocol.printable


def warning_names(names) -> tuple[str, ...]:
    """Builtin warning categories only: anything else is a name chosen by student code."""
    if not isinstance(names, list):
        return ()
    return tuple(sorted({n for n in names if isinstance(n, str) and n in _WARNING_NAMES}))


_WARNING_NAMES = frozenset(n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, Warning))


EXCEPTION_NAMES = frozenset(n for n, v in vars(builtins).items()
                            if isinstance(v, type) and issubclass(v, BaseException))


def clean_error(error, lines: int = 0) -> dict:
    """The worker's description of an exception, every field checked: ``line`` kept only
    when it is a line of the submission's ``lines`` (a free number would be a way out for
    a hidden test's inputs, even where the message itself is not shown)."""
    if not isinstance(error, dict):
        return {"type": "Error", "kinds": [], "message": "", "line": None, "not_implemented": False, "exit": False,
                "missing": False}
    line = error.get("line")
    kind = _printable(error.get("type"), 100) or "Error"
    return {
        "type": kind,
        # Only names of builtin exceptions: anything else the worker claims is dropped.
        "kinds": [k for k in error["kinds"][:12] if type(k) is str and k in EXCEPTION_NAMES]
        if isinstance(error.get("kinds"), list) else [],
        "message": _printable(error.get("message"), 600),
        "line": line if type(line) is int and 1 <= line <= lines else None,
        "not_implemented": error.get("not_implemented") is True,
        "exit": error.get("exit") is True,
        "missing": kind == "Missing",
    }


def argument_names(reported, args: tuple, kwargs: dict, names: tuple[str, ...]) -> tuple[str, ...]:
    """Names of the arguments the worker reported (changed in place, or handed back): positions of
    ``args`` (named by ``names``) and keys of ``kwargs``; anything else is ignored, and so
    are the worker's own kept objects handed back (a ``cache``, by handle or as an earlier
    output): they belong to the student's code, whose backward pass may consume its cache."""
    if not isinstance(reported, list):
        return ()
    changed = []
    for key in reported[:64]:
        if type(key) is int and 0 <= key < len(args) and not _kept(args[key]):
            name = names[key] if key < len(names) else f"argument {key + 1}"
        elif type(key) is str and key in kwargs and not _kept(kwargs[key]):
            name = key
        else:
            continue
        if name not in changed:
            changed.append(name)
    return tuple(changed)


def _kept(argument) -> bool:
    return isinstance(argument, (protocol.Handle, protocol.Earlier))
