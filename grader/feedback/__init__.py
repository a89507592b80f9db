"""Feedback pages: pictures of a student's functions on fixed, public problems.

``figures`` calls the student's functions through the sandbox (never importing them)
and returns plain arrays; ``drawing`` turns those arrays into inline SVG. The page
itself is rendered by ``grader.render.feedback_html``.
"""
