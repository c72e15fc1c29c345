"""When a shorter name can stand for a fuller one: "Hamdan" for "Osama Hamdan".

People: the short form's last part is the full name's surname ("Al-Khazali",
"Sheikh Khazali" -> "Qais Al-Khazali"); with two or more parts its first part
is the given name too ("Shibl al Zaydi" -> "Shibl Mohsen Obaid al Zaydi");
inside one story, the first two names or more do too ("Mohammed Shia"), and
so does the first of two family names alone ("Endara" for "Guillermo Endara
Galimany"); a lone kunya is the full name's kunya ("Abu Alaa" -> "Abu Alaa al-Walae").
Organisations and places: every part of the short form is in the full name,
and what the full name adds is generic ("Badr" -> "Badr Organization", "Dora"
-> "Dora district") or, for organisations in one story, a country ("Hezbollah"
-> "Lebanese Hezbollah"); a name made of generic words only ("the Strip", "the Council")
stands for the one full name holding them; in one story, a name cut to its head
word and a word before it stands for the full name ("Shura Council" -> "Sahel
Mujahideen Shura Council"). The model's person/organisation
confusion is tolerated: inside a story, a name it called an organisation with
nothing in or around it to say so is read as a person's too ("Menezes" for
"Fradique de Menezes"); and inside a story a lone surname it called a place
stands for a person's name; otherwise a place never stands for a person or an
organisation.
"""

from __future__ import annotations

from threadline.resolve.guards import KUNYA, conflict, designator_words
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.nodes import Node
from threadline.resolve.similarity import same_part, unmatched


def compatible_types(short: Node, full: Node, in_story: bool = False) -> bool:
    """Same type, or the model's usual confusions: person/organisation anywhere, and
    inside one story a lone surname it called a place ("Chiluba" for "Frederick
    Chiluba") when nothing around the surname says place."""
    if short.type == full.type or {short.type, full.type} == {"person", "organization"}:
        return True
    lone_surname = len(short.parts) == 1 and not short.cued and not short.kb_id
    return in_story and short.type == "location" and full.type == "person" and lone_surname


def _plain_name(full: Node, lex: Lexicon) -> bool:
    """A name the model called an organization, with nothing in or around it to say so,
    that reads as a person's: two to four parts, none of them generic, a unit, a cue or
    a place, and no function word ("Fradique de Menezes"; not "Church of England")."""
    parts = full.name.core
    marked = lex.generic.keys() | lex.units.keys() | lex.org_cues | lex.place_cues | lex.places
    plain = all(t in parts or t in lex.particles for t in full.name.tokens)
    unmarked = full.type == "organization" and not full.cued and not full.kb_id
    return unmarked and plain and 2 <= len(parts) <= 4 and not any(p in marked for p in parts)


def _person_fit(short: tuple[str, ...], full: tuple[str, ...], lex: Lexicon, in_story: bool) -> bool:
    if len(short) == 1 and short[0].startswith(KUNYA):
        return short[0] == full[0]
    if in_story and len(short) >= 2 and all(same_part(a, b, lex) for a, b in zip(short, full, strict=False)):
        return True
    if in_story and len(short) == 1 and _lone_part_fit(short[0], full, lex):
        return True
    if not same_part(short[-1], full[-1], lex):
        return False
    return len(short) == 1 or (same_part(short[0], full[0], lex) and not unmatched(short, full, lex))


def _lone_part_fit(part: str, full: tuple[str, ...], lex: Lexicon) -> bool:
    """Inside one story, one name part for a full name of three parts or more of which
    it is the last but one: the first of two family names ("Endara" for "Guillermo
    Endara Galimany"). A given name alone is left alone: a story names a family's
    members by their given names ("William" beside his father "William Hale")."""
    return len(full) >= 3 and same_part(part, full[-2], lex)


def _designator_fit(short: Node, full: Node, lex: Lexicon) -> bool:
    """A designator for a full name: "the Strip" for "Gaza Strip"."""
    words = designator_words(short.name, lex)
    return bool(words) and words <= set(full.name.tokens) and not designator_words(full.name, lex)


def _org_fit(short: Node, full: Node, lex: Lexicon, in_story: bool) -> bool:
    """Every part of the short name is in the full one, which adds generic words or,
    for an organisation named in the same story, a country ("Lebanese Hezbollah");
    a country alone is no short form of anything ("Iraq" / "Kurdistan Region of Iraq")."""
    if unmatched(short.name.specific, full.name.specific, lex):
        return False
    if all(p in lex.places for p in short.name.specific):
        return False
    extras = unmatched(full.name.specific, short.name.specific, lex)
    return not extras or (in_story and full.type == "organization" and all(p in lex.places for p in extras))


def _head_fit(short: Node, full: Node, lex: Lexicon, in_story: bool) -> bool:
    """Inside one story, an organisation's name cut down to its head word and some of the
    words before it, in order: "Shura Council" or "Mujahideen Shura Council" for "Sahel
    Mujahideen Shura Council", "Nour brigade" for "Nour Volunteers Brigade". The head (the
    full name's last part, a unit or generic word) stays, and a word that tells one
    council from another stays with it. Across stories no cut is read so: many countries
    have an "Interior Ministry" and a "Supreme Council"."""
    kept, whole = short.name.core, full.name.core
    if not in_story or not 2 <= len(kept) < len(whole) or not _is_head(whole[-1], lex):
        return False
    if not same_part(kept[-1], whole[-1], lex) or all(_is_head(p, lex) for p in kept):
        return False
    rest = iter(whole)
    return all(any(same_part(part, w, lex) for w in rest) for part in kept)


def _is_head(part: str, lex: Lexicon) -> bool:
    return part in lex.units or part in lex.generic


def fits(short: Node, full: Node, lex: Lexicon, in_story: bool = False) -> bool:
    """Whether `short` can stand for `full` (which has more name parts). Inside one
    story (`in_story`) a person's first names stand for the full name too
    ("Mohammed Shia" for "Mohammed Shia al-Sudani"), and an organisation's name
    for the name with a country added ("Hezbollah" for "Lebanese Hezbollah")."""
    if short.name.is_acronym or full.name.is_acronym or not compatible_types(short, full, in_story):
        return False
    if _designator_fit(short, full, lex):
        return True
    if not short.parts or len(short.parts) >= len(full.parts):
        return False
    if conflict(short.name, full.name, lex, (short.type, full.type)):
        return False
    if full.type == "person":
        return _person_fit(short.name.specific, full.name.specific, lex, in_story)
    read_as_person = in_story and len(short.parts) == 1 and _plain_name(full, lex)
    if read_as_person and same_part(short.name.specific[-1], full.name.specific[-1], lex):
        return True  # the surname
    return _org_fit(short, full, lex, in_story) or _head_fit(short, full, lex, in_story)
