"""The unit of work every engine runs: a chunk of articles -> their extractions, or their graphs.

The same functions run in this process, in local worker processes and on Dask workers, so the graph does
not depend on where it was made. Local workers return `Extraction`s and the writing process turns them into
RDF quads (it has CPU to spare beside one worker, and that keeps the worker's share, the bottleneck, small);
cluster workers return the graphs as N-Triples lines (plain strings pickle cheaply, and the single writer
must not become the bottleneck of many machines).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Article, Extraction

LANGUAGES = ("de", "en")
ENTITY_RULER = "kg_entity_ruler"


@dataclass(frozen=True)
class Extracted:
    """One article's graph, ready to be written in one transaction."""

    id: str
    events: int
    entities: int
    ntriples: list[str]


@dataclass(frozen=True)
class Failed:
    """An article whose extraction or RDF conversion raised; the batch goes on without it."""

    id: str
    reason: str


@dataclass(frozen=True)
class Converted:
    """One article's graph as pyoxigraph quads, made in the writing process (quads do not pickle)."""

    id: str
    events: int
    entities: int
    quads: list  # list[pyoxigraph.Quad], in the article's graph


@dataclass(frozen=True)
class Analysed:
    """A chunk's articles of one language after spaCy, before the entity ruler: the Docs as DocBin bytes.

    With one worker beside the writing process, the worker does only the NLP (the bottleneck) and the writing
    process, which has time to spare, runs entities, events, linking and RDF on the Docs it receives.
    """

    lang: str
    pipeline: str
    articles: list[Article]
    docs: bytes


Result = Extracted | Failed


def warm_up(languages: Iterable[str] = LANGUAGES) -> None:
    """Load the spaCy pipelines and the knowledge base now, once per process, instead of on the first chunk."""
    from kg.link.kb import load_kb
    from kg.nlp import load_pipeline

    load_kb()
    for lang in languages:
        load_pipeline(lang)


def extract_chunk(articles: list[Article]) -> list[Extraction | Failed]:
    """Extract a chunk in one spaCy batch; if that raises, extract one by one so only the culprit fails."""
    from kg.extract import extract_many

    try:
        return list(extract_many(articles, batch_size=max(1, len(articles))))
    except Exception:  # any bug in one article must not stop the batch; isolated below
        return [_extract_one(article) for article in articles]


def analyse_chunk(articles: list[Article]) -> list[Analysed | Failed]:
    """The NLP part of `extract_chunk`: spaCy without the entity ruler, per language, Docs as bytes."""
    from spacy.tokens import DocBin

    from kg.extract import article_language
    from kg.nlp import load_pipeline
    from kg.nlp.pipelines import pipeline_description

    out: list[Analysed | Failed] = []
    for lang in sorted({article_language(a) for a in articles}):
        group = [a for a in articles if article_language(a) == lang]
        nlp = load_pipeline(lang)
        try:
            with nlp.select_pipes(disable=[ENTITY_RULER]):
                docs = list(nlp.pipe(a.text for a in group))
            payload = DocBin(store_user_data=True, docs=docs).to_bytes()
        except Exception:  # isolate the article that breaks spaCy: it is extracted alone and reported
            out += [_extract_one(a) for a in group]
            continue
        out.append(Analysed(lang, pipeline_description(nlp), group, payload))
    return out


def finish(analysed: Analysed) -> list[Extraction | Failed]:
    """The rest of the extraction, in the writing process: entity ruler, entities, events, linking."""
    from spacy.tokens import DocBin

    from kg.extract import extraction_from_doc
    from kg.link.kb import load_kb
    from kg.nlp import load_pipeline

    nlp = load_pipeline(analysed.lang)
    ruler = nlp.get_pipe(ENTITY_RULER)
    kb = load_kb()
    docs = DocBin().from_bytes(analysed.docs).get_docs(nlp.vocab)
    out: list[Extraction | Failed] = []
    for article, doc in zip(analysed.articles, docs, strict=True):
        try:
            out.append(extraction_from_doc(article, ruler(doc), analysed.lang, kb, analysed.pipeline))
        except Exception as error:  # reported per article, the batch goes on
            out.append(Failed(article.id, f"extraction failed: {type(error).__name__}: {error}"))
    return out


def extract_chunk_as_graphs(articles: list[Article]) -> list[Result]:
    """`extract_chunk`, then each extraction as the N-Triples lines of its graph."""
    return [r if isinstance(r, Failed) else graph_lines(r) for r in extract_chunk(articles)]


def _extract_one(article: Article) -> Extraction | Failed:
    from kg.extract import extract

    try:
        return extract(article)
    except Exception as error:  # reported per article, the batch goes on
        return Failed(article.id, f"extraction failed: {type(error).__name__}: {error}")


def graph_quads(extraction: Extraction) -> Converted | Failed:
    """The article's graph as quads, or why it cannot be written as RDF."""
    from kg.rdf import extraction_to_quads

    try:
        quads = extraction_to_quads(extraction)
    except ValueError as error:
        return Failed(extraction.document.id, f"cannot be written as RDF: {error}")
    return Converted(extraction.document.id, len(extraction.events), len(extraction.entities), quads)


def graph_lines(extraction: Extraction) -> Result:
    """The article's graph as distinct N-Triples lines, or why it cannot be written as RDF."""
    converted = graph_quads(extraction)
    if isinstance(converted, Failed):
        return converted
    lines = list(dict.fromkeys(f"{q.subject} {q.predicate} {q.object} ." for q in converted.quads))
    return Extracted(converted.id, converted.events, converted.entities, lines)
