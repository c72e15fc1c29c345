"""The query layer at scale, printed as `name = value` lines.

    python bench/query_scale.py [--entities N] [--samples K]

A synthetic store of N entities (default 100,000) is written straight into the tables
(no extraction: this measures reads): 5 stories' worth of mentions per 25 entities,
two facts and half an event per entity, a place per tenth. Then the index tables are
built, and each query is timed over K random entities (default 300): entity detail,
name lookup, full-text search, events by actor, the depth-2 network; p50 and p95 in
milliseconds. Also `threadline search --help` in a fresh process (best of 3).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from threadline.query import entity_detail, find_entities, list_events, network, search
from threadline.query.index import refresh_search_index
from threadline.store import Store

WORDS = "north south river hill desert brigade front movement council army guard union league".split()


def report(name: str, value: float | int) -> None:
    print(f"{name} = {value:.3f}" if isinstance(value, float) else f"{name} = {value}", flush=True)


def name_of(rng: random.Random, n: int) -> str:
    return f"{rng.choice(WORDS).title()} al-{rng.choice(WORDS).title()}{n}"


def evidence(story: str, quote: str) -> list[dict]:
    item = {
        "story": story,
        "quote": quote,
        "start": 0,
        "end": len(quote),
        "zone": "body",
        "modality": "asserted",
    }
    return [
        {
            **item,
            "attribution": {"kind": "outlet", "text": None, "mention_id": None, "via": None, "entity": None},
        }
    ]


def fill(path: Path, entities: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    stories = max(entities // 5, 1)
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO documents (id, source, origin, format, content_hash, seq) VALUES (?, ?, ?, 'text', 'h', ?)",
        [(f"d-{i:016x}", f"doc{i}.txt", f"doc{i}.txt", i) for i in range(stories)],
    )
    db.executemany(
        "INSERT INTO stories (id, document_id, source, idx, title, published, outlet, text, blocks, removed) "
        "VALUES (?, ?, ?, 0, ?, ?, 'Bench Wire', ?, '[]', '[]')",
        [
            (
                f"s-{i:016x}",
                f"d-{i:016x}",
                f"doc{i}.txt",
                f"Story {i} on the {rng.choice(WORDS)}",
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                f"Fighting near the {rng.choice(WORDS)} was reported. " * 5,
            )
            for i in range(stories)
        ],
    )
    names = [name_of(rng, n) for n in range(entities)]
    types = ["location" if n % 10 == 0 else "person" if n % 2 else "organization" for n in range(entities)]
    db.executemany(
        "INSERT INTO entities (id, type, name, aliases, reasons) VALUES (?, ?, ?, ?, '[]')",
        [
            (f"e-{n:016x}", types[n], names[n], json.dumps([names[n].split(" al-")[-1]]))
            for n in range(entities)
        ],
    )
    mentions = [
        (f"m-{n:08x}{k}", f"s-{(n // 5 + k * 977) % stories:016x}", n)
        for n in range(entities)
        for k in range(5)
    ]
    db.executemany(
        "INSERT INTO mentions (id, story_id, start, \"end\", text, type, label, zone) VALUES (?, ?, 0, 4, 'name', 'person', 'PERSON', 'text')",
        [(m, s) for m, s, _ in mentions],
    )
    db.executemany(
        "INSERT INTO mention_entities (mention_id, entity_id) VALUES (?, ?)",
        [(m, f"e-{n:016x}") for m, _, n in mentions],
    )
    db.executemany(
        "INSERT INTO places (entity_id, name, lat, lon, country, precision, kind, source) VALUES (?, ?, ?, ?, 'IQ', 1, 'city', 'bench')",
        [
            (f"e-{n:016x}", names[n], 29 + rng.random() * 8, 39 + rng.random() * 9)
            for n in range(0, entities, 10)
        ],
    )
    facts = []
    for n in range(entities):
        for k in (1, 2):
            other = rng.randrange(entities)
            story = f"s-{rng.randrange(stories):016x}"
            facts.append(
                (
                    f"f-{n:08x}{k:08x}",
                    f"e-{n:016x}",
                    rng.choice(["member_of", "leader_of", "allied_with"]),
                    f"e-{other:016x}",
                    json.dumps(evidence(story, f"{names[n]} is tied to {names[other]}.")),
                )
            )
    db.executemany(
        "INSERT INTO facts (id, subject, predicate, object, standing, disputed_by, modality, evidence, sources, independent_sources) "
        "VALUES (?, ?, ?, ?, 'fact', '[]', 'asserted', ?, 1, 1)",
        facts,
    )
    events = []
    for n in range(0, entities, 2):
        actor, place = f"e-{n + 1:016x}", f"e-{rng.randrange(0, entities, 10):016x}"
        story = f"s-{rng.randrange(stories):016x}"
        events.append(
            (
                f"v-{n:016x}",
                rng.choice(["attack", "arrest", "meeting"]),
                f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                place,
                json.dumps([actor]),
                json.dumps([[actor, "agent"]]),
                json.dumps(evidence(story, f"{names[n + 1]} acted.")),
            )
        )
    db.executemany(
        "INSERT INTO events (id, type, date_value, date_precision, location, participants, roles, mentions, disputed_by, modality, "
        "evidence, sources, independent_sources) VALUES (?, ?, ?, 'day', ?, ?, ?, '[]', '[]', 'asserted', ?, 1, 1)",
        events,
    )
    db.commit()
    db.close()


def timed(samples: list[str], run: Callable[[str], object]) -> tuple[float, float]:
    times = []
    for sample in samples:
        started = time.perf_counter()
        run(sample)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.db"
        store = Store(f"sqlite:///{path}")
        started = time.perf_counter()
        fill(path, args.entities)
        report("query.synthetic_store_seconds", time.perf_counter() - started)
        started = time.perf_counter()
        refresh_search_index(store)
        report("query.index_build_seconds", time.perf_counter() - started)
        report("query.entities", args.entities)
        rng = random.Random(11)
        ids = [f"e-{rng.randrange(args.entities):016x}" for _ in range(args.samples)]
        with sqlite3.connect(path) as db:
            names = [db.execute("SELECT name FROM entities WHERE id = ?", (i,)).fetchone()[0] for i in ids]
        entity_detail(store, ids[0])  # warm: the first read opens the file
        for label, samples, run in (
            ("entity_detail", ids, lambda i: entity_detail(store, i)),
            ("find_entities", [n.split(" al-")[-1] for n in names], lambda n: find_entities(store, n, 10)),
            (
                "search",
                [n.split()[0] + " " + n.split("-")[-1] for n in names],
                lambda q: search(store, q, 20),
            ),
            ("events_by_actor", ids[: args.samples // 3], lambda i: list_events(store, actor=i, limit=50)),
            ("network_depth2", ids[: args.samples // 3], lambda i: network(store, i, depth=2)),
        ):
            p50, p95 = timed(samples, run)
            report(f"query.{label}_p50_ms", p50)
            report(f"query.{label}_p95_ms", p95)
        store.close()
    best = min(_help_seconds() for _ in range(3))
    report("cli.help_seconds", best)
    return 0


def _help_seconds() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "threadline.cli.main", "search", "--help"], capture_output=True, check=True
    )
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
