"""`grader export classroom` and `grader grade --format classroom --github-output`.

Checked against the real artefacts: the workflow against GitHub's workflow schema as
vendored in check-jsonschema, each action's `with:` against the inputs that action
declares, the payload against what autograding-grading-reporter@v1 computes from it,
and the workflow's `run:` steps executed in a fresh virtual environment.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from grader.export.github import step_id
from ruamel.yaml import YAML

from grader.export.github import append_step_output

from conftest import ROOT, expected, fixture_submission, run_grader

# Inputs each action declares in its action.yml (or, for the reporter, reads with
# core.getInput), written down from the actions' own repositories:
#   actions/checkout@v4              action.yml `inputs:`
#   actions/setup-python@v5          action.yml `inputs:`
#   classroom-resources/autograding-grading-reporter@v1
#                                    README "Inputs" and src/main.js: core.getInput("runners")
DECLARED_INPUTS = {
    "actions/checkout": {
        "repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user",
        "persist-credentials", "path", "clean", "filter", "sparse-checkout",
        "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "reference",
        "lfs", "submodules", "set-safe-directory", "github-server-url"},
    "actions/setup-python": {
        "python-version", "python-version-file", "cache", "architecture", "check-latest", "token",
        "cache-dependency-path", "update-environment", "allow-prereleases", "ignore-platform-version"},
    "classroom-resources/autograding-grading-reporter": {"runners"},
}
REQUIRED_INPUTS = {"classroom-resources/autograding-grading-reporter": {"runners"}}


@pytest.fixture(scope="module")
def workflow_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release")
    proc = run_grader("export", "classroom", str(out))
    assert proc.returncode == 0, proc.stderr
    return out / ".github" / "workflows" / "classroom.yml"


def load_yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text())


def steps_of(workflow: dict) -> list[dict]:
    return workflow["jobs"]["run-autograding-tests"]["steps"]


def grader_steps(workflow: dict) -> list[dict]:
    return [s for s in steps_of(workflow) if "run" in s and "--format classroom" in s["run"]]


def reporter_totals(payloads: dict[str, dict]) -> tuple[float, float]:
    """What autograding-grading-reporter@v1 (src/notify-classroom.js) reports:
    runners without max_score are skipped; points = every tests[].score summed."""
    total = maximum = 0.0
    for results in payloads.values():
        if not results.get("max_score"):
            continue
        maximum += results["max_score"]
        total += sum(t["score"] for t in results["tests"])
    return total, maximum


def processed_commands(log: str) -> list[str]:
    """Workflow commands the Actions runner would act on in ``log`` (honouring stop-commands)."""
    commands, stop_token = [], None
    for line in log.splitlines():
        if stop_token is not None:
            if line.strip() == f"::{stop_token}::":
                stop_token = None
            continue
        if line.startswith("::stop-commands::"):
            stop_token = line[len("::stop-commands::"):].strip()
        elif line.lstrip().startswith("::"):
            commands.append(line)
    return commands


def parse_github_output(text: str) -> list[tuple[str, str]]:
    """GitHub's step output file: `name=value` lines and multi-line `name<<DELIM`, lines, `DELIM`."""
    outputs, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        single = re.fullmatch(r"([A-Za-z_][\w-]*)=(.*)", lines[i])
        if single:
            outputs.append((single.group(1), single.group(2)))
            i += 1
            continue
        match = re.fullmatch(r"([A-Za-z_][\w-]*)<<(\S+)", lines[i])
        assert match, f"unexpected GITHUB_OUTPUT line {lines[i]!r}"
        end = lines.index(match.group(2), i + 1)
        outputs.append((match.group(1), "\n".join(lines[i + 1:end])))
        i = end + 1
    return outputs


def decode(payload: str) -> dict:
    return json.loads(base64.b64decode(payload, validate=True))


# ------------------------------------------------------------------ the workflow file


def test_workflow_validates_against_github_workflow_schema(workflow_file):
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(workflow_file)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_has_what_classroom_expects(workflow_file):
    workflow = load_yaml(workflow_file)
    assert workflow["name"] == "Autograding Tests"
    assert workflow["on"] == ["push", "repository_dispatch", "workflow_dispatch"]
    assert workflow["permissions"] == {"checks": "write", "actions": "read", "contents": "read"}
    assert list(workflow["jobs"]) == ["run-autograding-tests"]
    job = workflow["jobs"]["run-autograding-tests"]
    assert job["runs-on"] == "ubuntu-latest"
    assert job["if"] == "github.actor != 'github-classroom[bot]'"
    steps = steps_of(workflow)
    assert steps[0]["uses"] == "actions/checkout@v4"
    assert steps[0]["with"]["persist-credentials"] is False
    names = {step_id(p.parent.name): p.parent.name for p in sorted((ROOT / "assignments").glob("*/assignment.toml"))}
    [grading] = grader_steps(workflow)  # one process grades every assignment
    assert grading["id"] == "grader" and steps_of(workflow).count(grading) == 1
    assert grading["run"].count("grader grade") == 1
    listed = re.search(r"--assignment (\S+)", grading["run"]).group(1).split(",")
    assert sorted(step_id(n) for n in listed) == sorted(names) and len(listed) == len(names)
    assert "--github-output" in grading["run"]
    assert grading["run"].index("::stop-commands::") < grading["run"].index("grader grade")
    reporter = steps[-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    runners = reporter["with"]["runners"].split(",")
    assert runners == [step_id(n) for n in listed]
    assert reporter["env"] == {f"{i.upper()}_RESULTS": f"${{{{ steps.grader.outputs.{i} }}}}" for i in runners}


def test_pip_downloads_are_cached_between_pushes(workflow_file):
    setup = next(s for s in steps_of(load_yaml(workflow_file)) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "pyproject.toml"


def test_one_grading_process_writes_one_output_per_assignment(tmp_path):
    out, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["GITHUB_OUTPUT"], env["GITHUB_STEP_SUMMARY"] = str(out), str(summary)
    folder = tmp_path / "repo"
    folder.mkdir()
    shutil.copy(ROOT / "solutions" / "nag.py", folder / "nag.py")
    proc = subprocess.run([sys.executable, "-m", "grader", "grade", str(folder), "-a", "nag,memory_cell",
                           "--format", "classroom", "--github-output"], env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # memory_cell.py is missing
    outputs = dict(parse_github_output(out.read_text()))
    assert set(outputs) == {"result", "nag", "memorycell"}
    nag, cell = decode(outputs["nag"]), decode(outputs["memorycell"])
    assert nag["status"] == "pass" and nag["max_score"] == cell["max_score"] == pytest.approx(10.0)
    assert cell["status"] == "fail" and cell["tests"] and all(t["score"] == 0 for t in cell["tests"])
    assert all(not t["name"].startswith("nag:") for t in nag["tests"])  # one assignment's own payload
    assert reporter_totals({"nag": nag, "memorycell": cell}) == reporter_totals({"all": decode(outputs["result"])})
    # The reporter prints no message for a failed check: the run's summary page has them all.
    page = summary.read_text()
    assert "### nag (nag\\.py): 10 / 10" in page and "### memory\\_cell: 0 / 10" in page
    assert "memory\\_cell\\.py" in page and page.count("❔ missing") == len(cell["tests"])


def test_the_step_summary_shows_student_text_as_text():
    from markdown_it import MarkdownIt

    from grader.model import AssignmentResult, Status, SubmissionResult, TestResult
    from grader.render import render

    hostile = "[you passed](https://evil.example) | ![x](https://evil.example/x.png) <b>10/10</b> `code` *bold*"
    result = SubmissionResult((AssignmentResult("nag", (TestResult("gd_step", Status.FAILED, 0.0, 1.0, hostile, False),)),))
    html = MarkdownIt("commonmark").enable("table").render(render("markdown", result))
    assert "<table>" in html and "<a " not in html and "<img" not in html and "<b>" not in html
    assert "<code>" not in html and "<em>" not in html and "<strong>" not in html
    assert "https://evil" not in render("markdown", result)  # no bare URL for GitHub to link
    assert html.count("<td>") == 4  # the message's | is no cell of its own


def test_each_action_gets_only_inputs_it_declares(workflow_file):
    used = [s for s in steps_of(load_yaml(workflow_file)) if "uses" in s]
    assert {s["uses"].split("@")[0] for s in used} == set(DECLARED_INPUTS)
    for step in used:
        action = step["uses"].split("@")[0]
        given = set(step.get("with", {}))
        assert given <= DECLARED_INPUTS[action], f"{action}: undeclared inputs {given - DECLARED_INPUTS[action]}"
        assert REQUIRED_INPUTS.get(action, set()) <= given, f"{action}: missing required inputs"


def test_hidden_tests_come_only_from_the_secret(workflow_file):
    workflow = load_yaml(workflow_file)
    unpack = next(s for s in steps_of(workflow) if "GRADER_HIDDEN" in s.get("env", {}))
    assert unpack["env"]["GRADER_HIDDEN"] == "${{ secrets.GRADER_HIDDEN }}"
    # Secrets enter run scripts through env, never as ${{ }} text spliced into the script.
    assert all("${{" not in s.get("run", "") for s in steps_of(workflow))


# ------------------------------------------------------------------ the payload


@pytest.mark.parametrize("fixture", ["correct_reference", "nag_uses_plain_momentum", "mutates_velocity_in_place"])
def test_payload_decodes_to_what_the_reporter_sums(tmp_path, fixture):
    folder = fixture_submission(tmp_path, "nag", fixture)
    proc = run_grader("grade", str(folder), "-a", "nag", "--format", "classroom")
    data = decode(proc.stdout.strip())
    assert data["version"] == 1
    assert data["max_score"] == pytest.approx(10.0)
    assert data["tests"]
    for test in data["tests"]:
        assert {"name", "status", "score", "message", "test_code", "filename", "line_no", "duration"} <= set(test)
        assert test["status"] in ("pass", "fail", "error")
    total, maximum = reporter_totals({"nag": data})
    assert total == pytest.approx(expected("nag")[fixture]["score"])
    assert maximum == pytest.approx(data["max_score"])
    assert data["status"] == ("pass" if total == maximum else "fail")
    assert proc.returncode == (0 if total == maximum else 1)
    if fixture == "mutates_velocity_in_place":  # 0.375 of a 0.5-point check: fractions survive
        assert any(t["score"] != int(t["score"]) and t["status"] == "fail" for t in data["tests"])


def test_github_output_gets_a_delimited_result(tmp_path):
    out = tmp_path / "github_output"
    out.write_text("earlier=step\n")
    env = {**os.environ, "GITHUB_OUTPUT": str(out)}
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST")}
    subprocess.run([sys.executable, "-m", "grader", "grade", str(ROOT / "solutions" / "nag.py"), "-a", "nag",
                    "--format", "classroom", "--github-output"], env=env, capture_output=True, check=True)
    append_step_output(out, "result", "second value")  # what a second grading step appends
    text = out.read_text()
    assert text.startswith("earlier=step\n")
    delimiters = re.findall(r"^result<<(\S+)$", text, flags=re.M)
    assert len(delimiters) == 2 and delimiters[0] != delimiters[1]
    outputs = parse_github_output(text)
    assert [name for name, _ in outputs] == ["earlier", "result", "nag", "result"]
    assert decode(outputs[1][1])["status"] == "pass" and decode(outputs[2][1]) == decode(outputs[1][1])
    assert outputs[3][1] == "second value"


def test_github_output_without_the_variable_is_a_usage_error():
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT" and not k.startswith("PYTEST")}
    proc = subprocess.run([sys.executable, "-m", "grader", "grade", str(ROOT / "solutions" / "nag.py"), "-a", "nag",
                           "--format", "classroom", "--github-output"], env=env, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "GITHUB_OUTPUT" in proc.stderr


FORGER = '''
print("::notice title=Autograding complete::Points 10/10")
print('::notice title=Autograding report::{"totalPoints":10,"maxPoints":10}')

'''


def test_student_output_cannot_issue_workflow_commands(tmp_path, workflow_file):
    """A submission printing and raising workflow commands: none reaches the runner."""
    reference = (ROOT / "solutions" / "nag.py").read_text()
    forged = FORGER + reference.replace(
        "def gd_step(theta, grad_fn, lr):",
        "def gd_step(theta, grad_fn, lr):\n    print('::error title=forged::x')\n"
        "    raise ValueError('\\n::notice title=Autograding complete::Points 10/10\\n')\n\n\ndef _unused(theta, grad_fn, lr):")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "nag.py").write_text(forged)
    [step] = grader_steps(load_yaml(workflow_file))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(GITHUB_OUTPUT=str(tmp_path / "out"), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0]).group(1)  # 128 random bits
    assert lines[-1] == f"::{token}::"
    assert processed_commands(proc.stdout) == []
    assert processed_commands(proc.stderr) == []
    data = decode(dict(parse_github_output((tmp_path / "out").read_text()))["nag"])
    gd = next(t for t in data["tests"] if t["name"].startswith("gd_step on J"))
    assert gd["status"] != "pass"
    # The reporter prints messages: a raised "::notice" must not start a line there either.
    assert not any(line.lstrip().startswith("::") for t in data["tests"] for line in t["message"].splitlines())


# ------------------------------------------------------------------ the run steps, for real

COPIED = ("pyproject.toml", "README.md", "grader", "assignments", "solutions", "student_templates", "examples")


@pytest.fixture
def venv_home():
    """Where the test venv lives: under the system's temporary folder on purpose, since the
    sandbox worker gets a private /tmp of its own and must still see a runtime kept there."""
    path = Path(tempfile.mkdtemp(prefix="dl-grader-venv-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.slow
def test_run_steps_pass_in_a_fresh_virtual_environment(tmp_path, venv_home):
    """Every `run:` step of the workflow, in order, as the runner would execute them:
    a fresh venv, `pip install .` of a repository holding the grader and a reference
    submission, the hidden tests from the secret, then each assignment's grading step."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_course"))
        else:
            shutil.copy2(source, repo / name)
    (repo / "nag.py").write_bytes((ROOT / "solutions" / "nag.py").read_bytes())
    proc = run_grader("export", "classroom", str(repo), "-a", "nag", "--secret-file", str(tmp_path / "secret"))
    assert proc.returncode == 0, proc.stderr
    workflow = load_yaml(repo / ".github" / "workflows" / "classroom.yml")

    venv = venv_home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    runner_temp = tmp_path / "runner_temp"
    runner_temp.mkdir()
    files = {name: tmp_path / name for name in ("github_output", "github_env")}
    for path in files.values():
        path.touch()
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("PYTEST", "GRADER_", "VIRTUAL_ENV", "PYTHON"))}
    base_env.update(PATH=f"{venv / 'bin'}{os.pathsep}{base_env['PATH']}", VIRTUAL_ENV=str(venv),
                    RUNNER_TEMP=str(runner_temp), GITHUB_OUTPUT=str(files["github_output"]),
                    GITHUB_ENV=str(files["github_env"]))
    secrets = {"${{ secrets.GRADER_HIDDEN }}": (tmp_path / "secret").read_text()}
    logs = []
    for step in steps_of(workflow):
        if "run" not in step:
            continue
        env = dict(base_env)
        env.update(line.split("=", 1) for line in files["github_env"].read_text().splitlines() if "=" in line)
        env.update({k: secrets.get(v, v) for k, v in step.get("env", {}).items()})
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"step {step.get('name')}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        logs.append(done.stdout)
    assert f"GRADER_COURSE={runner_temp / 'course'}" in files["github_env"].read_text()
    outputs = dict(parse_github_output(files["github_output"].read_text()))
    reporter = steps_of(workflow)[-1]
    runners = {key: decode(outputs[re.fullmatch(r"\$\{\{ steps\.grader\.outputs\.(\w+) \}\}", value).group(1)])
               for key, value in reporter["env"].items()}
    assert list(runners) == ["NAG_RESULTS"]
    data = runners["NAG_RESULTS"]
    assert data["status"] == "pass", [t for t in data["tests"] if t["status"] != "pass"]
    total, maximum = reporter_totals({"nag": data})
    assert total == maximum == pytest.approx(10.0)  # public and hidden checks, all passed
    assert any(t["test_code"].endswith("(hidden test)") for t in data["tests"])
    assert all(processed_commands(log) == [] for log in logs)


def test_an_export_refused_for_its_secret_size_leaves_nothing_behind(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    proc = subprocess.run([sys.executable, "-m", "grader", "export", "classroom", str(tmp_path / "release"),
                           "--secret-file", str(tmp_path / "hidden.txt")], env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and "over GitHub's 48 KB secret limit" in proc.stderr  # all 13 assignments
    assert not (tmp_path / "release").exists() and not (tmp_path / "hidden.txt").exists()
