"""Readers: text, HTML and JSON Lines files -> `kg.model.Article`.

`read_paths` walks files, directories and globs; `read_file` reads one file. Both yield a `ReadError`
for a file or line they cannot read and go on with the rest.
"""

from kg.read.article import build_article
from kg.read.errors import ReadError
from kg.read.paths import read_file, read_paths

__all__ = ["ReadError", "build_article", "read_file", "read_paths"]
