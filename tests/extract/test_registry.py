"""Stages by name: threadline's relation families and event extractors are assembled
from registered names, and a package of someone else's adds a family through an entry
point (a dist-info folder on sys.path, as pip would install it; no network)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from threadline.extract import Extractor
from threadline.extract.relations import DEFAULT_FAMILIES, FAMILIES
from threadline.registry import UnknownStage
from threadline.settings import Settings

# A family for "X, a sister movement of Y": two organisations named side by side with
# the word "sister" between them are allies. Threadline's own families do not read it.
PLUGIN = """
from threadline.extract.relations.candidate import Candidate
from threadline.registry import Registered


def find(ps):
    found = []
    for sent in ps.doc.sents:
        orgs = [t for t in sent if ps.type_of(t) == "organization"]
        words = {t.lower_ for t in sent}
        if len(orgs) == 2 and "sister" in words:
            found.append(Candidate(orgs[0], "allied_with", orgs[1], orgs[0], "sister"))
    return found


FAMILY = Registered("sister", "7.1", find)
"""


@pytest.fixture
def sister_package(tmp_path: Path) -> Iterator[None]:
    """Install a tiny distribution `threadline-sister` into a folder on sys.path."""
    (tmp_path / "threadline_sister.py").write_text(PLUGIN)
    info = tmp_path / "threadline_sister-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: threadline-sister\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        textwrap.dedent("""\
        [threadline.relation_families]
        sister = threadline_sister:FAMILY
        """)
    )
    sys.path.insert(0, str(tmp_path))
    FAMILIES.forget_plugins()
    try:
        yield
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("threadline_sister", None)
        FAMILIES.forget_plugins()


TEXT = "The Ember Brigades, a sister movement of the Delta Front, marched on Tuesday."
NAMES = {"Ember Brigades": "organization", "Delta Front": "organization"}


def test_a_family_from_an_installed_package_plugs_in(sister_package: None, parse: Callable) -> None:
    p = parse(TEXT, NAMES)
    own, _ = Extractor.named().extract(p.doc, p.story, p.mentions)
    assert not [a for a in own if a.predicate == "allied_with"]
    with_sister = Extractor.named([*DEFAULT_FAMILIES, "sister"])
    found, _ = with_sister.extract(p.doc, p.story, p.mentions)
    (allied,) = [a for a in found if a.predicate == "allied_with"]
    assert (p.text_of(allied.subject), p.text_of(allied.object)) == ("Ember Brigades", "Delta Front")
    assert (allied.extractor, allied.version) == ("relations.sister", "7.1")


def test_an_unknown_family_is_named_in_the_error() -> None:
    with pytest.raises(UnknownStage, match="'sistr'"):
        Extractor.named(["roles", "sistr"])


def test_settings_choose_the_families_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREADLINE_RELATION_FAMILIES", "roles, offices")
    settings = Settings.from_env()
    assert settings.relation_families == ("roles", "offices")
    extractor = Extractor.named(settings.relation_families, settings.event_extractors)
    assert [f.name for f in extractor.families] == ["roles", "offices"]
    assert [e.name for e in extractor.event_extractors] == ["triggers"]


def test_one_preparation_gives_what_the_separate_calls_give(parse: Callable) -> None:
    p = parse(
        "Amal Haddad, the leader of the Delta Front, met officials in Tunis on Monday.",
        {"Amal Haddad": "person", "Delta Front": "organization", "Tunis": "location"},
    )
    relations, events = Extractor.named().extract(p.doc, p.story, p.mentions)
    assert relations == p.relations() and relations
    assert events == p.events() and events
