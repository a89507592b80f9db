"""One module per assignment with a feedback picture: ``build(student, reference) -> Chart``.

``BUILDERS`` maps an assignment's name to its ``build``: the one place a new picture is
registered. ``figures`` gives the picture's calls a time budget of their own before it
calls ``build``.
"""

from grader.feedback.plots import activations, adaptive, gru, init, memory_cell, rnn

BUILDERS = {module.__name__.rsplit(".", 1)[-1]: module.build
            for module in (adaptive, activations, init, rnn, memory_cell, gru)}
