"""The entity ruler: finds mentions of people, organisations, states and places.

It combines what the pipeline already knows (a trained NER's `doc.ents` where there is one; HanTa's NE tags
in German) with the shipped knowledge base (names, aliases, adjectives, people nouns) and the office titles
that announce a person's name ("Kremlsprecher Dmitri Peskow"). Results go to `doc._.mentions` (mentions may
sit inside a token) and, where they align with tokens, to `doc.ents`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.entities.lexicon import cue_words, match_title, token_title
from kg.entities.mentions import ADJECTIVE, NAME, PEOPLE, PREFIX, SIDE, Mention
from kg.link.kb import KBEntry, KnowledgeBase, load_kb
from kg.nlp.text import doc_text

NER_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
NAME_TAGS = {"NE", "PROPN", "NNP", "NNPS"}
NAME_PART = re.compile(r"^(?:(?:al|el|ad|as|bin|ibn|abu|ben)-)?[^\W\d_][^\W\d_'’]*(?:['’-][^\W\d_]+)*$")


class EntityRuler:
    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.kb: KnowledgeBase = load_kb()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries: dict[str, KBEntry] = {}
        patterns: dict[str, list] = {}
        for name, entry in self.kb.surface_forms(lang):
            self.entries[entry.key] = entry
            patterns.setdefault(entry.key, []).append(name)
        for key, names in patterns.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(sorted(set(names)))))
        self.side_nouns = cue_words(lang, "side_nouns")
        self.definite_articles = cue_words(lang, "definite_articles")
        self.place_nouns = cue_words(lang, "place_nouns")
        self.channel_preps = cue_words(lang, "channel_prepositions")
        self.locative_preps = cue_words(lang, "locative_prepositions")

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._kb_names(doc)
        taken = {i for m in mentions for i in range(m.first_token, m.token + 1)}
        mentions += [m for m in self._model_names(doc) if not (set(range(m.first_token, m.token + 1)) & taken)]
        taken = {i for m in mentions for i in range(m.first_token, m.token + 1)}
        mentions += [m for m in self._tagged_names(doc, taken)]
        taken = {i for m in mentions for i in range(m.first_token, m.token + 1)}
        for token in doc:
            if token.i in taken or token.is_space:
                continue
            found = (self._truncated(doc, token) or self._prefix(token) or self._people(token)
                     or self._adjective(doc, token))
            if found:
                mentions.append(found)
        mentions = self._surnames(doc, mentions)
        mentions = self._organisation_heads(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc._.mentions = mentions
        spans = [
            Span(doc, m.first_token, m.token + 1, label=m.label, kb_id=m.kb_key or "")
            for m in mentions
            if m.kind == NAME and doc[m.first_token].idx == m.start and doc[m.token].idx + len(doc[m.token]) == m.end
        ]
        doc.ents = filter_spans(spans)
        return doc

    # -- names from the knowledge base ------------------------------------------------------------------
    def _kb_names(self, doc: Doc) -> list[Mention]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if not span[0].text[:1].isupper() and not span[0].text[:1].isdigit():
                continue  # names are capitalised; "x" or "union" in running text are words
            entry = self.entries[doc.vocab.strings[match_id]]
            if len(span.text) <= 2 and not self._after_channel_preposition(span):
                if not span.text.isupper() or len(span.text) == 1:
                    continue
            if entry.type != "PERSON" and self._starts_a_person_name(span):
                continue  # "Riad al-Amri" is a man, not the Saudi capital
            span.label_ = entry.key
            spans.append(span)
        mentions = []
        for span in filter_spans(spans):
            entry = self.entries[span.label_]
            key, label = self._metonymy(span, entry)
            mentions.append(self._mention(span, label, key, NAME))
        return mentions

    @staticmethod
    def _starts_a_person_name(span: Span) -> bool:
        """A place name followed directly by a name-like word that continues it ("Riad al-Amri", "Tunis al-Mahdi")."""
        if span.end >= len(span.doc):
            return False
        following = span.doc[span.end]
        if span.doc[span.end - 1].whitespace_ == "" or not following.text[:1].isalpha():
            return False
        particle = following.text.split("-")[0].lower() in {"al", "el", "bin", "ibn", "abu", "van", "von", "de", "da"}
        return particle and "-" in following.text

    def _after_channel_preposition(self, span: Span) -> bool:
        return span.start > 0 and span.doc[span.start - 1].lower_ in self.channel_preps

    def _metonymy(self, span: Span, entry: KBEntry) -> tuple[str, str]:
        """A capital used as an actor ("Moskau und Kiew tauschten ...") stands for its state."""
        if entry.stands_for and entry.type == "GPE":
            before = span.doc[span.start - 1] if span.start > 0 else None
            if before is None or before.lower_ not in self.locative_preps:
                target = self.kb.get(entry.stands_for)
                if target is not None:
                    return target.key, target.type
        return entry.key, entry.type

    # -- names the trained NER found (English; German where a trained model is installed) -----------------
    def _model_names(self, doc: Doc) -> list[Mention]:
        mentions = []
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None:
                continue
            span = self._strip(ent)
            if span is None or not any(t.text[:1].isupper() for t in span):
                continue
            if label == "PERSON" and len(span) == 1 and match_title(span.text, self.lang):
                continue
            mentions.append(self._mention(span, label, None, NAME))
        return mentions

    @staticmethod
    def _strip(span: Span) -> Span | None:
        """Drop leading articles and trailing possessives: "the Kremlin's" -> "Kremlin"."""
        start, end = span.start, span.end
        while start < end and span.doc[start].lower_ in {"the", "der", "die", "das", "den", "dem", "des"}:
            start += 1
        while end > start and span.doc[end - 1].text in {"'s", "’s", "'", "’"}:
            end -= 1
        return span.doc[start:end] if end > start else None

    # -- names HanTa tagged NE (German without a trained NER) ------------------------------------------
    def _tagged_names(self, doc: Doc, taken: set[int]) -> list[Mention]:
        if doc.has_annotation("ENT_IOB") and self.lang != "de":
            return []
        mentions = []
        i = 0
        while i < len(doc):
            if i in taken or not self._is_name_token(doc[i]):
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and j + 1 not in taken and self._is_name_token(doc[j + 1]):
                j += 1
            span = doc[i : j + 1]
            before = doc[i - 1] if i > 0 else None
            if before is not None and (before.lemma_ or before.text).casefold() in self.place_nouns:
                mentions.append(self._mention(span, "GPE", None, NAME))  # "im Bezirk Pokrowsk"
            elif self._looks_like_person(span):
                mentions.append(self._mention(span, "PERSON", None, NAME))
            i = j + 1
        return mentions

    @staticmethod
    def _is_name_token(token: Token) -> bool:
        """A name part: "Tajani", "O’Neill", "al-Amri", "Abu-Salem" (tagged as a name by the tagger)."""
        text = token.text
        capitalised = text[:1].isupper() or (text.partition("-")[2][:1].isupper() and text.partition("-")[0].islower())
        tagged = token.tag_ in NAME_TAGS or ("’" in text or "'" in text)  # no German noun has an apostrophe
        return tagged and capitalised and NAME_PART.match(text) is not None

    def _looks_like_person(self, span: Span) -> bool:
        """A run of names after an office title, or a first name + surname run of two or three tokens."""
        if span.start > 0 and token_title(span.doc[span.start - 1], self.lang):
            return True
        return 2 <= len(span) <= 3 and all(len(t) > 1 for t in span)

    # -- names inside words: compound prefixes, people nouns, adjectives ----------------------------------
    def _truncated(self, doc: Doc, token: Token) -> Mention | None:
        """"Nord- und Südkorea": the first word, cut off before "und", names "Nordkorea" when the knowledge base
        knows both halves completed with the second word's tail."""
        text = token.text
        if not text.endswith("-") or len(text) < 3 or token.i + 2 >= len(doc):
            return None
        if doc[token.i + 1].lower_ not in {"und", "oder", "bis", "sowie"}:
            return None
        whole = doc[token.i + 2].text
        for cut in range(2, len(whole) - 2):
            tail = whole[cut:]
            entries = self.kb.lookup(text[:-1] + tail, self.lang) if tail[:1].islower() else []
            if len(entries) == 1 and self.kb.lookup(whole, self.lang):
                entry = entries[0]
                return Mention(token.idx, token.idx + len(text) - 1, text[:-1], entry.type, NAME, entry.key,
                               token.i, token.i)
        return None

    def _prefix(self, token: Token) -> Mention | None:
        """ "US" in "US-Verteidigungsminister", "Kreml" in "Kremlsprecher" name an entity too."""
        if token.pos_ not in {"NOUN", "PROPN"} or len(token.text) < 5:
            return None
        text = token.text
        if "-" in text:
            head = text.split("-")[0]
            candidates = [head]
        else:
            parts = token._.parts or []
            if len(parts) < 2:
                return None
            candidates = [text[: len(parts[0])]]
        for cand in candidates:
            if len(cand) < 2 or not cand[:1].isupper():
                continue
            entries = [e for e in self.kb.lookup(cand, self.lang) if e.type in {"GPE", "ORG"}]
            if len(entries) == 1 and (len(cand) > 2 or cand.isupper()):
                entry = entries[0]
                return Mention(token.idx, token.idx + len(cand), cand, entry.type, PREFIX, entry.key,
                               token.i, token.i)
            adjective = self.kb.adjective(cand, self.lang) if "-" in text else None
            if adjective is not None:  # "US-amerikanische"
                return Mention(token.idx, token.idx + len(cand), cand, adjective.type, ADJECTIVE,
                               adjective.key, token.i, token.i)
        return None

    def _people(self, token: Token) -> Mention | None:
        """ "die Amerikaner" as an actor is the United States."""
        if not token.text[:1].isupper() or token.pos_ not in {"NOUN", "PROPN"}:
            return None
        entry = self.kb.demonym(token.text, self.lang)
        if entry is None:
            return None
        return Mention(token.idx, token.idx + len(token.text), token.text, entry.type, PEOPLE, entry.key,
                       token.i, token.i)

    def _adjective(self, doc: Doc, token: Token) -> Mention | None:
        if token.pos_ not in {"ADJ", "PROPN"} and token.tag_ not in {"ADJA", "JJ", "NNP"}:
            return None
        entry = self.kb.adjective(token.text, self.lang)
        if entry is None:
            return None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in self.side_nouns:
            return Mention(token.idx, nxt.idx + len(nxt.text), doc_text(doc)[token.idx : nxt.idx + len(nxt.text)],
                           entry.type, SIDE, entry.key, nxt.i, token.i)
        return Mention(token.idx, token.idx + len(token.text), token.text, entry.type, ADJECTIVE, entry.key,
                       token.i, token.i)

    # -- surnames of people named in full elsewhere --------------------------------------------------------
    def _surnames(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
        surnames |= {m.text for m in mentions if m.label == "PERSON"}
        taken = {i for m in mentions for i in range(m.first_token, m.token + 1)}
        extra = []
        for token in doc:
            if token.i in taken:
                continue
            text = token.text
            for suffix in ("s", "'s", "’s"):
                if text.endswith(suffix) and text[: -len(suffix)] in surnames and text not in surnames:
                    text = text[: -len(suffix)]
            if text in surnames and text[:1].isupper():
                extra.append(Mention(token.idx, token.idx + len(text), text, "PERSON", NAME, None, token.i,
                                     token.i))
        return mentions + extra

    # -- short forms of organisations named in full before ("EU-Kommission" ... "die Kommission") ------------
    def _organisation_heads(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        heads: dict[str, set[str]] = {}
        first_seen: dict[str, int] = {}
        for m in mentions:
            if m.label != "ORG" or m.kind != NAME or not m.kb_key:
                continue  # only known organisations: the short form must join the right entity
            head = m.text.replace("‑", "-").rpartition("-")[2].split()[-1] if m.text.split() else ""
            if head[:1].isupper() and len(head) > 3 and head != m.text:
                heads.setdefault(head, set()).add(m.kb_key)
                first_seen[head] = min(first_seen.get(head, m.token), m.token)
        taken = {i for m in mentions for i in range(m.first_token, m.token + 1)}
        extra = []
        for token in doc:
            owners = heads.get(token.text)
            if (owners is None or len(owners) != 1 or token.i in taken or token.i <= first_seen[token.text]
                    or token.i == 0 or doc[token.i - 1].lower_ not in self.definite_articles):
                continue
            extra.append(Mention(token.idx, token.idx + len(token.text), token.text, "ORG", NAME, next(iter(owners)),
                                 token.i, token.i))
        return mentions + extra

    @staticmethod
    def _mention(span: Span, label: str, key: str | None, kind: str) -> Mention:
        return Mention(span.start_char, span.end_char, span.text, label, kind, key, span.end - 1, span.start)
