"""Workers forked from the fork server behave like directly started ones, and a broken
fork server costs speed, never a grade."""

import shutil
import tempfile
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


def test_bubblewrap_hides_what_the_host_hides_inside_the_runtime(tmp_path):
    # The interpreter's own folders are bound into bubblewrap; a class folder that happens
    # to lie inside one must still be hidden, as every other launcher's lock-down hides it.
    import sys

    from grader.sandbox import modes
    from grader.sandbox.launcher import BwrapLauncher
    from grader.sandbox.limits import Limits
    from grader.sandbox.supervisor import Sandbox, WorkerHost

    if not modes.working_bwrap():
        pytest.skip("bubblewrap cannot start a sandbox here")
    secret_dir = Path(tempfile.mkdtemp(prefix="grader-hidden-", dir=sys.prefix))
    try:
        (secret_dir / "answers.txt").write_text("the hidden answers")
        src = f"def peek():\n    return open({str(secret_dir / 'answers.txt')!r}).read()\n"
        host = WorkerHost(Limits(), [str(secret_dir)], launcher=BwrapLauncher())
        with Sandbox("peek.py", src, "peek", host, owns_host=True) as box:
            out = box.call("peek", (), {}, (), 10.0)
        assert not out.ok and out.error["type"] in ("FileNotFoundError", "PermissionError")
    finally:
        shutil.rmtree(secret_dir, ignore_errors=True)
