"""Grading inside a container (``--container``): Docker or Podman, where the grader is root.

The grader on the host starts itself again inside a container, on the submission
mounted read-only, and reads back what that grader wrote to a host folder: the same
result objects a direct run gives, rendered and exited the same way.

- ``config.py``: which engine, image or root filesystem, and the engine's command line;
- ``transfer.py``: a ``SubmissionResult`` as JSON and back, without loss;
- ``run.py``: run the engine (in the foreground, or briefly to see whether it works);
- ``grading.py``: `grade` and `check` in a container, the result read back;
- ``batching.py``: `batch` in a container, writing the output folder on the host;
- ``image.py``: the Dockerfile and build context of the default image.
"""
