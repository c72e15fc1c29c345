"""The API's figure for `make bench`: entity-detail latency on a store of 100,000 entities.

    python bench/api.py [--entities N] [--requests R]

A store is filled through the store's own API (documents with real stories by
`replace_document`, then entities, facts and events by `replace_derived`), its query
index built as after an ingest, and GET /api/entities/{id} timed for R random entities
through the ASGI app in this process (HTTP parsing, routing, JSON; no network). Prints
`name = value` lines: the latencies' p50, p95 and p99 in milliseconds, for the endpoint
and for the query function alone, and a name lookup's p95.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from threadline.query import entity_detail, find_entities
from threadline.query.index import refresh_search_index
from threadline.records import DateValue, Document, Entity, Extraction, Fact, GraphEvent, Story
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.layout import Derived

PREDICATES = ("member_of", "leader_of", "part_of", "backed_by", "allied_with")
TYPES = ("person", "organization", "location")
WORDS = "north river stone brigade union council front guard valley star iron dawn".split()
STORIES = 200


def report(name: str, value: float | int) -> None:
    print(f"{name} = {value:.3f}" if isinstance(value, float) else f"{name} = {value}", flush=True)


def write_stories(store: Store) -> list[str]:
    """Documents with one story each, so quotes cite stories that exist."""
    ids = []
    for i in range(STORIES):
        text = f"Report {i}: officials said the groups met near the river crossing on day {i}."
        doc = Document(
            source=f"bench-{i}.txt",
            origin=f"bench-{i}.txt",
            format="text",
            text=text,
            title=f"Report {i}",
            published="2025-03-01",
            outlet=f"Outlet {i % 20}",
        )
        story = Story(
            document_id=doc.id,
            source=doc.source,
            index=0,
            text=text,
            blocks=(),
            title=doc.title,
            published=doc.published,
            outlet=doc.outlet,
        )
        store.replace_document(doc, [Extraction(story, (), (), ())], {})
        ids.append(story.id)
    return ids


def cite(story: str) -> dict[str, object]:
    quote = "officials said the groups met near the river crossing"
    attribution = {"kind": "outlet", "text": None, "mention_id": None, "via": None, "entity": None}
    return {
        "story": story,
        "quote": quote,
        "start": 12,
        "end": 12 + len(quote),
        "zone": "body",
        "modality": "asserted",
        "attribution": attribution,
        "role": None,
        "extractor": "bench",
    }


def generated(count: int, stories: list[str], rng: random.Random) -> Derived:
    """`count` entities, two facts and half an event per entity, two mentions each."""
    entities = tuple(
        Entity(
            id=f"e-{i:016x}",
            type=TYPES[i % 3],  # type: ignore[arg-type]
            name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}",
            aliases=(f"Alias {i}",),
        )
        for i in range(count)
    )
    facts = []
    for i in range(2 * count):
        subject, obj = rng.randrange(count), rng.randrange(count)
        evidence = tuple(cite(s) for s in rng.sample(stories, 1 + i % 3))
        facts.append(
            Fact(
                id=f"f-{i:016x}",
                subject=entities[subject].id,
                predicate=PREDICATES[i % 5],
                object=entities[obj].id,
                standing="fact",
                modality="asserted",
                evidence=evidence,
                disputed_by=(),
                sources=len(evidence),
                independent_sources=len(evidence),
            )
        )
    events = tuple(
        GraphEvent(
            id=f"v-{i:016x}",
            type="attack",
            date=DateValue(f"2025-03-{1 + i % 28:02d}", "day", None),
            location=None,
            participants=(entities[rng.randrange(count)].id, entities[rng.randrange(count)].id),
            roles=(),
            modality="asserted",
            mentions=(),
            evidence=(cite(rng.choice(stories)),),
            disputed_by=(),
            sources=1,
            independent_sources=1,
        )
        for i in range(count // 2)
    )
    entity_of = {f"m-{i:08x}-{k}": e.id for i, e in enumerate(entities) for k in range(2)}
    return Derived(
        duplicates=(),
        entities=entities,
        entity_of=entity_of,
        reasons={},
        places={},
        events=events,
        facts=tuple(facts),
    )


def percentiles(name: str, timings: list[float]) -> None:
    cuts = statistics.quantiles(timings, n=100)
    report(f"{name}_p50_ms", cuts[49] * 1000)
    report(f"{name}_p95_ms", cuts[94] * 1000)
    report(f"{name}_p99_ms", cuts[98] * 1000)


def timed(call: Callable[[], object], times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args(argv)
    from fastapi.testclient import TestClient

    from threadline.web import WebConfig, create_app

    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench-api.db'}"
        store = Store(url)
        started = time.perf_counter()
        store.replace_derived(generated(args.entities, write_stories(store), rng))
        refresh_search_index(store)
        report("api.entities", args.entities)
        report("api.fill_seconds", time.perf_counter() - started)
        ids = [f"e-{rng.randrange(args.entities):016x}" for _ in range(args.requests)]
        client = TestClient(create_app(WebConfig(Settings(db_url=url)), store))
        client.get(f"/api/entities/{ids[0]}").raise_for_status()  # warm: the first request builds nothing
        pending = iter(ids)
        percentiles(
            "api.entity_detail", timed(lambda: client.get(f"/api/entities/{next(pending)}"), len(ids))
        )
        pending = iter(ids)
        percentiles("query.entity_detail", timed(lambda: entity_detail(store, next(pending)), len(ids)))
        names = [f"Alias {rng.randrange(args.entities)}" for _ in range(100)]
        pending = iter(names)
        percentiles("query.find_entities", timed(lambda: find_entities(store, next(pending)), len(names)))
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
