"""One way to compare names: the loader, the builder and the linker all go through `normalise`.

Case is folded ("ß" becomes "ss"), diacritics are dropped ("Türkei" -> "turkei", "Đoković" -> "dokovic"),
dots and commas vanish ("U.S." -> "us"), hyphens, slashes and apostrophe variants are unified. Folding
umlauts to their base vowel matches the dev scorer and Swiss spellings, and it is the same on both sides.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'"})
_DROPPED = re.compile(r"[.,:;!?()\[\]\"„“”«»]")
_SPACES = re.compile(r"[\s\-‐‑–—/_]+")


def normalise(name: str) -> str:
    """The comparison key of a name: casefolded, without diacritics or dots, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _DROPPED.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_acronym(name: str) -> bool:
    """Short all-capital names ("US", "UN", "WHO", "IS", "X") only match when written in capitals."""
    letters = re.sub(r"[.\-\s0-9+]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 5


def written_in_capitals(name: str) -> bool:
    letters = re.sub(r"[^\w]", "", name)
    return bool(letters) and letters.upper() == letters
