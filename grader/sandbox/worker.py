"""The sandbox worker: the only code that ever imports a student's submission.

Started by ``host.py`` as a separate Python process. It reads requests from one pipe
and answers on another (stdout and stderr belong to the student and are captured by the
grader). Sequence: ``setup`` (lock down, see ``isolation.py``), then ``load`` (compile
and run one of the student's files as a module) and ``calls`` (a sequence of calls of
its functions, one or more), in any order; a request marked ``forget`` first drops the objects kept for
earlier handles.

Everything after ``load`` runs alongside untrusted code, which may patch this very
module: the grader therefore trusts nothing it receives beyond "these are the arrays
the student returned", and validates even that.
"""

from __future__ import annotations

import os
import random
import select
import sys
import traceback
import types
import warnings

import numpy as np

from grader.sandbox import builders, isolation, protocol, syscalls, waiting
from grader.sandbox.values import MAX_DEPTH, MAX_FAILED_CELLS

MAX_MESSAGE = 600


class Worker:
    def __init__(self, req_fd: int, resp_fd: int, progress_fd: int):
        self.pid = os.getpid()
        self.req_fd = req_fd
        self.resp_fd = resp_fd
        self.progress_fd = progress_fd
        self.requests = protocol.FrameReader()
        self.incoming = select.poll()
        self.incoming.register(req_fd, select.POLLIN)
        self.watch = 0.0  # how long to watch for a request before sleeping (the grader's setup says)
        self.modules: dict[str, tuple[types.ModuleType, str]] = {}  # name -> (module, its file name)
        self.handles: dict[int, object] = {}
        self.next_handle = 1
        self.log = builders.CallLog()
        self.decoder = protocol.RequestDecoder(
            self._resolve, lambda name, data: builders.build_callable(name, data, self.log), builders.build_rng)

    # -------------------------------------------------------------- transport
    def read(self) -> tuple[dict, dict]:
        if os.getpid() != self.pid:
            os._exit(0)
        return self.decoder.decode(self.requests.frame(self._readinto))

    def _readinto(self, view: memoryview) -> int:
        waiting.readable_soon(self.incoming, self.watch)  # then os.readv sleeps if need be
        return os.readv(self.req_fd, [view])

    def send(self, header: dict, values: dict | None = None, keep=None) -> None:
        if os.getpid() != self.pid:
            # A process the student forked has returned into the worker's loop: only the
            # worker itself ever speaks for the submission.
            os._exit(0)
        protocol.write_frame(self.resp_fd, protocol.encode_parts(header, values or {}, keep_object=keep))

    # -------------------------------------------------------------- requests
    def serve(self) -> None:
        header, _ = self.read()
        try:
            watch = header["setup"].get("watch")
            self.watch = min(max(watch, 0.0), 0.01) if type(watch) is float else 0.0
            report = isolation.lock_down(header["setup"])
            self.pid = os.getpid()  # lock-down may continue in a child (a PID namespace)
        except (OSError, KeyError, ValueError) as exc:
            self.pid = os.getpid()
            self.send({"ok": False, "error": {"type": "SetupError", "message": str(exc)}})
            return
        self.send({"ok": True, "isolation": report})
        self._reseed_global_generators()
        try:
            self._warm_up()
        except Exception:  # noqa: BLE001 - only a head start: a system it fails on grades as before
            pass
        while True:
            try:
                header, values = self.read()
            except protocol.ProtocolError as exc:  # e.g. a handle already forgotten
                self.send({"ok": False, "error": {"type": "ProtocolError", "message": str(exc)}})
                continue
            if header.get("forget") is True:
                # A new test: the earlier tests are over with the objects kept for their
                # handles (this request's own arguments are decoded already). Free them
                # rather than let a long run pile them up.
                self.handles.clear()
            op = header.get("op")
            if op == "load":
                self.load(header["filename"], values["source"], header["module"], header.get("cells") or [])
            elif op == "calls":
                self.send(*self.calls(header, values), keep=self._foreign)
            else:
                self.send({"ok": False, "error": {"type": "ProtocolError", "message": f"bad op {op!r}"}})

    def load(self, filename: str, source: str, module_name: str, cells: list[int]) -> None:
        """Run ``source`` as the module ``module_name``: at once (a script), or cell by cell
        when ``cells`` gives the line each cell starts on (a notebook). A cell that raises
        stops only itself, as in Jupyter: the answer lists it (``cells_failed``) and the
        cells after it still run."""
        module = types.ModuleType(module_name)
        module.__file__ = os.path.join(os.getcwd(), filename)
        if cells:
            # What a notebook's cells find defined in Jupyter without an import; IPython's
            # rich display becomes printing (shown nowhere but in the captured output).
            module.display = _display
        sys.modules[module_name] = module
        failed = []
        try:
            # The working directory (private to this worker) holds a copy of the
            # submission, so code that opens its own file finds it.
            with open(filename, "w", encoding="utf-8") as copy:
                copy.write(source)
            for start, part in _parts(source, cells):
                try:
                    exec(compile(part, filename, "exec", dont_inherit=True), module.__dict__)
                except BaseException as exc:  # noqa: BLE001 - student code may raise anything
                    if not cells:
                        raise
                    error = self.describe(exc, filename)
                    if error["line"] is None:  # e.g. a MemoryError compiling it: the cell all the same
                        error["line"] = start + 1
                    failed.append(error)
        except BaseException as exc:  # noqa: BLE001
            sys.modules.pop(module_name, None)
            self.send({"ok": False, "error": self.describe(exc, filename)})
            return
        self.modules[module_name] = (module, filename)
        names = sorted(k for k, v in vars(module).items() if callable(v) and not k.startswith("_"))
        self.send({"ok": True, "functions": names, "cells_failed": failed[:MAX_FAILED_CELLS]})

    def calls(self, header: dict, values: dict) -> tuple[dict, dict]:
        """The calls of ``steps`` (each ``{"func", "keep", "go_on", "track"}``) in order, on the
        argument lists ``args:i`` (keyword arguments ``kwargs:i``), where an ``Earlier``
        argument stands for an output of an earlier call of the sequence (a forward pass's
        kept cache for the backward pass, a step's state for the next step). The answers
        travel together: ``answers`` in the header and the values of call i under
        ``i:result`` (and ``i:grad_calls``, …). The first call that gives no value ends the
        sequence, as it would end a test calling one after another, unless it says ``go_on``
        (a call expected to raise); with ``track``, its answer says which arguments it wrote
        into.

        Each answer is taken as it was when its call returned: a later call cannot change
        it (say, by writing into an array it also keeps). Before call i ≥ 1 starts, its
        index goes down the progress pipe, so that a timeout names the call that hung.
        Returns the answer: its header and its values."""
        answers, out, results = [], {}, []
        steps = header.get("steps") if isinstance(header.get("steps"), list) else []
        for i, step in enumerate(steps):
            if i:
                self._progress(i)
            func, filename, answer = self._function(header.get("module"), step.get("func"))
            results.append(None)  # call i's result, once it has one (results[i] is always call i's)
            if answer is None:
                given = self._arguments(values, i, results)
                if given is None:
                    answer = {"ok": False, "error": {"type": "ProtocolError", "message": "no such earlier output"}}
                else:
                    args, kwargs = given
                    before = _snapshot(args, kwargs) if step.get("track") is True else None
                    answer, values_i = self._run(func, filename, args, kwargs, set(step.get("keep", [])))
                    if before is not None:
                        answer["mutated"] = _changed(before, args, kwargs)
                        answer["returned"] = _shared(values_i.get("result"), args, kwargs)
                    results[i] = values_i.get("result")
                    if i < len(steps) - 1:
                        values_i = _detached(values_i)
                    out.update({f"{i}:{k}": v for k, v in values_i.items()})
            answers.append(answer)
            if not answer["ok"] and step.get("go_on") is not True:
                break
        return {"ok": True, "answers": answers}, out

    def _function(self, module_name, name) -> tuple[object, str, dict | None]:
        """(the function ``name`` of a loaded module, its file, None), or (None, "", the
        answer that says it is missing)."""
        module, filename = self.modules.get(module_name, (None, ""))
        func = getattr(module, name, None) if module and type(name) is str else None
        if not callable(func):
            return None, "", {"ok": False, "error": {"type": "Missing", "message": str(name)[:100]}}
        return func, filename, None

    def _arguments(self, values: dict, i: int, results: list) -> tuple[list, dict] | None:
        """Call i's arguments and keyword arguments, each ``Earlier`` replaced by the output
        it stands for; None when one stands for nothing."""
        args, kwargs = values.get(f"args:{i}", ()), values.get(f"kwargs:{i}", {})
        if not any(type(v) is protocol.Earlier for v in (*args, *kwargs.values())):
            return args, kwargs
        args = [self._earlier(a, results) for a in args]
        kwargs = {k: self._earlier(v, results) for k, v in kwargs.items()}
        if any(type(v) is protocol.Earlier for v in (*args, *kwargs.values())):
            return None
        return args, kwargs

    def _earlier(self, value, results: list):
        """``value``, or the output of an earlier call it stands for (itself if there is none)."""
        if not isinstance(value, protocol.Earlier) or not 0 <= value.call < len(results):
            return value
        result = results[value.call]
        if type(result) not in (tuple, list) or not -len(result) <= value.output < len(result):
            return value
        output = result[value.output]
        return self.handles.get(output.id, value) if isinstance(output, protocol.Handle) else output

    def _progress(self, step: int) -> None:
        try:
            os.write(self.progress_fd, bytes([min(step, 255)]))
        except OSError:  # full (the grader reads it only after a failure) or closed
            pass

    def _run(self, func, filename: str, args, kwargs: dict, keep: set) -> tuple[dict, dict]:
        """One call: its answer header and its values (``keep`` marks outputs held as handles)."""
        self.log.reset()
        try:
            with warnings.catch_warnings(record=True) as caught:
                # Overflow in np.exp and friends only warns; the grader reports it
                # (e.g. a sigmoid that is not numerically stable).
                warnings.simplefilter("always")
                result = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001
            return {"ok": False, "error": self.describe(exc, filename)}, {}
        raised = sorted({w.category.__name__ for w in caught if isinstance(w.category, type)})[:8]
        if type(result) in (tuple, list):
            # `return out, cache` and `return [out, cache]` are the same answer.
            result = type(result)(self._store(v) if i in keep else v for i, v in enumerate(result))
        elif keep == {0}:
            result = self._store(result)
        answer = {"ok": True}
        if raised:
            answer["warnings"] = raised
        return answer, {"result": result, **self.log.as_values()}

    def _warm_up(self) -> None:
        """Take one request through the worker's whole path (decoded, its call run, the
        answer encoded; nothing is sent), and grow the heap by 2 MiB, before the grader's
        first request arrives.

        A worker is a fork of the fork server: the first time it writes a page of the
        memory it shares with the server (a reference count of any object it uses is
        enough) or of a new heap, the page is copied or mapped, one fault each. Measured,
        a worker's first call took ~0.5 ms more than its second, mostly in those faults;
        here, right after lock-down, they are paid while the grader is still collecting
        its tests. Nothing of it is left for the student: the module is dropped, the
        generator is its own, the call log is reset by the next call."""
        heap = np.ones(256 * 1024)  # freed, the block stays in the heap (``keep_freed_memory``)
        del heap
        module = types.ModuleType("<warm-up>")
        exec(compile(_WARM_UP_SOURCE, "<warm-up>", "exec", dont_inherit=True), module.__dict__)
        self.modules[module.__name__] = (module, "<warm-up>")
        try:
            # One step: a second would write to the progress pipe, which the grader reads.
            payload = b"".join(protocol.encode_request(
                {"op": "calls", "module": module.__name__,
                 "steps": [{"func": "step", "keep": [], "go_on": False, "track": True}]},
                {"args:0": (np.ones((8, 16)), 0.25, True, protocol.RngSpec(0)), "kwargs:0": {}}))
            header, out = self.calls(*self.decoder.decode(memoryview(payload)))
            protocol.encode_parts(header, out, keep_object=self._foreign)
        finally:
            del self.modules[module.__name__]

    # -------------------------------------------------------------- helpers
    def _store(self, obj) -> protocol.Handle:
        handle = protocol.Handle(self.next_handle, type(obj).__name__[:100])
        self.handles[handle.id] = obj
        self.next_handle += 1
        return handle

    def _resolve(self, handle_id: int):
        if handle_id not in self.handles:
            raise protocol.ProtocolError("unknown handle")
        return self.handles[handle_id]

    @staticmethod
    def _foreign(obj) -> dict:
        why = "ndarray subclass" if isinstance(obj, np.ndarray) else "not plain data"
        return {"t": "foreign", "type": type(obj).__name__[:100], "why": why}

    @staticmethod
    def _reseed_global_generators() -> None:
        # Code that draws from the global generators instead of the given rng becomes
        # irreproducible, which is exactly what the grader's reproducibility check sees:
        # every call goes on drawing from where the last one stopped, from a start no run
        # shares with another (workers are forks of one server: without this, of one state).
        seed = int.from_bytes(os.urandom(4), "little")
        np.random.seed(seed)
        random.seed(seed)

    @staticmethod
    def describe(exc: BaseException, filename: str) -> dict:
        """The exception, with the last line of ``filename`` (the submission file) it went through."""
        line = None
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename == filename:
                line = lineno
        if line is None and isinstance(exc, SyntaxError) and exc.filename == filename:
            line = exc.lineno
        try:
            message = str(exc)
        except BaseException:  # noqa: BLE001 - a hostile __str__
            message = ""
        # The builtin exceptions it is an instance of, so that a ValueError subclass counts
        # as a ValueError (the names only: nothing of the student's class crosses).
        kinds = [k.__name__ for k in type(exc).__mro__ if k.__module__ == "builtins"
                 and issubclass(k, BaseException)][:12]
        return {"type": type(exc).__name__[:100], "kinds": kinds, "message": message[:MAX_MESSAGE], "line": line,
                "not_implemented": isinstance(exc, NotImplementedError),
                "exit": isinstance(exc, SystemExit)}


# What the warm-up calls: it draws from a generator, warns of nothing and returns a tuple
# of arrays, as most students' functions do (nothing of any assignment: this file ships).
_WARM_UP_SOURCE = """
def step(values, scale, noisy, generator):
    noise = generator.standard_normal(values.shape) if noisy else 0.0
    return values + scale * noise, values > 0
"""


def _display(*objs, **kwargs) -> None:
    """IPython's ``display``, for notebook code graded outside a kernel: prints."""
    print(*objs)


def _parts(source: str, cells: list[int]) -> list[tuple[int, str]]:
    """``(1, source)``, or each cell as ``(the line it starts on, its text)`` (``cells``: the
    lines the cells start on), the text padded with blank lines so that its line numbers
    stay those of ``source``."""
    starts = sorted({n for n in cells if type(n) is int and n >= 1})
    if not starts:
        return [(1, source)]
    lines = source.split("\n")
    ends = starts[1:] + [len(lines) + 1]
    return [(start, "\n" * (start - 1) + "\n".join(lines[start - 1:end - 1])) for start, end in zip(starts, ends)]


def _snapshot(args, kwargs) -> dict:
    """Copies of the array arguments (and lists or str-keyed dicts of arrays, such as a
    network's ``params``), keyed by position or name, taken before a call that checks for
    in-place writes."""
    def copy(v):
        if type(v) is np.ndarray:
            return v.copy()
        if type(v) is list and v and all(type(x) is np.ndarray for x in v):
            return [x.copy() for x in v]
        if type(v) is dict and v and all(type(k) is str and type(x) is np.ndarray for k, x in v.items()):
            return {k: x.copy() for k, x in v.items()}
        return None
    taken = {i: copy(a) for i, a in enumerate(args)}
    taken.update({k: copy(v) for k, v in kwargs.items()})
    return {key: v for key, v in taken.items() if v is not None}


def _shared(result, args, kwargs) -> list:
    """Positions and names of the array arguments (or lists or dicts of arrays) whose memory
    an array of ``result`` shares: the call handed an input back rather than a copy. Like
    ``_changed``, a claim the grader can only take points away on."""
    given = {**dict(enumerate(args)), **kwargs}
    outputs = _leaves(result)
    if not outputs:
        return []
    return [key for key, value in given.items()
            if any(np.may_share_memory(out, arg) for arg in _leaves(value) for out in outputs)]


def _leaves(value, depth: int = 0) -> list:
    """The arrays in ``value`` and its tuples, lists and dicts (at most 64)."""
    if type(value) is np.ndarray:
        return [value]
    if depth >= MAX_DEPTH or type(value) not in (tuple, list, dict):
        return []
    found = []
    for item in (value.values() if type(value) is dict else value):
        found += _leaves(item, depth + 1)
        if len(found) >= 64:
            return found[:64]
    return found


def _detached(values: dict) -> dict:
    """``values`` with the arrays of its (tuples, lists, str-keyed dicts of) results copied:
    taken as they are now, whatever later code does to the originals."""
    def copy(v, depth=0):
        if type(v) is np.ndarray:
            return v.copy()
        if depth < MAX_DEPTH and type(v) in (tuple, list):
            return type(v)(copy(x, depth + 1) for x in v)
        if depth < MAX_DEPTH and type(v) is dict:
            return {k: copy(x, depth + 1) for k, x in v.items()}
        return v
    return {k: copy(v) for k, v in values.items()}


def _changed(before: dict | None, args, kwargs) -> list:
    """Positions and names of the snapshotted arguments whose contents differ now.

    Computed here rather than by sending every argument back: like anything the worker
    says, it is a claim: the grader takes the small "inputs not modified" part of a grade away
    on it, and pays that part only together with right values, so a lie can cost the
    submission points but never earn any."""
    if before is None:
        return []
    def same(old, new):
        if isinstance(old, list):
            return type(new) is list and len(new) == len(old) and all(map(same, old, new))
        if isinstance(old, dict):  # a value replaced, a key added or removed: the caller's dict changed
            return type(new) is dict and new.keys() == old.keys() and all(same(old[k], new[k]) for k in old)
        return type(new) is np.ndarray and new.shape == old.shape and np.array_equal(new, old, equal_nan=True)
    now = {**dict(enumerate(args)), **kwargs}
    return [key for key, old in before.items() if not same(old, now.get(key))]


def main(argv: list[str]) -> None:
    """``argv``: the request, response and progress pipes' descriptors."""
    syscalls.keep_freed_memory()
    os.set_blocking(int(argv[2]), False)  # a full progress pipe never stops a call
    worker = Worker(int(argv[0]), int(argv[1]), int(argv[2]))
    try:
        worker.serve()
    except EOFError:
        pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
