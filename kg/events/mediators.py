"""Who brokered an event: "unter Vermittlung Katars", "die von der Schweiz vermittelten Gespräche", "a deal
brokered by the UAE", "a UAE-brokered swap".

The guidelines give a brokered exchange, agreement, round of talks or delivery a `mediator`: the event
stays one between its two sides, and the broker is not one of them. (A MEDIATE event of its own comes
from a trigger that tells the brokering as the act: "vermittelte zwischen", "mediated between".) The
brokering may also be told of an event told before: "X hatte die Gespräche vermittelt".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.entities import EntityIndex
from kg.events.lexicon import Lexicon
from kg.model import Event

BROKERED_TYPES = {"CONSULT", "AGREE", "PRISONER_EXCHANGE", "AID", "RETREAT"}
AGENT_WORDS = {"by", "von", "durch"}
LINKING_WORDS = {"the", "of", "der", "des", "die", "den", "dem", "von"}  # between a cue and its broker
WINDOW = 5


def add_mediator(events: list[Event], sent: Span, index: EntityIndex, lexicon: Lexicon) -> None:
    """Give the sentence's brokered events the broker its mediation cue names."""
    brokered = [e for e in events if e.type in BROKERED_TYPES]
    broker = broker_in(sent, index, lexicon) if brokered else None
    if broker is None:
        return
    for event in brokered:
        _set_broker(event, broker)


def broker_of_told(broker: str, nouns: set[str] | None, told: list[Event], lexicon: Lexicon) -> bool:
    """"X hatte die Gespräche vermittelt", "X brokered the swap": the last event of the kind the clause
    names (`nouns`; None: any kind that can be brokered), told before and still without a broker, and not
    one X takes part in, was brokered by X. True if one was found."""
    if nouns is None:
        kinds = BROKERED_TYPES
    else:
        kinds = {spec.type for noun in nouns if (spec := lexicon.noun(noun)) and spec.type in BROKERED_TYPES}
        kinds |= {kind for kind, words in lexicon.brokered_nouns.items() if nouns & set(words)}
    for event in reversed(told):
        if event.type in kinds and event.mediator is None and broker not in event.actors():
            _set_broker(event, broker)
            return True
    return False


def speaks_of_mediation(tokens: Span, lexicon: Lexicon) -> bool:
    """"dankte den Emiraten fürs Vermitteln", "thanked Qatar for its mediation"."""
    verbs = {word for word, spec in lexicon.verbs.items() if spec.type == "MEDIATE"}
    return any(t.lower_ in lexicon.mediation_nouns or t.lower_ in lexicon.mediation_participles
               or t.lemma_.casefold() in verbs or t.lower_ in verbs for t in tokens)


def _set_broker(event: Event, broker: str) -> None:
    event.mediator = broker
    event.participants = [p for p in event.participants if p != broker]
    if event.source == broker:
        event.source = None
    if event.target == broker:
        event.target = None


def broker_in(sent: Span, index: EntityIndex, lexicon: Lexicon) -> str | None:
    """The entity a mediation cue of the sentence names as broker."""
    for token in sent:
        word = token.lower_
        if word in lexicon.mediation_nouns:
            found = _entity_after(token, index) or _owner_before(token, index)
        elif word in lexicon.mediation_participles:
            found = _hyphen_owner(token, index) or _agent(token, index)
        else:
            continue
        if found:
            return found
    return None


def _entity_after(token: Token, index: EntityIndex) -> str | None:
    """"Vermittlung der Vereinigten Arabischen Emirate", "the mediation of Egypt": articles and adjectives
    may come between; anything else ("efforts between A and B") ends the search."""
    for t in token.doc[token.i + 1 : min(token.i + 1 + WINDOW, token.sent.end)]:
        if t.i in index.by_token:
            return index.by_token[t.i]
        if t.lower_ not in LINKING_WORDS and t.pos_ not in {"DET", "ADJ"}:
            return None
    return None


def _owner_before(token: Token, index: EntityIndex) -> str | None:
    """"Katars Vermittlung", "under Qatar's mediation"."""
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.lower_ in {"'s", "’s"} and before.i - 1 >= token.sent.start:
        before = token.doc[before.i - 1]
    return index.by_token.get(before.i) if before is not None else None


def _hyphen_owner(token: Token, index: EntityIndex) -> str | None:
    """"a UAE-brokered swap"."""
    if token.i - 2 >= token.sent.start and token.doc[token.i - 1].text == "-":
        return index.by_token.get(token.i - 2)
    return None


def _agent(token: Token, index: EntityIndex) -> str | None:
    """"brokered by the UAE" (the agent follows) or "die von der Schweiz vermittelten" (it comes first)."""
    after = token.doc[token.i + 1] if token.i + 1 < token.sent.end else None
    if after is not None and after.lower_ in AGENT_WORDS:
        return _entity_after(after, index)
    for t in token.doc[max(token.sent.start, token.i - WINDOW) : token.i]:
        if t.lower_ in AGENT_WORDS:
            return _entity_after(t, index)
    return None
