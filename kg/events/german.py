"""Reading German sentences without a parser: clauses, verb-second order, case from articles, prepositions.

HanTa gives STTS tags and lemmas; this module turns them into the relations the event builder needs
(subject, dative/accusative object, genitive, prepositional objects), and into the checks that veto an
event (negation, modal verbs, conditionals, planned or refused events, background "seit" phrases).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.entities import EntityIndex
from kg.entities.lexicon import token_title
from kg.entities.mentions import ADJECTIVE, PREFIX, Mention
from kg.events.dates import resolve_date
from kg.events.frames import Arg, Trigger
from kg.events.lexicon import HOSTILE_TYPES, Lexicon, TriggerSpec

CLAUSE_MARKS = {",", ";", ":", '"', "“", "”", "„", "«", "»", "–", "—", "(", ")"}
QUOTES = {'"', "“", "”", "„", "«", "»"}
FINITE = {"VVFIN", "VAFIN", "VMFIN"}
NP_INNER = {"ART", "ADJA", "PPOSAT", "PIAT", "PDAT", "CARD", "PIDAT", "ADV", "ADJD"}
CONTRACTED = {"am": "an", "beim": "bei", "im": "in", "ins": "in", "vom": "von", "zum": "zu", "zur": "zu",
              "fürs": "für", "ans": "an", "aufs": "auf", "durchs": "durch"}
DATIVE_DETERMINERS = ("dem", "einem", "seinem", "ihrem", "unserem", "eurem", "diesem", "jenem", "keinem")
GENITIVE_DETERMINERS = ("des", "eines", "seines", "ihres", "dieses")
CLASSIFIERS = {"stadt", "hauptstadt", "region", "provinz", "land", "staat", "republik", "gebiet", "halbinsel",
               "plattform", "netzwerk", "dienst", "ort", "hafenstadt", "oblast", "bezirk", "kurznachrichtendienst",
               "konfliktparteien", "konfliktpartei", "parteien", "seiten", "länder", "staaten", "nachbarländer"}
EMBEDDING_PREPS = {"bei", "in", "während", "im", "beim", "nach", "zu", "zum", "zur"}
POSSESSIVES = {"sein", "seine", "seinen", "seiner", "seinem", "seines"}
PRONOUNS = {"er"}
FIRST_PERSON = {"ich", "wir"}
SPEAKER_OBJECTS = {"ihn", "ihm", "mich", "mir", "uns"}  # with a closing speaker, he is the one addressed
PRESENT_AUXILIARIES = {"ist", "sind"}
COORDINATORS = {"und", "sowie", "oder", ","}
INFINITIVE = {"PTKZU", "VVIZU", "KOUI"}
DATELINE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w .-]{1,40},\s*)?\d{1,2}\.\d{1,2}\.\d{4}\s*[-–—]\s*")
GENERIC_ROLES = {"leader", "minister", "chair"}


def _kb():  # noqa: ANN202
    from kg.link.kb import load_kb

    return load_kb()


def preposition(token: Token) -> str:
    return CONTRACTED.get(token.lower_, token.lower_)


class GermanReader:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lex = lexicon
        self.last_person: str | None = None
        self.speaker: str | None = None
        self._clause_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._mentions = sorted(
            ((m, e) for m, e in index.mentions), key=lambda pair: pair[0].first_token
        )

    # -- clauses ---------------------------------------------------------------------------------------
    def clauses(self, sent: Span) -> list[tuple[int, int]]:
        """The sentence's clause pieces, computed once per sentence (every trigger and veto asks again)."""
        key = (sent.start, sent.end)
        if key not in self._clause_cache:
            self._clause_cache[key] = self._split_clauses(sent)
        return self._clause_cache[key]

    def _split_clauses(self, sent: Span) -> list[tuple[int, int]]:
        bounds, start = [], self._after_dateline(sent)
        for token in self.doc[start : sent.end]:
            if token.text in CLAUSE_MARKS and not self._list_comma(token):
                if token.i > start:
                    bounds.append((start, token.i))
                start = token.i + 1
        if start < sent.end:
            bounds.append((start, sent.end))
        bounds = [b for b in bounds if any(not self.doc[i].is_punct and not self.doc[i].is_space
                                           for i in range(*b))]
        return self._join_continuations(bounds)

    def _after_dateline(self, sent: Span) -> int:
        """Where a sentence starts after a wire dateline ("Moskau - Nur Stunden nach ..."): the place that filed the
        story is not an actor of the sentence."""
        for i in range(sent.start, min(sent.start + 4, sent.end - 1)):
            token = self.doc[i]
            if token.text in {"-", "–", "—"} and i > sent.start:
                if all(t.tag_ in {"NE", "NN"} or t.text == "/" for t in self.doc[sent.start : i]):
                    return i + 1
                return sent.start
        return sent.start

    def _attributive(self, token: Token, clause: tuple[int, int]) -> bool:
        """"einer von Katar ausgehandelten Waffenruhe ... werfen sich": a participle before a noun,
        with the clause's own verb after it, describes the noun; the tagger often calls it finite."""
        following = self.doc[token.i + 1] if token.i + 1 < clause[1] else None
        if following is None or following.tag_ != "NN" or token.i == clause[0]:
            return False
        return any(t.tag_ in FINITE for t in self.doc[token.i + 2 : clause[1]]) and not any(
            t.tag_ in FINITE for t in self.doc[clause[0] : token.i])

    def _join_continuations(self, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A piece without a finite verb after a comma continues the clause before it ("mit A, dem Präsidenten
        B und anderen telefoniert"), unless it is an infinitive clause ("um zu vermitteln") or a quote."""
        joined: list[tuple[int, int]] = []
        for start, end in bounds:
            tokens = self.doc[start:end]
            separator = self.doc[start - 1].text if start > 0 else ""
            first = next((t for t in tokens if not t.is_punct), tokens[0])
            continues = (joined and separator == "," and not self._has_own_verb(tokens, joined[-1])
                         and first.tag_ not in {"PRELS", "PRELAT", "KOUS", "PWAV"}
                         and not any(t.tag_ in {"PTKZU", "VVIZU", "KOUI"} for t in tokens))
            if continues:
                joined[-1] = (joined[-1][0], end)
            else:
                joined.append((start, end))
        return joined

    def _has_own_verb(self, tokens: Span, before: tuple[int, int]) -> bool:
        """A finite verb of its own; a last word tagged finite after an auxiliary before the comma ("habe er mit A,
        dem Präsidenten B und anderen telefoniert") is the participle of the clause it continues."""
        finite = [t for t in tokens if t.tag_ in FINITE]
        if not finite:
            return False
        words = [t for t in tokens if not t.is_punct]
        auxiliary = any(t.tag_ == "VAFIN" and t.lemma_ in {"haben", "sein"} for t in self.doc[before[0] : before[1]])
        participle_like = len(words) > 2 and words[-1].text.endswith("t")
        return not (len(finite) == 1 and finite[0] == words[-1] and finite[0].tag_ == "VVFIN" and auxiliary
                    and participle_like)

    def _list_comma(self, token: Token) -> bool:
        """The comma in "Frankreich, Deutschland und Polen" joins names, and the one before an apposition
        ("mit dem Sicherheitsberater der USA, Lisa Monaco.") names the noun before it: neither ends a clause."""
        if token.text != "," or token.i == 0 or token.i + 1 >= len(self.doc):
            return False
        before, after = token.i - 1, token.i + 1
        if before in self.index.by_token and after in self.index.by_token:
            return not (self._finite_between(token.sent.start, token.i, back=True)
                        and self._finite_between(after, token.sent.end))  # "forderte auf X, Teheran müsse"
        return self._apposition_after(after)

    def _finite_between(self, start: int, end: int, back: bool = False) -> bool:
        """A finite verb in the piece of [start, end) next to the comma (after it, or before it if `back`)."""
        indices = range(end - 1, start - 1, -1) if back else range(start, end)
        for i in indices:
            token = self.doc[i]
            if token.text in CLAUSE_MARKS:
                return False
            if token.tag_ in FINITE:
                return True
        return False

    def _apposition_after(self, i: int) -> bool:
        while i < len(self.doc) and self.doc[i].tag_ == "NN" and self._title(self.doc[i]):
            i += 1
        person = self.index.by_token.get(i)
        entity = self.index.get(person) if person else None
        if entity is None or entity.type != "PERSON":
            return False
        while i < len(self.doc) and self.index.by_token.get(i) == person:
            i += 1
        return i >= len(self.doc) or self.doc[i].text in {",", ".", ";", ":"} or self.doc[i].lower_ in {"und", "sowie"}

    @staticmethod
    def _clause_of(i: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
        return next((c for c in clauses if c[0] <= i < c[1]), (i, i + 1))

    # -- triggers --------------------------------------------------------------------------------------
    def triggers(self, sent: Span) -> list[Trigger]:
        clauses = self.clauses(sent)
        speaker = self._closing_speaker(sent, clauses)
        self.speaker = speaker  # "Wir fordern X auf, sagte Meier": "wir" speaks for Meier
        if speaker:
            self.last_person = speaker  # "Zuvor habe er telefoniert, sagte Biden": "er" is Biden
        found = []
        for token in sent:
            clause = self._clause_of(token.i, clauses)
            if token.pos_ in {"VERB", "AUX"} and token.tag_.startswith("VV") and not self._attributive(token, clause):
                lemma = self.verb_lemma(token, clause)
                spec = self.lex.verbs.get(lemma)
                if spec:
                    trigger = Trigger(spec, token.i, lemma, clause)
                    trigger.args = self.verb_args(trigger, clauses)
                    if spec.speech:
                        self._speech(trigger, sent, clauses)
                    found.append(trigger)
            elif token.tag_ == "ADJD" and (token.lemma_ or token.text).casefold() in self.lex.adjectives:
                spec = self.lex.adjectives[(token.lemma_ or token.text).casefold()]  # "ist bereit, ... zu"
                spec = self._readiness(token, spec)
                trigger = Trigger(spec, token.i, token.lemma_, clause)
                trigger.args = self.verb_args(trigger, clauses)
                found.append(trigger)
            elif token.tag_ in {"NN", "NNI"}:  # NNI: a verb used as a noun ("sein Bedauern")
                spec = self.lex.noun(token.lemma_ or token.text) or self.lex.noun(token.text)
                if spec:
                    trigger = Trigger(spec, token.i, token.lemma_, clause)
                    trigger.args = self.noun_args(trigger, clauses)
                    found.append(trigger)
        return found

    def date_text(self, trigger: Trigger) -> str:
        """The narrowest words that date the trigger: its conjunct ("gelandet und am Mittwoch ... zusammengetroffen"),
        its clause, its sentence; a dateline ("Bern, 8.2.2019 -") dates the release, not the events told in it."""
        start, end = trigger.clause
        for i in range(trigger.token - 1, start - 1, -1):
            if self._joins_conjuncts(i):
                start = i + 1
                break
        for i in range(trigger.token + 1, end):
            if self._joins_conjuncts(i):
                end = i
                break
        for text in (self.doc[start:end].text, self.doc[trigger.clause[0] : trigger.clause[1]].text,
                     self._main_clauses_text(trigger)):
            text = DATELINE.sub("", text)
            if resolve_date(text, date(2000, 1, 1), "de") is not None:
                return text
        return ""

    def _joins_conjuncts(self, i: int) -> bool:
        """An "und" between two verb phrases, not inside "am 3. und 4. März"."""
        token = self.doc[i]
        if token.tag_ != "KON" or token.lower_ not in {"und", "sowie"}:
            return False
        before = self.doc[i - 1] if i > 0 else None
        after = self.doc[i + 1] if i + 1 < len(self.doc) else None
        numbers = [t for t in (before, after) if t is not None and t.text.rstrip(".").isdigit()]
        return len(numbers) < 2

    def _main_clauses_text(self, trigger: Trigger) -> str:
        """The sentence without its subordinate clauses ("dass ...", "..., das Mandat nach dem 31. Januar nicht
        zu verlängern", relative clauses): their dates belong to what they tell."""
        sent = self.doc[trigger.token].sent
        kept = []
        for start, end in self.clauses(sent):
            tokens = self.doc[start:end]
            first = next((t for t in tokens if not t.is_punct), None)
            subordinate = first is not None and (first.tag_ in {"KOUS", "PRELS", "PRELAT", "PWAV"}) or any(
                t.tag_ in INFINITIVE for t in tokens)
            describes_trigger = (trigger.spec.nominal and first is not None and first.tag_ in {"PRELS", "PRELAT"}
                                 and kept and start - 1 <= trigger.clause[1] <= start)
            if not subordinate or start <= trigger.token < end or describes_trigger:
                kept.append(tokens.text)  # "das Abkommen, das am 8. Juni unterzeichnet wurde" dates the signing
        return " ".join(kept)

    def present_tense(self, trigger: Trigger) -> bool:
        """Whether the trigger's clause is told in the present ("fordert", "empfängt", "ist besorgt"): a
        press release's present is its day, and a weekday in the present lies ahead."""
        from kg.nlp.hanta import verb_morphemes

        finite = next((t for t in self.doc[trigger.clause[0] : trigger.clause[1]] if t.tag_ in FINITE), None)
        if finite is None:
            return False
        if finite.tag_ != "VVFIN":
            return finite.lower_ in PRESENT_AUXILIARIES and not any(
                t.tag_ in {"VVPP", "VVINF", "VAPP"} for t in self.doc[finite.i : trigger.clause[1]])
        morphemes = verb_morphemes(finite.text)
        # the token is finite in context, so a participle-looking "-t" ("unterstützt") is the present
        suffixes = [m for m, tag in morphemes if tag in {"SUF_FIN", "SUF_INF", "SUF_PP"}]
        return suffixes in (["t"], ["st"], ["n"]) or (suffixes == ["en"] and morphemes[0][1] != "VV_VAR")

    def _closing_speaker(self, sent: Span, clauses: list[tuple[int, int]]) -> str | None:
        """The person of a closing reporting frame (", sagte X." / ", schrieb er"): the speaker of the sentence."""
        if len(clauses) < 2:
            return None
        start, end = clauses[-1]
        first = self.doc[start]
        if not (first.tag_ == "VVFIN" and self.lex.verbs.get(self.verb_lemma(first, clauses[-1]), None)
                and self.lex.verbs[self.verb_lemma(first, clauses[-1])].speech):
            return None
        for i in range(start + 1, end):
            entity = self.index.get(self.index.by_token.get(i, ""))
            if entity is not None and entity.type == "PERSON":
                return entity.id
        return None

    def verb_lemma(self, token: Token, clause: tuple[int, int]) -> str:
        """The lemma with its separable particle: "teilte ... mit" -> "mitteilen"."""
        lemma = (token.lemma_ or token.text).casefold()
        if token.tag_ in FINITE:
            for i in range(token.i + 1, clause[1]):
                if self.doc[i].tag_ in FINITE or self.doc[i].tag_ == "KON":
                    break  # "telefonierte mit X und mahnte ... an": the particle is the other verb's
                if self.doc[i].tag_ == "PTKVZ":
                    return self.doc[i].lower_ + lemma
        if token.tag_.startswith("VV"):
            for i in range(clause[0], clause[1]):  # "machte X verantwortlich", "machte deutlich, dass ..."
                word = self.doc[i].lower_
                if self.doc[i].tag_ in {"ADJD", "PTKVZ"} and word + lemma in self.lex.verbs:
                    return word + lemma
        return lemma

    # -- arguments -------------------------------------------------------------------------------------
    def _np_start(self, mention: Mention, clause: tuple[int, int]) -> int:
        i = mention.first_token
        while i - 1 >= clause[0]:
            prev = self.doc[i - 1]
            if prev.tag_ in NP_INNER or prev.i in self.index.adjectives:
                i -= 1
            elif prev.tag_ == "NN" and mention.label == "PERSON" and self._title(prev):
                i -= 1  # "Präsident Wladimir Putin"
            elif prev.tag_ == "NN" and mention.label != "PERSON" and (
                prev.lower_ in CLASSIFIERS or prev.lemma_.casefold() in CLASSIFIERS
            ):
                i -= 1
            elif (prev.tag_ == "NE" and prev.text.endswith("s") and prev.i in self.index.by_token
                  and self.doc[i].tag_ == "NN"):
                i -= 1  # "Russlands Präsident Wladimir Putin", but not "in Paris den Staatschef X"
            else:
                break
        return i

    def _relation(self, mention: Mention, clause: tuple[int, int]) -> tuple[str, int]:
        """The relation of an entity mention in its clause, and the token it attaches to."""
        start = self._np_start(mention, clause)
        before = self.doc[start - 1] if start - 1 >= clause[0] else None
        det = self.doc[start] if start < mention.first_token else None
        after = self.doc[mention.token + 1] if mention.token + 1 < clause[1] else None
        if after is not None and after.tag_ == "NN" and mention.text.endswith("s") and det is None:
            return "poss", after.i  # "Russlands Präsident": belongs to the following noun
        if before is not None and before.tag_ in {"APPR", "APPRART"}:
            seat = self.doc[before.i - 1] if before.i - 1 >= clause[0] else None
            if preposition(before) == "in" and seat is not None and self._seat(seat):
                return self._relation_of_np(seat.i, clause)  # "die Regierung in Kiew wies zurück"
            return f"prep:{preposition(before)}", before.i
        if before is not None and before.tag_ == "NN" and (
            (det is not None and det.lower_ in ("der", *GENITIVE_DETERMINERS))
            or (det is None and mention.text.endswith("s"))
        ):
            return "gen", before.i
        if det is not None and det.lower_.startswith(DATIVE_DETERMINERS):
            return "dat", start
        if det is not None and det.lower_ == "den":
            return ("dat" if mention.text.endswith("n") and mention.label != "PERSON" else "obj"), start
        if det is not None and det.lower_.startswith(GENITIVE_DETERMINERS):
            return "gen", start
        return "nom", start

    def _readiness(self, token: Token, spec: TriggerSpec) -> TriggerSpec:
        """"bereit, Gespräche auszurichten" is an offer; "bereit, zurückzuschlagen" or "Sanktionen zu
        verhängen" a threat: the first infinitive with "zu" after the adjective tells which."""
        for t in self.doc[token.i + 1 : token.sent.end]:
            if t.tag_ == "VVIZU" or (t.tag_ == "VVINF" and self.doc[t.i - 1].lower_ == "zu"):
                lemma = (t.lemma_ or t.text).casefold()
                act = self.lex.verbs.get(lemma)
                if (act and act.type in HOSTILE_TYPES) or lemma in self.lex.retaliation_verbs:
                    return replace(spec, type="THREATEN")
                break
        return spec

    def _according(self, token: Token) -> bool:
        return (token.lemma_ or token.text).casefold() in self.lex.source_nouns or token.lower_ in self.lex.source_nouns

    def _seat(self, token: Token) -> bool:
        """A state's organ, also as a compound's last part ("Militärregierungen")."""
        if token.tag_ != "NN":
            return False
        words = ((token.lemma_ or token.text).casefold(), token.lower_)
        return any(w.endswith(seat) for w in words for seat in self.lex.seat_nouns)

    def _clause_args(self, clause: tuple[int, int]) -> list[tuple[Mention, str, str, int]]:
        """(mention, entity, relation, attach token) for every actor mention in the clause, in order."""
        found: list[tuple[Mention, str, str, int]] = []
        raw_relations: list[tuple[str, int]] = []
        titled: set[int] = set()  # mentions standing in for an unnamed title's holder
        for mention, entity in self._mentions:
            if not clause[0] <= mention.first_token < clause[1] or mention.kind == ADJECTIVE:
                continue
            if mention.kind == PREFIX:
                if not self._unnamed_office(mention):
                    continue
                entity = self._described_person(self.doc[mention.token]) or entity
                relation, attach = self._relation_of_np(mention.token, clause)
            else:
                relation, attach = self._relation(mention, clause)
            if relation == "poss" and self._seat(self.doc[attach]):
                relation, attach = self._relation_of_np(attach, clause)  # "Polens Regierung verurteilte"
            if found and relation in {"nom", "dat", "obj"}:
                prev_mention, prev_entity, _, _ = found[-1]
                between = self.doc[prev_mention.token + 1 : self._np_start(mention, clause)]
                if self._coordinating(between):
                    relation, attach = raw_relations[-1]  # coordination shares the relation
                    prev = self.index.get(prev_entity)
                    this = self.index.get(entity)
                    if (between[0].text == "," and prev is not None and prev.type != "PERSON"
                            and this is not None and this.type == "PERSON" and prev_mention.first_token in titled):
                        found.pop()  # "dem Sicherheitsberater der USA, Lisa Monaco": the person, not the state
            raw_relations.append((relation, attach))
            if relation == "gen" and self._title(self.doc[attach]):
                holder = self._holder(self.doc[attach], entity)
                if holder is None:
                    titled.add(mention.first_token)
                entity = holder or entity  # else the body acts: "die Chefs der G7"
                relation, attach = self._relation_of_np(attach, clause)
            elif relation == "gen" and self._according(self.doc[attach]):
                relation = "according"  # "nach Angaben des Weißen Hauses"
            found.append((mention, entity, relation, attach))
        attached = {f[3] for f in found}
        for token in self.doc[clause[0] : clause[1]]:
            if token.tag_ == "NN" and token.i not in attached and token.i not in self.index.by_token:
                person = self._described_person(token)
                if person is not None:
                    relation, attach = self._relation_of_np(token.i, clause)
                    found.append((Mention(token.idx, token.idx + len(token), token.text, "PERSON", token=token.i,
                                          first_token=token.i), person, relation, attach))
        for token in self.doc[clause[0] : clause[1]]:
            if token.tag_ != "PPER":
                continue
            referent = (self.last_person if token.lower_ in PRONOUNS
                        else self.speaker if token.lower_ in FIRST_PERSON | SPEAKER_OBJECTS else None)
            relation = "obj" if token.lower_ in SPEAKER_OBJECTS else "nom"
            if referent:  # "Scholz habe ihn informiert, schrieb Selenskyj": "ihn" is the writer
                found.append((Mention(token.idx, token.idx + len(token), token.text, "PERSON",
                                      token=token.i, first_token=token.i), referent, relation, token.i))
        found.sort(key=lambda f: f[0].first_token)
        seen: set[str] = set()
        unique = []
        for item in found:  # a title and its genitive may both lead to the same holder
            if item[1] not in seen:
                seen.add(item[1])
                unique.append(item)
        return unique

    def _unnamed_office(self, prefix: Mention) -> bool:
        """ "die G7-Außenminister riefen auf": with no name after the title, the prefix's entity acts."""
        token = self.doc[prefix.token]
        if not self._title(token):
            return False
        following = token.i + 1
        return not (following < len(self.doc) and following in self.index.by_token
                    and self.index.get(self.index.by_token[following]).type == "PERSON")

    @staticmethod
    def _title(token: Token):  # noqa: ANN205
        return token_title(token, "de")

    def _holder(self, title: Token, state: str) -> str | None:
        """ "die Verteidigungsminister Russlands": the article's person holding that office of that state."""
        match = self._title(title)
        entity = self.index.get(state)
        country = entity.country if entity is not None else None
        holders = [e.id for e in self.index.entities if e.type == "PERSON" and any(
            o.role == match.role and o.country and o.country == country for o in e.offices)]
        return holders[0] if len(holders) == 1 else self._described_person(title)

    def _described_person(self, title: Token) -> str | None:
        """ "betonte der Vorsteher des EDA", "der EDA-Vorsteher": a title without a name refers to the one person
        named earlier in the article who holds that office (or, for a generic head, belongs to that state)."""
        match = self._title(title)
        if match is None or self._names_adjacent(title):
            return None
        owner = self._title_owner(title)
        if owner is not None and not owner.country:
            return None  # "die Regierungschefs der G7": the body, not one of its members
        country = owner.country if owner is not None else None
        generic = match.role in GENERIC_ROLES
        if generic and country is None:
            return None
        people = [e for e in self.index.entities if e.type == "PERSON" and e.mentions
                  and e.mentions[0].start < title.idx]
        found = [e.id for e in people if (country is None or e.country == country)
                 and (generic or match.role in self._roles(e))]
        return found[0] if len(found) == 1 else None

    def _names_adjacent(self, title: Token) -> bool:
        for i in (title.i - 1, title.i + 1):
            entity = self.index.get(self.index.by_token.get(i, "")) if 0 <= i < len(self.doc) else None
            if entity is not None and entity.type == "PERSON":
                return True
        return False

    def _title_owner(self, title: Token):  # noqa: ANN202 - an Entity or a KB entry, both with .country
        """What a title belongs to: its compound prefix, an adjective before it, a genitive after it."""
        for j in range(max(0, title.i - 2), title.i):
            entry = _kb().get(self.index.adjectives[j]) if j in self.index.adjectives else None
            if entry is not None and entry.country:
                return entry
        candidates = [self.index.by_token.get(title.i)]
        after = self.doc[title.i + 1] if title.i + 1 < len(self.doc) else None
        if after is not None and (after.lower_ in GENITIVE_DETERMINERS or after.lower_ == "der"):
            sent_end = title.sent.end
            candidates += [next((self.index.by_token[j] for j in range(title.i + 2, min(sent_end, title.i + 12))
                                 if j in self.index.by_token), None)]
        for entity_id in candidates:
            entity = self.index.get(entity_id) if entity_id else None
            if entity is not None and entity.type != "PERSON":
                return entity
        return None

    def _roles(self, entity) -> set[str]:  # noqa: ANN001
        roles = {o.role for o in entity.offices}
        entry = _kb().get(entity.kb_key) if entity.kb_key else None
        if entry is not None:
            roles |= {o.role for o in entry.offices}
        return roles

    def _relation_of_np(self, head: int, clause: tuple[int, int]) -> tuple[str, int]:
        """The relation of the noun phrase headed by a title noun (no entity of its own)."""
        token = self.doc[head]
        probe = Mention(token.idx, token.idx + len(token), token.text, "PERSON", token=head, first_token=head)
        return self._relation(probe, clause)

    def _passive(self, clause: tuple[int, int]) -> bool:
        tokens = self.doc[clause[0] : clause[1]]
        return any(t.lemma_ == "werden" and (t.tag_ in FINITE or t.tag_ == "VAPP") for t in tokens) and any(
            t.tag_ == "VVPP" for t in tokens
        )

    def verb_args(self, trigger: Trigger, clauses: list[tuple[int, int]]) -> list[Arg]:
        clause = trigger.clause
        raw = self._clause_args(clause)
        passive = self._passive(clause)
        args, subject_taken = [], False
        if self._governing_verb(trigger):
            controller = self._previous_subject(clause)
            if controller:  # "kündigte Biden an, 31 Panzer zu liefern": Biden delivers
                args.append(Arg(controller, "subj", clause[0]))
            subject_taken = True  # an infinitive has no subject of its own: "der Ukraine ... zu liefern" is dative
        if not subject_taken and not any(r[2] == "nom" for r in raw):
            interrupted = self._subject_before_relative(clause)
            for entity in interrupted:  # "Scholz, der sich in China aufhält, ließ erklären"
                args.append(Arg(entity, "subj", clause[0]))
                subject_taken = True
        verb = self._verb_after_unnamed_subject(clause)
        for i, (_, entity, relation, attach) in enumerate(raw):
            if verb is not None and relation == "nom" and raw[i][0].first_token > verb and not subject_taken:
                relation = "obj"  # "Die Putschisten beschuldigten Belgien": the subject has no name
            if relation in {"poss"}:
                continue
            if passive and relation in {"prep:von", "prep:durch"}:
                relation = "subj"
            elif relation == "nom":
                coordinated = i > 0 and raw[i - 1][2] == "nom" and self._coordinated(raw[i - 1][0], raw[i][0])
                if passive:
                    relation = "obj"
                elif coordinated and args and args[-1].relation in {"subj", "obj"}:
                    relation = args[-1].relation  # "traf Macron und auch Meloni": both objects
                elif not subject_taken:
                    relation = "subj"
                    subject_taken = True
                else:
                    relation = "obj"
            if relation == "gen" and attach != trigger.token:
                relation = "obj"  # "unterstützt das Recht Israels": the genitive belongs to the object
            if relation == "prep:laut":
                relation = "according"
            args.append(Arg(entity, relation, raw[i][0].first_token))
        return args

    def _subject_before_relative(self, clause: tuple[int, int]) -> list[str]:
        """The subject of a clause that starts with its verb after a relative clause or appositions ("Scholz, der
        sich in China aufhält, ließ erklären"; "Die Außenminister beider Länder, A und B, waren ..."): the names
        of the first verbless piece before it that has any."""
        first = next((t for t in self.doc[clause[0] : clause[1]] if not t.is_punct), None)
        if first is None or first.tag_ not in FINITE:
            return []
        pieces = [c for c in self.clauses(self.doc[clause[0]].sent) if c[1] <= clause[0]]
        verbless = []
        for piece in reversed(pieces):
            tokens = self.doc[piece[0] : piece[1]]
            if tokens[0].tag_ in {"PRELS", "PRELAT"}:
                continue
            if any(t.tag_ in FINITE for t in tokens):
                break
            verbless.insert(0, piece)
            if piece[0] == 0 or self.doc[piece[0] - 1].text not in {",", "("}:
                break  # appositions hang together by commas and brackets, not by a dateline's dash
        for piece in verbless:
            names = [entity for _, entity, relation, _ in self._clause_args(piece) if relation == "nom"]
            if names:
                return names
        return []

    def _previous_subject(self, clause: tuple[int, int]) -> str | None:
        sent = self.doc[clause[0]].sent
        before = [c for c in self.clauses(sent) if c[1] <= clause[0]]
        if not before:
            return None
        return next((entity for _, entity, relation, _ in self._clause_args(before[-1]) if relation == "nom"), None)

    def _verb_after_unnamed_subject(self, clause: tuple[int, int]) -> int | None:
        """The finite verb of a verb-second clause whose first field is a noun phrase without a name."""
        tokens = [t for t in self.doc[clause[0] : clause[1]] if not t.is_punct]
        verb = next((n for n, t in enumerate(tokens) if t.tag_ in FINITE), None)
        if not verb:
            return None
        field = tokens[:verb]
        if len(field) == 1 and field[0].tag_ == "PPER" and field[0].lower_ not in PRONOUNS:
            return tokens[verb].i  # "Sie hat die DVRK aufgefordert": the subject is a pronoun
        if field[0].tag_ not in {"ART", "PDAT", "PPOSAT", "PIAT", "NN"} or field[-1].tag_ != "NN":
            return None
        if any(t.tag_ not in NP_INNER | {"NN"} or t.i in self.index.by_token for t in field):
            return None
        if any((t.lemma_ or t.text).casefold() in self.lex.time_nouns for t in field):
            return None  # "Anfang März hatte Scholz ... besucht": a time, not a subject
        return tokens[verb].i

    @staticmethod
    def _coordinating(between: Span) -> bool:
        """ "und", ",", "sowie", or "und auch" / "und später" between two names: they share a relation."""
        words = [t.lower_ for t in between]
        return bool(words) and words[0] in COORDINATORS and all(w in COORDINATORS | {"auch", "später", "dann"}
                                                               for w in words) and len(words) <= 3

    def _coordinated(self, first: Mention, second: Mention) -> bool:
        between = self.doc[first.token + 1 : second.first_token]
        words = [t for t in between if t.tag_ not in NP_INNER]
        return len(words) == 1 and words[0].lower_ in {"und", "sowie", ","}

    def noun_args(self, trigger: Trigger, clauses: list[tuple[int, int]]) -> list[Arg]:
        doc, i = self.doc, trigger.token
        args: list[Arg] = []
        for mention, entity in self._mentions:
            if mention.kind == PREFIX and mention.token == i:
                args.append(Arg(entity, "prefix", i))
        for j in range(i - 1, max(trigger.clause[0] - 1, i - 4), -1):
            if doc[j].tag_ not in NP_INNER:
                break
            key = self.index.adjectives.get(j)
            entity = self.index.by_kb(key) if key else None
            if entity is not None:
                args.append(Arg(entity.id, "adj", j))
        args += self._following(trigger)
        start = i
        while start - 1 >= trigger.clause[0] and doc[start - 1].tag_ in NP_INNER:
            start -= 1
        before = doc[start - 1] if start - 1 >= trigger.clause[0] else None
        embedded = before is not None and before.tag_ in {"APPR", "APPRART"} and preposition(before) in EMBEDDING_PREPS
        owner = doc[start] if start < i else None
        owned = owner is not None and owner.lower_ in POSSESSIVES and self._owner_of(trigger) is not None
        if (embedded or self._light_verb_object(trigger)) and not owned:
            clause_args = self._clause_args(trigger.clause)
            subjects = self._first_subjects(clause_args) or self._subject_before_relative(trigger.clause)
            if trigger.spec.type != "PRISONER_EXCHANGE" or len(subjects) > 1:  # an exchange needs both sides
                args += [Arg(entity, "subj", i) for entity in subjects]
            if trigger.spec.type == "CONSULT" and embedded:  # "rief X in einem Telefonat auf": X is his partner
                args += [Arg(entity, "prep:mit", i) for _, entity, relation, _ in clause_args
                         if relation in {"obj", "dat", "nom"} and entity not in subjects
                         and self.index.get(entity) is not None and self.index.get(entity).type == "PERSON"]
        if owned and not any(a.relation == "subj" for a in args):
            args.append(Arg(self._owner_of(trigger), "subj", owner.i))  # "seine Gespräche mit X": his alone
        return args

    def _following(self, trigger: Trigger) -> list[Arg]:
        """Genitive and prepositional actors right after a nominal trigger ("Drohung Moskaus",
        "Angriff auf die Stadt Sewastopol", "Telefonat zwischen A und B")."""
        doc, clause = self.doc, trigger.clause
        args: list[Arg] = []
        j = trigger.token + 1
        relation = "gen"
        if j < clause[1] and doc[j].tag_ in {"APPR", "APPRART"}:
            relation = f"prep:{preposition(doc[j])}"
            j += 1
        while j < clause[1] and (doc[j].tag_ in NP_INNER or doc[j].lower_ in CLASSIFIERS
                                 or (doc[j].lemma_ or "").casefold() in CLASSIFIERS
                                 or (doc[j].tag_ == "NN" and self._title(doc[j]))):
            j += 1
        while j < clause[1] and j in self.index.by_token:
            entity = self.index.by_token[j]
            if relation == "gen" and not (doc[j].text.endswith("s") or doc[j - 1].lower_ in GENITIVE_DETERMINERS
                                          or doc[j - 1].lower_ == "der"):
                break
            args.append(Arg(entity, relation, j))
            while j < clause[1] and self.index.by_token.get(j) == entity:
                j += 1
            if j < clause[1] and doc[j].lower_ in {"und", "sowie"}:
                j += 1
                while j < clause[1] and (doc[j].tag_ in NP_INNER or (doc[j].tag_ == "NN" and self._title(doc[j]))):
                    j += 1  # "mit Präsident A und Aussenminister B"
                continue
            break
        return args

    def _first_subjects(self, clause_args: list) -> list[str]:
        """The subject of a clause: its first nominative name and those coordinated with it ("Bei einem Besuch
        sicherte Scholz der Ukraine Hilfe zu": Scholz, not "der Ukraine", which may as well be a dative)."""
        subjects: list[str] = []
        previous = None
        for mention, entity, relation, _ in clause_args:
            if relation != "nom":
                continue
            if previous is not None and not self._coordinated(previous, mention):
                break
            subjects.append(entity)
            previous = mention
        return subjects

    def _owner_of(self, trigger: Trigger) -> str | None:
        """Whose "sein"/"seine" it is: the subject of the clause ("Teheran habe sein Bedauern geäußert"), else the
        person last spoken of ("Bei seinen Gesprächen mit X ..." after a sentence about him)."""
        subjects = [entity for mention, entity, relation, _ in self._clause_args(trigger.clause)
                    if relation == "nom" and mention.first_token != trigger.token]
        return subjects[0] if subjects else self.last_person

    def _light_verb_object(self, trigger: Trigger) -> bool:
        for token in self.doc[trigger.clause[0] : trigger.clause[1]]:
            if token.tag_.startswith("VV") and self.verb_lemma(token, trigger.clause) in self.lex.light_verbs:
                return True
            if token.tag_ == "ADJA" and token.i < trigger.token and self._as_verb(token) in self.lex.light_verbs:
                return True  # "Die USA verhängten neue Sanktionen": the tagger took the verb for an adjective
        return False

    @staticmethod
    def _as_verb(token: Token) -> str:
        """The infinitive of a past-tense form the tagger read as an adjective ("verhängten" -> "verhängen")."""
        text = token.lower_
        for ending in ("ten", "te"):
            if text.endswith(ending):
                return text[: -len(ending)] + "en"
        return text

    # -- speech ----------------------------------------------------------------------------------------
    def _speech(self, trigger: Trigger, sent: Span, clauses: list[tuple[int, int]]) -> None:
        clause = trigger.clause
        first_word = next((t for t in self.doc[clause[0] : clause[1]] if not t.is_punct), None)
        inverted = first_word is not None and first_word.i == trigger.token or (
            first_word is not None and first_word.tag_ in FINITE and first_word.i <= trigger.token
        )
        after_mark = clause[0] > sent.start and self.doc[clause[0] - 1].text in CLAUSE_MARKS
        as_reported = first_word is not None and first_word.lower_ == "wie" and after_mark  # ", wie X mitteilte"
        before = [c for c in clauses if c[1] <= clause[0]]
        after = [c for c in clauses if c[0] >= clause[1]]
        # a frame closes what was said (", sagte X."); "Scholz, der ..., ließ erklären, ..." opens it
        trigger.reporting_frame = bool((inverted or as_reported) and after_mark and not after)
        said = (before or after) if trigger.reporting_frame else (after or before)  # "«...», sagte X" / "X sagte, ..."
        if said:
            trigger.content = (min(c[0] for c in said), max(c[1] for c in said))

    # -- vetoes ----------------------------------------------------------------------------------------
    def _governing_verb(self, trigger: Trigger) -> str | None:
        """For a trigger in an infinitive clause ("..., 31 Panzer zu liefern"), the verb of the clause before."""
        clause = trigger.clause
        if not any(t.tag_ in INFINITIVE for t in self.doc[clause[0] : clause[1]]):
            return None
        for i in range(clause[0] - 1, self.doc[trigger.token].sent.start - 1, -1):
            token = self.doc[i]
            if token.tag_ in {"VVFIN", "VVPP"}:
                return self.verb_lemma(token, self._clause_of(i, self.clauses(token.sent)))
        return ""

    def vetoed(self, trigger: Trigger) -> str | None:
        doc, clause = self.doc, trigger.clause
        tokens = doc[clause[0] : clause[1]]
        first = next((t for t in tokens if not t.is_punct), None)
        refers_back = first is not None and first.tag_ == "PDS" and first.lower_ in {"das", "dies"}
        if (trigger.spec.speech or trigger.spec.type == "AGREE") and refers_back and first.i < trigger.token:
            return "refers back"  # "Das hat X zugesagt": what was promised is the event told before
        governing = self._governing_verb(trigger)
        if governing is not None and not (
            governing in self.lex.committing_verbs and trigger.spec.type in {"AID", "SUPPORT", "SANCTION"}
        ):
            return "infinitive"  # "drohte, die Stadt anzugreifen": the attack is not asserted
        sent = doc[trigger.token].sent
        if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
            return "question"
        first = next((t for t in tokens if not t.is_punct), None)
        if first is not None and first.lower_ in self.lex.conditional:
            return "conditional"
        if trigger.spec.nominal:
            return self._nominal_veto(trigger, tokens)
        before = self.doc[trigger.token - 1] if trigger.token > 0 else None
        if before is not None and before.tag_ in {"APPR", "APPRART", "ART"}:
            return "nominalised verb"
        if trigger.spec.active_only and self._passive(clause):
            if trigger.spec.passive:
                trigger.passive_type = trigger.spec.passive
            else:
                return "passive"
        if any(t.lower_ in self.lex.negation for t in tokens):
            return "negated"
        if any(t.tag_ == "VMFIN" or t.lower_ in self.lex.modal for t in tokens):
            return "modal"
        if trigger.spec.type != "AID" and any(t.tag_ == "VAFIN" and t.lemma_ == "werden" for t in tokens) and any(
            t.tag_ in {"VVINF", "VAINF"} for t in tokens
        ):
            return "future"  # announced aid is aid (the guidelines count a package announced)
        return None

    def _nominal_veto(self, trigger: Trigger, tokens: Span) -> str | None:
        i = trigger.token
        start = i
        while start - 1 >= trigger.clause[0] and self.doc[start - 1].tag_ in NP_INNER:
            start -= 1
        framing = start > trigger.clause[0] and preposition(self.doc[start - 1]) in EMBEDDING_PREPS
        if not framing and any(t.tag_ == "VMFIN" or t.lower_ in self.lex.modal for t in tokens):
            return "modal"  # "Die Gespräche sollen im Mai fortgesetzt werden"
        if start > trigger.clause[0] and preposition(self.doc[start - 1]) in self.lex.background_preps:
            return "background"  # "Seit dem Angriff Russlands im Februar 2022 ..."
        if any((t.lemma_ or t.text).casefold() in self.lex.plan_nouns for t in self.doc[trigger.clause[0] : i]):
            return "planned"  # "es gebe keine Pläne für ein Treffen"
        for token in tokens:
            if framing:
                break  # "verlangte nach einem Treffen mit X ...": the meeting is not what was demanded
            if token.tag_.startswith("VV") and self.verb_lemma(token, trigger.clause) in self.lex.blocking_verbs:
                return "planned or refused"
        window = self.doc[i + 1 : min(i + 4, trigger.clause[1])]
        superlative = any(t.tag_ in {"ADJA", "ADJD"} and t.lower_.rstrip("n").endswith("ste")
                          for t in self.doc[max(trigger.clause[0], i - 3) : i])
        if any(t.lower_ in self.lex.background_preps for t in window) and not superlative:
            return "background"  # but "die schwersten Angriffe seit Kriegsbeginn" happened now
        if any(t.lower_ in {"erste", "erstes", "ersten", "letzte", "letztes", "letzten", "jüngste", "jüngsten"}
               for t in self.doc[max(trigger.clause[0], i - 3) : i]):
            if any(t.lower_ in self.lex.background_preps for t in tokens):
                return "background"
        negators = self.doc[max(trigger.clause[0], i - 2) : i]
        if any(t.lower_.startswith("kein") for t in negators):
            return "negated"
        if any(t.lower_ in {"nicht", "nie", "niemals"} for t in tokens):
            return "negated"  # "Zu einem Treffen kam es nicht"
        return None

    def clause_nouns(self, trigger: Trigger) -> set[str]:
        tokens = self.doc[trigger.clause[0] : trigger.clause[1]]
        nouns = set()
        for t in tokens:
            if t.tag_ in {"NN", "NNA", "NNI"} or t.pos_ == "NOUN":
                nouns.add((t.lemma_ or t.text).casefold())
                nouns.add(t.lower_)
                nouns.update(p.casefold() for p in (t._.parts or []))
        return nouns
