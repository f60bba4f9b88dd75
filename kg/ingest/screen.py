"""Cheap checks before the expensive NLP: inputs that cannot or should not be extracted get a reason.

The readers (kg/read) already turn empty, binary and malformed inputs into `ReadError`s. These checks add
what only a batch needs: a size limit that is applied before a file is read, a limit on one article's
length (spaCy's own default limit), a test for pages that are markup without running text, and a one-line
hint when a file's encoding was unusual (so a person can see why its text looks odd).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.model import Article

MAX_FILE_BYTES = 20_000_000  # one text or HTML file; JSON Lines files hold many articles and are not limited
MAX_ARTICLE_CHARS = 1_000_000  # spaCy refuses longer texts unless told otherwise
MIN_LINE_WORDS = 5  # an article needs at least one line of running text this long
_WORD = re.compile(r"[^\W\d_]{2,}")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UNLIMITED_SUFFIXES = {".jsonl", ".ndjson"}
BOMLESS_UTF16 = "looks like UTF-16 without a byte order mark; save it as UTF-8"


def file_too_large(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str | None:
    """The reason to skip `path` without reading it, or None."""
    if path.suffix.lower() in _UNLIMITED_SUFFIXES:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader reports missing or unreadable files itself
    if size > max_bytes:
        return f"file too large: {_megabytes(size)} (limit {_megabytes(max_bytes)}; see --max-bytes)"
    return None


def encoding_hint(path: Path) -> str | None:
    """How the file departs from plain UTF-8, in words, or None for UTF-8 (and unreadable files)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data.startswith(codecs.BOM_UTF8) or not data:
        return None
    if data.startswith(_UTF16_BOMS):
        return "UTF-16 text (with a byte order mark), converted"
    if _looks_like_bomless_utf16(data):
        return BOMLESS_UTF16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            return "ends in a cut-off UTF-8 character (truncated file?); read as Windows-1252, text may be garbled"
        return "not UTF-8; read as Windows-1252/Latin-1"
    return None


def article_problem(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> str | None:
    """The reason not to extract this article, or None."""
    if len(article.text) > max_chars:
        return f"text too long: {len(article.text):,} characters (limit {max_chars:,}; see --max-chars)"
    if not any(len(_WORD.findall(line)) >= MIN_LINE_WORDS for line in article.text.splitlines()):
        return f"no running text (no line of {MIN_LINE_WORDS} or more words): markup or navigation only"
    return None


def _looks_like_bomless_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 8:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
