"""The text files of a release written for students: README.md and .gitignore."""

from __future__ import annotations

from grader.course import Assignment


def student_readme(course: dict[str, Assignment]) -> str:
    """How to install the grader, where to write code, and how to self-check."""
    rows = "".join(f"| `{a.name}` | {a.title} | `{a.name}.py` or `{a.name}.ipynb` | "
                   f"`assignments/{a.name}/` |\n" for a in course.values())
    first = next(iter(course), "nag")
    return f"""# Deep-learning assignments

| assignment | topic | your file | instructions and public tests |
| --- | --- | --- | --- |
{rows}
## Set up (once)

You need Python 3.10 or newer. In this folder run

```bash
pip install .
```

This installs the `grader` command with the public tests of every assignment.

## Work

Each assignment comes twice: as a script (`{first}.py`) and as a notebook
(`{first}.ipynb`). Work in ONE of them and delete the other before you submit: when both
are present, `grader check` and the final grading use the `.py` file. Fill in every
function where it says `# YOUR CODE HERE` (remove the `raise NotImplementedError(...)`
line); keep the names and signatures exactly as given. The docstrings and
`assignments/<name>/README.md` describe what each function must compute.

In a notebook only the code cells count: outputs stored in it are ignored, and so are
lines starting with `%` or `!` (`%matplotlib inline`, `!pip install ...`).

## Check your work

```bash
grader check                 # every assignment found in this folder
grader check {first}.py          # one file
grader check {first}.ipynb       # the notebook version
grader list                  # the assignments and their points
```

In a notebook, run its last cell instead: it checks the code you have run, saved or not.

```python
import grader; grader.check("{first}")
```

`grader check` runs the public tests (`assignments/<name>/test_public*.py`) on your code
and explains every failure. Your final grade also uses hidden tests with other inputs:
passing the public tests is a good sign, not a guarantee, so follow the formulas in
general rather than the test values.
"""


def gitignore() -> str:
    return "__pycache__/\n*.egg-info/\nbuild/\n.ipynb_checkpoints/\n.venv/\n"
