"""One student's worker process, as the grader drives it: start, talk to, time and kill.

A ``WorkerHost`` serves every submission file of one student (each a ``Sandbox``):
the files are imported into the same worker as they are first needed, so a student
costs one worker start rather than one per assignment. After a timeout or crash the
worker is killed with every process it left behind; the next request starts a fresh
one, and each file is imported again when it is next called. Every limit is enforced
from here: wall-clock deadlines, response size caps, and the kill.

Sharing is only ever among one student's own files: what one of them does to the
worker (patching NumPy, say) can change nothing but that student's own returned values.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field

from grader.sandbox import protocol, waiting
from grader.sandbox.launcher import DirectLauncher, Launcher, WorkerProcess
from grader.sandbox.limits import Limits
from grader.sandbox.output import Captured, capture


class WorkerFailure(Exception):
    """The worker did not answer properly: it timed out, died, or broke the protocol."""

    def __init__(self, kind: str, detail: str, step: int = 0):
        super().__init__(detail)
        self.kind = kind  # "timeout" | "crash" | "protocol" | "setup"
        self.detail = detail
        self.step = step  # in a sequence of calls, the one that was running


@dataclass
class _Live:
    proc: WorkerProcess
    req_fd: int
    resp_fd: int
    progress_fd: int  # the worker writes the index of each call of a sequence it starts
    output: Captured  # filled as it comes (output.py)
    generation: int
    # A call waits on this for each chunk of the answer.
    responses: select.poll = field(default_factory=select.poll)
    answers: protocol.FrameReader = field(default_factory=protocol.FrameReader)
    loaded: set = field(default_factory=set)  # modules imported into this worker
    setup_deadline: float | None = None  # set while the answer to "setup" is unread
    answer_watch: float = 0.0  # how long to watch for an answer before sleeping (waiting.py)
    ahead: str | None = None  # a module whose import was sent ahead (``load_ahead``), its answer unread
    imported: dict = field(default_factory=dict)  # module -> the answer to its import, read before it was asked for


class WorkerHost:
    """A (re)startable worker process for one student's files.

    ``hide`` lists paths the worker must not see; ``generation`` counts the workers
    started so far.
    """

    def __init__(self, limits: Limits, hide: list[str], isolate: bool = True,
                 launcher: Launcher | None = None):
        self.launcher = launcher or DirectLauncher()
        self.limits = limits
        self.hide = list(hide)
        self.isolate = isolate
        self.isolation: dict = {}
        self._live: _Live | None = None
        self._holding = False  # the worker holds objects for handles it returned
        self._forget = False  # the next request tells the worker to drop them first
        self._generation = 0
        self._workdir = tempfile.mkdtemp(prefix="grader-work-")
        self._failed_ahead: dict[str, WorkerFailure] = {}  # module -> how its import sent ahead failed
        # Set by the grader when a hidden test calls into the current worker, which may
        # keep its inputs from then on (a fresh worker, fresh files and /tmp, keeps none).
        self.saw_hidden_inputs = False

    def __enter__(self) -> "WorkerHost":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def generation(self) -> int:
        return self._generation

    def output(self) -> str:
        """What the student's code printed (capped), across restarts of the current worker."""
        if self._live is None:
            return ""
        return self._live.output.text()

    def worker_pid(self) -> int | None:
        """The running worker's process id (None when none runs): the process whose
        death the grader watches, with the student's processes below it."""
        return self._live.proc.pid if self._live is not None else None

    def has_loaded(self, module: str) -> bool:
        return self._live is not None and module in self._live.loaded

    def start_soon(self) -> None:
        """Start a worker without waiting for it: it locks itself down (~8 ms) while the
        caller goes on (pytest collecting the tests); the next request waits for it."""
        if self._live is None:
            self._spawn()

    def load(self, filename: str, source: str, module: str, cells: tuple[int, ...] = ()) -> dict:
        """Import ``source`` as ``module`` (starting a worker if none runs), cell by cell
        when ``cells`` gives the line each cell starts on; the answer's header."""
        self.start_soon()
        self._read_ahead()
        if module in self._failed_ahead:  # its import broke the worker it was sent to
            raise self._failed_ahead.pop(module)
        header = self._live.imported.pop(module, None)
        if header is None:
            header, _ = self.request(_load_request(filename, module, cells), {"source": source},
                                     self.limits.import_seconds)
        if header.get("ok"):
            self._live.loaded.add(module)
        return header

    def load_ahead(self, filename: str, source: str, module: str, cells: tuple[int, ...] = ()) -> None:
        """Send the import of ``source`` right behind a worker's setup (starting one if none
        runs) without waiting: the worker imports the file while the grader is still
        collecting its tests, and ``load`` reads the answer. Only for the file a session
        calls first: importing it is what its first test would do first."""
        self.start_soon()
        if self._live.ahead is not None or self._live.loaded or self._live.imported:
            return
        try:
            self._send(_load_request(filename, module, cells), {"source": source})
        except WorkerFailure:
            return  # the next request finds the worker dead and says so
        self._live.ahead = module

    def _read_ahead(self) -> None:
        """Read the answer to an import sent ahead, if one is pending: kept for ``load`` of
        its module (with the worker, or as the failure that ended it)."""
        module = self._live.ahead if self._live is not None else None
        if module is None:
            return
        self._live.ahead = None
        try:
            if self._live.setup_deadline is not None:
                self._finish_setup()
            self._live.imported[module], _ = self._receive(time.monotonic() + self.limits.import_seconds)
        except WorkerFailure as failure:
            self.kill()
            self._failed_ahead[module] = failure
            self.start_soon()

    def request(self, header: dict, values: dict, timeout: float) -> tuple[dict, dict]:
        """Send one request and wait up to ``timeout`` seconds for its answer.

        Raises ``WorkerFailure``; the worker is then killed (the stream may be mid-frame)."""
        self._read_ahead()
        if self._forget:
            header = {**header, "forget": True}
        try:
            if self._live.setup_deadline is not None:
                self._finish_setup()
            answer = self._exchange(header, values, timeout)
        except WorkerFailure as failure:
            failure.step = self._last_step()
            self.kill()
            raise
        self._forget = False
        if any(_has_handle(v) for v in answer[1].values()):
            self._holding = True
        return answer

    def forget_handles(self) -> None:
        """Free the objects earlier calls left in the worker (their handles become invalid)
        before the next request runs; the request carries the word, so this costs no
        round trip of its own.

        Called between tests, whose caches never outlive them; a worker otherwise keeps
        every cache it ever made, and a long test suite then pays in memory and speed."""
        if self._holding:
            self._forget, self._holding = True, False

    def kill(self) -> None:
        """Stop the worker and every process it left behind (nothing happens if none runs)."""
        live, self._live = self._live, None
        self._holding = self._forget = False
        if live is None:
            return
        for fd in (live.req_fd, live.resp_fd, live.progress_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        if live.proc.pid is None:  # it never started
            return
        try:
            os.killpg(live.proc.pid, signal.SIGKILL)  # at once: a spinning worker stops taking CPU
        except (ProcessLookupError, PermissionError):
            pass
        # The rest (its uid's other processes, its exit status) may finish after this
        # returns; the output pipe is closed when the last writer is gone (output.py).
        self.launcher.reap(live.proc)

    # ------------------------------------------------------------ process
    def _fresh_workdir(self) -> None:
        """An empty working directory for every worker: nothing an earlier one left there
        (files, symlinks) survives into the next, which starts with more privileges."""
        shutil.rmtree(self._workdir, ignore_errors=True)
        self._workdir = tempfile.mkdtemp(prefix="grader-work-")

    def _spawn(self) -> None:
        """Start a worker and send it its setup; ``_finish_setup`` reads the answer."""
        if self._generation:
            self._fresh_workdir()
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        progress_r, progress_w = os.pipe()
        protocol.enlarge_pipe(req_w)
        protocol.enlarge_pipe(resp_w)
        os.set_blocking(progress_r, False)
        try:
            proc = self.launcher.spawn(self._workdir, (req_r, resp_w, progress_w), tuple(self.hide))
        finally:
            for fd in (req_r, resp_w, progress_w):
                os.close(fd)
        output = capture(proc.output, self.limits.output_bytes)
        self._generation += 1
        answer_watch, request_watch = waiting.watches()
        self._live = _Live(proc, req_w, resp_r, progress_r, output, self._generation, answer_watch=answer_watch)
        self._live.responses.register(resp_r, select.POLLIN)
        setup = {"workdir": self._workdir, "hide": self.hide, "limits": self.limits.rlimits(),
                 "isolate": self.isolate, "watch": request_watch, **getattr(self.launcher, "setup", {})}
        self._live.setup_deadline = time.monotonic() + self.limits.start_seconds
        try:
            self._send({"op": "setup", "setup": setup}, {})
        except WorkerFailure:
            pass  # reported by _finish_setup, on the first request

    def _finish_setup(self) -> None:
        if self._live.proc.pid is None:
            # The launcher could not start it after all (a fork server that failed answers
            # late): start another, which the launcher now starts by itself.
            self.kill()
            self._spawn()
        deadline, self._live.setup_deadline = self._live.setup_deadline, None
        header, _ = self._receive(deadline)
        if not header.get("ok"):
            raise WorkerFailure("setup", "the sandbox could not be set up: "
                                + str((header.get("error") or {}).get("message", ""))[:300])
        report = header.get("isolation") if isinstance(header.get("isolation"), dict) else {}
        self.isolation = {"applied": [str(x) for x in report.get("applied", [])],
                          "missing": [str(x) for x in report.get("missing", [])]}

    def _last_step(self) -> int:
        """The last call of a sequence the worker reported starting (0 if none): after a
        sequence failed, the one that was running (a single call reports nothing). Like
        anything the worker says, a claim: it only names a function in a message."""
        last = b""
        try:
            # A pipe-full at most: a process the student left behind may keep writing.
            for _ in range(16):
                chunk = os.read(self._live.progress_fd, 4096)
                if not chunk:
                    break
                last = chunk
        except OSError:  # nothing (more) to read
            pass
        return last[-1] if last else 0

    def _exchange(self, header: dict, values: dict, timeout: float) -> tuple[dict, dict]:
        if len(header.get("steps", ())) > 1:
            self._last_step()  # the worker reports progress in sequences: what earlier ones left is stale
        self._send(header, values)
        return self._receive(time.monotonic() + timeout)

    def _send(self, header: dict, values: dict) -> None:
        try:
            protocol.write_frame(self._live.req_fd, protocol.encode_request(header, values))
        except OSError:
            raise WorkerFailure("crash", self._death_reason()) from None

    def _receive(self, deadline: float) -> tuple[dict, dict]:
        live = self._live

        def readinto(view: memoryview) -> int:
            watch = min(live.answer_watch, max(0.0, deadline - time.monotonic()))
            if not waiting.readable_soon(live.responses, watch):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not live.responses.poll(1000 * remaining):
                    raise WorkerFailure("timeout", "time limit exceeded")
            return os.readv(live.resp_fd, [view])

        try:
            return protocol.decode_message(live.answers.frame(readinto))
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


def _load_request(filename: str, module: str, cells: tuple[int, ...]) -> dict:
    return {"op": "load", "filename": filename, "module": module, "cells": list(cells)}


def _has_handle(result) -> bool:
    """Whether a returned value holds a handle (at the top, or as one of its outputs)."""
    if isinstance(result, (tuple, list)):
        return any(isinstance(v, protocol.Handle) for v in result)
    return isinstance(result, protocol.Handle)
