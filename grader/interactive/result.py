"""What ``grader.check`` returns: the result, shown as a table in Jupyter and as text elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from grader.model import SubmissionResult
from grader.render import json_report, notebook_html, text

PASSED = ("All public checks pass. The hidden tests use other inputs: make sure your code "
          "follows the formulas in general.")
FAILED = ("Some checks do not pass yet: read the messages above, fix your code, run the cell "
          "again, then run grader.check again (no need to save).")
IMPORT_HINT = ("Your cells are replayed in the order you ran them, including cells that failed: "
               "if an old cell fails again, restart the kernel and run your cells again.")


@dataclass(frozen=True, repr=False)
class CheckResult:
    """The public tests' result for the code a kernel executed.

    ``score`` and ``max_score`` are the figures ``grader check`` gives for the same code;
    ``notes`` say which executed cells were left out and why."""

    result: SubmissionResult
    notes: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def max_score(self) -> float:
        return self.result.max_score

    @property
    def all_passed(self) -> bool:
        return self.result.all_passed

    @property
    def conclusion(self) -> str:
        if self.all_passed:
            return PASSED
        if any("could not be imported" in t.output for r in self.result.results for t in r.tests):
            return f"{FAILED} {IMPORT_HINT}"
        return FAILED

    def as_dict(self) -> dict:
        """The JSON report (``grader grade --public-only --format json``) for the same code."""
        return json_report.as_data(self.result)

    def _repr_html_(self) -> str:
        return notebook_html.render(self.result, notes=self.notes, conclusion=self.conclusion)

    def __str__(self) -> str:
        notes = "".join(f"note: {n}\n" for n in self.notes)
        return f"{text.render(self.result, width=110)}{notes}{self.conclusion}\n"

    __repr__ = __str__
