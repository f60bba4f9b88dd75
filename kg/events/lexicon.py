"""Trigger lexicons per language (lexicon/<lang>.yaml): which words signal which event type."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "lexicon"
HOSTILE_TYPES = frozenset({"ASSAULT", "SANCTION", "COERCE", "THREATEN", "MOBILIZE"})  # readiness to do these threatens


@dataclass(frozen=True)
class TriggerSpec:
    word: str
    type: str
    nominal: bool
    mode: str | None = None
    target: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    speech: bool = False
    reporting: bool = False
    content_hidden: bool = False  # the content of an accusation is not itself asserted
    weak: bool = False  # only an event together with a stronger trigger of its type elsewhere
    with_target: str | None = None  # the type when another actor is its object: regret of a decision is blame
    active_only: bool = False  # "wurde von einer Rakete getroffen" is no meeting
    passive: str | None = None  # its type in the passive: "wurde von einer Rakete getroffen" is an attack
    joint: bool = False  # "A und B verhandelten": talks of all parties, no one initiates
    person_source: bool = False  # an event only when a person acts ("landete in Kabul")


@dataclass(frozen=True)
class Lexicon:
    lang: str
    verbs: dict[str, TriggerSpec]
    nouns: dict[str, TriggerSpec]
    phrases: dict[str, tuple[str, ...]]
    negation: frozenset[str]
    modal: frozenset[str]
    conditional: frozenset[str]
    blocking_verbs: frozenset[str]
    background_preps: frozenset[str]
    light_verbs: frozenset[str]
    adjectives: dict[str, TriggerSpec] = field(default_factory=dict)  # "bereit" (sein): an offer
    seat_nouns: frozenset[str] = frozenset()  # "die Regierung in Kiew": the noun acts, the place names who
    committing_verbs: frozenset[str] = frozenset()  # "kündigte an/beschloss, ... zu liefern": the aid is real
    weapon_modes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # attack mode from weapon nouns
    plan_nouns: frozenset[str] = frozenset()  # "Pläne für ein Treffen": the meeting is only planned
    time_nouns: frozenset[str] = frozenset()  # "Anfang März", "Ende der Woche" open a clause without a subject
    mutual: frozenset[str] = frozenset()  # "gegenseitig": one event per direction
    occasion_nouns: frozenset[str] = frozenset()  # "im Rahmen der Zeremonie": dated where it was first told
    media_nouns: frozenset[str] = frozenset()  # "im Sender X": X is where it was said
    money_words: frozenset[str] = frozenset()  # currencies and amounts: support with money is aid
    source_nouns: frozenset[str] = frozenset()  # "nach Angaben X": X reports, it does not act
    mode_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # words that tell a call from a meeting
    mediation_nouns: frozenset[str] = frozenset()  # "unter Vermittlung X": X brokered the event
    mediation_participles: frozenset[str] = frozenset()  # "brokered by X", "von X vermittelt"
    brokered_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # type -> nouns ("the deal")
    retaliation_verbs: frozenset[str] = frozenset()  # readiness to do these is a threat ("to retaliate")
    noun_heads: tuple[str, ...] = field(default=())  # nouns by length, longest first, for compound tails

    def noun(self, lemma: str) -> TriggerSpec | None:
        """A noun trigger, also as the last part of a German compound ("Vergeltungsangriff")."""
        key = lemma.casefold()
        spec = self.nouns.get(key)
        if spec or self.lang != "de":
            return spec
        for head in self.noun_heads:
            if key.endswith(head) and len(key) - len(head) >= 3:
                return self.nouns[head]
        return None


def _spec(word: str, data: dict, nominal: bool) -> TriggerSpec:
    return TriggerSpec(
        word=word,
        type=data["type"],
        nominal=nominal,
        mode=data.get("mode"),
        target=tuple(data.get("target", ())),
        participants=tuple(data.get("participants", ())),
        requires=tuple(data.get("requires", ())),
        speech=bool(data.get("speech")),
        reporting=bool(data.get("reporting")),
        content_hidden=bool(data.get("content_hidden")),
        weak=bool(data.get("weak")),
        active_only=bool(data.get("active_only")),
        passive=data.get("passive"),
        person_source=bool(data.get("person_source")),
        joint=bool(data.get("joint")),
        with_target=data.get("with_target"),
    )


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in data.get(key, []))


def _word_map(data: dict, key: str) -> dict[str, tuple[str, ...]]:
    return {name: tuple(word.casefold() for word in words) for name, words in data.get(key, {}).items()}


@cache
def load_lexicon(lang: str) -> Lexicon:
    data = yaml.safe_load((HERE / f"{lang}.yaml").read_text(encoding="utf-8"))
    nouns = {w.casefold(): _spec(w, d, True) for w, d in data.get("nouns", {}).items()}
    return Lexicon(
        lang=lang,
        verbs={w.casefold(): _spec(w, d, False) for w, d in data.get("verbs", {}).items()},
        nouns=nouns,
        adjectives={w.casefold(): _spec(w, d, False) for w, d in data.get("adjectives", {}).items()},
        phrases={t: tuple(p.casefold() for p in ps) for t, ps in data.get("phrases", {}).items()},
        negation=_words(data, "negation"),
        modal=_words(data, "modal"),
        conditional=_words(data, "conditional"),
        blocking_verbs=_words(data, "blocking_verbs"),
        background_preps=_words(data, "background_preps"),
        light_verbs=_words(data, "light_verbs"),
        seat_nouns=_words(data, "seat_nouns"),
        committing_verbs=_words(data, "committing_verbs"),
        weapon_modes=_word_map(data, "weapon_modes"),
        plan_nouns=_words(data, "plan_nouns"),
        time_nouns=_words(data, "time_nouns"),
        mutual=_words(data, "mutual"),
        occasion_nouns=_words(data, "occasion_nouns"),
        media_nouns=_words(data, "media_nouns"),
        money_words=_words(data, "money_words"),
        source_nouns=_words(data, "source_nouns"),
        mode_cues=_word_map(data, "mode_cues"),
        mediation_nouns=_words(data, "mediation_nouns"),
        mediation_participles=_words(data, "mediation_participles"),
        brokered_nouns=_word_map(data, "brokered_nouns"),
        retaliation_verbs=_words(data, "retaliation_verbs"),
        noun_heads=tuple(sorted((n for n in nouns if " " not in n), key=len, reverse=True)),
    )
