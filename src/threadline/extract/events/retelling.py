"""When a trigger tells an event the story has already told (or tells in full elsewhere).

* joined in the parse: two triggers of one type where one hangs on the other ("a
  drone strike ... killed");
* going on: a telling that names no one, no place and no time ("the second drone
  struck a storage area") continues the last event of its type;
* pointing back: "these attacks", "this meeting" (the last told with that word); "the
  agreement", "the attack" with no date of its own and no target of its own (the last
  told of that type, else the only one told after it, as a live blog tells its news
  last-first): "The agreement was brokered by X";
* claimed back: "X claimed responsibility for the attack", "X denied any role in the
  attack" (the last attack told);
* a picture: a photo caption shows what the story tells ("X meets Y in Baghdad"); a
  caption's event of a type the body does not tell, or dated months before the story
  (an archive photo), is dropped, since a picture is never an event of its own (a
  past event a caption states, "..., who was killed by an airstrike on July 30", is
  no picture and is told).

The headline, standfirst and captions stay mentions of their own: evidence the graph
joins to the body's event (graph/events.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from spacy.tokens import Token

from threadline.extract.events import happening
from threadline.extract.events.claims import frame_of
from threadline.extract.events.draft import Draft, absorb
from threadline.extract.events.places import holders
from threadline.extract.events.timing import published
from threadline.extract.parsed import ParsedStory

DEMONSTRATIVES = frozenset({"this", "these", "those", "that"})
ARCHIVE_DAYS = 92  # a picture dated longer before its story is from the archive


def _hangs_on(a: Token, b: Token) -> bool:
    return a.head.i == b.i or (a.head.dep_ in ("prep", "agent") and a.head.head.i == b.i)


def _joined(a: Token, b: Token) -> bool:
    """Two triggers of one type joined in the parse report one event: "a strike ... killed"."""
    return _hangs_on(a, b) or _hangs_on(b, a)


def _joins(draft: Draft, token: Token) -> bool:
    return any(_joined(t, token) for t in [draft.trigger, *draft.joined])


def _determiner(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "det"), None) if token.pos_ == "NOUN" else None


def _names_event(noun: Token, event_type: str, ps: ParsedStory) -> bool:
    """The object noun names the event itself: a trigger noun of its type ("hosted the
    meeting"), or any unnamed thing of a type whose verb acts on its own record ("the
    document was signed")."""
    lexicon = ps.vocabulary.triggers
    if any(e.type == event_type for e in lexicon.nouns.get(noun.lemma_.lower(), ())):
        return True
    named = ps.type_of(noun) is not None or any(ps.type_of(c) is not None for c in noun.children)
    return event_type in lexicon.self_object_types and not named


def _named_by(ps: ParsedStory, draft: Draft) -> Token:
    """The noun that names the event: the trigger, or the object of a verb trigger that
    names it again ("hosted the meeting", "the document was signed by X")."""
    trigger = draft.trigger
    if trigger.pos_ != "VERB":
        return trigger
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    same = [c for c in objects if c.pos_ == "NOUN" and _names_event(c, draft.type, ps)]
    return same[0] if same else trigger


def _definite_retelling(ps: ParsedStory, draft: Draft) -> bool:
    """ "the agreement", "the attack", "hosted the meeting", with no date and no target
    of its own."""
    definite = _determiner(_named_by(ps, draft)) == "the"
    return definite and draft.date.expression is None and not draft.patients()


def _fits(ps: ParsedStory, twin: Draft, draft: Draft) -> bool:
    """No target and no place the first telling lacks: "the killing of X" after an
    attack on Y is another event. A place inside the other's ("met in Baghdad" ...
    "hosted the meeting in the Karrada district", where the story says Karrada lies in
    Baghdad) is the same place told closer."""
    new_targets = draft.patients() - {t.i for t in twin.participants}
    here, there = draft.location, twin.location
    return not new_targets and (here is None or there is None or same_place(ps, here, there))


def _containers(ps: ParsedStory, place: Token) -> set[str]:
    """The names of the places the story says a place of this name lies in."""
    named = [ps.doc[i] for i in ps.mentions_named(place.text)]
    return {p.text for t in named for p in holders(ps, t) if p.text != place.text}


def same_place(ps: ParsedStory, here: Token, there: Token) -> bool:
    """One place, or one inside the other as the story tells it."""
    if here.text == there.text:
        return True
    return there.text in _containers(ps, here) or here.text in _containers(ps, there)


class Tellings:
    """The events a story has told so far, in the order told, indexed so that finding the
    one a new trigger retells never scans them all (a long story tells thousands): by
    the tokens that tell each, and the last told of each type and of each trigger word."""

    def __init__(self) -> None:
        self.found: list[Draft] = []
        self._at: dict[int, int] = {}  # token index of a trigger or joined trigger -> position
        self._position: dict[int, int] = {}  # id of a draft -> position
        self._of_type: dict[str, list[int]] = {}
        self._last_lemma: dict[str, int] = {}

    def add(self, draft: Draft) -> None:
        position = len(self.found)
        self.found.append(draft)
        self._position[id(draft)] = position
        for token in draft.triggers:
            self._at.setdefault(token.i, position)
        self._of_type.setdefault(draft.type, []).append(position)
        self._last_lemma[draft.trigger.lemma_] = position

    def absorb(self, twin: Draft, draft: Draft) -> None:
        absorb(twin, draft)
        self._at.setdefault(draft.trigger.i, self._position[id(twin)])

    def joined_to(self, token: Token, event_type: str) -> Draft | None:
        """The first event of the type with a trigger joined to `token` in the parse
        (`_joined`): the token hangs on one of its triggers, or one hangs on the token."""
        near = [token.head.i] + ([token.head.head.i] if token.head.dep_ in ("prep", "agent") else [])
        for child in token.children:
            near.append(child.i)
            if child.dep_ in ("prep", "agent"):
                near += [g.i for g in child.children]
        positions = sorted({self._at[i] for i in near if i in self._at})
        joined = (self.found[p] for p in positions)
        return next((d for d in joined if d.type == event_type and _joins(d, token)), None)

    def last(self, event_type: str | None = None, lemma: str | None = None) -> Draft | None:
        """The last event told of the type, or with the trigger word."""
        if lemma is not None:
            position = self._last_lemma.get(lemma)
            return None if position is None else self.found[position]
        positions = self._of_type.get(event_type or "", [])
        return self.found[positions[-1]] if positions else None

    def latest_first(self, event_type: str) -> Iterator[Draft]:
        """The events told of the type, the last told first."""
        return (self.found[p] for p in reversed(self._of_type.get(event_type, [])))


def twin_of(ps: ParsedStory, told: Tellings, draft: Draft) -> Draft | None:
    """The event already found that this draft tells again, if any."""
    token = draft.trigger
    twin = told.joined_to(token, draft.type)
    if twin is None and _determiner(token) in DEMONSTRATIVES:
        twin = told.last(lemma=token.lemma_)
    if twin is None and _determiner(token) == "the" and frame_of(token, draft.type, ps) is not None:
        twin = told.last(draft.type)
    if twin is None and _definite_retelling(ps, draft):
        twin = next((d for d in told.latest_first(draft.type) if _fits(ps, d, draft)), None)
    if twin is None and _bare(draft):
        twin = told.last(draft.type)
    return twin


def _bare(draft: Draft) -> bool:
    """A telling that names no one, no place and no time ("the second drone struck an
    empty storage area") goes on with the event of its type told before it; on its own
    it would report nothing."""
    return not draft.participants and draft.location is None and draft.date.expression is None


def _picture(ps: ParsedStory, draft: Draft) -> bool:
    """Told in a photo caption as what the picture shows: present tense or no verb."""
    return ps.zone_at(draft.trigger.idx) == "caption" and not happening.past(draft.trigger)


def _archive(ps: ParsedStory, draft: Draft) -> bool:
    """A picture dated long before the story: an archive photo ("X responds to questions
    during an interview, May 27, 2011") shows nothing the story tells."""
    base = published(ps)
    day = draft.date.value
    if base is None or day is None or not day[:4].isdigit():
        return False
    start = datetime.date(int(day[:4]), int(day[5:7]) if len(day) >= 7 else 1, 1)
    return (base - start).days > ARCHIVE_DAYS


def fold(ps: ParsedStory, found: list[Draft]) -> list[Draft]:
    """Pictures of nothing the body tells, and archive pictures, dropped; a definite
    retelling told before the only event of its type joined to it (a live blog's later
    post comes first)."""
    told = {d.type for d in found if not _picture(ps, d)}
    of_type: dict[str, list[int]] = {}  # found is in story order: the positions of each type
    rank: list[int] = []  # a draft's place among those of its type
    for position, draft in enumerate(found):
        rank.append(len(of_type.setdefault(draft.type, [])))
        of_type[draft.type].append(position)
    kept: list[Draft] = []
    kept_types: set[str] = set()
    for position, draft in enumerate(found):
        same = of_type[draft.type]
        later = same[rank[position] + 1 : rank[position] + 3]  # two tell whether it is the only one
        single = len(later) == 1 and draft.type not in kept_types
        home = (
            found[later[0]]
            if single and _definite_retelling(ps, draft) and _fits(ps, found[later[0]], draft)
            else None
        )
        if home is not None:
            absorb(home, draft)
        elif not _picture(ps, draft) or (draft.type in told and not _archive(ps, draft)):
            kept.append(draft)
            kept_types.add(draft.type)
    return kept
