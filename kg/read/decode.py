"""Bytes of a text file -> str, whatever common encoding it was saved in.

Offsets downstream refer to the decoded text, so the only change made is CRLF/CR -> LF (and the BOM).
"""

from __future__ import annotations

import codecs
import unicodedata

from kg.read.errors import UnreadableInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_NON_TEXT = frozenset({"Cc", "Cs", "Co", "Cn"})  # controls, surrogates, private use, unassigned
_MAX_CONTROL_SHARE = 0.05


def decode_text(data: bytes) -> str:
    """Decode `data`; raise UnreadableInput("binary file") for anything that is not text."""
    text = _decode(data)
    if _looks_binary(text):
        raise UnreadableInput("binary file")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInput(f"not valid {encoding} despite its byte order mark") from exc
    if b"\x00" in data:
        raise UnreadableInput("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 is latin-1 with printable characters where latin-1 has C1 controls; it fails only on five
    # unassigned bytes, and latin-1 takes every byte.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not text:
        return False
    # each distinct character is classified once (a text has a few hundred), then only those counted
    non_text = [ch for ch in set(text) if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in _NON_TEXT]
    controls = sum(text.count(ch) for ch in non_text)
    return controls / len(text) > _MAX_CONTROL_SHARE
