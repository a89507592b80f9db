"""Per-student seeds: each student's hidden tests draw their own random inputs.

With a secret, seed = HMAC-SHA256(secret, student id) truncated to 63 bits: a student
cannot compute a classmate's seed, so values copied from a classmate's run do not pass.
Without one, every student gets the same fixed seed.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

SEED_BITS = 63


class SecretError(Exception):
    """The seed-secret file is unusable."""


def read_secret(path: Path) -> bytes:
    """The secret bytes of ``path``, without a trailing newline (``echo s > file`` works)."""
    try:
        secret = path.read_bytes().rstrip(b"\r\n")
    except OSError as exc:
        raise SecretError(f"cannot read the seed secret {path}: {exc.strerror}") from None
    if len(secret) < 8:
        raise SecretError(f"the seed secret in {path} is shorter than 8 bytes; use a long random string "
                          "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))' > secret`)")
    return secret


def student_seed(secret: bytes | None, student_id: str, fixed: int = 0) -> int:
    """The seed for ``student_id``: HMAC-derived with a secret, else ``fixed``."""
    if secret is None:
        return fixed
    digest = hmac.new(secret, student_id.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - SEED_BITS)


def seeding(secret: bytes | None, fixed: int = 0) -> str:
    """How a batch chooses seeds, as its shards record it: ``fixed 0``, or ``secret`` and a
    fingerprint of it (which does not reveal the secret), so that shards graded with
    different seeds are never merged into one gradebook."""
    if secret is None:
        return f"fixed {fixed}"
    return "secret " + hmac.new(secret, b"dl-grader seeding fingerprint", hashlib.sha256).hexdigest()[:16]
