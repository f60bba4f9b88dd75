"""Where the ontology and its shapes live (shipped as package data next to kg/__init__.py)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ONTOLOGY_PATH = PACKAGE_DIR / "ontology.ttl"
SHAPES_PATH = PACKAGE_DIR / "shapes.ttl"
