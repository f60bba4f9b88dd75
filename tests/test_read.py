"""Readers: files of each kind -> Article, with dates, language, title and body spans."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.model import Article
from kg.read import ReadError, read_file, read_paths

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_c56ab70738da21e2.txt"

GERMAN_REPORT = (
    "Kanzler trifft Präsidenten\n\n"
    "Stand: 03.05.2024 18:05 Uhr\n\n"
    "Der Bundeskanzler hat sich am Freitag mit dem französischen Präsidenten in Paris getroffen. "
    "Beide sprachen über die Unterstützung für die Ukraine.\n\n"
    "Nach dem Treffen sagte der Kanzler, die Zusammenarbeit sei eng und werde weiter ausgebaut.\n"
)
ENGLISH_REPORT = (
    "Leaders hold talks\n\n"
    "The two presidents spoke by phone on Tuesday and agreed to meet later this year, "
    "according to a statement from the foreign ministry.\n"
)


def _articles(items: list[Article | ReadError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _errors(items: list[Article | ReadError]) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def _only_article(path: Path, **options) -> Article:
    items = list(read_file(path, **options))
    assert not _errors(items), _errors(items)
    [article] = items
    return article


def _body_texts(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.body]


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the seed ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    return _only_article(SEED)


def test_seed_metadata(seed: Article) -> None:
    assert seed.id == SEED.stem
    assert seed.published == date(2024, 6, 26)
    assert seed.language == "de"
    assert seed.title == "USA und Russland Die Verteidigungsminister reden miteinander"


def test_seed_text_is_the_file_text(seed: Article) -> None:
    assert seed.text == SEED.read_text(encoding="utf-8").replace("\r\n", "\n")


def test_seed_body_leaves_out_header_headings_and_footer(seed: Article) -> None:
    body = _body_texts(seed)
    assert len(body) == 7
    assert body[0].startswith("Erstmals seit März 2023")
    assert body[-1].startswith("Die Gespräche zum Austausch von Kriegsgefangenen")
    joined = "\n".join(body)
    for left_out in (
        "bei einer Pressekonferenz",  # caption
        "reden miteinander",  # kicker and headline
        "Stand:",
        "Erstes Gespräch seit 15. März 2023",  # sub-heading
        "Jeweils 90 Soldaten auf beiden Seiten freigelassen",  # sub-heading
        "Dieses Thema im Programm",  # programme note
    ):
        assert left_out not in joined


def test_seed_body_spans_slice_the_text(seed: Article) -> None:
    previous_end = 0
    for start, end in seed.body:
        assert previous_end <= start < end <= len(seed.text)
        span = seed.text[start:end]
        assert span == span.strip() and "\n" not in span
        assert span.endswith((".", '"'))
        previous_end = end


# --- HTML -------------------------------------------------------------------------------------------

PAGE_WITH_META = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers meet in Geneva | Example Wire</title>
<meta property="og:title" content="Ministers meet in Geneva">
<meta property="article:published_time" content="2023-03-14T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World section</a></nav>
<article>
<h1>Ministers meet in Geneva</h1>
<p>The foreign ministers of the two countries met in Geneva on Monday for talks that lasted several
hours, officials from both delegations said.</p>
<h2>Ceasefire on the agenda</h2>
<p>According to a statement released after the meeting, both sides agreed to continue the dialogue and
to meet again next month. The talks had been prepared for weeks.</p>
<p>The last such meeting took place on June 5, 2019, in Vienna.</p>
</article>
<footer>Example Wire, all rights reserved</footer>
</body></html>
"""

PAGE_WITH_TIME = """<html><head><title>Gespräche in Genf</title></head><body>
<article><h1>Gespräche in Genf</h1>
<time datetime="2024-02-03">3. Februar 2024</time>
<p>Die Außenminister beider Länder haben sich am Samstag in Genf getroffen und über eine Waffenruhe
gesprochen, teilte das Ministerium mit.</p>
<p>Beide Seiten wollen die Gespräche in den kommenden Wochen fortsetzen, hieß es aus Diplomatenkreisen.</p>
</article></body></html>
"""


def test_html_title_date_and_main_text(tmp_path: Path) -> None:
    article = _only_article(_write(tmp_path, "geneva.html", PAGE_WITH_META))
    assert article.id == "geneva"
    assert article.title == "Ministers meet in Geneva"
    assert article.published == date(2023, 3, 14)
    assert article.language == "en"
    assert "met in Geneva on Monday" in article.text
    assert "World section" not in article.text  # navigation is not main text
    body = "\n".join(_body_texts(article))
    assert "both sides agreed to continue the dialogue" in body
    assert "Ceasefire on the agenda" not in body


def test_html_date_from_time_element(tmp_path: Path) -> None:
    article = _only_article(_write(tmp_path, "genf.htm", PAGE_WITH_TIME))
    assert article.published == date(2024, 2, 3)
    assert article.title == "Gespräche in Genf"
    assert article.language == "de"
    assert "über eine Waffenruhe" in article.text


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><title>Leer</title></head><body></body></html>"
    [error] = list(read_file(_write(tmp_path, "empty.html", page)))
    assert isinstance(error, ReadError) and "no main text" in error.reason


# --- JSON Lines -------------------------------------------------------------------------------------


def test_jsonl_broken_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": GERMAN_REPORT, "published": "2024-05-03", "url": "https://example.org/a1",
                    "title": "Kanzler trifft Präsidenten", "source": "Example", "license": "ignored"}),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps({"text": ENGLISH_REPORT}),
        json.dumps(["not", "an", "object"]),
    ]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_file(path))
    articles, errors = _articles(items), _errors(items)
    assert [a.id for a in articles] == ["a1", "batch:4"]
    assert [(e.line, e.path) for e in errors] == [(2, str(path)), (5, str(path))]
    assert "JSON" in errors[0].reason
    first, second = articles
    assert (first.published, first.language, first.url, first.source) == (
        date(2024, 5, 3), "de", "https://example.org/a1", "Example"
    )
    assert first.title == "Kanzler trifft Präsidenten"
    assert all(not first.text[s:e].startswith(("Kanzler trifft", "Stand:")) for s, e in first.body)
    assert second.language == "en" and second.published is None


def test_explicit_published_and_language_win(tmp_path: Path) -> None:
    line = json.dumps({"id": "x", "text": GERMAN_REPORT, "published": "2024-05-03"})
    path = _write(tmp_path, "one.ndjson", line)
    [article] = list(read_file(path, published=date(2020, 1, 2), language="en"))
    assert article.published == date(2020, 1, 2)
    assert article.language == "en"


# --- encodings and binary files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("latin1.txt", "latin-1"), ("cp1252.txt", "cp1252"), ("utf16.txt", "utf-16"), ("bom.txt", "utf-8-sig")],
)
def test_text_encodings(tmp_path: Path, name: str, encoding: str) -> None:
    text = GERMAN_REPORT + "Größe, Äußerung, Übergabe.\n"
    if encoding == "cp1252":
        text += "Er sprach von „guten Gesprächen“ – ohne Details.\n"
    article = _only_article(_write(tmp_path, name, text.encode(encoding)))
    assert article.text == text
    assert article.published == date(2024, 5, 3)


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    article = _only_article(_write(tmp_path, "windows.txt", GERMAN_REPORT.replace("\n", "\r\n").encode()))
    assert article.text == GERMAN_REPORT
    assert "\r" not in article.text


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20])
def test_binary_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    [error] = list(read_file(_write(tmp_path, "image.txt", content)))
    assert isinstance(error, ReadError)
    assert error.reason == "binary file" and error.line is None


# --- language ---------------------------------------------------------------------------------------


def test_language_english_and_german(tmp_path: Path) -> None:
    assert _only_article(_write(tmp_path, "en.txt", ENGLISH_REPORT)).language == "en"
    assert _only_article(_write(tmp_path, "de.txt", GERMAN_REPORT)).language == "de"
    short_de = "Die Regierung in Kiew hat die Angriffe verurteilt.\n"
    assert _only_article(_write(tmp_path, "kurz.txt", short_de)).language == "de"


# --- publication date from the text -----------------------------------------------------------------


def test_date_in_the_body_is_not_the_publication_date(tmp_path: Path) -> None:
    text = (
        "Gefangenenaustausch vereinbart\n\n"
        "Am 18. September 2023 haben beide Staaten in Doha Gefangene ausgetauscht, wie die Vermittler "
        "mitteilten. Ein weiteres Treffen ist für den 2. Oktober 2023 geplant.\n"
    )
    article = _only_article(_write(tmp_path, "body_date.txt", text))
    assert article.published is None
    assert _body_texts(article) == [text.split("\n\n")[1].strip()]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("BERLIN, 26. Juni 2024 – Die Bundesregierung hat", date(2024, 6, 26)),
        ("Washington, June 3, 2024 — The State Department has", date(2024, 6, 3)),
        ("Published: March 28, 2018\n\nThe State Department has", date(2018, 3, 28)),
        ("Updated 3:45 PM GMT+2, June 26, 2024\n\nThe State Department has", date(2024, 6, 26)),
        ("Friday, August 12, 2016\n\nThe State Department has", date(2016, 8, 12)),
        ("Medienmitteilung, 22.06.2018\n\nDie Bundesregierung hat", date(2018, 6, 22)),
        ("2021-11-09\n\nThe State Department has", date(2021, 11, 9)),
    ],
)
def test_date_from_header_positions(tmp_path: Path, header: str, expected: date) -> None:
    text = "Talks announced\n\n" + header + " announced new talks with its partners on 1 January 2030.\n"
    assert _only_article(_write(tmp_path, "header.txt", text)).published == expected


def test_dateline_paragraph_stays_body(tmp_path: Path) -> None:
    text = "Talks announced\n\nGENEVA, 4 March 2022 - The two delegations met for a second round of talks.\n"
    article = _only_article(_write(tmp_path, "dateline.txt", text))
    assert article.published == date(2022, 3, 4)
    assert _body_texts(article) == [text.split("\n\n")[1].strip()]
    assert article.title == "Talks announced"


# --- segmentation -----------------------------------------------------------------------------------


def test_caption_over_headline_and_byline_are_not_body(tmp_path: Path) -> None:
    text = (
        "Soldaten an der Grenze am Montag.\n\n"
        "Truppen verlassen die Grenzregion\n\n"
        "Von Anna Beispiel, ARD-Studio Wien\n\n"
        "Die Armee hat nach Angaben des Verteidigungsministeriums mit dem Abzug ihrer Truppen aus der "
        "Grenzregion begonnen.\n\n"
        "Mehr zum Thema: Verhandlungen in Wien\n"
    )
    article = _only_article(_write(tmp_path, "abzug.md", text))
    assert _body_texts(article) == [text.split("\n\n")[3]]
    assert article.title == "Truppen verlassen die Grenzregion"


def test_hard_wrapped_prose_is_one_paragraph(tmp_path: Path) -> None:
    text = (
        "Talks in Vienna\n\n"
        "Negotiators from both countries met in Vienna on Thursday to\n"
        "discuss a possible exchange of prisoners and the return of\n"
        "civilians, a spokesperson for the mediators told reporters\n"
        "after the first session ended.\n"
    )
    article = _only_article(_write(tmp_path, "wrapped.txt", text))
    assert _body_texts(article) == [text.split("\n\n")[1].strip()]


# --- paths ------------------------------------------------------------------------------------------


def test_read_paths_walks_directories_and_globs(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "deep"
    nested.mkdir(parents=True)
    _write(tmp_path / "in", "a.txt", ENGLISH_REPORT)
    _write(nested, "b.md", GERMAN_REPORT)
    _write(nested, "notes.csv", "ignored,in,directories\n")
    _write(tmp_path, "c.html", PAGE_WITH_META)
    items = list(read_paths([tmp_path / "in", str(tmp_path / "*.html"), tmp_path / "missing.txt"]))
    assert sorted(a.id for a in _articles(items)) == ["a", "b", "c"]
    [missing] = _errors(items)
    assert missing.path.endswith("missing.txt") and missing.line is None


def test_unsupported_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    [error] = list(read_paths([_write(tmp_path, "data.csv", "a,b\n")]))
    assert isinstance(error, ReadError) and "unsupported file type" in error.reason
    assert str(error).startswith(str(tmp_path / "data.csv"))
