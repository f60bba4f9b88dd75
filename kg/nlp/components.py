"""The project's spaCy components, registered by name so pipelines are lists of names."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.hanta import HantaTagger

if not Token.has_extension("parts"):
    # compound parts from HanTa ("US-Verteidigungsminister" -> us, verteidigung, minister), with offsets
    Token.set_extension("parts", default=None)


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and paragraphs never run into each other."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


APOSTROPHES = {"’", "'"}


@Language.component("kg_apostrophe_names")
def apostrophe_names(doc: Doc) -> Doc:
    """"O’Neill", "Sa’ar", "Ma’ruf" are one word: the tokenizer splits at the apostrophe, names must not be."""
    spans = []
    i = 0
    while i + 2 < len(doc):
        left, mark, right = doc[i], doc[i + 1], doc[i + 2]
        if (mark.text in APOSTROPHES and not left.whitespace_ and not mark.whitespace_ and left.text[:1].isupper()
                and left.is_alpha and right.is_alpha and (not spans or spans[-1].end <= i)):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


SENTENCE_OPENERS = {"ADV", "ART", "PPER", "PDS", "KON", "APPR", "APPRART", "PIS", "PPOSAT", "KOUS", "PWAV", "PIAT",
                    "PDAT", "PRF"}


@Language.component("kg_ordinal_sentence_ends")
def ordinal_sentence_ends(doc: Doc) -> Doc:
    """"Typ Leopard 2. Zunächst würden ...": a number with a full stop before a word that opens sentences
    (an adverb, an article, a pronoun) ends the sentence; "der 2. Weltkrieg" or "am 2. Juni" do not."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if not (token.text[:-1].isdigit() and token.text.endswith(".") and following.text[:1].isupper()):
            continue
        if following.tag_ in SENTENCE_OPENERS or int(token.text[:-1]) > 31:  # "weitere 307. US-Präsident ..."
            following.is_sent_start = True
    return doc


@Language.factory("hanta_tagger", default_config={"model": "morphmodel_ger.pgz"})
def make_hanta_tagger(nlp: Language, name: str, model: str) -> HantaTagger:
    return HantaTagger(model)


@Language.factory("kg_entity_ruler", default_config={"lang": "de"})
def make_entity_ruler(nlp: Language, name: str, lang: str):  # noqa: ANN201 - a spaCy component
    from kg.entities.ruler import EntityRuler

    return EntityRuler(nlp, lang)
