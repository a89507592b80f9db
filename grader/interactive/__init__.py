"""``grader.check(name)`` inside Jupyter: the public tests on the code the kernel has run.

    history.py  the kernel's input history → module source (the notebook pipeline's rules)
    check.py    ``check(name)``: grade that source in the sandbox, like ``grader check``
    result.py   ``CheckResult``: score, max_score, an HTML table in Jupyter, text elsewhere

Nothing of the student's process is trusted: only the text of the executed cells leaves
it, and it runs in a fresh sandboxed worker exactly like a submitted file.
"""
