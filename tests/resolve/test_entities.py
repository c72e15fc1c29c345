"""What resolution computes its own way for speed gives what the plain way gives: mention
ids hashed directly, and a cluster's reasons kept as a tree rather than copied."""

from __future__ import annotations

import random

from threadline.records import Mention
from threadline.resolve.cluster import NESTED_FROM, Clusters, Link, flat_reasons
from threadline.resolve.entities import mention_id
from threadline.resolve.lexicon import load_lexicon
from threadline.resolve.nodes import known_node


def test_a_mention_id_hashed_directly_is_the_mentions_own() -> None:
    mentions = [
        Mention("s-0a1b2c3d4e5f6a7b", 0, 5, "Gao", "location", "GPE"),
        Mention("s-0a1b2c3d4e5f6a7b", 0, 5, "Gao", "location", "GPE", zone="title"),
        Mention("s-0a1b2c3d4e5f6a7b", 123456, 123470, "Ahmed Hafi", "person", "PERSON", kb_id="k"),
        Mention("story/é ü 中", 7, 70000, "X", "other", "ORG"),
        Mention("title", 1, 2, "Y", "person", "PERSON", zone="title"),
    ]
    assert [mention_id(m) for m in mentions] == [m.id for m in mentions]
    assert len({mention_id(m) for m in mentions}) == len(mentions)


def test_reasons_read_from_a_tree_in_the_order_given() -> None:
    tree = ["a", ["b", ["c", "d"], [], "e"], "f", [["g"]], "h"]
    assert flat_reasons(tree) == list("abcdefgh")
    deep: list = ["z"]
    for _ in range(5000):  # a chain of unions nests as deep as it is long: no recursion
        deep = [deep, "y"]
    assert flat_reasons(deep) == ["z"] + ["y"] * 5000


def test_a_clusters_reasons_are_those_the_unions_gave_in_order() -> None:
    """Unions in a random order, each cluster's reasons against a model that copies them
    at each union (as resolution did): the survivor's, the joined one's, the link's."""
    lex = load_lexicon()
    nodes = {n.id: n for n in (known_node(f"k{i}", [f"Name{i}"], "person", lex) for i in range(60))}
    ids = list(nodes)
    clusters = Clusters(nodes, lex)
    model: dict = {nid: [] for nid in ids}
    rng = random.Random(5)
    for step in range(400):
        a, b = rng.sample(ids, 2)
        ra, rb = clusters.find(a), clusters.find(b)
        reason = f"reason {step}"
        clusters.union(Link(a, b, reason, forced=True))
        if ra == rb:
            continue
        root = clusters.find(a)
        other = rb if root == ra else ra
        model[root] = model[root] + model[other] + [reason]
    assert max(len(model[clusters.find(n)]) for n in ids) > NESTED_FROM * 4
    for nid in ids:
        assert clusters.reasons(nid) == model[clusters.find(nid)]
