"""The text of a Doc, read once: spaCy rebuilds `Doc.text` from every token each time it is asked for."""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "kg.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached on the Doc (the stages after NLP read it many times per article)."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
