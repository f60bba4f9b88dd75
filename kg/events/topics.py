"""What was discussed or said: short noun phrases after "über"/"about" and in "Thema war ..." sentences."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.text import doc_text

TOPIC_PREPOSITIONS = {"über", "zum", "zur", "about", "regarding", "on"}
TOPIC_NOUNS = {"thema", "themen", "topic", "topics"}
DETERMINERS = {"DET", "PRON"}


def _noun_phrase(tokens: list[Token]) -> str | None:
    """From a token after a preposition: optional determiners/adjectives, a noun, an attached "in der X"."""
    words: list[Token] = []
    i = 0
    while i < len(tokens) and tokens[i].pos_ in DETERMINERS:
        i += 1
    while i < len(tokens) and tokens[i].pos_ == "ADJ":
        words.append(tokens[i])
        i += 1
    if i >= len(tokens) or tokens[i].pos_ not in {"NOUN", "PROPN"}:
        return None
    words.append(tokens[i])
    i += 1
    if i + 2 < len(tokens) and tokens[i].lower_ in {"in", "im"} and tokens[i + 1].pos_ in DETERMINERS | {"PROPN"}:
        tail = tokens[i + 1] if tokens[i + 1].pos_ == "PROPN" else tokens[i + 2]
        if tail.pos_ == "PROPN":
            words += list(tokens[i : tail.i - tokens[0].i + 1])
    doc = tokens[0].doc
    return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]


def topics_in(span: Span) -> list[str]:
    """Topics stated in a clause or sentence."""
    found: list[str] = []
    tokens = list(span)
    for n, token in enumerate(tokens):
        if token.lower_ in TOPIC_PREPOSITIONS and token.pos_ == "ADP":
            phrase = _noun_phrase(tokens[n + 1 :])
        elif token.lower_ in TOPIC_NOUNS:
            verb = next((k for k in range(n + 1, len(tokens)) if tokens[k].pos_ in {"AUX", "VERB"}), None)
            phrase = _noun_phrase(tokens[verb + 1 :]) if verb is not None else None
        else:
            continue
        if phrase and phrase not in found:
            found.append(phrase)
    return found


def is_topic_sentence(span: Span) -> bool:
    return any(t.lower_ in TOPIC_NOUNS for t in span)
