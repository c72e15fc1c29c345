"""The whole-run steps over generated input: events merging and containment never raise
and account for every mention in any order; a unit of the duplicate search that fails
on a damaged signature is reported by name and the rest of the corpus is still compared."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from threadline.graph import containment, merge_events
from threadline.records import Assertion, DateValue, EventMention, Evidence
from threadline.refresh import refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.schema import signatures
from threadline.workflow import ingest

ENTITIES = [f"e{n}" for n in range(6)]
DATES = [
    DateValue(None, "unknown", None),
    DateValue(None, "unknown", "on Monday"),
    DateValue("2025-03-12", "day", "on 12 March"),
    DateValue("2025-03", "month", "in March"),
    DateValue("2025-03-10", "range", "last week"),
    DateValue("2023-02-31", "day", "on 31 February"),  # impossible, as a careless source writes it
    DateValue("0000-01-01", "day", "in year 0"),
    DateValue("2025", "year", "this year"),
]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def event_mentions(draw: st.DrawFn) -> list[EventMention]:
    found = []
    for n in range(draw(st.integers(0, 25))):
        story = f"s{draw(st.integers(0, 4))}"
        start = n * 50 + draw(st.integers(0, 40))  # one id per mention, as the store keeps them
        participants = tuple(f"m-{p}" for p in draw(st.lists(st.sampled_from(ENTITIES), max_size=3)))
        found.append(
            EventMention(
                story_id=story,
                type=draw(st.sampled_from(["attack", "arrest", "meeting"])),
                trigger=draw(st.sampled_from(["attacked", "strike", "arrested", "met"])),
                participants=participants,
                location=draw(st.sampled_from([None, "m-e4", "m-e5", "m-unknown"])),
                date=draw(st.sampled_from(DATES)),
                evidence=Evidence(story, start, start + 10 + n, f"sentence {n} of {story}"),
                extractor="events.trigger.fuzz",
                version="fuzz",
                modality=draw(st.sampled_from(["asserted", "asserted", "denied", "possible", "former"])),
                roles=tuple(
                    (p, draw(st.sampled_from(["attacker", "target", "other"]))) for p in participants
                ),
            )
        )
    return found


@st.composite
def places(draw: st.DrawFn) -> list[Assertion]:
    """located_in claims between the places, cycles and self-loops included."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(ENTITIES), st.sampled_from(ENTITIES)), max_size=8))
    return [
        Assertion(
            story_id="s0",
            subject=f"m-{a}",
            predicate="located_in",
            object=f"m-{b}",
            evidence=Evidence("s0", 0, 5, "quote"),
            extractor="relations.fuzz",
            version="fuzz",
        )
        for a, b in pairs
    ]


@SETTINGS
@given(event_mentions(), places(), st.randoms(use_true_random=False))
def test_events_merge_whatever_the_mentions_and_their_order(
    mentions: list[EventMention], located: list[Assertion], rng: random.Random
) -> None:
    entity_of = {f"m-{e}": e for e in ENTITIES}
    roots = {"s1": "s0"}  # s1 copies s0
    within = containment(located, entity_of)
    events = merge_events(mentions, entity_of, roots, within)
    merged = sorted(m for e in events for m in e.mentions)
    assert merged == sorted({m.id for m in mentions})
    assert len({e.id for e in events}) == len(events)
    shuffled = list(mentions)
    rng.shuffle(shuffled)
    assert merge_events(shuffled, entity_of, roots, within) == events


STORY = (
    "Gunmen attack convoy near Dorvali\n\n"
    "Gunmen attacked a police convoy near the town of Dorvali on Monday, killing three officers, "
    "the regional governor said.\n\nThe Brigade of the Red Hills claimed the attack in a statement.\n"
)
OTHER = (
    "Council meets in Vessana\n\n"
    "Leaders of the Northern Shura Council met in Vessana on Tuesday to discuss a ceasefire.\n"
)


def test_a_damaged_signature_fails_its_story_alone_and_the_rest_is_compared(
    tmp_path: Path, store: Store
) -> None:
    for name, text in [("a.txt", STORY), ("b.txt", STORY), ("c.txt", OTHER), ("d.txt", OTHER)]:
        (tmp_path / name).write_text(text)
    report = ingest([str(tmp_path)], store, Settings())
    assert report.errors == [] and len(store.duplicates()) == 2
    damaged = next(s for s in store.stories() if s.source == "d.txt")
    with store.engine.begin() as conn:  # a signature that is no MinHash, as a bad disk or a bug leaves it
        conn.execute(
            update(signatures).where(signatures.c.story_id == damaged.id).values(minhash=b"\x00\x01")
        )
    failures = refresh_derived(store, Settings())
    assert failures and all(damaged.id in f.subject and "d.txt" in f.subject for f in failures)
    assert {f.step for f in failures} == {"duplicates"}
    copies = {(d.story_id, d.duplicate_of) for d in store.duplicates() if d.kind == "story"}
    first, second = (next(s.id for s in store.stories() if s.source == n) for n in ("a.txt", "b.txt"))
    assert copies == {(second, first)}
    assert store.entities()  # resolution and places still written
