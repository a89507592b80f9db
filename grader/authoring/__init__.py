"""Instructor-side authoring: one source of truth for what students receive.

The reference solutions in ``solutions/<name>.py`` mark their answers between
``### BEGIN SOLUTION`` / ``### END SOLUTION``. From them this package derives, by pure
functions:

- ``regions``: where the answer regions are (and errors for broken markers);
- ``template``: the ``.py`` template (each region becomes a stub that raises);
- ``cells`` and ``notebook_builder``: the ``.ipynb`` template built with nbformat;
- ``templates``: the expected ``student_templates/`` folder and its drift check;
- ``leaks`` and ``release``: the repository students receive, refused if it would
  contain an answer line, a hidden test or a known-mistake file.

Nothing here imports or runs student code, and none of it ships to students.
"""
