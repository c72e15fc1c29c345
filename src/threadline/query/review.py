"""Analyst corrections, importable for the CLI and the API alike.

- review: accept or reject a fact or an event. Stored as a judgement of kind "review"
  (its subject the target's content id, so it holds after a re-ingest recomputes the
  same fact); read back at once by entity_detail, list_events and network. It changes
  no derived row, so nothing is recomputed.
- merge, split, rename: entity judgements the resolver applies on every run; checked
  first (no merge of an entity with itself, none across types without `force`, no
  blank name, no split that changes nothing), then the derived layer is recomputed.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from threadline.errors import ThreadlineError
from threadline.query.errors import Contradiction, UnknownRecord
from threadline.query.evidence import REVIEW
from threadline.query.lookup import one_entity
from threadline.query.records import EntityMatch, Record, Verdict
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.judged import insert_judgements

if TYPE_CHECKING:
    from threadline.resolve.judgements import Judgement
    from threadline.settings import Settings

TARGETS = {"fact": t.facts, "event": t.events}
Refresh = Callable[[Store, "Settings"], Sequence[object]]  # recomputes the derived layer; failures
VERDICTS = ("accept", "reject")


def author_from_env() -> str:
    """Who judges: $THREADLINE_USER, else the login name."""
    return os.environ.get("THREADLINE_USER") or getpass.getuser()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def review(
    store: Store,
    settings: Settings | None,
    target_kind: str,
    target_id: str,
    verdict: str,
    author: str | None = None,
    note: str = "",
) -> Verdict:
    """Record an analyst's verdict on a stored fact or event; the latest one stands."""
    if target_kind not in TARGETS:
        raise ThreadlineError(f"target_kind {target_kind!r}: review a 'fact' or an 'event'")
    if verdict not in VERDICTS:
        raise ThreadlineError(f"verdict {verdict!r}: give 'accept' or 'reject'")
    table = TARGETS[target_kind]
    with store.snapshot() as conn:
        if conn.execute(select(table.c.id).where(table.c.id == target_id)).first() is None:
            raise UnknownRecord(f"no {target_kind} has the id {target_id!r}")
    made = Verdict(target_kind, target_id, verdict, author or author_from_env(), now(), note)
    payload = {
        "subjects": [target_id],
        "target_kind": target_kind,
        "target_id": target_id,
        "verdict": verdict,
        "note": note,
    }
    with store.transaction() as conn:  # no derived row follows from a verdict: nothing to mark stale
        insert_judgements(
            conn, [{"kind": REVIEW, "payload": payload, "author": made.author, "created": made.created}]
        )
    return made


@dataclass(frozen=True)
class Judging(Record):
    """A recorded entity judgement in words, and the units the recomputation left out."""

    description: str
    failures: list[str] = field(default_factory=list)


def merge_entities(
    store: Store,
    settings: Settings,
    first: str,
    second: str,
    author: str | None = None,
    note: str = "",
    force: bool = False,
    refresh: Refresh | None = None,
) -> Judging:
    """Record that two entities (ids or names) are one."""
    from threadline.resolve.judgements import Judgement

    a, b = one_entity(store, first), one_entity(store, second)
    check_merge(a, b, first, second, force)
    made = Judgement("merge", (a.id, b.id), author or author_from_env(), now(), note=note)
    return judge(store, settings, made, refresh)


def check_merge(a: EntityMatch, b: EntityMatch, first: str, second: str, force: bool) -> None:
    if a.id == b.id:
        raise Contradiction(
            f"{first!r} and {second!r} are one entity already ({a.id}: {a.name}); nothing to merge"
        )
    if a.type != b.type and not force:
        raise Contradiction(
            f"{a.name} ({a.id}) is a {a.type} and {b.name} ({b.id}) a {b.type}: merging them would change "
            "what one of them is; if they really are one, run the merge again with --force"
        )


def split_entity(
    store: Store,
    settings: Settings,
    entity: str,
    alias: str,
    author: str | None = None,
    note: str = "",
    refresh: Refresh | None = None,
) -> Judging:
    """Record that an alias of an entity names someone else."""
    from threadline.resolve.judgements import Judgement

    found = one_entity(store, entity)
    alias = alias.strip()
    if alias.casefold() not in {a.casefold() for a in found.aliases}:
        listing = ", ".join(repr(a) for a in found.aliases) or "none"
        raise Contradiction(f"{alias!r} is not an alias of {found.name} ({found.id}); its aliases: {listing}")
    made = Judgement(
        "split",
        (found.name, alias),
        author or author_from_env(),
        now(),
        note=note,
        entity_type=found.type,  # type: ignore[arg-type]
    )
    if not split_takes_effect(store, settings, found, made):
        raise Contradiction(
            f"splitting {alias!r} off {found.name} ({found.id}) would change nothing: the resolver reads "
            "them as one name, spelled two ways; nothing was recorded"
        )
    return judge(store, settings, made, refresh)


def rename_entity(
    store: Store,
    settings: Settings,
    entity: str,
    new_name: str,
    author: str | None = None,
    refresh: Refresh | None = None,
    note: str = "",
) -> Judging:
    """Record the name an entity should be shown under."""
    from threadline.resolve.judgements import Judgement

    shown = " ".join(new_name.split())
    if not shown:
        raise ThreadlineError(f"rename {entity}: the new name is blank; give the name to show")
    found = one_entity(store, entity)
    made = Judgement("rename", (found.id,), author or author_from_env(), now(), name=shown, note=note)
    return judge(store, settings, made, refresh)


def _refresh_derived(store: Store, settings: Settings) -> Sequence[object]:
    from threadline.refresh import refresh_derived

    return refresh_derived(store, settings)


def judge(store: Store, settings: Settings, judgement: Judgement, refresh: Refresh | None = None) -> Judging:
    """Record the judgement (the derived rows marked behind it in the same transaction),
    then recompute them (`refresh`, by default the workflow's): cut short, the next
    ingest or command finishes the job."""
    store.add_judgement(judgement)
    failures = (refresh or _refresh_derived)(store, settings)
    return Judging(judgement.describe(), [str(f) for f in failures])


def split_takes_effect(store: Store, settings: Settings, entity: EntityMatch, judgement: Judgement) -> bool:
    """Whether resolving with the split puts the alias's mentions apart from the mentions
    spelled as the entity's name (or, for a renamed entity, from its other mentions)."""
    from threadline.resolve.names import clean_surface

    alias = judgement.subjects[1].casefold()
    before = store.entity_of()
    members = [m for m in store.mentions() if before.get(m.id) == entity.id]
    spelled = {m.id: clean_surface(m.text).casefold() for m in members}
    apart = [m.id for m in members if spelled[m.id] == alias]
    named = [m.id for m in members if spelled[m.id] == entity.name.casefold()]
    named = named or [m.id for m in members if spelled[m.id] != alias]
    after = preview_resolution(store, settings, [*store.judgements(), judgement])
    return not {after.get(m) for m in apart} & {after.get(m) for m in named}


def preview_resolution(store: Store, settings: Settings, judgements: list[Judgement]) -> dict[str, str]:
    """Mention id -> entity id as resolution would give them under `judgements`; nothing
    written. Its inputs (mentions, story texts, knowledge and reference entries, lexicon)
    are the entities step's own (graph/steps.Inputs), so the preview cannot drift from it."""
    from threadline.errors import Failures
    from threadline.graph.steps import Inputs
    from threadline.resolve import resolve_entities
    from threadline.vocabulary import vocabulary_of

    inputs = Inputs(store, settings, vocabulary_of(settings.data_dir))
    lex = inputs.vocabulary.lexicon
    return resolve_entities(
        inputs.mentions, inputs.texts, inputs.known, judgements, lex, Failures()
    ).entity_of
