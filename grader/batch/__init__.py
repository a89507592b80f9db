"""Grading a whole class: roster discovery, sharding, a resumable parallel runner, gradebook.

Layout of an output folder ``DIR``::

    DIR/students/<id>.json   one record per student, written atomically when graded
    DIR/feedback/<id>.html   the student's feedback page
    DIR/gradebook.csv        derived from the records (student, one column per assignment, total)
    DIR/shard.json           which slice of the roster this run covers

The records are the source of truth: the gradebook is rebuilt from them, so a run that
was killed at any moment resumes by grading only the students without a record.
"""
