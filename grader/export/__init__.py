"""Exports to grading platforms: one module per platform.

- ``gradescope``: an autograder zip (``setup.sh``, ``run_autograder``) that grades with
  this package and writes Gradescope's ``results.json`` (``gradescope_run`` runs inside it).
- ``classroom``: the GitHub Classroom workflow and the hidden-tests secret bundle
  (``github`` writes step outputs the way GitHub Actions reads them).
- ``otter``: otter-grader test files and autograder zip, with reference values recorded
  from the reference solution (``otter_record``) and written as data (``otter_source``).
- ``bundle``: copying the grader and an assignment's course files into an export.
"""
