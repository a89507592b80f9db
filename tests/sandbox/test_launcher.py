"""Workers forked from the fork server behave like directly started ones, and a broken
fork server costs speed, never a grade."""

import numpy as np

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
