"""Split article text into paragraphs with their offsets.

A paragraph is a block between blank lines, or a single line when a block holds several lines that each
stand alone (a headline over its "Stand:" line). Hard-wrapped prose (lines of about equal width, or a line
continued in lower case) stays one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_SEPARATOR = re.compile(r"\n[ \t]*\n")
_WRAP_WIDTH_MAX = 100
_WRAP_SLACK = 25


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_paragraphs(text: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    position = 0
    for separator in [*_BLOCK_SEPARATOR.finditer(text), None]:
        block_end = separator.start() if separator else len(text)
        paragraphs.extend(_block_paragraphs(text, position, block_end))
        if separator:
            position = separator.end()
    return paragraphs


def _block_paragraphs(text: str, start: int, end: int) -> list[Paragraph]:
    lines = _lines(text, start, end)
    if not lines:
        return []
    if _is_hard_wrapped([text[s:e] for s, e in lines]):
        return [_paragraph(text, lines[0][0], lines[-1][1])]
    groups: list[list[tuple[int, int]]] = []
    for line in lines:
        if groups and _continues(text[slice(*groups[-1][-1])], text[slice(*line)]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_paragraph(text, group[0][0], group[-1][1]) for group in groups]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line in text[start:end], without surrounding whitespace."""
    lines = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        raw = match.group()
        if raw.strip():
            left = len(raw) - len(raw.lstrip())
            right = len(raw.rstrip())
            lines.append((start + match.start() + left, start + match.start() + right))
    return lines


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    return widest <= _WRAP_WIDTH_MAX and min(widths) >= widest - _WRAP_SLACK


def _continues(previous: str, line: str) -> bool:
    """A line that starts in lower case after one that has no final punctuation goes on its sentence."""
    return bool(line) and line[0].islower() and not ends_sentence(previous)


def _paragraph(text: str, start: int, end: int) -> Paragraph:
    return Paragraph(start, end, text[start:end])


_CLOSERS = "\"'”“„»«)]’‘"
_FINAL = ".!?:;,…"


def ends_sentence(text: str) -> bool:
    """True if the text ends like running prose: with punctuation, possibly inside quotes or brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL
