"""The example queries shipped in kg/queries/, as (title, SPARQL) pairs for the console and the UI."""

from __future__ import annotations

from importlib import resources


def example_queries() -> list[tuple[str, str]]:
    """From `kg.queries.example_queries()` when that exists, else straight from the .rq files."""
    try:
        from kg.queries import example_queries as shipped
    except ImportError:
        return _from_files()
    found = shipped()
    items = found.items() if isinstance(found, dict) else found
    return [_pair(item) for item in items]


def _pair(item: object) -> tuple[str, str]:
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], tuple):  # name -> (title, text)
        item = item[1]
    if isinstance(item, tuple):
        return str(item[0]), str(item[1])
    title = getattr(item, "title", None) or getattr(item, "name", "query")
    text = getattr(item, "sparql", None) or getattr(item, "text", None) or getattr(item, "query", "")
    return str(title), str(text)


def _from_files() -> list[tuple[str, str]]:
    try:
        folder = resources.files("kg") / "queries"
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        return []
    return [(_title(f.name, text := f.read_text(encoding="utf-8")), text) for f in files]


def _title(file_name: str, text: str) -> str:
    """The first comment line of the query, else its file name."""
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
        if line.strip():
            break
    return file_name.removesuffix(".rq").replace("_", " ")
