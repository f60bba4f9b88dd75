"""What a reader yields instead of an article when a file or a line cannot be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """A file (line=None) or one line of a JSON Lines file that was skipped, and why.

    Readers yield it rather than raise, so one broken input does not stop a batch.
    """

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class UnreadableInput(ValueError):
    """Raised inside the readers; turned into a ReadError at the file boundary."""
