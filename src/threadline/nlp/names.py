"""Names the model cuts or leaves untagged, made whole: Arabic names around an apostrophe and more.

English news transliterates Arabic names with an apostrophe for the ʿayn or the hamza,
straight or curly or as a modifier letter ("Saraya Dir' al-Watan", "Kata’ib Saif
al-Rafidain", "Jamaʿat"). The tokenizer splits a word-final apostrophe off as a closing
quote, and the model then ends a name there and starts another ("Saraya Dir'" and
"al-Watan"), or leaves the group's head word out ("Kata’ib" before "Saif al-Rafidain").
This component runs right after `ner` and joins, for each entity:

- a capitalised group head word right before it ("Kata’ib", "Jama'at", "Saraya");
- before a person's name of two words or more, the given name the model left out, an
  untagged proper noun ("Rashid" before "Omar Farah", "Dmitry" before "Arkadyevich
  Belov"), but no title or role ("Journalist", "Detective");
- across an apostrophe glued to its last word, the name that follows ("Dir' al-Watan");
- an Arabic particle joined by a hyphen to a capitalised word right after it
  ("... al-Islam wal-Muslimin");
- when it ends on a name particle ("Sidi Mohamed Ag"), the name after it ("Elkhalil"),
  a person's when the model called that part a person;
- a name joined to it by hyphens and a short link word ("Jaish" + "-e-Makran",
  "Rostov" + "-on-Don");
- when it ends on a connector the model cut the name after ("the United Hatters of",
  "Joachim von der"), the name that follows ("North America", "Esch"): the model ends an
  entity on "of" when the next name starts one of its own. Not for a person's name of
  two words or more ("Ana Ruiz of Seville" is a person from a place), nor after
  titles alone ("the Governor of" a province).

It also tags what the model left untagged: a group head word and the name after it
("Katibat Ansar al-Hijra"), and proper nouns ending on a capitalised organization word
("Kharkiv Volunteer Legion", "Spin Ghar Front"): organizations; and two or three proper
nouns after a title or a role ("General Amadou Diallo"): a person.

The joined span keeps the model's label; the type cues settle it later.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from threadline.vocabulary import of_pipeline

APOSTROPHES = "'’‘`ʼʻʿʾ"
MAX_RUN = 4  # proper nouns before an organization word that can make its name
NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})  # not dates: "the end of" + "May"


def fold(word: str) -> str:
    """Lower case, apostrophes of every kind dropped: "Kata’ib" -> "kataib"."""
    return "".join(c for c in word.lower() if c not in APOSTROPHES)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _glued_apostrophe(token: Token) -> bool:
    """An apostrophe token written onto the word before it, with a space after it; not
    the English plural possessive ("the Kurds' Erbil office")."""
    if token.text not in APOSTROPHES or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    glued = not before.whitespace_ and before.is_alpha and bool(token.whitespace_)
    return glued and not before.lower_.endswith("s")


class NameJoiner:
    """Join the parts of a name the model split; see the module docstring."""

    def __init__(
        self,
        heads: Iterable[str],
        particles: Iterable[str],
        links: Iterable[str] = (),
        org_words: Iterable[str] = (),
        connectors: Iterable[str] = (),
        titles: Iterable[str] = (),
        roles: Iterable[str] = (),
    ) -> None:
        self.heads = frozenset(fold(h) for h in heads)
        self.particles = frozenset(p.lower() for p in particles)
        self.links = frozenset(w.lower() for w in links)
        self.org_words = frozenset(fold(w) for w in org_words)
        self.connectors = frozenset(w.lower() for w in connectors)
        self.titles = frozenset(w.lower() for t in titles for w in t.split())
        self.person_titles = frozenset(t.lower() for t in titles if " " not in t) | frozenset(
            r.lower() for r in roles
        )
        self.not_names = self.titles | self.person_titles

    def __call__(self, doc: Doc) -> Doc:
        starts = {e.start: e for e in doc.ents}
        spans = [self.join(span, starts) for span in doc.ents] + self.headed_names(doc, starts)
        spans += self.organization_runs(doc) + self.titled_people(doc)
        doc.ents = filter_spans(spans)
        return doc

    def is_head(self, token: Token) -> bool:
        return _capitalised(token) and fold(token.text) in self.heads

    def join(self, span: Span, starts: dict[int, Span]) -> Span:
        doc = span.doc
        start, end, label = span.start, span.end, span.label_
        while start > 0 and self.is_head(doc[start - 1]):
            start -= 1
        if label == "PERSON" and start == span.start and self.given_name_before(span):
            start -= 1  # "Rashid" + "Omar Farah": a given name the model left out
        end = self.across_connector(Span(doc, start, end, label=label), starts)
        while (further := self.extend_once(doc, end, starts)) > end:
            if self.ends_on_particle(doc[end - 1]) and end in starts and starts[end].label_ == "PERSON":
                label = "PERSON"  # "Sidi Mohamed Ag" + the person "Elkhalil"
            end = further
        if (start, end) == (span.start, span.end):
            return span
        return Span(doc, start, end, label=label, span_id=span.id_ if label == span.label_ else "")

    def extend_once(self, doc: Doc, end: int, starts: dict[int, Span]) -> int:
        """The end of a name ending at `end`, one step further if the text goes on with it."""
        if end < len(doc) and _glued_apostrophe(doc[end]):
            after = self.name_after(doc, end + 1, starts)  # "Saraya Dir" + "'" + "al-Watan"
            return after if after > end + 1 else end
        if _glued_apostrophe(doc[end - 1]) or self.ends_on_particle(doc[end - 1]):
            return self.name_after(doc, end, starts)  # "Saraya Dir'" or "Sidi Mohamed Ag" + a name
        if doc[end - 1].whitespace_ and (size := self.hyphened_name(doc, end)):
            return end + size  # "Jama'at Nusrat al-Islam" + "wal-Muslimin"
        if size := self.linked_name(doc, end):
            last = end + size - 1  # "Rostov" + "-on-Don", where "Don" may be an entity of its own
            return max(end + size, starts[last].end if last in starts else 0)
        return end

    def across_connector(self, span: Span, starts: dict[int, Span]) -> int:
        """The end of a name the model cut after a connector ("the City of" + "Edmonton"),
        or the span's own end."""
        doc, end = span.doc, span.end
        connector = doc[end - 1].lower_
        if len(span) < 2 or connector not in self.connectors or end >= len(doc) or span.label_ not in NAMES:
            return end
        before = span[:-1]
        if all(t.lower_ in self.titles or not t.is_alpha for t in before):
            return end  # "the Governor of" + a province: the title names no one
        if (
            connector == "of"
            and span.label_ == "PERSON"
            and sum(t.is_alpha for t in before) > 1
            and before[0].lower_ not in self.titles
        ):
            return end  # "Ana Ruiz of Seville"; but "Prince Karl of Hesse"
        after = end + 1 if doc[end].lower_ == "the" and end + 1 < len(doc) else end
        if after not in starts and not _capitalised(doc[after]):
            return end
        further = self.name_after(doc, after, starts)
        return further if further > after else end

    def linked_name(self, doc: Doc, i: int) -> int:
        """How many tokens "-e-Makran" at i takes (hyphen, link word, hyphen, capitalised
        word, all written together), else 0."""
        if i == 0 or i + 3 >= len(doc) or doc[i - 1].whitespace_:
            return 0
        first, link, second, word = doc[i : i + 4]
        glued = not (first.whitespace_ or link.whitespace_ or second.whitespace_)
        hyphens = first.text == second.text == "-"
        return 4 if glued and hyphens and link.lower_ in self.links and _capitalised(word) else 0

    def ends_on_particle(self, token: Token) -> bool:
        """A name particle no English word shares ("Ag", "bin"; not "as", "at")."""
        return token.lower_ in self.particles and not token.is_stop

    def hyphened_name(self, doc: Doc, i: int) -> int:
        """How many tokens "al-Watan" at i takes (particle, hyphen, capitalised word), else 0."""
        if i + 2 >= len(doc):
            return 0
        particle, hyphen, word = doc[i], doc[i + 1], doc[i + 2]
        glued = not particle.whitespace_ and not hyphen.whitespace_
        is_particle = particle.lower_ in self.particles
        return 3 if glued and is_particle and hyphen.text == "-" and _capitalised(word) else 0

    def name_after(self, doc: Doc, i: int, starts: dict[int, Span]) -> int:
        """Where the name that starts at token i ends: an entity, "al-X", or capitalised words."""
        if i in starts:
            return starts[i].end
        end = i
        while end < len(doc):
            if size := self.hyphened_name(doc, end) or (end > i and self.linked_name(doc, end)):
                end += size
            elif _capitalised(doc[end]) and doc[end].is_alpha:
                end += 1
            else:
                break
        return end

    def headed_names(self, doc: Doc, starts: dict[int, Span]) -> list[Span]:
        """A head word and the name after it that the model left untagged ("Katibat Ansar
        al-Hijra"): an organization."""
        tagged = {t.i for e in doc.ents for t in e}
        found = []
        for token in doc:
            if token.i in tagged or not self.is_head(token):
                continue
            end = max(self.name_after(doc, token.i + 1, starts), token.i + 1)
            span = self.join(Span(doc, token.i, end, label="ORG"), starts)
            if len(span) > 1:
                found.append(span)
        return found

    def organization_runs(self, doc: Doc) -> list[Span]:
        """Untagged proper nouns ending on a capitalised organization word ("Kharkiv
        Volunteer Legion"): an organization."""
        found = []
        for token in doc:
            if token.ent_type_ or not _capitalised(token) or fold(token.text) not in self.org_words:
                continue
            start = token.i
            while start > 0 and token.i - start < MAX_RUN and _untagged_proper(doc[start - 1]):
                start -= 1
            # a sentence's first word opens a name only with another proper noun after it
            if start < token.i - 1 or (start == token.i - 1 and not doc[start].is_sent_start):
                found.append(Span(doc, start, token.i + 1, label="ORG"))
        return found

    def given_name_before(self, span: Span) -> bool:
        """Before a person's name of two words or more, one untagged proper noun that opens
        the name: no title, role or organization word, no "-ist" ("Journalist"), and no
        capitalised word before it ("NYPD Detective")."""
        doc, i = span.doc, span.start - 1
        if len(span) < 2 or i < 0 or not self.plain_proper(doc[i]) or doc[i].lower_.endswith("ist"):
            return False
        return i == 0 or not _capitalised(doc[i - 1]) or bool(doc[i].is_sent_start)

    def titled_people(self, doc: Doc) -> list[Span]:
        """Two or three untagged proper nouns right after a capitalised title or role
        ("General Amadou Diallo", "Detective Ruth Okafor"): a person. Not words of a
        title, a role or an organization ("General Assembly", "Chief Executive Officer")."""
        found = []
        for token in doc[:-2]:
            if not _capitalised(token) or token.lower_.rstrip(".") not in self.person_titles:
                continue
            start = end = token.i + 1
            while end < len(doc) and end - start < 3 and self.plain_proper(doc[end]):
                end += 1
            if end - start >= 2 and (end == len(doc) or not _capitalised(doc[end])):
                found.append(Span(doc, start, end, label="PERSON"))
        return found

    def plain_proper(self, token: Token) -> bool:
        word = token.lower_
        return _untagged_proper(token) and word not in self.not_names and fold(word) not in self.org_words


def _untagged_proper(token: Token) -> bool:
    return not token.ent_type_ and token.pos_ == "PROPN" and token.is_alpha and token.is_title


@Language.factory("threadline_name_joiner")
def make_name_joiner(nlp: Language, name: str) -> NameJoiner:
    vocabulary = of_pipeline(nlp)
    cues = vocabulary.entity_cues
    return NameJoiner(
        cues.get("group_heads") or (),
        cues.get("name_particles") or (),
        cues.get("hyphen_links") or (),
        cues.get("organization") or (),
        cues.get("name_connectors") or (),
        vocabulary.titles,
        cues.get("role_words") or (),
    )
