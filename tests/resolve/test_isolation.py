"""One broken unit never costs the corpus: resolution records it and resolves the rest."""

from __future__ import annotations

import pytest

import threadline.resolve as resolve_package
from threadline.errors import Failures
from threadline.resolve import cluster, cross_story, nodes, resolve_entities
from threadline.vocab import KnownEntity

from .conftest import mentions_in

STORIES = (
    (
        "s1",
        "Ahmed Sallim Hafi met Karim Obeid in Gao.",
        {"Ahmed Sallim Hafi": "person", "Karim Obeid": "person", "Gao": "location"},
    ),
    ("s2", "Karim Obaid spoke in Gao.", {"Karim Obaid": "person", "Gao": "location"}),
    ("s3", "Hafi denied it.", {"Hafi": "person"}),
)


def _corpus():
    mentions = [m for sid, text, types in STORIES for m in mentions_in(sid, text, types)]
    return mentions, {sid: text for sid, text, _ in STORIES}


def test_a_knowledge_alias_fuller_than_the_entry_name_is_scored_without_error() -> None:
    """The old crash: the scorer's pair came back keyed by the alias's name key, which is
    not the knowledge node's key."""
    entry = KnownEntity(id="hafi", name="Ahmed Hafi", type="person", aliases=("Ahmed Salim Hafi",))
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, [entry], failures=failures)
    assert not failures
    hafi = {result.entity_of[m.id] for m in mentions if m.text == "Ahmed Sallim Hafi"}
    assert [e.kb_id for e in result.entities if e.id in hafi] == ["hafi"]


def test_a_pair_the_scorer_fails_on_is_recorded_and_the_rest_resolves(monkeypatch) -> None:
    real = cross_story.score

    def broken(a, b, *args):
        if "Karim Obeid" in (a.surface, b.surface):
            raise ValueError("cannot compare")
        return real(a, b, *args)

    monkeypatch.setattr(cross_story, "score", broken)
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, failures=failures)
    [failure] = failures.items
    assert (
        failure.step == "resolution" and "Karim Obeid" in failure.subject and "Karim Obaid" in failure.subject
    )
    assert "ValueError: cannot compare" in failure.error
    assert set(result.entity_of) == {m.id for m in mentions}
    of = {m.text: result.entity_of[m.id] for m in mentions}
    assert of["Karim Obeid"] != of["Karim Obaid"]  # the failed pair is left apart
    assert of["Hafi"] == of["Ahmed Sallim Hafi"]  # everything else still links


def test_a_story_whose_names_cannot_be_read_keeps_its_mentions_as_written(monkeypatch) -> None:
    real = nodes.parse_name

    def broken(text, *args):
        if text == "Hafi":
            raise RuntimeError("unreadable")
        return real(text, *args)

    monkeypatch.setattr(nodes, "parse_name", broken)
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, failures=failures)
    assert [f.subject for f in failures.items] == ["reading the names of story s3: 'Hafi'"]
    by_id = {e.id: e for e in result.entities}
    assert set(result.entity_of) == {m.id for m in mentions}
    hafi = next(m for m in mentions if m.text == "Hafi")
    assert by_id[result.entity_of[hafi.id]].name == "Hafi"
    gao = {result.entity_of[m.id] for m in mentions if m.text == "Gao"}
    assert len(gao) == 1


def test_a_cluster_that_cannot_be_built_leaves_its_mentions_as_written(monkeypatch) -> None:
    real = resolve_package.build_entity

    def broken(members, *args):
        if any(n.name.surface == "Gao" for n in members):
            raise KeyError("gao")
        return real(members, *args)

    monkeypatch.setattr(resolve_package, "build_entity", broken)
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, failures=failures)
    [failure] = failures.items
    assert "'Gao' (s1)" in failure.subject and "'Gao' (s2)" in failure.subject
    names = sorted(e.name for e in result.entities)
    assert names.count("Gao") == 1 and "Ahmed Sallim Hafi" in names


def test_without_failures_to_record_into_errors_propagate(monkeypatch) -> None:
    monkeypatch.setattr(cross_story, "score", lambda *args: 1 / 0)
    mentions, texts = _corpus()
    with pytest.raises(ZeroDivisionError):
        resolve_entities(mentions, texts)


def _gao_entities(result, mentions) -> set[str]:
    return {result.entity_of[m.id] for m in mentions if m.text == "Gao"}


def test_a_link_the_guards_fail_on_is_recorded_and_the_rest_links(monkeypatch) -> None:
    real = cluster.Clusters.blocker

    def broken(self, a, b, guarded):
        if "gao" in a.keys or "gao" in b.keys:
            raise RuntimeError("guard broke")
        return real(self, a, b, guarded)

    monkeypatch.setattr(cluster.Clusters, "blocker", broken)
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, failures=failures)
    [failure] = failures.items
    assert failure.subject.startswith("linking 'Gao' (s1), 'Gao' (s2): ")
    assert failure.error == "RuntimeError: guard broke"
    assert len(_gao_entities(result, mentions)) == 2  # the failed link is not applied
    of = {m.text: result.entity_of[m.id] for m in mentions}
    assert of["Hafi"] == of["Ahmed Sallim Hafi"]  # the links after it still apply


def test_a_step_that_fails_while_making_its_links_loses_only_their_rest(monkeypatch) -> None:
    def broken(node, head):
        raise ValueError("no reason")

    monkeypatch.setattr(cross_story, "same_name_reason", broken)
    mentions, texts = _corpus()
    failures = Failures()
    result = resolve_entities(mentions, texts, failures=failures)
    assert [(f.subject, f.error) for f in failures.items] == [
        ("finding equal names", "ValueError: no reason")
    ]
    assert len(_gao_entities(result, mentions)) == 2
    of = {m.text: result.entity_of[m.id] for m in mentions}
    assert of["Hafi"] == of["Ahmed Sallim Hafi"]  # the later steps still run


def test_without_failures_a_guard_that_raises_propagates(monkeypatch) -> None:
    def broken(self, a, b, guarded):
        raise RuntimeError("guard broke")

    monkeypatch.setattr(cluster.Clusters, "blocker", broken)
    mentions, texts = _corpus()
    with pytest.raises(RuntimeError, match="guard broke"):
        resolve_entities(mentions, texts)
