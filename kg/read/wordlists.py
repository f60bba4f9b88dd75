"""The readers' word lists, loaded once from the YAML files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """Parsed content of `kg/read/<name>.yaml`."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def markers(kind: str) -> tuple[str, ...]:
    """One list of `markers.yaml`, lower-cased for case-insensitive matching."""
    return tuple(m.lower() for m in load("markers")[kind])


def stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load("stopwords").items()}
