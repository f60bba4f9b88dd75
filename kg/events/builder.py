"""Triggers with their arguments -> events with roles, mode, date, quantity and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span

from kg.entities import EntityIndex
from kg.events.dates import resolve_date
from kg.events.frames import Arg, SentenceReader, Trigger
from kg.events.lexicon import Lexicon
from kg.events.mediators import add_mediator, broker_of_told, speaks_of_mediation
from kg.events.quantities import find_quantity
from kg.events.topics import topics_in
from kg.link.kb import category_of
from kg.model import Event
from kg.model import Span as TextSpan

SPEECH_ACTS = {"STATEMENT", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "AGREE", "SUPPORT", "CONCEDE"}
SOURCE_RELATIONS = {"subj", "prefix", "adj", "gen"}
CHANNEL_PREPS = {"prep:auf", "prep:über", "prep:via", "prep:on"}
LOCATIVE = {"in", "im", "nach", "aus", "bei", "beim", "at", "during"}  # where, not whom


@dataclass
class Candidate:
    """An event before coreference, with the trigger it came from."""

    event: Event
    trigger: Trigger
    sentence: Span
    content_actors: list[str] = field(default_factory=list)


class EventBuilder:
    def __init__(self, reader: SentenceReader, index: EntityIndex, lexicon: Lexicon, published, lang: str) -> None:
        self.reader = reader
        self.index = index
        self.lex = lexicon
        self.published = published
        self.lang = lang
        self.told: list[Event] = []  # the article's events so far, for references back ("den Angriff")
        self.occasion_dates: dict[str, str] = {}  # "Zeremonie" -> the date it was told with

    def sentence_events(self, sent: Span) -> list[Candidate]:
        candidates = []
        for trigger in self.reader.triggers(sent):
            veto = self.reader.vetoed(trigger)
            if veto == "refers back":
                self._date_what_it_refers_to(trigger)
            if veto or not self._requirements_met(trigger):
                continue
            candidate = self._candidate(trigger, sent)
            if candidate is not None:
                candidates.append(candidate)
            elif trigger.spec.type == "MEDIATE":
                self._broker_of_told(trigger, [*self.told, *(c.event for c in candidates)])
        found = self._speech_in_sentence(self._one_consultation(self._each_direction(candidates)))
        add_mediator([c.event for c in found], sent, self.index, self.lex)
        self._thanked_broker(found)
        self._date_by_occasion_noun(sent, found)
        self.told += [c.event for c in found]
        return found

    def _broker_of_told(self, trigger: Trigger, told: list[Event]) -> None:
        """A brokering with no sides of its own ("X hatte die Gespräche vermittelt") is about an event told."""
        brokers = [a.entity for a in trigger.args if a.relation == "subj"]
        if len(set(brokers)) == 1:
            broker_of_told(brokers[0], self.reader.clause_nouns(trigger), told, self.lex)

    def _thanked_broker(self, found: list[Candidate]) -> None:
        """"A dankte X fürs Vermitteln": X brokered the last event told that it could have brokered."""
        for c in found:
            clause = self.reader.doc[c.trigger.clause[0] : c.trigger.clause[1]]
            if c.event.type == "SUPPORT" and c.event.target and speaks_of_mediation(clause, self.lex):
                broker_of_told(c.event.target, None, self.told, self.lex)

    def _each_direction(self, candidates: list[Candidate]) -> list[Candidate]:
        """"Indien und Pakistan beschuldigten sich gegenseitig": a mutual speech act is one event per direction."""
        out = []
        for c in candidates:
            words = " " + " ".join(t.lower_ for t in self.reader.doc[c.trigger.clause[0] : c.trigger.clause[1]]) + " "
            subjects = [a for a in c.trigger.args if a.relation == "subj"]
            mutual = any(f" {phrase} " in words for phrase in self.lex.mutual)
            if (c.event.type not in SPEECH_ACTS - {"AGREE"} or not mutual
                    or len({a.entity for a in subjects}) != 2 or not self._coordinated_args(subjects)):
                out.append(c)
                continue
            one, other = dict.fromkeys(a.entity for a in subjects)
            for source, target in ((one, other), (other, one)):
                event = replace(c.event, source=source, target=target, participants=[source, target],
                                evidence=list(c.event.evidence), topics=list(c.event.topics))
                out.append(replace(c, event=event))
        return out

    def _coordinated_args(self, args: list[Arg]) -> bool:
        """Two names joined by "und" ("Indien und Pakistan"), not two names from different phrases."""
        first, second = sorted(a.token for a in args)
        between = [t.lower_ for t in self.reader.doc[first + 1 : second]]
        return len(between) <= 6 and any(word in {"und", "and"} for word in between)

    def _date_by_occasion_noun(self, sent: Span, found: list[Candidate]) -> None:
        """"hat heute an der Zeremonie teilgenommen ... Bei seinen Gesprächen im Rahmen der Zeremonie": an event
        told with a definite reference to an occasion dated before takes that occasion's date."""
        words = self.lex.occasion_nouns
        if not words or self.published is None:
            return
        nouns = {(t.lemma_ or t.text).casefold() for t in sent if (t.lemma_ or t.text).casefold() in words}
        for candidate in found:
            if candidate.event.date is None:
                dated = [self.occasion_dates[n] for n in nouns if n in self.occasion_dates]
                if dated:
                    candidate.event.date = dated[0]
        if not nouns:
            return
        sentence_date = resolve_date(sent.text, self.published, self.lang)
        if sentence_date:
            for noun in nouns:
                self.occasion_dates.setdefault(noun, sentence_date)

    # -- one trigger -----------------------------------------------------------------------------------
    def _requirements_met(self, trigger: Trigger) -> bool:
        requires = trigger.spec.requires
        if not requires:
            return True
        relations = {a.relation for a in trigger.args}
        nouns = self.reader.clause_nouns(trigger)
        subjects = {a.entity for a in trigger.args if a.relation == "subj"}
        for need in requires:
            if need in trigger.spec.participants and len(subjects) >= 2:
                return True  # "A and B held talks": the talks between A and B
            if need.startswith("word:"):
                word = need.split(":", 1)[1]
                doc = self.reader.doc
                if any(t.lower_ == word for t in doc[trigger.clause[0] : trigger.clause[1]]):
                    return True
            elif need.startswith("object:"):
                word = need.split(":", 1)[1]
                if any(n == word or n.startswith(word) or n.endswith(word) for n in nouns):
                    return True
            elif need in relations or f"prep:{need}" in relations:
                return True
            elif self.lang == "de" and need in {"dat", "obj"} and relations & {"dat", "obj"}:
                return True  # without a parse, "der Ukraine" may be either case
        return False

    def _candidate(self, trigger: Trigger, sent: Span) -> Candidate | None:
        spec = trigger.spec
        targets_wanted = {t if t in {"obj", "dat", "subj", "gen"} else f"prep:{t}" for t in spec.target}
        if trigger.passive_type:
            targets_wanted = {"obj", "prep:in"}  # "In Charkiw wurde eine Schule getroffen"

        joining = {f"prep:{p}" for p in spec.participants}
        source = target = medium = reported_by = target_relation = None
        participants: list[str] = []
        subjects = [a for a in trigger.args if a.relation == "subj"]
        for arg in trigger.args:
            entity = self.index.get(arg.entity)
            if entity is None:
                continue
            if arg.relation in CHANNEL_PREPS and entity.type == "ORG" and spec.speech:
                medium = arg.entity
                continue
            if arg.relation == "according":
                reported_by = reported_by or arg.entity
                continue
            if self._is_medium(entity) or self._named_as_medium(arg):
                if spec.type in SPEECH_ACTS:
                    medium = medium or arg.entity  # "wies das im Sender CNN zurück"
                continue  # "die Angriffe auf Telegram Terror nennen": a network is where one speaks
            if arg.relation in SOURCE_RELATIONS and source is None and (arg.relation != "subj" or len(subjects) == 1):
                source = arg.entity
            elif arg.relation in targets_wanted and target is None and arg.entity != source:
                target, target_relation = arg.entity, arg.relation
            elif spec.type == "CONSULT" and not spec.nominal and arg.relation == "obj":
                pass  # "Für Kiew verhandelten A und B, für Moskau C": everyone named takes part
            elif arg.relation not in joining and arg.relation != "subj" and not (
                target is not None and arg.relation == target_relation  # "attacked A and B", "traf A und B"
            ):
                continue  # "mit A, B und C telefoniert": all three take part, A is the first addressed
            if arg.entity not in participants:
                participants.append(arg.entity)
        if target is None and self.lang == "de" and {"obj", "dat"} & targets_wanted:
            # without a parse, "der Führung" may be dative or accusative: take the other object
            target = next((a.entity for a in trigger.args if a.relation in {"obj", "dat"} and a.entity != source
                           and self.index.get(a.entity) is not None and not self._is_medium(self.index.get(a.entity))
                           and not self._named_as_medium(a)), None)
            if target and target not in participants:
                participants.append(target)
        if not participants:
            return None
        if spec.type == "CONSULT" and spec.mode != "visit" and not trigger.passive_type:
            participants = [p for p in participants if not self._place(p)]  # talks are held by actors, in places
            target = target if target in participants else None
            source = source if source in participants else None
            if not participants:
                return None
        if spec.person_source and (source is None or self.index.get(source).type != "PERSON"):
            return None  # "landete in Kabul" is a visit only for a person
        mediator = source if spec.type == "MEDIATE" else None
        if spec.type == "MEDIATE":
            target = None  # the sides a broker brokers between are participants, not its target
        if spec.joint and len(participants) > 1:
            source = target = None
        if spec.type == "CONSULT" and len(subjects) > 1:
            source = None  # "A and B met": no one initiates
        event = Event(
            id="",
            type=spec.type,
            mode=spec.mode or ("social_media" if medium and spec.speech else None),
            participants=participants,
            source=source,
            target=target,
            mediator=mediator,
            reported_by=reported_by,
            medium=medium,
            trigger=self.reader.doc[trigger.token].text,
            evidence=[_evidence(sent)],
            confidence=self._confidence(trigger, source, target),
        )
        if medium and spec.type in SPEECH_ACTS:
            event.mode = "social_media"
        if spec.type == "CONSULT" and event.mode in {None, "meeting"}:
            event.mode = self._mode_from_cues(trigger) or event.mode
        if trigger.passive_type:
            event.type, event.mode = trigger.passive_type, None  # "wurde von einer Rakete getroffen"
        if event.type == "ASSAULT" and event.mode is None:
            event.mode = self._weapon_mode(trigger)
        dating_words = getattr(self.reader, "date_text", None)  # a reader with a parse: the words that date it
        present = getattr(self.reader, "present_tense", lambda _trigger: False)(trigger)
        if dating_words is not None:
            event.date = resolve_date(dating_words(trigger), self.published, self.lang, forward=present)
            if event.date is None and present and self.published:
                event.date = self.published.isoformat()  # "Zugleich fordert das EDA ...": the day of the report
        else:
            event.date = resolve_date(self._clause_text(trigger, sent), self.published, self.lang)
            if event.date is None:
                event.date = resolve_date(sent.text, self.published, self.lang)
        if event.date is None and self._same_day_as_before(trigger):
            event.date = next((e.date for e in reversed(self.told) if e.date), None)
        event.topics = topics_in(self.reader.doc[trigger.clause[0] : trigger.clause[1]])
        if target is None and spec.type in {"ACCUSE", "REQUEST", "REJECT"}:
            target = event.target = self._actor_of_event_named(trigger, source)
            if target and target not in event.participants:
                event.participants.append(target)
        if spec.with_target and target is not None:
            event.type = spec.with_target
        if spec.type in {"SUPPORT", "AGREE"} and self._mentions_money(trigger):
            event.type = "AID"  # "mit 1 Mio. Franken unterstützen", "pledged 500 million euros": aid, not words
        if event.type in {"PRISONER_EXCHANGE", "ASSAULT", "AID", "STATEMENT", "MOBILIZE"}:
            event.quantity = find_quantity(sent.text, self.lang)
        content_actors = []
        content = trigger.content
        if content is None and self.lang == "de" and not spec.nominal and spec.type in SPEECH_ACTS:
            # "forderte, Teheran müsse ...", "bekräftigte die Unterstützung für Israel": what follows the verb
            content = (trigger.token + 1, trigger.clause[1] if spec.speech else self._before_frame(trigger, sent))
        if content:  # "forderte, Teheran müsse ...": who the demand is about
            for i in range(*content):
                entity_id = self.index.by_token.get(i) or self._state_of_adjective(i)
                entity = self.index.get(entity_id) if entity_id else None
                if (entity and entity_id not in content_actors and entity_id != source and not self._is_medium(entity)
                        and self._addressable(i) and entity_id not in {a.entity for a in subjects}):
                    content_actors.append(entity_id)
        if event.target is None and not spec.speech and spec.type in SPEECH_ACTS - {"AGREE"} and self.lang == "de":
            content_actors += [a for a in self._clause_objects(trigger, source) if a not in content_actors]
        if event.target is None and content_actors and not spec.speech and spec.type in SPEECH_ACTS:
            event.target = content_actors[0]
            if event.target not in event.participants:
                event.participants.append(event.target)
        if event.target and source and spec.type in SPEECH_ACTS and self._same_side(event.target, source):
            # "bekräftigte die Unterstützung der Vereinigten Staaten für Israel": the US are Biden's side
            event.participants.remove(event.target)
            event.target = next((a for a in content_actors if not self._same_side(a, source)), None)
            if event.target and event.target not in event.participants:
                event.participants.append(event.target)
        if (self.lang == "de" and event.type in SPEECH_ACTS and event.source is None and len(event.participants) < 2
                and not trigger.reporting_frame):
            return None  # a speech act needs a named speaker ("Die Putschisten beschuldigten Belgien"), or joint ones
        if spec.type == "MEDIATE" and len(event.actors()) < 2:
            return None  # a broker without the sides it brokers between says too little
        return Candidate(event, trigger, sent, content_actors)

    def _mode_from_cues(self, trigger: Trigger) -> str | None:
        """A phone or video cue in the clause ("in einem Gespräch am Telefon") beats the trigger's mode."""
        words = {t.lower_ for t in self.reader.doc[trigger.clause[0] : trigger.clause[1]]}
        words |= self.reader.clause_nouns(trigger)
        for mode, cues in self.lex.mode_cues.items():
            if any(word.startswith(cue) for word in words for cue in cues):
                return mode
        return None

    def _actor_of_event_named(self, trigger: Trigger, source: str | None, content: bool = False) -> str | None:
        """"verurteilten den Angriff": the target is whoever carried out the attack told before."""
        doc = self.reader.doc
        end = trigger.content[1] if content and trigger.content else trigger.clause[1]
        for token in doc[trigger.token + 1 : end]:
            spec = self.lex.noun(token.lemma_ or token.text) if token.pos_ == "NOUN" or token.tag_ == "NN" else None
            if spec is None or spec.type in SPEECH_ACTS:
                continue
            earlier = [e for e in self.told if e.type == spec.type and e.source and e.source != source]
            return earlier[-1].source if earlier else None
        return None

    def _date_what_it_refers_to(self, trigger: Trigger) -> None:
        """"Das hat X am Wochenende zugesagt": the date belongs to the event told just before."""
        dating_words = getattr(self.reader, "date_text", None)
        if dating_words is None or not self.told or self.told[-1].date:
            return
        self.told[-1].date = resolve_date(dating_words(trigger), self.published, self.lang)

    def _same_day_as_before(self, trigger: Trigger) -> bool:
        """"Wenige Stunden später kündigte X an": the day of the event told just before."""
        from kg.events.dates import same_day_phrases

        words = " ".join(t.lower_ for t in self.reader.doc[trigger.token].sent)
        return any(phrase in words for phrase in same_day_phrases(self.lang))

    def _addressable(self, i: int) -> bool:
        """Not a place where something happened ("in Washington") and not the prefix of a title ("Kremlsprecher")."""
        from kg.entities.lexicon import token_title

        doc = self.reader.doc
        token = doc[i]
        if token_title(token, self.lang) and "-" not in token.text[:3]:
            return False  # "Kremlsprecher X": the Kremlin is his office, not whom he addresses
        before = [doc[j].lower_ for j in range(max(0, i - 3), i)]
        return not any(word in LOCATIVE for word in before[-2:]) or any(
            word in {"gegen", "an", "auf"} for word in before)

    def _clause_objects(self, trigger: Trigger, source: str | None) -> list[str]:
        """"Polen hat den russischen Botschafter einbestellt": the actors of the clause before a final verb, and
        the states its adjectives name, other than the source."""
        found = []
        subjects = {a.entity for a in trigger.args if a.relation == "subj"}
        for i in range(trigger.clause[0], trigger.token):
            entity_id = self.index.by_token.get(i) or self._state_of_adjective(i)
            entity = self.index.get(entity_id) if entity_id else None
            if (entity is None or entity_id == source or entity_id in subjects or entity_id in found
                    or self._is_medium(entity) or (source and self._same_side(entity_id, source))
                    or self._place(entity_id) or not self._addressable(i)):
                continue
            found.append(entity_id)
        return found

    def _before_frame(self, trigger: Trigger, sent: Span) -> int:
        """Where what follows a trigger ends: at a closing frame (", wie Katar mitteilte", ", sagte X")."""
        doc = self.reader.doc
        for j in range(trigger.token + 2, sent.end):
            if doc[j - 1].text != ",":
                continue
            if doc[j].lower_ == "wie":
                return j
            spec = self.lex.verbs.get((doc[j].lemma_ or doc[j].text).casefold())
            if doc[j].tag_ == "VVFIN" and spec is not None and spec.speech:
                return j
        return sent.end

    def _state_of_adjective(self, i: int) -> str | None:
        """"die Qualität der Schweizer Diplomatie": the state an adjective names, if the article names it."""
        key = self.index.adjectives.get(i)
        entity = self.index.by_kb(key) if key else None
        return entity.id if entity is not None else None

    def _same_side(self, one: str, other: str) -> bool:
        """A state and its own leader or organ: the same side, never each other's target."""
        a, b = self.index.get(one), self.index.get(other)
        if a is None or b is None or a.id == b.id or not a.country or a.country != b.country:
            return False
        kinds = {a.type, b.type}
        # a person or organ and its state; a minister and his own ministry ("der Vorsteher des EDA")
        return kinds in ({"GPE", "PERSON"}, {"GPE", "ORG"}, {"PERSON", "ORG"})

    def _place(self, entity_id: str) -> bool:
        entity = self.index.get(entity_id)
        if entity is None or entity.type == "LOC":
            return entity is not None
        return category_of(entity.kb_key) in {"city", "region", "subdivision"}

    def _weapon_mode(self, trigger: Trigger) -> str | None:
        """The mode of an attack from the one kind of weapon its clause names ("mit Artillerie", "Rakete")."""
        words = self.reader.clause_nouns(trigger)
        modes = {mode for mode, cues in self.lex.weapon_modes.items()
                 if any(word.startswith(cue) or word.endswith(cue) for word in words for cue in cues)}
        return modes.pop() if len(modes) == 1 else None

    def _named_as_medium(self, arg: Arg) -> bool:
        """"im Sender CNN", "der Zeitung X": a name after a word for a medium is a channel, not an actor."""
        doc = self.reader.doc
        words = self.lex.media_nouns
        return any((doc[i].lemma_ or doc[i].text).casefold() in words or doc[i].lower_ in words
                   for i in range(max(0, arg.token - 2), arg.token))

    def _mentions_money(self, trigger: Trigger) -> bool:
        words = {t.lower_.rstrip(".") for t in self.reader.doc[trigger.clause[0] : trigger.clause[1]]}
        return bool(words & self.lex.money_words)

    @staticmethod
    def _is_medium(entity) -> bool:  # noqa: ANN001
        return category_of(entity.kb_key) == "media"

    def _clause_text(self, trigger: Trigger, sent: Span) -> str:
        return self.reader.doc[trigger.clause[0] : trigger.clause[1]].text

    @staticmethod
    def _confidence(trigger: Trigger, source: str | None, target: str | None) -> float:
        score = 0.55 if trigger.spec.nominal else 0.7
        if source:
            score += 0.1
        if target:
            score += 0.1
        return min(score, 0.95)

    def _one_consultation(self, candidates: list[Candidate]) -> list[Candidate]:
        """A verb and a noun telling one consultation or one attack in one sentence ("empfing X zu einem
        Arbeitsbesuch", "wurde von russischen Angriffswellen getroffen") are one event; the noun's mode wins when
        it is the purpose ("zu einem Besuch"), else the verb's."""
        merging = {"CONSULT", "ASSAULT"}
        verbs = [c for c in candidates if c.event.type in merging and not c.trigger.spec.nominal]
        kept = []
        for c in candidates:
            host = next((v for v in verbs if c.event.type == v.event.type and c.trigger.spec.nominal
                         and (v.event.actors() & c.event.actors() or c.event.type == "ASSAULT")), None)
            if host is None:
                kept.append(c)
                continue
            before = self.reader.doc[max(0, c.trigger.token - 3) : c.trigger.token]
            if c.event.mode and (host.event.mode is None or any(t.lower_ in {"zu", "zum", "zur"} for t in before)):
                host.event.mode = c.event.mode
            host.event.participants += [a for a in c.event.participants if a not in host.event.participants]
            host.event.source = host.event.source or c.event.source
            host.event.target = host.event.target or c.event.target
        return kept

    # -- speech acts within one sentence ---------------------------------------------------------------
    def _speech_in_sentence(self, candidates: list[Candidate]) -> list[Candidate]:
        """A reporting frame (", sagte X") makes X the reporter of the sentence's other events; a speech act
        whose words threaten becomes a THREATEN; a statement covered by a more specific act goes."""
        for c in candidates:
            if c.trigger.spec.speech:
                self._retype_by_content(c)
        frames = [c for c in candidates if c.trigger.reporting_frame and c.event.type == "STATEMENT"]
        others = [c for c in candidates if c not in frames]
        content_events = [c for c in others if any(self._in_content(c, f) for f in frames)]
        kept = list(others)
        for frame in frames:
            reported = [c for c in content_events if self._in_content(c, frame)]
            if reported and frame.event.source:
                for c in reported:
                    if c.event.source != frame.event.source:
                        c.event.reported_by = frame.event.source
            else:
                kept.append(frame)
        kept = [c for c in kept if not self._hidden(c, kept)]
        kept = [c for c in kept if not self._announces_own_act(c, kept) and not self._only_reports(c)]
        specific_sources = {c.event.source for c in kept if c.event.type in SPEECH_ACTS - {"STATEMENT"}}
        return [c for c in kept if not (c.event.type == "STATEMENT" and c.event.source in specific_sources)]

    def _announces_own_act(self, candidate: Candidate, kept: list[Candidate]) -> bool:
        """A statement whose content is the speaker's own act ("kündigte an, Panzer zu liefern") is that act."""
        if candidate.event.type != "STATEMENT" or not candidate.trigger.content:
            return False
        return any(o is not candidate and o.event.source == candidate.event.source
                   and self._in_content(o, candidate) for o in kept)

    def _only_reports(self, candidate: Candidate) -> bool:
        """A ministry, agency or spokesperson reporting ("meldete", "teilte mit") makes no statement of its own."""
        if candidate.event.type != "STATEMENT" or not candidate.trigger.spec.reporting:
            return False
        entity = self.index.get(candidate.event.source)
        if entity is None:
            return False
        return entity.type == "ORG" or any("spokesperson" in o.role for o in entity.offices)

    def _retype_by_content(self, candidate: Candidate) -> None:
        span = candidate.trigger.content or candidate.trigger.clause
        words = " " + " ".join(t.lower_ for t in self.reader.doc[span[0] : span[1]]) + " "
        for event_type, phrases in self.lex.phrases.items():
            if any(f" {p} " in words if not p.endswith("*") else f" {p[:-1]}" in words for p in phrases):
                candidate.event.type = event_type
                source = candidate.event.source
                addressed = [a for a in candidate.content_actors if not (source and self._same_side(a, source))]
                if candidate.event.target is None and addressed:
                    candidate.event.target = addressed[0]
                    candidate.event.participants.append(addressed[0])
                if candidate.event.target is None and event_type in {"ACCUSE", "REQUEST", "REJECT"}:
                    target = self._actor_of_event_named(candidate.trigger, candidate.event.source, content=True)
                    if target:
                        candidate.event.target = target
                        candidate.event.participants.append(target)
                return

    @staticmethod
    def _in_content(candidate: Candidate, frame: Candidate) -> bool:
        content = frame.trigger.content
        return content is not None and content[0] <= candidate.trigger.token < content[1]

    @staticmethod
    def _hidden(candidate: Candidate, kept: list[Candidate]) -> bool:
        """What an accusation says was done is not asserted by the text ("warf X vor, ... geliefert zu haben")."""
        for other in kept:
            if other is candidate or not other.trigger.spec.content_hidden:
                continue
            if other.trigger.token < candidate.trigger.token and not candidate.trigger.spec.speech:
                denial = other.event.type == "REJECT"  # "Israel denied attacking the hospital": no attack
                if candidate.trigger.clause != other.trigger.clause or candidate.trigger.spec.nominal or denial:
                    return True
        return False


def _evidence(sent: Span) -> TextSpan:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return TextSpan(text, start, start + len(text))


def subject_person(candidates: list[Candidate], index: EntityIndex) -> str | None:
    """The person a following "er"/"he" most likely refers to: the source of the sentence's events."""
    for c in candidates:
        entity = index.get(c.event.source)
        if entity is not None and entity.type == "PERSON":
            return entity.id
    return None


__all__ = ["Arg", "Candidate", "EventBuilder", "subject_person"]
