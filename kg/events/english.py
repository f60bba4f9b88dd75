"""Reading sentences with a dependency parse (English; German where a trained pipeline is installed)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.entities import EntityIndex
from kg.events.frames import Arg, Trigger
from kg.events.lexicon import Lexicon, TriggerSpec

SUBJECT_DEPS = {"nsubj", "sb"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj", "oa", "obj"}
DATIVE_DEPS = {"dative", "da", "iobj"}
PRONOUNS = {"he", "she", "er"}
TIME_WORDS = {"today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


class DependencyReader:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lex = lexicon
        self.last_person: str | None = None

    # -- triggers --------------------------------------------------------------------------------------
    def triggers(self, sent: Span) -> list[Trigger]:
        found = []
        for token in sent:
            spec = self._spec(token)
            if spec is None:
                continue
            trigger = Trigger(spec, token.i, token.lemma_, (sent.start, sent.end))
            trigger.args = self._noun_args(token) if spec.nominal else self._verb_args(token)
            if spec.speech:
                self._speech(trigger, token, sent)
            found.append(trigger)
        return found

    def _spec(self, token: Token) -> TriggerSpec | None:
        lemma = token.lemma_.casefold()
        if token.pos_ == "VERB":
            return self.lex.verbs.get(lemma)
        if token.pos_ in {"NOUN", "PROPN"} and token.text[:1].islower():
            compound = [c for c in token.children if c.dep_ == "compound"]
            if compound:
                spec = self.lex.nouns.get(f"{compound[-1].lemma_.casefold()} {lemma}")
                if spec:
                    return spec
            return self.lex.nouns.get(lemma) or self.lex.nouns.get(token.lower_)
        return None

    # -- arguments -------------------------------------------------------------------------------------
    def _entities(self, token: Token) -> list[tuple[str, int]]:
        """The entity a noun phrase head stands for, plus those coordinated with it."""
        out = []
        for head in [token, *self._conjuncts(token)]:
            entity = self._entity_at(head)
            if entity:
                out.append((entity, head.i))
        return out

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
            return self.index.by_token[token.i]
        if token.lower_ in PRONOUNS and self.last_person:
            return self.last_person
        for child in token.children:
            if child.dep_ in {"compound", "appos", "nmod"} and child.i in self.index.by_token:
                if self.index.get(self.index.by_token[child.i]).type != "PERSON" or token.pos_ == "PROPN":
                    return self.index.by_token[child.i]
        if token.i in self.index.adjectives and token.dep_ in {"nsubj", "pobj", "dobj"}:
            entity = self.index.by_kb(self.index.adjectives[token.i])
            return entity.id if entity else None
        return None

    def _verb_args(self, verb: Token) -> list[Arg]:
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

    def _noun_args(self, noun: Token) -> list[Arg]:
        args: list[Arg] = []
        for child in noun.children:
            if child.dep_ == "poss":
                args += [Arg(e, "gen", i) for e, i in self._entities(child)]
            elif child.dep_ in {"compound", "amod", "nmod"}:
                entity = self._entity_at(child)
                if entity is None and child.i in self.index.adjectives:
                    found = self.index.by_kb(self.index.adjectives[child.i])
                    entity = found.id if found else None
                if entity:
                    args.append(Arg(entity, "adj", child.i))
            elif child.dep_ == "prep":
                relation = "gen" if child.lower_ == "of" else f"prep:{child.lower_}"
                args += [Arg(e, relation, i) for p in child.children if p.dep_ == "pobj" for e, i in self._entities(p)]
        head = noun.head
        if noun.dep_ in OBJECT_DEPS and head.lemma_.casefold() in self.lex.light_verbs or (
            noun.dep_ == "pobj" and head.lower_ in {"during", "in", "at"}
        ):
            verb = head if head.pos_ in {"VERB", "AUX"} else head.head
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    args += [Arg(e, "subj", i) for e, i in self._entities(child)]
        return args

    # -- speech ----------------------------------------------------------------------------------------
    def _speech(self, trigger: Trigger, verb: Token, sent: Span) -> None:
        complements = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
        if complements:
            tokens = [t.i for c in complements for t in c.subtree]
            trigger.content = (min(tokens), max(tokens) + 1)
            trigger.reporting_frame = True
        elif verb.dep_ == "parataxis" or any(t.text in {'"', "“", "”"} for t in sent if t.i < verb.i):
            trigger.content = (sent.start, verb.i)
            trigger.reporting_frame = True

    # -- vetoes ----------------------------------------------------------------------------------------
    def vetoed(self, trigger: Trigger) -> str | None:
        token = self.doc[trigger.token]
        sent = token.sent
        if sent.text.rstrip().rstrip('"”').endswith("?"):
            return "question"
        verb = token if not trigger.spec.nominal else token.head
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children) or any(c.dep_ == "neg" for c in token.children):
            return "negated"
        if any(c.dep_ == "aux" and c.lower_ in self.lex.modal for c in children):
            return "modal"
        if any(c.dep_ == "mark" and c.lower_ in self.lex.conditional for c in children):
            return "conditional"
        if trigger.spec.nominal:
            if verb.lemma_.casefold() in self.lex.blocking_verbs:
                return "planned or refused"
            if any(c.dep_ == "prep" and c.lower_ in self.lex.background_preps for c in token.children):
                return "background"
            if any(c.lower_ in {"no", "first"} for c in token.children):
                return "negated or background"
        return None

    def clause_nouns(self, trigger: Trigger) -> set[str]:
        token = self.doc[trigger.token]
        nouns = set()
        for t in token.subtree if not trigger.spec.nominal else token.sent:
            if t.pos_ in {"NOUN", "PROPN"} or t.like_num:
                nouns.add(t.lemma_.casefold())
                nouns.add(t.lower_)
        return nouns
