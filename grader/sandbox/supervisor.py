"""The grader's side of the sandbox: start, talk to, time and kill worker processes.

``Sandbox`` holds one submission file. It starts a worker lazily, loads the source, and
serves ``call`` requests; after a timeout or crash it kills the worker (and every process
the worker left behind) and starts a fresh one for the next call, so one hanging
function does not cost the tests of the others. Every limit is enforced from here:
wall-clock deadlines, response size caps, and the kill.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from grader.sandbox import protocol
from grader.sandbox.isolation import sandbox_uid
from grader.sandbox.launcher import DirectLauncher, Launcher, WorkerProcess
from grader.sandbox.limits import Limits
from grader.sandbox.outcome import CallOutcome, clean_error, mutated_arguments, warning_names
from grader.sandbox.reaper import drain, kill_uid

def _has_handle(result) -> bool:
    if isinstance(result, (tuple, list)):
        return any(isinstance(v, protocol.Handle) for v in result)
    return isinstance(result, protocol.Handle)


class WorkerFailure(Exception):
    """The worker did not answer properly: it timed out, died, or broke the protocol."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind  # "timeout" | "crash" | "protocol"
        self.detail = detail


@dataclass
class _Live:
    proc: WorkerProcess
    req_fd: int
    resp_fd: int
    output: bytearray
    drain: threading.Thread
    generation: int
    # One selector per worker: a call waits on it twice (length, then payload).
    responses: selectors.BaseSelector = field(default_factory=selectors.DefaultSelector)


class Sandbox:
    """One submission file, served by a (re)startable worker process."""

    def __init__(self, filename: str, source: str, module: str, limits: Limits,
                 hide: list[str], isolate: bool = True, launcher: Launcher | None = None):
        self.filename = filename
        self.launcher = launcher or DirectLauncher()
        self.source = source
        self.module = module
        self.limits = limits
        self.hide = hide
        self.isolate = isolate
        self.functions: tuple[str, ...] = ()
        self.load_error: dict | None = None
        self.load_failure: tuple[str, str] | None = None
        self.isolation: dict = {}
        self._live: _Live | None = None
        self._holding = False  # the worker holds objects for handles it returned
        self._generation = 0
        self._workdir = tempfile.mkdtemp(prefix="grader-work-")

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._kill()
        shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def generation(self) -> int:
        return self._generation

    def output(self) -> str:
        """What the student's code printed (capped), across restarts of the current worker."""
        if self._live is None:
            return ""
        return bytes(self._live.output).decode("utf-8", "replace")

    def ensure_loaded(self) -> bool:
        """Start a worker and import the submission if needed; False if it cannot load.

        An import that failed (exception, timeout, crash) is remembered: the same
        source fails the same way again, so it is not retried for every test.
        """
        if self.load_error or self.load_failure:
            return False
        if self._live is not None:
            return True
        try:
            self._start()
            header, _ = self._request({"op": "load", "filename": self.filename, "module": self.module},
                                      {"source": self.source}, self.limits.import_seconds)
        except WorkerFailure as failure:
            self._kill()
            self.load_failure = (failure.kind, failure.detail)
            return False
        if not header.get("ok"):
            self.load_error = clean_error(header.get("error"))
            self._kill()
            return False
        names = header.get("functions")
        self.functions = tuple(f[:100] for f in (names if isinstance(names, list) else [])
                               if isinstance(f, str) and f.isidentifier())
        return True

    def call(self, func: str, args: tuple, kwargs: dict, keep: tuple[int, ...], timeout: float,
             arg_names: tuple[str, ...] = (), track_inputs: bool = True) -> CallOutcome:
        """Call ``func(*args, **kwargs)`` in the worker; ``keep`` marks outputs to hold as handles."""
        start = time.perf_counter()
        if not self.ensure_loaded():
            return CallOutcome(ok=False, error=self.load_error, failure=self.load_failure)
        try:
            header, values = self._request(
                {"op": "call", "func": func, "keep": list(keep), "track": track_inputs},
                {"args": tuple(args), "kwargs": dict(kwargs)}, timeout)
        except WorkerFailure as failure:
            self._kill()
            return CallOutcome(ok=False, failure=(failure.kind, failure.detail),
                               seconds=time.perf_counter() - start)
        mutated = mutated_arguments(header.get("mutated"), len(args), kwargs, arg_names) if track_inputs else ()
        elapsed = time.perf_counter() - start
        if not header.get("ok"):
            return CallOutcome(ok=False, error=clean_error(header.get("error")), mutated=mutated,
                               seconds=elapsed)
        self._holding = self._holding or _has_handle(values.get("result"))
        calls = values.get("grad_calls")
        points = values.get("grad_points")
        return CallOutcome(
            ok=True, result=values.get("result"), mutated=mutated,
            grad_calls=int(calls) if isinstance(calls, (int, np.integer)) else 0,
            grad_points=tuple(p for p in points if isinstance(p, np.ndarray)) if isinstance(points, list) else (),
            seconds=elapsed, warnings=warning_names(header.get("warnings")))

    def forget_handles(self) -> None:
        """Free the objects earlier calls left in the worker (their handles become invalid).

        Called between tests, whose caches never outlive them; a worker otherwise keeps
        every cache it ever made, and a long test suite then pays in memory and speed."""
        if not self._holding or self._live is None:
            return
        self._holding = False
        try:
            self._request({"op": "forget"}, {}, self.limits.call_seconds)
        except WorkerFailure:
            self._kill()

    # ------------------------------------------------------------ process
    def _fresh_workdir(self) -> None:
        """An empty working directory for every worker: nothing an earlier one left there
        (files, symlinks) survives into the next, which starts with more privileges."""
        shutil.rmtree(self._workdir, ignore_errors=True)
        self._workdir = tempfile.mkdtemp(prefix="grader-work-")

    def _start(self) -> None:
        if self._generation:
            self._fresh_workdir()
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        protocol.enlarge_pipe(req_w)
        protocol.enlarge_pipe(resp_w)
        try:
            proc = self.launcher.spawn(self._workdir, req_r, resp_w)
        finally:
            os.close(req_r)
            os.close(resp_w)
        output = bytearray()
        reader = threading.Thread(target=drain, args=(proc.stdout, output, self.limits.output_bytes),
                                  daemon=True)
        reader.start()
        self._generation += 1
        self._live = _Live(proc, req_w, resp_r, output, reader, self._generation)
        self._live.responses.register(resp_r, selectors.EVENT_READ)
        setup = {"workdir": self._workdir, "hide": self.hide, "limits": self.limits.rlimits(),
                 "isolate": self.isolate}
        header, _ = self._request({"op": "setup", "setup": setup}, {}, self.limits.start_seconds)
        if not header.get("ok"):
            raise WorkerFailure("setup", "the sandbox could not be set up: "
                                + str((header.get("error") or {}).get("message", ""))[:300])
        report = header.get("isolation") if isinstance(header.get("isolation"), dict) else {}
        self.isolation = {"applied": [str(x) for x in report.get("applied", [])],
                          "missing": [str(x) for x in report.get("missing", [])]}

    def _request(self, header: dict, values: dict, timeout: float) -> tuple[dict, dict]:
        live = self._live
        try:
            protocol.write_frame(live.req_fd, protocol.encode_parts(header, values))
        except OSError:
            raise WorkerFailure("crash", self._death_reason()) from None
        deadline = time.monotonic() + timeout

        def read(n: int) -> bytes:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not live.responses.select(remaining):
                raise WorkerFailure("timeout", "time limit exceeded")
            return os.read(live.resp_fd, n)

        try:
            return protocol.decode_message(protocol.read_frame(read))
        except EOFError:
            raise WorkerFailure("crash", self._death_reason()) from None
        except protocol.ProtocolError as exc:
            raise WorkerFailure("protocol", protocol.printable(str(exc), 300)) from None
        except (ValueError, TypeError, OverflowError, MemoryError, RecursionError):
            # Every byte comes from a process the student controls: whatever the decoder
            # trips over is a broken answer, never a crash of the grader.
            raise WorkerFailure("protocol", "the worker sent a malformed answer") from None

    def _death_reason(self) -> str:
        code = self._live.proc.wait(2.0)
        if code is None:
            return "the process closed its connection to the grader"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            hints = {"SIGSEGV": "a segmentation fault", "SIGKILL": "killed (likely the memory limit)",
                     "SIGXCPU": "the CPU time limit", "SIGXFSZ": "the file size limit"}
            return f"the process was ended by {name} ({hints.get(name, 'a signal')})"
        return f"the process exited with code {code} (os._exit or a crash)"

    def _kill(self) -> None:
        live, self._live = self._live, None
        self._holding = False
        if live is None:
            return
        live.responses.close()
        for fd in (live.req_fd, live.resp_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(live.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        kill_uid(sandbox_uid(live.proc.pid), self.launcher)
        live.proc.wait(5.0)
        live.drain.join(timeout=1)
        # A process that escaped every kill may still hold the output pipe open: closing
        # the stream would then wait forever for the drain thread's read. Leave it.
        if live.proc.stdout and not live.drain.is_alive():
            live.proc.stdout.close()


