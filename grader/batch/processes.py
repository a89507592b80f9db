"""Long-lived grading processes for the batch runner.

A ``JobProcess`` is one ``python -m grader.batch.job`` process that grades students one
after another (see job.py). ``JobPool`` lends them to the runner's threads: a process
that answered is reused for the next student; one that crashed, hung past the student
time limit or answered oddly is stopped and replaced, so its failure stays with the one
student it was grading.
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import tempfile


class JobProcess:
    def __init__(self, side_by_side: int = 1):
        """``side_by_side``: how many grading processes the runner runs at once."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        self._log = tempfile.TemporaryFile()
        # The job stops when this process is gone (killed with SIGKILL, say), student or not.
        self.proc = subprocess.Popen([sys.executable, "-m", "grader.batch.job", str(os.getpid()), str(side_by_side)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=env,
                                     text=True)

    def grade(self, request: dict, timeout: float) -> tuple[str | None, str]:
        """Send one request; returns (the answer line, or None, and a note on failure)."""
        start = os.fstat(self._log.fileno()).st_size
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except OSError:
            return None, self._why(start)
        readable, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not readable:
            return None, f"grading this student took longer than {timeout:g} s and was stopped"
        line = self.proc.stdout.readline()
        if not line:
            return None, self._why(start)
        return line.strip(), ""

    def _why(self, start: int) -> str:
        code = self.proc.poll()
        self._log.seek(start)
        lines = [l for l in self._log.read().decode("utf-8", "replace").splitlines() if l.strip()]
        tail = " | ".join(lines[-3:])
        return tail or f"the grading process exited with code {code}"

    def stop(self) -> None:
        """SIGTERM first: the job then closes its sandboxes, killing the student's processes."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self._log.close()


class JobPool:
    """Idle grading processes, started on demand and reused while they behave."""

    def __init__(self, size: int = 1):
        """``size``: how many processes are busy at once (the runner's jobs)."""
        self._size = size
        self._idle: queue.SimpleQueue[JobProcess] = queue.SimpleQueue()
        self._all: list[JobProcess] = []

    def __enter__(self) -> "JobPool":
        return self

    def __exit__(self, *exc) -> None:
        self.stop_all()

    def stop_all(self) -> None:
        """Stop every grading process, idle or busy (a thread waiting on one gets its end of file)."""
        for process in self._all:
            process.stop()

    def grade(self, request: dict, timeout: float) -> tuple[str | None, str]:
        try:
            process = self._idle.get_nowait()
        except queue.Empty:
            process = JobProcess(self._size)
            self._all.append(process)
        answer, note = process.grade(request, timeout)
        if answer == "done":
            self._idle.put(process)
        else:
            process.stop()
        return answer, note
