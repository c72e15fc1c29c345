"""Name edges: spans the model tagged as one name that hold two (nlp/edges.py)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from threadline.nlp.edges import team_and_league


def tagged(nlp: Language, text: str, name: str, label: str = "ORG") -> Span:
    doc = nlp.make_doc(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    return span


def test_a_team_and_its_league_tagged_as_one_are_two_organizations(nlp: Language) -> None:
    text = "He joined the Halifax Comets of the Eastern Hockey League in 1998."
    parts = team_and_league(tagged(nlp, text, "Halifax Comets of the Eastern Hockey League"))
    assert [(p.text, p.label_) for p in parts] == [
        ("Halifax Comets", "ORG"),
        ("the Eastern Hockey League", "ORG"),
    ]


def test_a_name_with_of_the_that_is_no_team_and_league_stays_whole(nlp: Language) -> None:
    for text, name, label in (
        ("The Bank of the South lent more.", "Bank of the South", "ORG"),  # no plural team name
        ("The Brothers of the Coast met.", "Brothers of the Coast", "ORG"),  # "Coast" names no league
        ("The Comets of the Eastern Hockey League won.", "Comets of the Eastern Hockey League", "ORG"),
        ("Halifax Comets of the Eastern League", "Halifax Comets of the Eastern League", "GPE"),
    ):
        span = tagged(nlp, text, name, label)
        assert [p.text for p in team_and_league(span)] == [span.text], text
