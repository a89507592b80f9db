"""The grader and its worker watch their pipes only where CPUs are free to watch on, and a
watch sees what arrives within it."""

import os
import select
import threading

import numpy as np
import pytest

from grader.batch.processes import JobPool
from grader.course import course_root, protected_paths
from grader.sandbox import waiting
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox


@pytest.fixture
def pipe():
    read_end, write_end = os.pipe()
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    yield poller, write_end
    os.close(read_end)
    os.close(write_end)


def test_a_watch_sees_what_is_there_and_what_comes_within_it(pipe):
    poller, write_end = pipe
    assert not waiting.readable_soon(poller, 0.01)  # nothing comes: the watch ends
    later = threading.Timer(0.02, os.write, (write_end, b"x"))
    later.start()
    assert waiting.readable_soon(poller, 30.0)
    later.join()
    assert waiting.readable_soon(poller, 0.0)  # still unread: seen at once


@pytest.mark.parametrize("cpus, quota, side_by_side, watch", [
    (2, None, 1, True), (2, None, 2, False), (4, None, 2, True), (1, None, 1, False),
    (8, 1.5, 1, False), (8, 4.0, 2, True), (8, 4.0, 3, False),
])
def test_watching_needs_two_cpus_for_each_grading_process_side_by_side(monkeypatch, cpus, quota, side_by_side,
                                                                        watch):
    monkeypatch.setattr(waiting, "_cpus", lambda: (cpus, quota))
    monkeypatch.setattr(waiting, "_side_by_side", 1)
    waiting.grading_side_by_side(side_by_side)
    assert waiting.cpus_to_watch_on() is watch


def test_the_cpu_quota_is_read_as_a_container_sets_it(tmp_path):
    assert waiting.cpu_quota(tmp_path) is None  # no cgroup files: no quota
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    assert waiting.cpu_quota(tmp_path) is None  # cgroup v1, unlimited
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("150000\n")
    assert waiting.cpu_quota(tmp_path) == 1.5
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert waiting.cpu_quota(tmp_path) is None  # cgroup v2 first, unlimited
    (tmp_path / "cpu.max").write_text("300000 100000\n")
    assert waiting.cpu_quota(tmp_path) == 3.0


@pytest.mark.parametrize("side_by_side", [1, 1_000_000])
def test_watching_or_sleeping_the_answers_and_the_deadlines_are_the_same(monkeypatch, side_by_side):
    monkeypatch.setattr(waiting, "_side_by_side", side_by_side)
    src = "def f(x):\n    return 2 * x\ndef hang():\n    while True: pass\n"
    limits = Limits(call_seconds=0.5, import_seconds=2.0)
    with Sandbox.alone("sub.py", src, "sub", limits, hide=protected_paths(course_root())) as box:
        answers = [box.call("f", (np.full(3, float(i)),), {}, (), 2.0) for i in range(20)]
        hung = box.call("hang", (), {}, (), 0.5)
        after = box.call("f", (np.ones(2),), {}, (), 2.0)
    assert all(a.ok and np.array_equal(a.result, np.full(3, 2.0 * i)) for i, a in enumerate(answers))
    assert hung.failure[0] == "timeout"
    assert after.ok and np.array_equal(after.result, np.full(2, 2.0))


def test_a_class_run_tells_its_grading_processes_how_many_run_at_once():
    with JobPool(3) as pool:
        assert pool.grade({"not": "a request"}, 30.0)[0] != "done"
        started = pool._all[0].proc.args
    assert started[-1] == "3"
