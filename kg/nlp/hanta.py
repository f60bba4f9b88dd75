"""HanTa as a spaCy tagger: STTS tags, universal POS, lemmas and compound parts for German."""

from __future__ import annotations

from functools import cache, lru_cache

from spacy.tokens import Doc, Token

# HanTa writes STTS tags with the subtype in brackets ("VA(FIN)"); a few of its tags are its own.
_SPECIAL = {"NNA": "NN", "XY": "XY"}
_UPOS = {
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP",
    "APZR": "ADP", "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ", "KOUI": "SCONJ", "KOUS": "SCONJ",
    "KON": "CCONJ", "KOKOM": "CCONJ", "NN": "NOUN", "NE": "PROPN", "PDS": "PRON", "PDAT": "DET",
    "PIS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PPER": "PRON", "PPOSS": "PRON", "PPOSAT": "DET",
    "PRELS": "PRON", "PRELAT": "DET", "PRF": "PRON", "PWS": "PRON", "PWAT": "DET", "PWAV": "ADV",
    "PAV": "ADV", "PROAV": "ADV", "PTKZU": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKANT": "PART",
    "PTKA": "PART", "TRUNC": "X", "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB",
    "VVPP": "VERB", "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "AUX",
    "VMINF": "AUX", "VMPP": "AUX", "XY": "X", "$,": "PUNCT", "$.": "PUNCT", "$(": "PUNCT",
}
_PART_TAGS = {"NN", "NE", "ACR_NE", "ACR", "ADJ", "VV"}


def stts(hanta_tag: str) -> str:
    if hanta_tag in _SPECIAL:
        return _SPECIAL[hanta_tag]
    return hanta_tag.replace("(", "").replace(")", "")


WORD_CACHE_SIZE = 500_000  # distinct (word, tag) analyses kept per process


@cache
def _tagger(model: str):  # noqa: ANN202 - HanTa has no types
    """HanTa's tagger, with its two per-word analyses memoised.

    HanTa analyses every token from scratch: `analyze_forward` (the tag distribution of a word outside its
    training lexicon) and `_analyze` (the morphemes and lemma of a word with a given tag) are pure functions
    of their arguments and take most of the German pipeline's time, while news text repeats its words a
    lot. Caching them on the instance changes no result, only how often they are computed.
    """
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger(model)
    tagger.analyze_forward = lru_cache(maxsize=WORD_CACHE_SIZE)(tagger.analyze_forward)
    tagger._analyze = lru_cache(maxsize=WORD_CACHE_SIZE)(tagger._analyze)
    return tagger


@lru_cache(maxsize=200_000)
def _compound_parts(model: str, word: str) -> list:
    """HanTa's morphemes of a noun, e.g. Kremlsprecher -> [(kreml, NN), (sprecher, NN)]."""
    if len(word) < 7:
        return []
    analysis = _tagger(model).analyze(word, taglevel=3)
    return analysis[1] if isinstance(analysis, tuple) and len(analysis) > 1 else []


class HantaTagger:
    """Tags each sentence with HanTa; sentences must be set before it runs."""

    def __init__(self, model: str) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        tagger = _tagger(self.model)
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sentences:
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            analyses = tagger.tag_sent([t.text for t in tokens], taglevel=1)
            for token, (_, lemma, tag) in zip(tokens, analyses, strict=True):
                tag = stts(tag)
                morphemes = _compound_parts(self.model, token.text) if tag in {"NN", "NE"} else []
                self._annotate(token, lemma, morphemes, tag)
        for token in doc:
            if token.is_space:
                token.tag_, token.pos_ = "_SP", "SPACE"
        return doc

    @staticmethod
    def _annotate(token: Token, lemma: str, morphemes: list, tag: str) -> None:
        token.tag_ = tag
        token.pos_ = _UPOS.get(tag, "X")
        token.lemma_ = token.text if tag in {"NE", "XY", "FM"} or not lemma else lemma
        token._.parts = [m for m, mtag in morphemes if mtag.split("_")[0] in _PART_TAGS or mtag in _PART_TAGS]


@lru_cache(maxsize=50_000)
def verb_morphemes(word: str, model: str = "morphmodel_ger.pgz") -> tuple[tuple[str, str], ...]:
    """HanTa's morphemes of a verb form: "fordert" -> (("forder", "VV"), ("t", "SUF_FIN")), for its tense."""
    analysis = _tagger(model).analyze(word, taglevel=3)
    return tuple(analysis[1]) if isinstance(analysis, tuple) and len(analysis) > 1 else ()
