"""Generated corpora for the whole-run steps: duplicates, resolution, places, events, facts.

A corpus is a few stories written from sentence templates over a small cast of made-up
people, groups and places, each name written in one of its forms ("Idris Kallomo",
"Kallomo", "KALLOMO"); stories copy one another whole or in part, and tell the same
event with other dates (some impossible). `check_corpus` ingests one corpus into a
fresh SQLite store through the real pipeline, then builds the export: nothing may
raise, no unit of a whole-run step may fail, and every story stored is exported.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass

from hypothesis import strategies as st
from tests.fuzz.cases import Case
from tests.fuzz.harness import HANG_SECONDS, Tally, watchdog

from threadline.export.json_export import build_export
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document
from threadline.refresh import refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest_document

PEOPLE = (("Idris Kallomo", "Kallomo"), ("Mara Soule", "Soule"), ("Hamid ag Tenna", "ag Tenna"))
GROUPS = (
    ("Brigade of the Red Hills", "BRH"),
    ("Northern Shura Council", "the council"),
    ("Dorvali Volunteers", "the Volunteers"),
)
PLACES = ("Dorvali", "Vessana", "Harrow Bay", "Tobrane", "Niamey", "Gao", "Basra")
DATES = ("on Monday", "on 31 February", "on 12 March 2025", "in year 0", "last week", "on July 30", "")
TEMPLATES = (
    "{group} fighters attacked a convoy near {place} {date}, officials said.",
    "{person}, the commander of the {group}, was arrested in {place} {date}.",
    "{group} claimed responsibility for the bombing in {place}.",
    "{person} met leaders of the {group} in {place} {date} to discuss a ceasefire.",
    "{group} denied any role in the attack on {place}.",
    "A drone strike killed {person} near {place} {date}, the ministry said.",
    "{person} said the {group} would not attend the talks.",
    "It was not clear who fired the rockets at {place} {date}.",
)


@dataclass(frozen=True)
class Corpus:
    stories: tuple[tuple[str, str], ...]  # (source, text)


def _name(draw: st.DrawFn, forms: tuple[str, ...]) -> str:
    form = draw(st.sampled_from(forms))
    return form.upper() if draw(st.integers(0, 9)) == 0 else form


@st.composite
def sentence(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    return (
        template.format(
            person=_name(draw, draw(st.sampled_from(PEOPLE))),
            group=_name(draw, draw(st.sampled_from(GROUPS))),
            place=draw(st.sampled_from(PLACES)),
            date=draw(st.sampled_from(DATES)),
        )
        .replace(" .", ".")
        .replace(" ,", ",")
    )


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    """Two to five stories; some copy an earlier one whole, or share its paragraphs."""
    stories: list[tuple[str, str]] = []
    for n in range(draw(st.integers(2, 5))):
        paragraphs = [
            " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))
            for _ in range(draw(st.integers(1, 4)))
        ]
        if stories and draw(st.integers(0, 2)) == 0:
            earlier = draw(st.sampled_from(stories))[1].split("\n\n")[1:]
            paragraphs = earlier if draw(st.booleans()) else paragraphs + earlier[:1]
        headline = draw(sentence()).rstrip(".")
        stories.append((f"story-{n}.txt", "\n\n".join([headline, *paragraphs])))
    return Corpus(tuple(stories))


def check_corpus(corpus: Corpus, tally: Tally, hang_seconds: float = HANG_SECONDS) -> None:
    """Ingest the corpus into a fresh store, run the whole-run steps and the export."""
    tally.inputs += 1
    case = Case(
        "txt", "\n\n".join(t for _, t in corpus.stories).encode(), f"corpus of {len(corpus.stories)} stories"
    )
    settings = Settings()
    nlp = build_pipeline(settings)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, watchdog(hang_seconds) as fired:
        store = Store(f"sqlite:///{tmp}/corpus.db")
        try:
            for source, text in corpus.stories:
                ingest_document(
                    store, nlp, Document(source=source, origin=source, format="text", text=text), settings
                )
            for failure in refresh_derived(store, settings):
                tally.crash(case, f"whole-run step failed: {failure}")
            exported = build_export(store)
            if len(exported["stories"]) != len(store.stories()):
                tally.crash(case, "a stored story is missing from the export")
        except KeyboardInterrupt:
            if not fired():
                raise
            tally.hang(case, time.perf_counter() - started)
        except Exception as exc:  # the crash being looked for
            tally.crash(case, f"{exc.__class__.__name__}: {str(exc)[:200]}")
        finally:
            store.close()
