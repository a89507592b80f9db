"""`grader export batch-workflow`: the GitHub Actions matrix that grades a class in shards.

Checked against GitHub's workflow schema (vendored in check-jsonschema), and executed:
each matrix job's `run:` steps for its shard, the artifacts passed on as the upload and
download actions would (one folder per artifact name), then the merge job's steps.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, compose, run_grader

CLASS = {"ann": (ROOT / "solutions" / "nag.py").read_text(),
         "ben": compose("nag", {"from_reference": True, "mistake": "gradient_at_theta"}),
         "cal": (ROOT / "solutions" / "nag.py").read_text()}


def export(out: Path, *extra: str) -> dict:
    proc = run_grader("export", "batch-workflow", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return YAML(typ="safe").load((out / ".github" / "workflows" / "grade-class.yml").read_text())


def test_workflow_validates_against_github_workflow_schema(tmp_path):
    export(tmp_path, "--shards", "5")
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(tmp_path / ".github" / "workflows" / "grade-class.yml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_matrix_has_one_job_per_shard_and_the_merge_waits_for_all(tmp_path):
    workflow = export(tmp_path, "--shards", "5")
    assert workflow["jobs"]["grade"]["strategy"]["matrix"]["shard"] == [1, 2, 3, 4, 5]
    assert workflow["jobs"]["grade"]["strategy"]["fail-fast"] is False
    assert workflow["jobs"]["merge"]["needs"] == "grade"
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert all("${{" not in step.get("run", "") for step in job["steps"])  # inputs via env only


def test_unusable_options_are_usage_errors(tmp_path):
    assert run_grader("export", "batch-workflow", str(tmp_path), "--shards", "0").returncode == 2
    proc = run_grader("export", "batch-workflow", str(tmp_path), "--roster", "x$(id)")
    assert proc.returncode == 2 and "plain names" in proc.stderr


def resolve(text: str, context: dict) -> str:
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: str(context[m.group(1)]), str(text))


def run_job(job: dict, context: dict, repo: Path, artifacts: Path, env: dict) -> None:
    """The job's steps in order: `run:` scripts in bash, artifacts as folders, setup steps skipped
    (checkout: we are in the repository; setup-python and pip: the grader is installed here)."""
    job_env = {k: resolve(v, context) for k, v in job.get("env", {}).items()}
    for step in job["steps"]:
        uses = step.get("uses", "").split("@")[0]
        with_ = {k: resolve(v, context) for k, v in step.get("with", {}).items()}
        if uses == "actions/upload-artifact":
            shutil.copytree(repo / with_["path"], artifacts / with_["name"])
        elif uses == "actions/download-artifact":
            pattern = with_["pattern"]
            for found in sorted(artifacts.glob(pattern)):
                shutil.copytree(found, repo / with_["path"] / found.name)
        elif "run" in step and "pip install" not in step["run"]:
            done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env={**env, **job_env},
                                  capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, f"{step.get('name')}: {done.stdout[-2000:]}{done.stderr[-2000:]}"


def test_steps_grade_each_shard_then_merge_into_one_gradebook_and_report(tmp_path):
    repo = tmp_path / "course"
    for sid, source in CLASS.items():
        folder = repo / "roster" / f"hw-nag-{sid}"
        folder.mkdir(parents=True)
        (folder / "nag.py").write_text(source)
    workflow = export(repo, "--shards", "2", "--roster", "roster", "--assignment", "nag")
    inputs = {f"inputs.{k}": v["default"] for k, v in workflow["on"]["workflow_dispatch"]["inputs"].items()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    artifacts = tmp_path / "artifacts"
    for shard in workflow["jobs"]["grade"]["strategy"]["matrix"]["shard"]:
        run_job(workflow["jobs"]["grade"], {**inputs, "matrix.shard": shard}, repo, artifacts, env)
    assert sorted(p.name for p in artifacts.iterdir()) == ["shard-1", "shard-2"]
    run_job(workflow["jobs"]["merge"], inputs, repo, artifacts, env)
    results = artifacts / "class-results"
    with open(results / "gradebook.csv", newline="") as fh:
        rows = {r["student"]: float(r["nag"]) for r in csv.DictReader(fh)}
    assert rows.keys() == {"ann", "ben", "cal"} and rows["ann"] == rows["cal"] == 10 > rows["ben"]
    assert (results / "report.html").is_file() and (results / "feedback" / "ben.html").is_file()
    assert "gradient_at_theta" in (results / "misconceptions.csv").read_text()
