"""Article -> Extraction: runs the stages in order (NLP, entities, linking, events).

This is the design card's entry point. Everything after it (RDF, store, server, export) reads only the
`Extraction`; nothing before it knows about RDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg.entities import find_entities
from kg.events import find_events
from kg.link.kb import KnowledgeBase, load_kb
from kg.model import Article, Document, Extraction
from kg.nlp import load_pipeline, pipeline_description
from kg.read.language import detect_language

BATCH_SIZE = 16


def article_language(article: Article) -> str:
    """The language the article is extracted in."""
    return _language(article)


def _language(article: Article) -> str:
    if article.language in ("de", "en"):
        return article.language
    return detect_language(article.text)


def _document(article: Article, lang: str, pipeline: str) -> Document:
    return Document(
        id=article.id,
        title=article.title,
        published=article.published.isoformat() if article.published else None,
        language=lang,
        source=article.source,
        url=article.url,
        pipeline=pipeline,
        content_hash=article.content_hash,
    )


def extraction_from_doc(article: Article, doc: Doc, lang: str, kb: KnowledgeBase, pipeline: str) -> Extraction:
    """The stages after NLP, on a processed `Doc`."""
    index = find_entities(doc, lang, kb)
    events = find_events(doc, index, lang, article.published, article.body_spans())
    extraction = Extraction(
        document=_document(article, lang, pipeline), text=article.text, entities=index.entities, events=events
    )
    _link(extraction, kb, article)
    _keep_event_actors_only(extraction)
    return extraction


def _link(extraction: Extraction, kb: KnowledgeBase, article: Article) -> None:
    try:
        from kg.link.offline import link_extraction
    except ImportError:  # pragma: no cover - while the linker is being written
        for entity in extraction.entities:
            entry = kb.get(entity.kb_key) if entity.kb_key else None
            entity.wikidata = entry.qid if entry else None
        return
    link_extraction(extraction, kb, article.published)


def _keep_event_actors_only(extraction: Extraction) -> None:
    """Entities stay whether or not an event names them; only dangling role references are cleared."""
    ids = {e.id for e in extraction.entities}
    for event in extraction.events:
        event.participants = [p for p in event.participants if p in ids]
        for role in ("source", "target", "mediator", "reported_by", "medium"):
            if getattr(event, role) not in ids:
                setattr(event, role, None)


def extract(article: Article, kb: KnowledgeBase | None = None) -> Extraction:
    """Extract the entities and events of one article."""
    return next(extract_many([article], kb))


def extract_many(articles: Iterable[Article], kb: KnowledgeBase | None = None,
                 batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Extract many articles, running spaCy in batches per language; yields in input order."""
    kb = kb or load_kb()
    batch: list[tuple[Article, str]] = []
    for article in articles:
        batch.append((article, _language(article)))
        if len(batch) >= batch_size:
            yield from _run_batch(batch, kb)
            batch = []
    if batch:
        yield from _run_batch(batch, kb)


def _run_batch(batch: list[tuple[Article, str]], kb: KnowledgeBase) -> Iterator[Extraction]:
    results: dict[int, Extraction] = {}
    for lang in sorted({lang for _, lang in batch}):
        nlp = load_pipeline(lang)
        pipeline = pipeline_description(nlp)
        positions = [i for i, (_, article_lang) in enumerate(batch) if article_lang == lang]
        docs = nlp.pipe(batch[i][0].text for i in positions)
        for i, doc in zip(positions, docs, strict=True):
            results[i] = extraction_from_doc(batch[i][0], doc, lang, kb, pipeline)
    for i in range(len(batch)):
        yield results[i]
