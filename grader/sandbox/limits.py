"""Resource limits for one sandbox worker."""

from __future__ import annotations

from dataclasses import dataclass, replace

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits applied to a worker; wall-clock ones are enforced by the grader process.

    ``call_seconds`` is the default per-test budget; a test's ``timeout`` marker
    overrides it.
    """

    start_seconds: float = 20.0
    import_seconds: float = 10.0
    call_seconds: float = 3.0
    address_space: int = 2048 * MiB
    cpu_seconds: int = 300
    processes: int = 32
    file_size: int = 16 * MiB
    open_files: int = 64
    output_bytes: int = 64 * 1024
    time_scale: float = 1.0

    def scaled(self, factor: float) -> "Limits":
        """The same limits with every wall-clock budget multiplied by ``factor``."""
        return replace(self, start_seconds=max(self.start_seconds * factor, 5.0),
                       import_seconds=self.import_seconds * factor, call_seconds=self.call_seconds * factor,
                       time_scale=self.time_scale * factor)

    def seconds(self, budget: float) -> float:
        """A test's own budget (its ``timeout`` marker), scaled like the defaults."""
        return budget * self.time_scale

    def rlimits(self) -> dict:
        return {
            "address_space": self.address_space,
            "cpu_seconds": self.cpu_seconds,
            "processes": self.processes,
            "file_size": self.file_size,
            "open_files": self.open_files,
        }
