"""The default image: a Dockerfile that pip-installs this grader's wheel on python:3.11-slim.

``grader container build`` writes a build context (the Dockerfile and a wheel built from
the source checkout the grader runs from, course included as ``grader/_course``) and
runs the engine's ``build`` on it, tagging the image ``dl-grader:<version>``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from grader.container.config import ContainerConfig

BASE_IMAGE = "python:3.11-slim"
_SOURCE = Path(__file__).resolve().parents[2]


class BuildError(Exception):
    """The build context could not be made."""


def dockerfile(wheel: str, base: str = BASE_IMAGE) -> str:
    """The Dockerfile installing ``wheel`` (a file name in the build context)."""
    return (f"FROM {base}\n"
            "ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1\n"
            f"COPY {wheel} /tmp/{wheel}\n"
            f"RUN pip install /tmp/{wheel} && rm /tmp/{wheel}\n"
            "# The grader runs as root in here: its sandbox gives student code a private uid.\n"
            "WORKDIR /\n"
            'ENTRYPOINT []\nCMD ["python", "-m", "grader", "doctor"]\n')


def source_checkout() -> Path:
    """The source tree the running grader comes from; ``BuildError`` for an installed wheel."""
    if not (_SOURCE / "pyproject.toml").is_file() or not (_SOURCE / "assignments").is_dir():
        raise BuildError(f"{_SOURCE} is not a source checkout of dl-grader: run `grader container build` "
                         "from a checkout (pip install -e .)")
    return _SOURCE


def write_context(folder: Path, source: Path | None = None) -> Path:
    """Build a wheel of ``source`` into ``folder`` and write the Dockerfile beside it."""
    source = source or source_checkout()
    folder.mkdir(parents=True, exist_ok=True)
    # No build isolation: hatchling is installed with the grader's test extras, and a
    # build must not need the network.
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(folder), str(source)], capture_output=True, text=True)
    wheels = sorted(folder.glob("dl_grader-*.whl"))
    if proc.returncode != 0 or not wheels:
        raise BuildError(f"building the wheel failed: {proc.stderr.strip()[-500:]}")
    (folder / "Dockerfile").write_text(dockerfile(wheels[-1].name), encoding="utf-8")
    return folder / "Dockerfile"


def build_argv(config: ContainerConfig, context: Path) -> list[str]:
    return [*config.engine, "build", "--tag", config.image, "--file", str(context / "Dockerfile"), str(context)]
