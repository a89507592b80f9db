"""The sandbox worker under misbehaving code: limits are enforced from the grader's side."""

import os

import numpy as np
import pytest

from grader.course import course_root, protected_paths
from grader.sandbox.limits import MiB, Limits
from grader.sandbox.protocol import Earlier
from grader.sandbox.supervisor import Sandbox, Step

FAST = Limits(call_seconds=1.0, import_seconds=2.0, address_space=1024 * MiB)


def sandbox(source: str, limits: Limits = FAST) -> Sandbox:
    return Sandbox.alone("sub.py", source, "sub", limits, hide=protected_paths(course_root()))


def test_returns_values_and_reports_mutated_arguments():
    src = "def f(x, y):\n    x += 1\n    return x * y\n"
    with sandbox(src) as box:
        out = box.call("f", (np.ones(3), np.full(3, 2.0)), {}, (), 2.0, ("x", "y"))
    assert out.ok and np.array_equal(out.result, np.full(3, 4.0))
    assert out.mutated == ("x",)


def test_a_timeout_kills_the_worker_and_the_next_call_gets_a_fresh_one():
    src = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" \
          "def hang():\n    while True: pass\ndef ok():\n    return 1.0\n"
    with sandbox(src) as box:
        hung = box.call("hang", (), {}, (), 0.5)
        fine = box.call("ok", (), {}, (), 2.0)
    assert hung.failure[0] == "timeout"
    assert fine.ok and fine.result == 1.0 and box.generation == 2  # a second worker


def test_a_memory_bomb_becomes_an_error_in_the_student_call():
    src = "import numpy as np\ndef bomb():\n    return np.ones(10 ** 10)\n"
    with sandbox(src) as box:
        out = box.call("bomb", (), {}, (), 5.0)
    assert not out.ok and out.error["type"] == "MemoryError"


@pytest.mark.parametrize("body, phrase", [
    ("import os\n    os._exit(3)", "exited with code 3"),
    ("import ctypes\n    ctypes.string_at(0)", "SIGSEGV"),
])
def test_a_crash_is_reported_and_the_grader_survives(body, phrase):
    src = f"def crash():\n    {body}\ndef ok():\n    return 2.0\n"
    with sandbox(src) as box:
        out = box.call("crash", (), {}, (), 5.0)
        after = box.call("ok", (), {}, (), 5.0)
    assert out.failure[0] == "crash" and phrase in out.failure[1]
    assert after.ok


def test_exit_at_import_is_a_load_error_remembered_without_retrying():
    with sandbox("import sys\nsys.exit(0)\n") as box:
        first = box.call("f", (), {}, (), 2.0)
        second = box.call("f", (), {}, (), 2.0)
    assert first.error["exit"] and second.error is first.error and box.generation == 1


def test_notebook_cells_run_one_by_one_past_a_failing_cell():
    cells = ["import numpy as np\nimport not_a_module_here", "def f(x):\n    return 2 * x\nraise ValueError('scratch')\n"
             "def g():\n    return 0", "def h(x):\n    display(x)  # IPython's, defined in every notebook\n    return x + 1",
             's = """\n# In[9]:\n"""\nexit(3)']
    source, starts = "", []
    for cell in cells:
        starts.append(source.count("\n") + 1)
        source += cell + "\n\n"
    with Sandbox.alone("nb.ipynb", source, "nb", FAST, protected_paths(course_root()), cells=tuple(starts)) as box:
        assert box.call("h", (1.0,), {}, (), 2.0).result == 2.0
        assert box.call("f", (np.ones(2),), {}, (), 2.0).result.tolist() == [2.0, 2.0]
        assert box.call("g", (), {}, (), 2.0).error["missing"]  # after the error in its cell
        failed = [(e["type"], e["line"], e["exit"]) for e in box.failed_cells]
    assert failed == [("ModuleNotFoundError", 2, False), ("ValueError", 6, False), ("SystemExit", 17, True)]
    with sandbox(source) as script:  # the same text as a script: its first error ends it
        out = script.call("h", (1.0,), {}, (), 2.0)
    assert not out.ok and out.error["type"] == "ModuleNotFoundError" and script.failed_cells == ()
    with sandbox(cells[2]) as script:
        assert script.call("h", (1.0,), {}, (), 2.0).error["type"] == "NameError"  # no display in a script


def test_an_error_line_outside_the_submission_is_dropped():
    # A line number is free for a patched worker to choose: beyond the file's own lines it
    # could carry a hidden test's inputs into a report, even where messages are not shown.
    src = ("import sys\nworker = sys.modules['grader.sandbox.worker'].Worker\nhonest = worker.describe\n"
           "def describe(exc, filename):\n    d = honest(exc, filename)\n    d['line'] = 10 ** 40\n"
           "    return d\nworker.describe = staticmethod(describe)\ndef f():\n    raise ValueError('x')\n")
    with sandbox(src) as box:
        out = box.call("f", (), {}, (), 2.0)
    assert not out.ok and out.error["line"] is None and out.error["type"] == "ValueError"


def test_output_flood_is_capped():
    src = "def flood():\n    for _ in range(2000):\n        print('x' * 100_000)\n    return 1.0\n"
    with sandbox(src) as box:
        out = box.call("flood", (), {}, (), 20.0)
        printed = box.output()
    assert out.ok and len(printed) <= FAST.output_bytes


def test_environment_is_scrubbed(monkeypatch):
    monkeypatch.setenv("COURSE_SECRET", "hunter2")
    src = "import os\ndef probe():\n    return float('COURSE_SECRET' in os.environ), float(len(os.environ))\n"
    with sandbox(src) as box:
        out = box.call("probe", (), {}, (), 2.0)
    assert out.ok and out.result[0] == 0.0 and out.result[1] <= 12


def test_parent_environment_is_unreadable_through_proc(monkeypatch):
    monkeypatch.setenv("COURSE_SECRET", "hunter2")
    src = ("import os\ndef probe():\n    try:\n        data = open(f'/proc/{os.getppid()}/environ', 'rb').read()\n"
           "    except OSError:\n        return 0.0\n    return float(b'hunter2' in data) + 2.0\n")
    with sandbox(src) as box:
        out = box.call("probe", (), {}, (), 2.0)
    assert out.ok and out.result in (0.0, 2.0)


@pytest.mark.skipif(os.geteuid() != 0, reason="full isolation needs root")
def test_course_files_are_hidden_and_the_worker_is_unprivileged():
    root = course_root()
    src = ("import os\ndef probe(path):\n    return float(len(os.listdir(path))), float(os.getuid())\n")
    with sandbox(src) as box:
        out = box.call("probe", (str(root / "solutions"),), {}, (), 2.0)
        isolation = box.isolation
    assert out.ok and out.result[0] == 0.0 and out.result[1] >= 1_000_000
    assert "unprivileged user" in isolation["applied"] and not isolation["missing"]


def test_reference_code_never_enters_the_worker():
    src = ("import sys\ndef probe():\n    names = [m for m in sys.modules if 'solution' in m or 'reference' in m\n"
           "             or m.startswith(('grader.engine', 'grader.checks', 'pytest', '_pytest'))]\n"
           "    return float(len(names))\n")
    with sandbox(src) as box:
        out = box.call("probe", (), {}, (), 2.0)
    assert out.ok and out.result == 0.0


def test_opaque_outputs_stay_in_the_worker_and_come_back_as_the_same_object():
    src = ("def fwd(x):\n    return x * 2, {'x': x, 'marker': object()}\n"
           "def bwd(d, cache):\n    assert 'marker' in cache\n    return d * cache['x']\n")
    with sandbox(src) as box:
        fwd = box.call("fwd", (np.arange(3.0),), {}, (1,), 2.0)
        handle = fwd.result[1]
        bwd = box.call("bwd", (np.ones(3), handle), {}, (), 2.0)
    assert handle.type == "dict"
    assert bwd.ok and np.array_equal(bwd.result, np.arange(3.0))


def test_forgotten_handles_are_freed_and_refused_without_killing_the_worker():
    src = ("import weakref\nclass Cache: pass\nalive = weakref.WeakSet()\n"
           "def fwd():\n    c = Cache()\n    alive.add(c)\n    return 1.0, c\n"
           "def bwd(cache):\n    return float(len(alive))\n"
           "def count():\n    return float(len(alive))\n")
    with sandbox(src) as box:
        first = box.call("fwd", (), {}, (1,), 2.0).result[1]
        box.call("fwd", (), {}, (1,), 2.0)
        assert box.call("count", (), {}, (), 2.0).result == 2.0
        box.forget_handles()
        assert box.call("count", (), {}, (), 2.0).result == 0.0
        stale = box.call("bwd", (first,), {}, (), 2.0)
        after = box.call("count", (), {}, (), 2.0)
    assert not stale.ok and stale.error["type"] == "ProtocolError"
    assert after.ok and box.generation == 1


def test_in_place_writes_are_reported_for_keyword_and_list_arguments():
    src = "def f(x, grads, scale=None):\n    grads[1] *= 2\n    scale[0] = 0\n    return x\n"
    with sandbox(src) as box:
        out = box.call("f", (np.ones(2), [np.ones(2), np.ones(3)]), {"scale": np.ones(1)}, (), 2.0, ("x", "grads"))
        untracked = box.call("f", (np.ones(2), [np.ones(2), np.ones(3)]), {"scale": np.ones(1)}, (), 2.0,
                             ("x", "grads"), track_inputs=False)
    assert out.ok and out.mutated == ("grads", "scale")
    assert untracked.ok and untracked.mutated == ()


def test_in_place_writes_into_a_dict_of_arrays_are_reported():
    src = ("def f(params, grads, extra):\n    params['W'] -= 1\n    grads['b'] = grads['b'] * 2\n"
           "    extra.pop('a')\n    return params['W']\n")
    untouched = "def f(params, grads, extra):\n    return {k: v * 2 for k, v in params.items()}\n"
    args = ({"W": np.ones(2), "b": np.ones(1)}, {"W": np.ones(2), "b": np.ones(1)}, {"a": np.ones(1)})
    with sandbox(src) as box:
        out = box.call("f", args, {}, (), 2.0, ("params", "grads", "extra"))
    with sandbox(untouched) as box:
        clean = box.call("f", args, {}, (), 2.0, ("params", "grads", "extra"))
    assert out.ok and out.mutated == ("params", "grads", "extra")
    assert clean.ok and clean.mutated == ()


def test_tracked_calls_report_arguments_handed_back_uncopied():
    src = ("def f(x, grads, scale=None):\n    return [g for g in grads], x[1:].reshape(-1), x.copy() * 2\n"
           "def g(x, grads, scale=None):\n    return [gr.copy() for gr in grads], x + 0, scale\n")
    args = (np.arange(4.0), [np.ones(2), np.zeros(3)])
    with sandbox(src) as box:
        handed = box.call("f", args, {"scale": np.ones(2)}, (), 2.0, ("x", "grads"))
        copied = box.call("g", args, {"scale": np.ones(2)}, (), 2.0, ("x", "grads"))
        untracked = box.call("f", args, {}, (), 2.0, ("x", "grads"), track_inputs=False)
    assert handed.returned == ("x", "grads") and handed.mutated == ()
    assert copied.returned == ("scale",)  # a keyword argument, returned as it came
    assert untracked.returned == ()


def test_a_backward_pass_consuming_its_own_cache_is_no_in_place_write():
    src = ("def fwd(x):\n    return 2 * x, {'x': x.copy(), 'h': 2 * x}\n"
           "def bwd(d, cache):\n    x = cache.pop('x')\n    x *= 0\n    return d * 2\n"
           "def bwd_writes_d(d, cache):\n    d *= 2\n    return d\n")
    x = np.arange(3.0)
    with sandbox(src) as box:
        by_handle = box.call("bwd", (np.ones(3), box.call("fwd", (x,), {}, (1,), 2.0).result[1]), {}, (), 2.0,
                             ("dout", "cache"))
        by_earlier = box.calls([Step("fwd", (x,), keep=(1,)),
                                Step("bwd", (np.ones(3), Earlier(0, -1)), track=True, arg_names=("dout", "cache")),
                                Step("fwd", (x,), keep=(1,)),
                                Step("bwd_writes_d", (np.ones(3),), {"cache": Earlier(2, -1)}, track=True)], 2.0)
    assert by_handle.ok and by_handle.mutated == ()
    assert by_earlier[1].ok and by_earlier[1].mutated == ()
    assert by_earlier[3].ok and by_earlier[3].mutated == ("argument 1",)  # its own argument still counts


def test_the_working_directory_holds_a_copy_of_the_submission_and_nothing_else():
    src = "import os\ndef probe():\n    return float(os.listdir('.') == ['sub.py']), float(len(open('sub.py').read()))\n"
    with sandbox(src) as box:
        out = box.call("probe", (), {}, (), 2.0)
    assert out.ok and out.result == (1.0, float(len(src)))


def test_one_students_files_share_a_worker_and_survive_each_others_failures():
    from grader.sandbox.supervisor import WorkerHost

    with WorkerHost(FAST, protected_paths(course_root())) as host:
        good = Sandbox("good.py", "import os; T = float(int.from_bytes(os.urandom(6), 'little'))\ndef pid():\n    return T\n"
                       "def fails():\n    raise ValueError('x')\n", "good", host)
        crashy = Sandbox("crashy.py", "import os\ndef crash():\n    os._exit(1)\n", "crashy", host)
        broken = Sandbox("broken.py", "def f(:\n", "broken", host)
        first = good.call("pid", (), {}, (), 2.0)
        assert not broken.call("f", (), {}, (), 2.0).ok and broken.load_error["type"] == "SyntaxError"
        same = good.call("pid", (), {}, (), 2.0)
        assert crashy.call("crash", (), {}, (), 2.0).failure[0] == "crash"
        fresh = good.call("pid", (), {}, (), 2.0)
        raised = good.call("fails", (), {}, (), 2.0)
    assert first.result == same.result and host.generation == 2  # one worker until the crash
    assert fresh.ok and fresh.result != first.result  # good.py imported again into the new worker
    assert raised.error["type"] == "ValueError" and raised.error["line"] == 5  # located in good.py


def test_a_worker_started_early_serves_the_first_call_and_reports_a_failed_setup():
    from dataclasses import replace

    from grader.sandbox.launcher import DirectLauncher
    from grader.sandbox.supervisor import WorkerHost

    with WorkerHost(FAST, protected_paths(course_root())) as host:
        box = Sandbox("ok.py", "def f():\n    return 3.0\n", "ok", host)
        host.start_soon()
        assert host.generation == 1
        assert box.call("f", (), {}, (), 2.0).result == 3.0 and host.generation == 1
    refused = replace(FAST, open_files=-5)  # setrlimit refuses it inside the worker
    with WorkerHost(refused, protected_paths(course_root())) as host:
        box = Sandbox("ok.py", "def f():\n    return 3.0\n", "ok", host)
        assert box.call("f", (), {}, (), 2.0).result == 3.0  # graded, and the grader is told
        assert "open files limit" in host.isolation["missing"]

    class Misdirected(DirectLauncher):  # a working directory that does not exist: lock-down fails
        setup = {"workdir": "/nonexistent/grader-workdir"}

    with WorkerHost(FAST, protected_paths(course_root()), launcher=Misdirected()) as host:
        box = Sandbox("ok.py", "def f():\n    return 3.0\n", "ok", host)
        host.start_soon()
        out = box.call("f", (), {}, (), 2.0)
    assert out.failure[0] == "setup" and "could not be set up" in out.failure[1]


def test_a_batch_of_calls_gives_what_the_calls_give_one_by_one_with_caches_kept():
    src = ("calls = []\n"
           "def fwd(x, k):\n    calls.append(k)\n    return x * k, {'x': x, 'k': k}\n"
           "def bwd(d, cache):\n    return d * cache['k']\n"
           "def count():\n    return float(len(calls))\n")
    with sandbox(src) as box:
        batch = box.calls([Step("fwd", (np.arange(3.0), k), keep=(1,)) for k in (1, 2, 3)], 2.0)
        single = [box.call("fwd", (np.arange(3.0), k), {}, (1,), 2.0) for k in (1, 2, 3)]
        backs = box.calls([Step("bwd", (np.ones(3), o.result[1])) for o in batch], 2.0)
        count = box.call("count", (), {}, (), 2.0).result
    assert [o.ok for o in batch] == [True] * 3 and count == 6.0
    for b, s in zip(batch, single):
        assert np.array_equal(b.result[0], s.result[0]) and b.result[1].type == "dict"
    assert [float(o.result[0]) for o in backs] == [1.0, 2.0, 3.0]


def test_a_batch_stops_at_the_first_call_that_raises_and_a_hang_ends_it_by_the_deadline():
    src = ("calls = []\n"
           "def f(k):\n    calls.append(k)\n    if k == 2:\n        raise ValueError('two')\n"
           "    if k == 9:\n        while True: pass\n    return float(k)\n"
           "def count():\n    return float(len(calls))\n")
    with sandbox(src) as box:
        raised = box.calls([Step("f", (k,)) for k in (1, 2, 3)], 2.0)
        count = box.call("count", (), {}, (), 2.0).result
        expected = box.calls([Step("f", (k,), go_on=True) for k in (2, 2, 3)], 2.0)
        hung = box.calls([Step("f", (k,)) for k in (1, 9, 3)], 0.5)
        missing = box.calls([Step("f", (1,)), Step("nope", (1,)), Step("f", (3,))], 2.0)
        none = box.calls([], 2.0)
    assert none == []
    assert [o.ok for o in raised] == [True, False] and raised[0].result == 1.0
    assert raised[1].error["type"] == "ValueError" and count == 2.0  # 3 never ran
    # Calls expected to raise: the sequence goes on after each.
    assert [o.ok for o in expected] == [False, False, True] and expected[2].result == 3.0
    # The hang is the second call: the first one's answer was lost with the worker.
    assert len(hung) == 2 and hung[0] is None and hung[1].failure[0] == "timeout"
    assert [o.ok for o in missing] == [True, False] and missing[1].error["missing"]


def test_a_sequence_passes_a_kept_cache_on_and_each_answer_is_taken_when_its_call_returns():
    src = ("import numpy as np\nbuf = np.zeros(3)\n"
           "def fwd(x):\n    buf[:] = 2 * x\n    return buf, {'x': x}\n"  # returns (and later overwrites) one array
           "def bwd(d, cache):\n    buf[:] = -1.0\n    return d * 2, cache['x']\n")
    x = np.arange(3.0)
    with sandbox(src) as box:
        out = box.calls([Step("fwd", (x,), keep=(1,)), Step("bwd", (np.ones(3), Earlier(0, -1))),
                         Step("fwd", (x + 1,), keep=(1,))], 2.0)
        wrong = box.calls([Step("fwd", (x,), keep=(1,)), Step("bwd", (np.ones(3), Earlier(0, 5)))], 2.0)
        # A call before it that raised (and lets the sequence go on) does not shift the numbering.
        after_raise = box.calls([Step("bwd", (np.ones(3), None), go_on=True), Step("fwd", (x,), keep=(1,)),
                                 Step("bwd", (np.ones(3), Earlier(1, -1)))], 2.0)
    assert [o.ok for o in out] == [True] * 3
    assert np.array_equal(out[0].result[0], 2 * x) and np.array_equal(out[2].result[0], 2 * x + 2)
    assert np.array_equal(out[1].result[0], [2.0] * 3) and np.array_equal(out[1].result[1], x)
    assert [o.ok for o in after_raise] == [False, True, True] and np.array_equal(after_raise[2].result[1], x)
    # An output the earlier call did not return stands for nothing.
    assert wrong[1].error["type"] == "ProtocolError"


def test_a_worker_that_answers_a_batch_with_nonsense_gets_a_protocol_failure():
    # Student code that patches the worker's answer: the batch fails, the grader does not.
    src = ("import sys\nw = sys.modules['grader.sandbox.worker']\n"
           "def forged(self, header, values=None, keep=None):\n"
           "    if 'answers' in header:\n        header = dict(header, answers=[{'ok': True}] * 50)\n"
           "    return original(self, header, values, keep)\n"
           "original = w.Worker.send\nw.Worker.send = forged\n"
           "def f(k):\n    return float(k)\n")
    with sandbox(src) as box:
        out = box.calls([Step("f", (k,)) for k in (1, 2)], 2.0)
    assert len(out) == 1 and out[0].failure == ("protocol", "the worker sent a malformed answer")


def test_an_import_sent_ahead_is_the_import_its_file_would_have_had():
    from grader.sandbox.supervisor import WorkerHost

    sources = {"good": "import os\nSTARTED = os.getpid()\ndef f():\n    return float(STARTED)\n",
               "broken": "def f():\n    return 1.0\nraise ValueError('at import')\n",
               "dies": "import os\nos._exit(3)\n",
               "hangs": "while True:\n    pass\n"}
    outcomes = {}
    for name, source in sources.items():
        with WorkerHost(FAST, protected_paths(course_root())) as host:
            box = Sandbox(f"{name}.py", source, name, host)
            other = Sandbox("other.py", "def g():\n    return 2.0\n", "other", host)
            box.load_ahead()
            # Another file asks first: the answer sent ahead is kept for its own file.
            outcomes[name] = (other.call("g", (), {}, (), 2.0), box.call("f", (), {}, (), 2.0), host.generation)
    other, good, generations = outcomes["good"]
    assert other.result == 2.0 and good.ok and generations == 1  # imported once, in the first worker
    other, broken, generations = outcomes["broken"]
    assert broken.error["type"] == "ValueError" and broken.error["line"] == 3 and generations == 1
    for name, kind in (("dies", "crash"), ("hangs", "timeout")):
        other, failed, generations = outcomes[name]
        # The worker the import broke is replaced before the other file's import.
        assert other.result == 2.0 and failed.failure[0] == kind and generations == 2, name


def test_an_import_sent_ahead_runs_once_before_the_first_call_is_made():
    import time

    with Sandbox.alone("ahead.py", "import time\nIMPORTED_AT = time.time()\nCOUNT = [0]\n"
                       "def f():\n    COUNT[0] += 1\n    return IMPORTED_AT, float(COUNT[0])\n",
                       "ahead", FAST, protected_paths(course_root())) as box:
        box.load_ahead()
        box.load_ahead()  # once is all it takes
        time.sleep(0.2)  # the grader's own work meanwhile (pytest collecting the tests)
        asked_at = time.time()
        first, second = box.call("f", (), {}, (), 2.0), box.call("f", (), {}, (), 2.0)
    assert first.result[0] < asked_at  # imported while the grader went on, not when first called
    assert first.result[1] == 1.0 and second.result == (first.result[0], 2.0) and box.generation == 1


def test_an_earlier_output_is_passed_on_as_returned_and_its_answer_stays_as_it_was():
    src = ("def step(x, state):\n    state += x\n    return state * 1.0, state\n")  # writes into its state
    with sandbox(src) as box:
        first, second = box.calls([Step("step", (np.ones(2), np.zeros(2))),
                                   Step("step", (np.ones(2), Earlier(0, 1)))], 2.0)
    # The second call got the first one's state itself (as a loop passes it) and added to
    # it; the first answer is what the first call returned, taken before the second ran.
    assert np.array_equal(first.result[1], [1.0, 1.0]) and np.array_equal(second.result[0], [2.0, 2.0])
