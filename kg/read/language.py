"""Language of an article: function-word counts first, langdetect (seeded) where they do not decide."""

from __future__ import annotations

import re

from kg.read.wordlists import stopwords

_MIN_HITS = 3
_MARGIN = 2.0  # the winner needs at least twice the other languages' hits


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, deterministic for the same text; None for text with no letters."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if not tokens:
        return None
    counts = {lang: sum(1 for token in tokens if token in words) for lang, words in stopwords().items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_hits >= _MIN_HITS and best_hits >= _MARGIN * runner_up:
        return best
    return _langdetect(text)


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text)
    except LangDetectException:
        return None
