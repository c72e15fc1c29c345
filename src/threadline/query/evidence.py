"""What every query shares: entity links, stories behind quotes, places and analyst
verdicts, each read for just the ids at hand (one indexed query per kind)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from threadline.query.records import EntityRef, PlaceRef, Quote
from threadline.store import schema as t
from threadline.store.judged import fold

_CHUNK = 500  # ids per IN (...): under SQLite's limit on bound parameters


def chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


def entity_refs(conn: Connection, ids: Iterable[str]) -> dict[str, EntityRef]:
    """Entity id -> its link; an id no entity has (an unresolved mention) is left out."""
    e = t.entities.c
    found: dict[str, EntityRef] = {}
    for chunk in chunks(ids):
        for row in conn.execute(select(e.id, e.name, e.type).where(e.id.in_(chunk))):
            found[row.id] = EntityRef(row.id, row.name, row.type)
    return found


def ref_or_unknown(refs: dict[str, EntityRef], entity_id: str) -> EntityRef:
    return refs.get(entity_id) or EntityRef(entity_id, entity_id, "unknown")


@dataclass(frozen=True)
class StoryInfo:
    title: str | None
    outlet: str | None
    published: str | None
    source: str


def story_infos(conn: Connection, ids: Iterable[str]) -> dict[str, StoryInfo]:
    s = t.stories.c
    found: dict[str, StoryInfo] = {}
    for chunk in chunks(ids):
        rows = conn.execute(select(s.id, s.title, s.outlet, s.published, s.source).where(s.id.in_(chunk)))
        for row in rows:
            found[row.id] = StoryInfo(row.title, row.outlet, row.published, row.source)
    return found


def stories_of(evidence_lists: Iterable[Sequence[dict[str, Any]]]) -> set[str]:
    return {item["story"] for items in evidence_lists for item in items}


def quotes(items: Sequence[dict[str, Any]], infos: dict[str, StoryInfo]) -> list[Quote]:
    """Cited evidence items as quotes with their story's title, outlet and date."""
    out = []
    for item in items:
        info = infos.get(item["story"])
        attribution = item.get("attribution") or {}
        out.append(
            Quote(
                story_id=item["story"],
                story_title=info.title if info else None,
                outlet=info.outlet if info else None,
                published=info.published if info else None,
                quote=item["quote"],
                start=item["start"],
                end=item["end"],
                modality=item["modality"],
                attributed_to=attribution.get("text"),
            )
        )
    return out


def seen_range(items: Sequence[dict[str, Any]], infos: dict[str, StoryInfo]) -> tuple[str | None, str | None]:
    """The earliest and latest publication date of the stories behind the evidence."""
    dates = sorted(d for d in (infos[i["story"]].published for i in items if i["story"] in infos) if d)
    return (dates[0], dates[-1]) if dates else (None, None)


def places_of(conn: Connection, ids: Iterable[str]) -> dict[str, PlaceRef]:
    p = t.places.c
    found: dict[str, PlaceRef] = {}
    for chunk in chunks(ids):
        rows = conn.execute(select(t.places).where(p.entity_id.in_(chunk)))
        for row in rows:
            found[row.entity_id] = PlaceRef(
                row.entity_id, row.name, row.lat, row.lon, row.country, row.precision
            )
    return found


REVIEW = "review"  # the judgements table's kind for an accepted or rejected fact or event


def verdicts(conn: Connection, about: Iterable[str] | None = None) -> dict[str, str]:
    """Target id -> the latest analyst verdict ("accept" or "reject") on a fact or event:
    on those `about` names, found through the indexed `judgement_subjects`, else on all
    (a listing that filters rejected rows out needs them all)."""
    j, js = t.judgements.c, t.judgement_subjects.c
    query = select(j.id, j.created, j.payload).where(j.kind == REVIEW)
    if about is None:
        rows = list(conn.execute(query))
    else:
        rows = []
        for chunk in chunks(sorted({fold(a) for a in about})):
            subjects = select(js.judgement_id).where(js.subject.in_(chunk))
            rows += conn.execute(query.where(j.id.in_(subjects))).all()
    latest = sorted({r.id: r for r in rows}.values(), key=lambda r: (r.created, r.id))
    return {r.payload["target_id"]: r.payload["verdict"] for r in latest}
