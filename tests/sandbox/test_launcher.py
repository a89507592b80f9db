"""Workers forked from the fork server behave like directly started ones, and a broken
fork server costs speed, never a grade."""

import contextlib
import errno
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from grader.sandbox.launcher import DirectLauncher, ForkServer
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox

SOURCE = "import numpy as np\ndef f(x):\n    print('out')\n    return np.tanh(x)\ndef crash():\n    import os\n    os._exit(7)\n"


def _run(launcher):
    with Sandbox.alone("f.py", SOURCE, "f", Limits(), hide=[], launcher=launcher) as box:
        value = box.call("f", (np.arange(3.0),), {}, (), 5.0)
        crash = box.call("crash", (), {}, (), 5.0)
        again = box.call("f", (np.ones(2),), {}, (), 5.0)
        return value, crash, again, box.isolation


def test_forked_and_direct_workers_agree():
    with ForkServer() as server:
        forked = _run(server)
    direct = _run(DirectLauncher())
    for run in (forked, direct):
        value, crash, again, isolation = run
        assert value.ok and np.allclose(value.result, np.tanh(np.arange(3.0)))
        assert crash.failure == ("crash", "the process exited with code 7 (os._exit or a crash)")
        assert again.ok
    assert forked[3] == direct[3]


def test_a_dead_fork_server_falls_back_to_direct_workers():
    with ForkServer() as server:
        server._proc.kill()
        server._proc.wait()
        value, crash, again, _ = _run(server)
    assert value.ok and again.ok and crash.failure[0] == "crash"


def test_a_fork_server_that_dies_before_answering_costs_no_grade():
    # The request to start a worker is queued; the server dies without reading it. The
    # worker's pid is read only when needed, and the missing answer starts one directly.
    with ForkServer() as server:
        os.kill(server._proc.pid, signal.SIGSTOP)
        with Sandbox.alone("f.py", SOURCE, "f", Limits(), hide=[], launcher=server) as box:
            box.host.start_soon()
            server._proc.kill()
            server._proc.wait()
            value = box.call("f", (np.arange(3.0),), {}, (), 5.0)
    assert value.ok and np.allclose(value.result, np.tanh(np.arange(3.0)))


def test_settling_waits_for_the_reaps_queued():
    with ForkServer() as server:
        with Sandbox.alone("f.py", SOURCE, "f", Limits(), hide=[], launcher=server) as box:
            assert box.call("f", (np.arange(3.0),), {}, (), 5.0).ok
            pid = box.host.worker_pid()
        # Closing queued the worker's reap; the grader went on without waiting for it.
        server.settle()
        assert not os.path.exists(f"/proc/{pid}")  # killed and its exit status collected


def test_workers_output_is_drained_by_one_thread_and_every_pipe_closed():
    def open_fds():
        return len(os.listdir("/proc/self/fd"))

    with ForkServer() as server:
        _run(server)  # the output thread and the fork server exist from here on
        threads, fds = threading.active_count(), open_fds()
        printed = []
        for _ in range(5):
            with Sandbox.alone("f.py", SOURCE, "f", Limits(), hide=[], launcher=server) as box:
                box.call("f", (np.arange(3.0),), {}, (), 5.0)
                box.call("f", (np.arange(3.0),), {}, (), 5.0)
                # Both lines, each to its end: print writes the text and its newline apart.
                printed.append(_eventually(lambda: box.output() if box.output().count("\n") >= 2 else None))
        assert threading.active_count() == threads
        # At most as many as before: the first worker's pipe may still have been closing
        # when they were counted (its reap runs on while the grader goes on).
        assert _eventually(lambda: open_fds() <= fds or None), "an output pipe was left open"
    assert printed == ["out\nout\n"] * 5


def _eventually(probe, seconds: float = 5.0):
    """The first true value of ``probe()`` within ``seconds`` (None if there is none)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.01)
    return None


def test_bubblewrap_hides_what_the_host_hides_inside_the_runtime():
    # The interpreter's own folders are bound into bubblewrap; a class folder that happens
    # to lie inside one must still be hidden, as every other launcher's lock-down hides it.
    import sys

    from grader.sandbox import modes
    from grader.sandbox.launcher import BwrapLauncher

    if not modes.working_bwrap():
        pytest.skip("bubblewrap cannot start a sandbox here")
    secret_dir = Path(tempfile.mkdtemp(prefix="grader-hidden-", dir=sys.prefix))
    try:
        (secret_dir / "answers.txt").write_text("the hidden answers")
        src = f"def peek():\n    return open({str(secret_dir / 'answers.txt')!r}).read()\n"
        with Sandbox.alone("peek.py", src, "peek", Limits(), [str(secret_dir)], launcher=BwrapLauncher()) as box:
            out = box.call("peek", (), {}, (), 10.0)
        assert not out.ok and out.error["type"] in ("FileNotFoundError", "PermissionError")
    finally:
        shutil.rmtree(secret_dir, ignore_errors=True)


FILL = """import os
def fill(path):
    written = 0
    try:
        for i in range(6):
            with open(os.path.join(path, "fill%d" % i), "wb") as f:
                f.write(b"x" * (8 << 20))  # under the 16 MB file-size limit: the place's cap must stop it
            written += 8 << 20
    except OSError as e:
        return float(written), e.errno
    return float(written), 0
"""


@pytest.mark.parametrize("mode", ["fork server", "bubblewrap"])
def test_no_place_a_worker_can_write_holds_more_than_its_scratch_cap(mode):
    from grader.sandbox import modes
    from grader.sandbox.launcher import BwrapLauncher
    from grader.sandbox.rootfs import SCRATCH_BYTES

    if mode == "bubblewrap" and not modes.working_bwrap():
        pytest.skip("bubblewrap cannot start a sandbox here")
    with contextlib.ExitStack() as stack:
        launcher = stack.enter_context(ForkServer()) if mode == "fork server" else BwrapLauncher()
        box = stack.enter_context(Sandbox.alone("fill.py", FILL, "fill", Limits(), hide=[], launcher=launcher))
        filled = {path: box.call("fill", (path,), {}, (), 30.0) for path in ("/tmp", "/var/tmp", "/dev/shm", ".",
                                                                             "/dev", "/run")}
    for path, out in filled.items():
        written, error = out.result
        assert error != 0 and written <= SCRATCH_BYTES, f"{mode}: {path} took {written / 2 ** 20:.0f} MB"
    assert filled["/dev"].result == (0.0, errno.EROFS)  # device nodes only, on a read-only /dev
    assert all(filled[p].result[1] == errno.ENOSPC for p in ("/tmp", "/var/tmp", "/dev/shm", "."))
