#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
# It installs Python and the grader's dependencies from PyPI; the grader itself and the
# course files are already in the zip (source/dl_grader), so nothing else is downloaded.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3 python3-venv python3-pip
python3 -m venv "$ROOT/venv"
"$ROOT/venv/bin/python" -m pip install --quiet --upgrade pip
"$ROOT/venv/bin/python" -m pip install --quiet -r "$ROOT/source/dl_grader/requirements.txt"
# Fail the image build now, not at the first submission, if the grader cannot start.
PYTHONPATH="$ROOT/source/dl_grader" GRADER_COURSE="$ROOT/source/dl_grader/course" \
    "$ROOT/venv/bin/python" -m grader list
