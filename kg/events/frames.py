"""What the language-specific readers of a sentence hand to the event builder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Span

from kg.events.lexicon import TriggerSpec


@dataclass(frozen=True)
class Arg:
    """An actor attached to a trigger, with its grammatical relation.

    Relations: subj, obj, dat, gen (genitive / possessor / "of"), adj (nationality adjective on a nominal
    trigger), prefix (compound prefix: "US-Waffenlieferungen"), prep:<p> (object of preposition p),
    content (named inside the content of a speech act).
    """

    entity: str
    relation: str
    token: int


@dataclass
class Trigger:
    spec: TriggerSpec
    token: int
    lemma: str
    clause: tuple[int, int]  # token range [start, end) of the clause the trigger is in
    args: list[Arg] = field(default_factory=list)
    reporting_frame: bool = False  # ", sagte X" / "X said" around other content
    content: tuple[int, int] | None = None  # token range of what a speech act says
    passive_type: str | None = None  # the type the trigger has in the passive ("getroffen" by a missile)


class SentenceReader(Protocol):
    """Reads one sentence: its triggers with arguments, and the checks that veto an event."""

    def triggers(self, sent: Span) -> list[Trigger]: ...

    def vetoed(self, trigger: Trigger) -> str | None:
        """Why this trigger is no asserted event (negated, modal, planned, background), or None."""
        ...

    def clause_nouns(self, trigger: Trigger) -> set[str]: ...
