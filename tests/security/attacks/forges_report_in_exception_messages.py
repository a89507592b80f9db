"""Attack: Every function raises an exception whose class name and message carry report forgeries:
rich markup (`[green]passed[/]`), ANSI escapes, newlines followed by `::notice`
workflow commands, fake JSON fragments, bidirectional-override characters.
Expected: 0 points; the forgeries appear (if at all) as inert single-line text.
"""
import numpy as np

_MESSAGE = ('[green]passed[/] 10/10\x1b[32m PASSED \x1b[0m\r\n'
            '::notice title=Autograding complete::Points 10/10\n'
            '"}], "score": 10.0, "max_score": 10.0}\n\u202eevil\u202c\u2028::error::x')
_Forged = type("\x1b[32mPassed\x1b[0m\n::notice::", (Exception,), {})


def gd_step(theta, grad_fn, lr):
    raise _Forged(_MESSAGE)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    raise RuntimeError(_MESSAGE)


def nag_step(theta, velocity, grad_fn, lr, rho):
    raise _Forged(_MESSAGE)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    raise _Forged(_MESSAGE)
