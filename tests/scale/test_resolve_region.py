"""The entities step redone by region (graph/resolve_region.py) equals a whole run.

Stories are written as records (text and the names in it, no NLP), each case built so
that a new story changes how an older story's names resolve: a name in the new story
bridges two stored entities, a new full name makes a stored lone short form
ambiguous, a new acronym definition relinks names elsewhere, a story is removed. Each
store refreshed after every document is compared with `rebuild` on the same store,
every derived table and export byte for byte; the log says whether the region was
redone or the corpus resolved whole."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from threadline.export import EXPORTERS, export
from threadline.graph import resolve_region
from threadline.records import Document, Extraction, Mention, Story
from threadline.refresh import rebuild_derived, refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.ledger import ledger_rows
from threadline.workflow import Analysed, store_analysed

REGION = "entities: region of"
WHOLE = "entities: resolved whole"
LABELS = {"person": "PERSON", "organization": "ORG", "location": "GPE"}


@pytest.fixture(autouse=True)
def any_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regions of any size redone by region: the corpora here are small."""
    monkeypatch.setattr(resolve_region, "MOST", 1.0)


def analysed(name: str, text: str, names: Sequence[tuple[str, str]]) -> Analysed:
    """A one-story document whose mentions are every occurrence of each name given
    (surface, type) that no longer name given covers."""
    document = Document(source=name, origin=name, format="text", text=text, title=None)
    story = Story(document_id=document.id, source=name, index=0, text=text, blocks=())
    taken: list[tuple[int, int]] = []
    mentions = []
    for surface, kind in sorted(names, key=lambda n: -len(n[0])):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                mentions.append(Mention(story.id, start, end, surface, kind, LABELS[kind]))  # type: ignore[arg-type]
            start = text.find(surface, end)
    return Analysed(document, [Extraction(story, tuple(mentions), (), ())], {})


def derived_rows(store: Store) -> dict[str, str]:
    out = {}
    with store.snapshot() as conn:
        for table in t.DERIVED:
            held = (
                ledger_rows(conn)
                if table is t.decisions
                else [dict(r._mapping) for r in conn.execute(select(table))]
            )
            rows = [json.dumps(r, sort_keys=True, default=str) for r in held]
            out[table.name] = "\n".join(sorted(rows))
    for name in EXPORTERS.names():
        stream = io.StringIO()
        export(store, name, stream)
        out[name] = stream.getvalue()
    return out


def refreshed_each(path: Path, documents: Sequence[Analysed]) -> Store:
    store = Store(f"sqlite:///{path}")
    for document in documents:
        store_analysed(store, document)
        assert refresh_derived(store, Settings()) == []
    return store


def equals_rebuild(store: Store) -> dict[str, str]:
    """The store's rows, asserted equal to what `rebuild` makes of the same claims."""
    incremental = derived_rows(store)
    rebuild_derived(store, Settings())
    assert derived_rows(store) == incremental
    return incremental


def entity_names(store: Store) -> dict[str, str]:
    """Mention text -> the name of its entity (a mention text that names two: both)."""
    names = {e.id: e.name for e in store.entities()}
    links = store.entity_of()
    out: dict[str, set[str]] = {}
    for m in store.mentions():
        out.setdefault(m.text, set()).add(names[links[m.id]])
    return {text: " | ".join(sorted(found)) for text, found in out.items()}


FILLER = [
    analysed(
        f"filler{i}.txt",
        f"Officials in {city} met traders from {town} on {day}.",
        [(city, "location"), (town, "location")],
    )
    for i, (city, town, day) in enumerate(
        [("Tarvana", "Esselby", "Monday"), ("Orlin", "Kessa", "Tuesday"), ("Tarvana", "Moravel", "Friday")]
    )
]


def test_a_new_name_that_bridges_two_stored_entities(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stored = [
        analysed(
            "a.txt",
            "Karim Odelu addressed the council in Tarvana.",
            [("Karim Odelu", "person"), ("Tarvana", "location")],
        ),
        analysed(
            "b.txt", "Abu Selim led the convoy near Orlin.", [("Abu Selim", "person"), ("Orlin", "location")]
        ),
    ]
    bridge = analysed(
        "c.txt",
        "Karim Odelu, known as Abu Selim, was seen again.",
        [("Karim Odelu", "person"), ("Abu Selim", "person")],
    )
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    store = refreshed_each(tmp_path / "s.db", [*FILLER, *stored, bridge])
    assert REGION in caplog.records[-1].getMessage()
    assert entity_names(store)["Abu Selim"] == entity_names(store)["Karim Odelu"]
    equals_rebuild(store)


def test_a_new_full_name_makes_a_stored_lone_short_form_ambiguous(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stored = [
        analysed(
            "a.txt",
            "Ahmed Varosi spoke in Tarvana on Monday.",
            [("Ahmed Varosi", "person"), ("Tarvana", "location")],
        ),
        analysed("b.txt", "Varosi was not available for comment.", [("Varosi", "person")]),
    ]
    before = refreshed_each(tmp_path / "before.db", [*FILLER, *stored])
    assert entity_names(before)["Varosi"] == "Ahmed Varosi"
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    other = analysed(
        "c.txt", "Mohammed Varosi arrived in Orlin.", [("Mohammed Varosi", "person"), ("Orlin", "location")]
    )
    store_analysed(before, other)
    assert refresh_derived(before, Settings()) == []
    assert REGION in caplog.records[-1].getMessage()
    assert entity_names(before)["Varosi"] == "Varosi"  # fits two full names now: left alone
    equals_rebuild(before)


def test_a_new_acronym_definition_relinks_stored_names(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stored = [
        analysed(
            "a.txt",
            "The PDF claimed the attack in Tarvana.",
            [("PDF", "organization"), ("Tarvana", "location")],
        ),
        analysed(
            "b.txt",
            "The Popular Defence Front regrouped near Orlin.",
            [("Popular Defence Front", "organization"), ("Orlin", "location")],
        ),
    ]
    defines = analysed(
        "c.txt",
        "Leaders of the Popular Defence Front (PDF) met on Friday.",
        [("Popular Defence Front", "organization"), ("PDF", "organization")],
    )
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    store = refreshed_each(tmp_path / "s.db", [*FILLER, *stored, defines])
    assert REGION in caplog.records[-1].getMessage()
    assert entity_names(store)["PDF"] == entity_names(store)["Popular Defence Front"]
    equals_rebuild(store)


PDF_COMMAND = [
    analysed(
        "d.txt",
        "The Popular Defence Front Northern Command said it held Kessa.",
        [("Popular Defence Front Northern Command", "organization"), ("Kessa", "location")],
    ),
    analysed(
        "e.txt",
        "The PDF Northern Command denied it on Monday.",
        [("PDF Northern Command", "organization")],
    ),
]


def test_a_new_acronym_definition_spells_out_stored_names(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    defines = analysed(
        "c.txt",
        "Leaders of the Popular Defence Front (PDF) met on Friday.",
        [("Popular Defence Front", "organization"), ("PDF", "organization")],
    )
    before = refreshed_each(tmp_path / "s.db", [*FILLER, *PDF_COMMAND])
    assert entity_names(before)["PDF Northern Command"] == "PDF Northern Command"
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    store_analysed(before, defines)
    assert refresh_derived(before, Settings()) == []
    assert REGION in caplog.records[-1].getMessage()
    names = entity_names(before)
    assert names["PDF Northern Command"] == names["Popular Defence Front Northern Command"]
    equals_rebuild(before)


def test_a_second_definition_undoes_what_the_first_spelled_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = analysed(
        "c.txt",
        "Leaders of the Popular Defence Front (PDF) met on Friday.",
        [("Popular Defence Front", "organization"), ("PDF", "organization")],
    )
    second = analysed(
        "f.txt",
        "The Progressive Democratic Forum (PDF) won seats in Orlin.",
        [("Progressive Democratic Forum", "organization"), ("PDF", "organization"), ("Orlin", "location")],
    )
    before = refreshed_each(tmp_path / "s.db", [*FILLER, *PDF_COMMAND, first])
    names = entity_names(before)
    assert names["PDF Northern Command"] == names["Popular Defence Front Northern Command"]
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    store_analysed(before, second)
    assert refresh_derived(before, Settings()) == []
    assert REGION in caplog.records[-1].getMessage()
    names = entity_names(before)
    assert names["PDF Northern Command"] != names["Popular Defence Front Northern Command"]
    equals_rebuild(before)


def test_a_removed_story_resolves_the_corpus_whole(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    documents = [
        *FILLER,
        analysed(
            "a.txt",
            "Ahmed Varosi spoke in Tarvana on Monday.",
            [("Ahmed Varosi", "person"), ("Tarvana", "location")],
        ),
        analysed("b.txt", "Varosi was not available for comment.", [("Varosi", "person")]),
        analysed(
            "c.txt",
            "Mohammed Varosi arrived in Orlin.",
            [("Mohammed Varosi", "person"), ("Orlin", "location")],
        ),
    ]
    store = refreshed_each(tmp_path / "s.db", documents)
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    store.remove_documents([documents[-1].document.id])
    assert refresh_derived(store, Settings()) == []
    assert entity_names(store)["Varosi"] == "Ahmed Varosi"  # one full name fits again
    assert equals_rebuild(store) == derived_rows(refreshed_each(tmp_path / "never.db", documents[:-1]))
