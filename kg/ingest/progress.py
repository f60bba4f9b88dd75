"""How a batch shows its progress: a protocol the runner calls, and a rich progress bar for the terminal."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    def start(self, total: int | None) -> None:
        """Begin; `total` may be None while the inputs are still being read."""

    def total(self, total: int) -> None:
        """The number of articles to extract, once all inputs are read."""

    def advance(self, count: int = 1) -> None: ...

    def stop(self) -> None: ...


class Silent:
    """No progress display (library use, tests)."""

    def start(self, total: int | None) -> None:
        pass

    def total(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass


class RichBar:
    """A bar with done/total, articles per second, elapsed and remaining time, on stderr."""

    def __init__(self, description: str = "extracting") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _rate_column(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True,
        )
        self._description = description
        self._task = None

    def start(self, total: int | None) -> None:
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=total)

    def total(self, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, total=total)

    def advance(self, count: int = 1) -> None:
        self._progress.advance(self._task, count)

    def stop(self) -> None:
        self._progress.stop()


def _rate_column():  # noqa: ANN202 - a rich ProgressColumn, built lazily to keep rich out of imports
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:  # noqa: ANN001 - rich.progress.Task
            speed = task.finished_speed or task.speed
            return Text("  -.- articles/s" if speed is None else f"{speed:5.1f} articles/s")

    return RateColumn()
