"""The exception by which a student's code reports that it produced no usable value."""

from __future__ import annotations

from grader.model import Status


class StudentIssue(Exception):
    """A student call produced no usable value; ``status`` says which kind of problem."""

    def __init__(self, status: Status, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
