"""The `grader` command line: a table of contents.

Each verb lives in its own module under ``grader/commands/`` and is imported only when
it is run, so ``grader --help`` and ``grader grade`` start fast.
Exit codes: 0 all checks passed, 1 some checks failed, 2 usage error,
3 internal error (the results are still written, failing checks marked ``error``).
"""

from __future__ import annotations

import importlib
import importlib.util
import signal
import sys

import click

COMMANDS = {
    "grade": ("grader.commands.grade", "Grade one submission (a file or a student's folder)."),
    "check": ("grader.commands.check", "Self-check: run the public tests on your own work."),
    "list": ("grader.commands.list_assignments", "List the assignments and their points."),
    "validate": ("grader.commands.validate", "Check the test suite itself against the reference and known mistakes."),
    "release": ("grader.commands.release", "Build the repository students receive."),
    "new": ("grader.commands.new", "Write the skeleton of a new assignment (instructors)."),
    "batch": ("grader.commands.batch", "Grade a whole class (a folder or zip of student folders)."),
    "merge": ("grader.commands.merge", "Combine the outputs of sharded batch runs into one gradebook."),
    "report": ("grader.commands.class_report", "Write the class report of a batch run: what to re-teach."),
    "export": ("grader.commands.export", "Export an assignment to Gradescope, GitHub Classroom or otter-grader."),
    "doctor": ("grader.commands.doctor", "Show which isolation this machine gives student code."),
    "container": ("grader.commands.container", "Build the image that --container grades in."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx):
        return [name for name, (module, _) in COMMANDS.items() if importlib.util.find_spec(module)]

    def get_command(self, ctx, name):
        if name not in COMMANDS or importlib.util.find_spec(COMMANDS[name][0]) is None:
            return None
        return importlib.import_module(COMMANDS[name][0]).command

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _exit_on_sigterm(signum, frame):
    # A plain SIGTERM (a CI timeout, `kill`) would skip every `finally`; exiting instead
    # lets the sandbox kill the student's processes on the way out.
    sys.exit(128 + signum)


@click.group(cls=LazyGroup)
@click.version_option(package_name="dl-grader")
def main():
    """Autograder for the deep-learning course's NumPy assignments."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
