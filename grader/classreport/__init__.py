"""The class report (`grader report RESULTS`): what a batch run says the class got wrong.

``gather`` reads the batch folder, ``analysis`` turns records into plain values,
``charts`` and ``page`` draw the self-contained HTML page, ``summary`` the terminal
summary, ``tables`` the misconception CSV.
"""
