"""Word lists the entity stage reads: office titles (offices.yaml) and name cues (cues.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@cache
def _load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class TitleMatch:
    role: str
    head: str  # the lexicon key that matched
    prefix: str  # what stands before the head in a compound ("kreml" in "kremlsprecher", "us" in "us-...")


def office_titles(lang: str) -> dict[str, str]:
    return _load("offices.yaml").get(lang, {})


def match_title(word: str, lang: str) -> TitleMatch | None:
    """The office a (German, possibly compound) title word names, with its prefix."""
    titles = office_titles(lang)
    word = word.casefold()
    if "-" in word:
        prefix, _, rest = word.rpartition("-")
    else:
        prefix, rest = "", word
    if rest in titles:
        return TitleMatch(titles[rest], rest, prefix)
    if lang != "de":
        return None
    # German compounds: the longest listed head that ends the word ("kremlsprecher" -> "sprecher")
    for cut in range(1, len(rest) - 3):
        head = rest[cut:]
        if head in titles:
            joined = rest[:cut].rstrip("s") if rest[:cut].endswith("s") and len(rest[:cut]) > 4 else rest[:cut]
            return TitleMatch(titles[head], head, (prefix + " " + joined).strip() if prefix else joined)
    return None


def token_title(token, lang: str) -> TitleMatch | None:  # noqa: ANN001 - a spaCy Token
    """The office a token names, by its lemma or, failing that, by its surface form."""
    return match_title(token.lemma_ or token.text, lang) or match_title(token.text, lang)


def cue_words(lang: str, name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _load("cues.yaml").get(lang, {}).get(name, []))
