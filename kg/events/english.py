"""Reading sentences with a dependency parse (English; German where a trained pipeline is installed).

Roles come from the parse: subjects (active, passive "by" agents, "according to X"), objects, prepositional
objects, possessors and nationality adjectives of nominal triggers. Titles stand for the person they name
("President of Chile Gabriel Boric", "the German Chancellor"), generic group nouns with a nationality
adjective for their state ("Russian forces"). The word lists are in lexicon/en.yaml under `reader`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

import yaml
from spacy.tokens import Doc, Span, Token

from kg.entities import EntityIndex
from kg.entities.lexicon import token_title
from kg.events.dates import resolve_date
from kg.events.frames import Arg, Trigger
from kg.events.lexicon import HERE as LEXICON_DIR
from kg.events.lexicon import HOSTILE_TYPES, Lexicon, TriggerSpec
from kg.nlp.text import doc_text

SUBJECT_DEPS = {"nsubj", "sb"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj", "oa", "obj"}
DATIVE_DEPS = {"dative", "da", "iobj"}
SPEAKER_RELATIONS = {"subj", "gen", "adj"}
NOT_DATING_DEPS = {"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "conj", "relcl", "advcl", "acl", "parataxis",
                   "appos"}
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis"}


@cache
def _reader_words(lang: str) -> dict[str, frozenset[str] | dict[str, str]]:
    """The word lists of the `reader` section of the lexicon (general English words, not names)."""
    path = LEXICON_DIR / f"{lang}.yaml"
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("reader", {}) if path.exists() else {}
    out: dict[str, frozenset[str] | dict[str, str]] = {}
    for key, value in data.items():
        out[key] = {k.casefold(): v for k, v in value.items()} if isinstance(value, dict) else frozenset(
            w.casefold() for w in value)
    return out


class DependencyReader:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lex = lexicon
        self.words = _reader_words(lexicon.lang)
        self.last_person: str | None = None
        self.last_meeting: list[str] = []  # the actors of the last call or meeting read, for "the two leaders"

    def _words(self, name: str) -> frozenset[str]:
        value = self.words.get(name, frozenset())
        return value if isinstance(value, frozenset) else frozenset(value)

    # -- triggers --------------------------------------------------------------------------------------
    def triggers(self, sent: Span) -> list[Trigger]:
        found = []
        for token in sent:
            spec = self._spec(token)
            if spec is None:
                continue
            trigger = Trigger(spec, token.i, token.lemma_, (sent.start, sent.end))
            trigger.args = self._args(token, spec)
            if spec.type == "ASSAULT" and not spec.mode:
                trigger.spec = replace(spec, mode=self._weapon_mode(sent))
            if spec.type == "CONSULT" and not spec.mode and not spec.nominal:
                trigger.spec = replace(spec, mode=self._headline_mode())
            if spec.speech:
                self._speech(trigger, token, sent)
                if not any(a.relation in SPEAKER_RELATIONS for a in trigger.args):
                    continue  # a speech act needs a named speaker
                self._obligation(trigger, token)
                self._ultimatum(trigger, token)
                self._refusal(trigger, token)
            if not self._enough_actors(trigger):
                continue
            found.append(trigger)
        self._join_assaults(found)
        found = [t for t in found if not self._mere_report(t, found)]
        for trigger in found:
            actors = {a.entity for a in trigger.args}
            if trigger.spec.type == "CONSULT" and trigger.spec.mode != "visit" and len(actors) >= 2:
                self.last_meeting = list(dict.fromkeys(a.entity for a in trigger.args))
        return found

    def _spec(self, token: Token) -> TriggerSpec | None:
        lemma = token.lemma_.casefold()
        if token.pos_ == "VERB" or (token.lower_ == "according" and token.pos_ in {"VERB", "ADP"}):
            base = self.lex.verbs.get(lemma)
            if base and any(c.dep_ == "prep" and c.lower_ in base.target for c in token.children):
                return base  # "spoke with B about Ukraine" is the talk with B
            return self._phrase_spec(token, lemma, self.lex.verbs) or base
        if token.pos_ == "ADJ" and token.dep_ == "acomp" and any(c.dep_ == "xcomp" for c in token.children):
            return self._readiness(token, self.lex.adjectives.get(lemma))
        if token.pos_ in {"NOUN", "PROPN"} and token.text[:1].islower():
            compound = [c for c in token.children if c.dep_ == "compound"]
            if compound:
                spec = self.lex.nouns.get(f"{compound[-1].lemma_.casefold()} {lemma}")
                if spec:
                    return spec
            spec = self._phrase_spec(token, lemma, self.lex.nouns)
            if spec:
                return spec
            if token.dep_ in OBJECT_DEPS:  # collocations: "expressed concern", "delivered a warning"
                spec = self.lex.nouns.get(f"{token.head.lemma_.casefold()} {lemma}")
                if spec:
                    return spec
            return self.lex.nouns.get(lemma) or self.lex.nouns.get(token.lower_)
        return None

    def _readiness(self, token: Token, spec: TriggerSpec | None) -> TriggerSpec | None:
        """"is ready to host talks" is an offer; "is ready to impose sanctions" or "to retaliate" a threat."""
        if spec is None:
            return None
        for act in (c for c in token.children if c.dep_ == "xcomp"):
            lemma = act.lemma_.casefold()
            hostile = self.lex.verbs.get(lemma)
            if (hostile and hostile.type in HOSTILE_TYPES) or lemma in self.lex.retaliation_verbs:
                return replace(spec, type="THREATEN")
        return spec

    def _is_time(self, token: Token) -> bool:
        return (token.ent_type_ in {"DATE", "TIME"} or token.lower_ in self._words("time_words")
                or token.lower_ in self._words("today"))

    def _phrase_spec(self, token: Token, lemma: str, table: dict[str, TriggerSpec]) -> TriggerSpec | None:
        """Verb or noun with a particle or preposition: "called for", "point out", "put on alert"."""
        for child in token.children:
            if child.dep_ not in {"prt", "prep", "acomp", "oprd", "ccomp", *OBJECT_DEPS}:
                continue
            if child.dep_ == "prep" and any(o.dep_ == "pobj" and self._is_time(o) for o in child.children):
                continue  # "called B on Monday" is a call, not "call on"
            for word in (lemma, token.lower_):
                if child.dep_ in OBJECT_DEPS and table.get(f"{word} {child.lemma_.casefold()}"):
                    return table[f"{word} {child.lemma_.casefold()}"]  # "promised revenge"
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    spec = table.get(f"{word} {child.lower_} {obj.lemma_.casefold()}")
                    if spec:
                        return spec
                spec = table.get(f"{word} {child.lower_}")
                if spec:
                    return spec
        return None

    def _enough_actors(self, trigger: Trigger) -> bool:
        """Triggers listed under `two_actors` ("discussed") are a meeting only between two named sides."""
        if trigger.lemma.casefold() not in self._words("two_actors"):
            return True
        return len({a.entity for a in trigger.args}) >= 2

    # -- arguments -------------------------------------------------------------------------------------
    def _args(self, token: Token, spec: TriggerSpec) -> list[Arg]:
        if token.lower_ == "according":
            return [Arg(e, "subj", i) for p in token.children if p.dep_ == "prep"
                    for o in p.children if o.dep_ == "pobj" for e, i in self._entities(o)]
        if token.pos_ == "ADJ":  # "X is ready to ...": the copula's subject offers
            args = [a for a in self._verb_args(token.head, spec) if a.relation == "subj"]
        else:
            args = self._noun_args(token, spec) if spec.nominal else self._verb_args(token, spec)
        wanted = {t if t in {"obj", "dat"} else f"prep:{t}" for t in spec.target}
        first = next((a.relation for a in args if a.relation in wanted), None)
        args = [Arg(a.entity, first, a.token) if a.relation in wanted else a for a in args]  # all addressed alike
        return self._initiative(token, args)

    def _entities(self, token: Token) -> list[tuple[str, int]]:
        """The entity a noun phrase head stands for, plus those coordinated with it."""
        out = []
        for head in [token, *self._conjuncts(token)]:
            entity = self._entity_at(head)
            if entity:
                out.append((entity, head.i))
            elif head.lower_ in self._words("place_nouns"):  # "the regions of A, B and C"
                for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        out += self._entities(obj)
        seen: set[str] = set()
        return [(e, i) for e, i in out if not (e in seen or seen.add(e))]

    def _conjuncts(self, token: Token) -> list[Token]:
        found, stack = [], [token]
        while stack:
            for child in stack.pop().children:
                if child.dep_ == "conj":
                    found.append(child)
                    stack.append(child)
        return found

    def _entity_at(self, token: Token) -> str | None:
        if token.i in self.index.by_token:
            return self._state_for_group(token, self.index.by_token[token.i])
        speaker = self._speaker_for_pronoun(token)
        if speaker:
            return speaker
        if token.lower_ in self._words("pronouns") and self.last_person:
            return self.last_person
        if token.lower_ in self._words("group_subjects") and len(self.last_meeting) >= 2:
            return None  # handled by _verb_args: "the two leaders" are the last meeting's sides
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            person = self._person_in(token)  # "President of Chile Gabriel Boric", "PRC Director ... Wang Yi"
            if person:
                return person
        for child in token.children:
            if child.dep_ in {"compound", "appos", "nmod"} and child.i in self.index.by_token:
                if self.index.get(self.index.by_token[child.i]).type != "PERSON" or token.pos_ == "PROPN":
                    return self._state_for_group(token, self.index.by_token[child.i])
            if child.dep_ == "poss" and child.i in self.index.by_token and token.lower_ in self._words("state_nouns"):
                owner = self.index.get(self.index.by_token[child.i])
                if owner is not None and owner.type == "GPE":
                    return owner.id  # "Poland's parliament", "Burundi's government"
        if token.i in self.index.adjectives and token.dep_ in {"nsubj", "pobj", "dobj"}:
            entity = self.index.state_named_by(token.i)
            return entity.id if entity else None
        state = self._adjective_state(token)
        if state and token.lower_ in self._words("state_nouns"):
            return state
        if token_title(token, "en") is not None:
            return self._person_with_title(token)
        if token.dep_ == "pobj" and token.pos_ == "NOUN":  # "a strike on Iran's compound"
            for child in (c for c in token.children if c.dep_ == "poss"):
                owner = self.index.by_token.get(child.i)
                if owner and self.index.get(owner).type != "PERSON":
                    return owner
        return None

    def _speaker_for_pronoun(self, token: Token) -> str | None:
        """"X said it had expelled ...", "X said he would ...": the pronoun subject of what a speaker says is
        the speaker, if they agree (a personal pronoun for a person, "it"/"they" for a state or body)."""
        kinds = self.words.get("speaker_pronouns", {})
        kind = kinds.get(token.lower_) if isinstance(kinds, dict) else None
        if kind is None or token.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            return None
        clause = token.head
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head
        spec = self.lex.verbs.get(clause.head.lemma_.casefold())
        if clause.dep_ != "ccomp" or spec is None or not spec.speech:
            return None
        subjects = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS]
        found = self._entities(subjects[0]) if subjects else []
        entity = self.index.get(found[0][0]) if len(found) == 1 else None
        if entity is None or (entity.type == "PERSON") != (kind == "person"):
            return None
        return entity.id

    def _state_for_group(self, token: Token, entity_id: str) -> str:
        """"Russian forces", "Ukrainian officials": a generic group noun with an adjective is its state."""
        entity = self.index.get(entity_id)
        if entity is None or entity.type == "GPE" or token.lower_ not in self._words("state_nouns"):
            return entity_id
        state = self.index.by_kb(entity.country) if entity.country else None
        return state.id if state is not None else entity_id

    def _adjective_state(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in {"amod", "compound"}:
                if child.i in self.index.adjectives:
                    found = self.index.state_named_by(child.i)
                    if found:
                        return found.id
                entity = self.index.get(self.index.by_token.get(child.i))
                if entity is not None and entity.type == "GPE":
                    return entity.id
        return None

    def _person_in(self, token: Token) -> str | None:
        for t in token.subtree:
            if t.dep_ in {"relcl", "acl"}:
                return None
            entity = self.index.get(self.index.by_token.get(t.i))
            if entity is not None and entity.type == "PERSON":
                return entity.id
        return None

    def _person_with_title(self, token: Token) -> str | None:
        """A title stands for the person it names ("President of Chile G. Boric") or, as a definite
        description ("the German Chancellor", "the Secretary"), for the last person named who holds it."""
        person = self._person_in(token)
        if person or not any(c.lower_ == "the" for c in token.children):
            return person
        role = token_title(token, "en").role
        country = self._adjective_country(token)
        holders, compatriots = [], []
        for mention, entity_id in self.index.mentions:
            entity = self.index.get(entity_id)
            if mention.first_token >= token.i or entity is None or entity.type != "PERSON":
                continue
            roles = {o.role for o in entity.offices}
            if country and entity.country != country:
                continue
            if role in roles:
                holders.append(entity.id)
            elif country and not roles:
                compatriots.append(entity.id)
        if holders:
            return holders[-1]
        return compatriots[-1] if len(set(compatriots)) == 1 else None

    def _adjective_country(self, token: Token) -> str | None:
        """The country key of a nationality adjective or state name on a title ("the Russian President")."""
        for child in token.children:
            if child.dep_ not in {"amod", "compound"}:
                continue
            if child.i in self.index.adjectives:
                return self.index.adjectives[child.i]
            entity = self.index.get(self.index.by_token.get(child.i))
            if entity is not None and entity.type == "GPE":
                return entity.country
        return None

    def _verb_args(self, verb: Token, spec: TriggerSpec) -> list[Arg]:
        args: list[Arg] = []
        heads = [verb]
        has_subject = any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children)
        if not has_subject and verb.dep_ in {"conj", "xcomp"}:
            heads.append(verb.head)  # "A arrived and met B": the subject of the first verb
        for head in heads:
            for child in head.children:
                if head is not verb and child.dep_ not in SUBJECT_DEPS:
                    continue
                args += self._child_args(child)
        if not has_subject and verb.dep_ == "ROOT":
            args += self._stray_subjects(verb) or self._subject_after_time(verb)
        if spec.type == "CONSULT" and self._continues_meeting(verb):
            args += [Arg(e, "subj", verb.i) for e in self.last_meeting]
        if not any(a.relation in {"obj", "dat"} for a in args):
            args += self._possessor_targets(verb, spec)
        if not any(a.relation in {"obj", "dat"} for a in args) and spec.type.casefold() in self._words(
                "complement_targets"):
            args += self._complement_targets(verb)
        if not any(a.relation.startswith("prep:") for a in args):
            args += self._nested_recipients(verb, spec)
        return args

    def _nested_recipients(self, verb: Token, spec: TriggerSpec) -> list[Arg]:
        """"send $200 million in aid to Ukraine": the recipient may hang on the object."""
        preps = {t for t in spec.target if t not in {"obj", "dat", "poss"}}
        for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
            for t in obj.subtree:
                if t.dep_ == "prep" and t.lower_ in preps and t.head.dep_ in {"dobj", "pobj"}:
                    found = [Arg(e, f"prep:{t.lower_}", i) for p in t.children if p.dep_ == "pobj"
                             for e, i in self._entities(p)]
                    if found:
                        return found
        return []

    def _stray_subjects(self, verb: Token) -> list[Arg]:
        """A subject the parser attached elsewhere: the noun phrases between the last comma and the verb."""
        start = verb.sent.start
        for t in reversed(list(self.doc[verb.sent.start : verb.i])):
            if t.text in {",", ";", ":"}:
                start = t.i + 1
                break
        args = []
        for t in self.doc[start : verb.i]:
            if t.dep_ in {"compound", "amod", "poss", "pobj", "det"} or t.pos_ != "PROPN":
                continue
            if any(a.dep_ == "prep" for a in t.ancestors if start <= a.i < verb.i):
                continue
            entity = self._entity_at(t)
            if entity and all(a.entity != entity for a in args):
                args.append(Arg(entity, "subj", t.i))
        return args

    def _subject_after_time(self, verb: Token) -> list[Arg]:
        """"On Monday Olaf Scholz held talks": the parser reads "on [Monday Olaf Scholz]"; the name fused with
        the time word of an opening phrase before a verb without a subject is that verb's subject."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i and c.i == c.sent.start):
            for name in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                if any(c.dep_ == "compound" and c.lower_ in self._words("time_words") for c in name.children):
                    return [Arg(e, "subj", i) for e, i in self._entities(name)]
        return []

    def _complement_targets(self, verb: Token) -> list[Arg]:
        """"threatened to attack Iranian sites": whom the threatened, demanded or denounced act concerns."""
        args = []
        for comp in (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}):
            for obj in (c for c in comp.children if c.dep_ in OBJECT_DEPS):
                entity = self._entity_at(obj) or self._adjective_state(obj)
                if entity:
                    args.append(Arg(entity, "obj", obj.i))
        return args

    def _child_args(self, child: Token) -> list[Arg]:
        if child.dep_ in SUBJECT_DEPS:
            relation = "subj"
        elif child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ in OBJECT_DEPS:
            relation = "obj"
        elif child.dep_ in DATIVE_DEPS:
            relation = "dat"
        elif child.dep_ == "agent":
            return [Arg(e, "subj", i) for p in child.children if p.dep_ == "pobj" for e, i in self._entities(p)]
        elif child.dep_ == "prep":
            return [Arg(e, f"prep:{child.lower_}", i) for p in child.children if p.dep_ == "pobj"
                    for e, i in self._entities(p)]
        else:
            return []
        return [Arg(e, relation, i) for e, i in self._entities(child)]

    def _possessor_targets(self, verb: Token, spec: TriggerSpec) -> list[Arg]:
        """"condemned North Korea's missile launch": the owner of the act a judgement is about is its target."""
        if spec.type.casefold() not in self._words("possessor_targets"):
            return []
        return [Arg(e, "obj", i) for obj in verb.children if obj.dep_ in OBJECT_DEPS and not self._entities(obj)
                for e, i in self._possessors(obj)]

    def _possessors(self, token: Token) -> list[tuple[str, int]]:
        """The owners named before a noun: "Kosovo's" in "Kosovo's proposal"."""
        return [(e, i) for poss in token.children if poss.dep_ == "poss" for e, i in self._entities(poss)]

    def _noun_args(self, noun: Token, spec: TriggerSpec) -> list[Arg]:
        args: list[Arg] = []
        prefixes: list[Arg] = []
        light = noun.head if noun.dep_ in OBJECT_DEPS and noun.head.lemma_.casefold() in self.lex.light_verbs else None
        verb_preps = [c for c in light.children if c.dep_ == "prep" and c.lower_ in spec.target] if light else []
        for child in [*noun.children, *verb_preps]:  # "expressed concern over X": the "over" may hang on the verb
            if child.dep_ == "poss":
                relation = "prep:poss" if "poss" in spec.target else "gen"
                args += [Arg(e, relation, i) for e, i in self._entities(child)]
            elif child.dep_ in {"compound", "amod", "nmod"}:
                entity = self._entity_at(child)
                if entity is None and child.i in self.index.adjectives:
                    found = self.index.by_kb(self.index.adjectives[child.i])
                    entity = found.id if found else None
                if entity:
                    prefixes.append(Arg(entity, "adj", child.i))
                prefixes += [Arg(e, "adj", i) for e, i in self._entities(child)[1:]]
                for inner in (c for c in child.children if c.dep_ == "compound"):  # "Ukraine-Russia talks"
                    prefixes += [Arg(e, "adj", i) for e, i in self._entities(inner)]
            elif child.dep_ == "prep":
                relation = "gen" if child.lower_ == "of" and "of" not in spec.target else f"prep:{child.lower_}"
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    found = self._entities(obj)
                    if not found and child.lower_ in spec.target and spec.type.casefold() in self._words(
                            "complement_targets"):
                        found = self._first_entity(obj)
                    args += [Arg(e, relation, i) for e, i in found]
        if len({a.entity for a in prefixes}) >= 2 and spec.participants:
            prefixes = [Arg(a.entity, "prep:between", a.token) for a in prefixes]  # "Ukraine-Russia talks"
        args = prefixes + args
        head = noun.head
        if noun.dep_ in OBJECT_DEPS and head.lemma_.casefold() in self.lex.light_verbs or (
            noun.dep_ == "pobj" and head.lower_ in {"during", "in", "at"}
        ):
            verb = head if head.pos_ in {"VERB", "AUX"} else head.head
            if verb.dep_ in {"conj", "xcomp"} and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                verb = verb.head
            addressed = spec.type == "CONSULT" and verb.lemma_.casefold() in self._words("addressee_verbs")
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    args += [Arg(e, "subj", i) for e, i in self._entities(child)]
                elif addressed and child.dep_ in {"dobj", "dative"}:  # "in a call, A told B": B is on it
                    args += [Arg(e, "prep:with", i) for e, i in self._entities(child)]
            if not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children):
                args += self._subject_after_time(verb)
            if spec.type == "CONSULT" and self._continues_meeting(verb):
                args += [Arg(e, "subj", verb.i) for e in self.last_meeting]
        return args

    def _first_entity(self, token: Token) -> list[tuple[str, int]]:
        """The first named actor inside a phrase ("over tensions in parts of Ukraine")."""
        for t in token.subtree:
            entity = self.index.by_token.get(t.i) or (
                self.index.by_kb(self.index.adjectives[t.i]).id
                if t.i in self.index.adjectives and self.index.by_kb(self.index.adjectives[t.i]) else None)
            if entity:
                return [(entity, t.i)]
        return []

    def _initiative(self, token: Token, args: list[Arg]) -> list[Arg]:
        """"At Germany's initiative, A had a call with B": the initiator is the source, the others talk with it."""
        verb = token if token.pos_ == "VERB" else token.head
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.casefold() in
                        self._words("initiative_nouns")):
                owners = [e for c in obj.children if c.dep_ == "poss" for e, _ in self._entities(c)]
                if not owners:
                    continue
                owner = self.index.get(owners[0])
                initiator = owners[0]
                for a in args:  # the initiating state's leader in the sentence is the initiator himself
                    person = self.index.get(a.entity)
                    if person is not None and person.type == "PERSON" and owner is not None and \
                            person.country and person.country == owner.country:
                        initiator = a.entity
                others = [Arg(a.entity, "prep:with", a.token) for a in args if a.entity != initiator]
                return [Arg(initiator, "subj", obj.i), *others]
        return args

    def _join_assaults(self, triggers: list[Trigger]) -> None:
        """"X was killed in a US airstrike" after "the killing of X": one attack, told by two words."""
        assaults = [t for t in triggers if t.spec.type == "ASSAULT"]
        with_source = [t for t in assaults if any(a.relation in {"subj", "adj", "gen"} for a in t.args)]
        without = [t for t in assaults if t not in with_source and t.args]
        if len(with_source) != 1 or not without:
            return
        keep = with_source[0]
        wanted = keep.spec.target[0] if keep.spec.target else "obj"
        relation = wanted if wanted in {"obj", "dat"} else f"prep:{wanted}"
        for other in without:
            keep.args += [Arg(a.entity, relation, a.token) for a in other.args
                          if a.entity not in {b.entity for b in keep.args}]
            triggers.remove(other)

    def _headline_mode(self) -> str | None:
        """"X spoke with Y" under the headline "X's Phone Call With Y": the headline tells the mode."""
        end = doc_text(self.doc).find("\n")
        modes = self.words.get("headline_modes", {})
        if end < 0 or not isinstance(modes, dict):
            return None
        found = {modes[t.lemma_.casefold()] for t in self.doc if t.idx < end and t.pos_ in {"NOUN", "PROPN"}
                 and t.lemma_.casefold() in modes}
        return found.pop() if len(found) == 1 else None

    def _weapon_mode(self, sent: Span) -> str | None:
        """The mode of an attack from the weapons the sentence names, if they are of one kind."""
        modes = self.words.get("weapon_modes", {})
        found = {modes[t.lemma_.casefold()] for t in sent if isinstance(modes, dict) and t.lemma_.casefold() in modes}
        return found.pop() if len(found) == 1 else None

    # -- speech ----------------------------------------------------------------------------------------
    def _speech(self, trigger: Trigger, verb: Token, sent: Span) -> None:
        if verb.lower_ == "according":
            tokens = [t.i for t in verb.subtree]
            end = max(tokens) + 1
            trigger.content = (end, sent.end) if min(tokens) == sent.start else (sent.start, min(tokens))
            trigger.reporting_frame = True
            return
        complements = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
        if complements:
            tokens = [t.i for c in complements for t in c.subtree]
            trigger.content = (min(tokens), max(tokens) + 1)
            trigger.reporting_frame = True
        elif verb.dep_ == "parataxis" or any(t.text in {'"', "“", "”"} for t in sent if t.i < verb.i):
            trigger.content = (sent.start, verb.i)
            trigger.reporting_frame = True
        else:  # "emphasized Trump's call for a ceasefire": the object is what is said
            objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
            if objects:
                trigger.content = (objects[0].left_edge.i, objects[0].right_edge.i + 1)
                trigger.reporting_frame = True

    def _obligation(self, trigger: Trigger, verb: Token) -> None:
        """"X said Y must ...": a statement that another actor must act is a demand on that actor."""
        if trigger.spec.type != "STATEMENT":
            return
        speakers = {a.entity for a in trigger.args if a.relation in SPEAKER_RELATIONS}
        countries = {self.index.get(e).country for e in speakers if self.index.get(e) is not None} - {None}
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not any(c.dep_ == "aux" and c.lower_ in self._words("obligation") for c in clause.children):
                continue
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            addressed = [(e, i) for s in subjects for e, i in self._entities(s) if e not in speakers]
            addressed = [(e, i) for e, i in addressed if self.index.get(e).country not in countries]
            if addressed and not any(c.dep_ == "neg" for c in clause.children):
                trigger.spec = replace(trigger.spec, type="REQUEST", target=("obj",))
                trigger.args += [Arg(e, "obj", i) for e, i in addressed]
                return

    def _refusal(self, trigger: Trigger, verb: Token) -> None:
        """"X said it would not accept the demands": a statement that the speaker will not do what was asked
        of it is a rejection."""
        if trigger.spec.type != "STATEMENT":
            return
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            refused = clause.lemma_.casefold() in self._words("refusal_verbs")
            negated = any(c.dep_ == "neg" for c in clause.children)
            future = self._future(clause)
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            itself = any(self._entity_at(s) in {a.entity for a in trigger.args} for s in subjects)
            if refused and negated and future and itself:
                trigger.spec = replace(trigger.spec, type="REJECT", target=("obj",))
                trigger.args += [Arg(e, "obj", i) for c in clause.children if c.dep_ in OBJECT_DEPS
                                 for e, i in self._entities(c) or self._possessors(c)]
                return

    def _ultimatum(self, trigger: Trigger, verb: Token) -> None:
        """"X said it would withdraw its troops unless Y ...": an act announced on a condition another actor
        must meet is a threat against that actor."""
        if trigger.spec.type != "STATEMENT":
            return
        speakers = {a.entity for a in trigger.args if a.relation in SPEAKER_RELATIONS}
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not self._future(clause):
                continue
            for condition in (c for c in clause.subtree if c.dep_ == "advcl"):
                if not any(m.dep_ == "mark" and m.lower_ in self._words("ultimatum_marks") for m in condition.children):
                    continue
                subjects = [c for c in condition.children if c.dep_ in SUBJECT_DEPS]
                addressed = [(e, i) for s in subjects for e, i in self._entities(s) if e not in speakers]
                if addressed:
                    trigger.spec = replace(trigger.spec, type="THREATEN", target=("obj",))
                    trigger.args += [Arg(e, "obj", i) for e, i in addressed]
                    return

    def _future(self, clause: Token) -> bool:
        """"it would ...", "it will ...": what a speaker says is to come."""
        return any(c.dep_ == "aux" and c.lower_ in self._words("future") for c in clause.children)

    def _mere_report(self, trigger: Trigger, found: list[Trigger]) -> bool:
        """A statement that only tells of strikes, casualties or damage reports an incident: it is no
        statement of its own ("officials said the bomb hit a building"). With an event in its words it stays,
        as the reporter of that event."""
        if trigger.spec.type != "STATEMENT" or trigger.content is None:
            return False
        start, end = trigger.content
        if any(t is not trigger and t.args and start <= t.token < end for t in found):
            return False
        words = self._words("incident_words")
        return any(t.lemma_.casefold() in words for t in self.doc[trigger.content[0] : trigger.content[1]])

    # -- vetoes ----------------------------------------------------------------------------------------
    def vetoed(self, trigger: Trigger) -> str | None:
        token = self.doc[trigger.token]
        sent = token.sent
        if sent.text.rstrip().rstrip('"”').endswith("?"):
            return "question"
        verb = token.head if trigger.spec.nominal or token.pos_ == "ADJ" else token  # "is [not] ready to"
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children) or any(c.dep_ == "neg" for c in token.children):
            return "negated"
        if trigger.spec.active_only and any(c.dep_ in PASSIVE_SUBJECT_DEPS | {"auxpass"} for c in token.children):
            return "passive"  # "X is opposed to Y" is no one opposing X
        modal = [c for c in children if c.dep_ == "aux" and c.lower_ in self.lex.modal]
        if modal and not (trigger.spec.type.casefold() in self._words("announced_types")
                          and all(c.lower_ in self._words("future") for c in modal)):
            return "modal"
        if any(c.dep_ == "mark" and c.lower_ in self.lex.conditional for c in children):
            return "conditional"
        if self._unrealised(verb):
            return "not asserted"
        if self._demanded(verb):
            return "demanded"
        if trigger.spec.nominal:
            if verb.dep_ == "prep" and verb.lower_ == "for":
                verb = verb.head  # "called for sanctions", "pushed for talks"
            if verb.lemma_.casefold() in self.lex.blocking_verbs:
                return "planned or refused"
            if any(c.dep_ == "prep" and c.lower_ in self.lex.background_preps for c in token.children):
                return "background"
            if any(c.lower_ in {"no", "first"} for c in token.children):
                return "negated or background"
        return None

    def _demanded(self, verb: Token) -> bool:
        """"demanded that Israel ease the restrictions": what is demanded has not happened."""
        node = verb
        while node.dep_ == "conj" and node.head is not node:
            node = node.head
        if node.dep_ not in {"ccomp", "acl"}:
            return False
        words = self._words("demand_words")  # "reiterated its demand that ...": the demand may be the object
        return node.head.lemma_.casefold() in words or any(
            c.dep_ in OBJECT_DEPS and c.lemma_.casefold() in words for c in node.head.children)

    def _unrealised(self, verb: Token) -> bool:
        """An infinitive ("threatened to attack", "agreed to meet") tells an act that has not happened, unless
        the verb it depends on says it did ("used drones to attack", "continued to shell")."""
        if verb.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        if verb.dep_ not in CLAUSE_DEPS:
            return False
        return verb.head.lemma_.casefold() not in self._words("implicative_verbs")

    def _continues_meeting(self, token: Token) -> bool:
        verb = token if token.pos_ == "VERB" else token.head
        return any(c.dep_ in SUBJECT_DEPS and c.lower_ in self._words("group_subjects")
                   and c.i not in self.index.by_token for c in verb.children)

    def clause_nouns(self, trigger: Trigger) -> set[str]:
        token = self.doc[trigger.token]
        if not trigger.spec.nominal:
            while token.dep_ in {"xcomp", "relcl", "acl", "conj"} and token.head is not token:
                token = token.head  # "drones that X used to target Y": the drones belong to the act
        nouns = set()
        for t in token.subtree if not trigger.spec.nominal else token.sent:
            if t.pos_ in {"NOUN", "PROPN"} or t.like_num:
                nouns.add(t.lemma_.casefold())
                nouns.add(t.lower_)
        return nouns

    # -- dates -----------------------------------------------------------------------------------------
    def date_text(self, trigger: Trigger) -> str:
        """The words that can date this event: the modifiers of the trigger and of the verbs above it, not
        the dates inside its objects ("welcomed the agreement of the May 16 talks" is not dated May 16)."""
        token = self.doc[trigger.token]
        if token.lower_ == "according":
            return ""  # what a source says is dated by its own words
        if self._continues_meeting(token):  # "the two leaders discussed today's vote": the call was today
            return " ".join(t.text for t in token.sent if t.lower_ in self._words("today"))
        chain = [token, *token.ancestors]
        parts: list[str] = []
        for node in chain:
            for child in node.children:
                if child in chain or child.dep_ in NOT_DATING_DEPS and not self._occasion_clause(child):
                    continue
                parts.append(self.doc[child.left_edge.i : child.right_edge.i + 1].text)
        text = " ; ".join(parts)
        if resolve_date(text, date.today(), "en") is None:
            text += " ; " + self._dateline(token.sent)
        return text

    def _occasion_clause(self, clause: Token) -> bool:
        """"Speaking in Brussels on Monday, X urged ...": a subjectless participle clause before the verb
        tells the occasion of what follows, so its date is the event's."""
        return (clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i < clause.head.i
                and clause.lemma_.casefold() in self._words("occasion_participles")
                and not any(c.dep_ in SUBJECT_DEPS for c in clause.children))

    def _dateline(self, sent: Span) -> str:
        """A line that is only a date, right above the paragraph of this sentence, dates the paragraph's
        events (wire and press-release datelines: "March 28, 2018")."""
        text = doc_text(self.doc)
        start = text.rfind("\n", 0, sent.start_char)
        paragraph_start = start + 1
        if text[paragraph_start : sent.start_char].strip():
            return ""  # not the paragraph's first sentence
        before = text[:paragraph_start].rstrip().rsplit("\n", 1)[-1].strip()
        if 0 < len(before) <= 40 and re.fullmatch(r"[\w ,.]+", before) and sum(c.isdigit() for c in before) >= 5:
            found = resolve_date(before, None, "en")
            return before if found and len(found) == 10 else ""
        return ""
