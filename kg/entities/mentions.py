"""What the entity ruler finds: mentions that may sit inside a token ("US" in "US-Verteidigungsminister")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

# kinds of mention
NAME = "name"  # a proper name or alias ("Lloyd Austin", "Kreml", "USA")
PREFIX = "prefix"  # a name heading a compound ("US" in "US-Verteidigungsminister", "Kreml" in "Kremlsprecher")
PEOPLE = "people"  # a people noun standing for its state ("die Amerikaner")
SIDE = "side"  # an adjective + "Seite"/"side" standing for the state ("die russische Seite")
ADJECTIVE = "adjective"  # a nationality adjective: no entity, but a hint for offices and roles


@dataclass
class Mention:
    start: int  # character offsets into the article text
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | LOC
    kind: str = NAME
    kb_key: str | None = None
    token: int = 0  # index of the token the mention sits in (its last token)
    first_token: int = 0

    @property
    def is_entity(self) -> bool:
        return self.kind != ADJECTIVE


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)


def doc_mentions(doc: Doc) -> list[Mention]:
    return doc._.mentions or []
