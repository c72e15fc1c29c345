"""Analyst judgements: merges, splits and renames that resolution applies and never overrides.

A judgement names its subjects by entity id ("e-…", as an earlier run
exported it), by knowledge id ("kb:asaib-ahl-al-haq") or by a name as written
("Ahmed Al-Hafi": every mention with that normalised name). When judgements
disagree about one pair of subjects, the later one (by `created`) stands.

- merge:  the subjects are one entity, whatever the guards say;
- split:  the subjects are different entities: no automatic link, not even a
          knowledge-file or in-text one, puts any two of them together; the names split
          off keep the type of the entity they were split from (a person's surname
          stays a person's, whatever the model calls it alone);
- rename: the entity holding subjects[0] is shown as `name`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from threadline.records import Judgement, content_id
from threadline.resolve.cluster import Link
from threadline.resolve.entity_types import TYPES
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import parse_name
from threadline.resolve.nodes import KB_STORY, Node, NodeId, node_key


def entity_anchor(node: Node) -> str:
    """What an entity id is hashed from: its knowledge id, else its name key."""
    return f"kb:{node.kb_id}" if node.is_known and node.kb_id else node.key


def entity_id(entity_type: str, anchor: str) -> str:
    return content_id("e", entity_type, anchor)


def subject_index(nodes: Mapping[NodeId, Node]) -> dict[str, set[NodeId]]:
    """Every way a judgement may name nodes: possible entity ids, knowledge ids, keys."""
    index: dict[str, set[NodeId]] = {}
    for nid, node in nodes.items():
        anchor = entity_anchor(node)
        refs = [entity_id(t, anchor) for t in TYPES] + [f"key:{node.key}"]
        if node.is_known:
            refs.append(node.story_id)  # "kb:" + knowledge id
        for ref in refs:
            index.setdefault(ref, set()).add(nid)
    return index


def resolve_subject(subject: str, index: Mapping[str, set[NodeId]], lex: Lexicon) -> frozenset[NodeId]:
    """The nodes a judgement's subject names; empty when it names none in this corpus."""
    if subject.startswith(("e-", KB_STORY)):
        return frozenset(index.get(subject, ()))
    return frozenset(index.get(f"key:{node_key(parse_name(subject, lex))}", ()))


def _pairs(judgement: Judgement) -> Iterator[tuple[str, str]]:
    for a, b in combinations(judgement.subjects, 2):
        yield (a, b) if a <= b else (b, a)


def standing(judgements: Iterable[Judgement]) -> dict[tuple[str, str], Judgement]:
    """For each pair of subjects, the latest merge or split judgement about it."""
    out: dict[tuple[str, str], Judgement] = {}
    for j in sorted(judgements, key=lambda j: j.created):
        if j.kind in ("merge", "split"):
            out.update({pair: j for pair in _pairs(j)})
    return out


def merge_links(
    judgements: Sequence[Judgement], index: Mapping[str, set[NodeId]], lex: Lexicon
) -> Iterator[Link]:
    """Forced links for every standing merge."""
    for (a, b), j in sorted(standing(judgements).items()):
        if j.kind != "merge":
            continue
        nodes = sorted(resolve_subject(a, index, lex) | resolve_subject(b, index, lex))
        for other in nodes[1:]:
            yield Link(nodes[0], other, j.describe(), guarded=False, forced=True)


def apart_keys(
    judgements: Sequence[Judgement],
    index: Mapping[str, set[NodeId]],
    nodes: Mapping[NodeId, Node],
    lex: Lexicon,
) -> set[tuple[str, str]]:
    """Pairs of name keys that standing splits keep in different entities."""
    out: set[tuple[str, str]] = set()
    for (a, b), j in standing(judgements).items():
        if j.kind != "split":
            continue
        keys_a = {nodes[n].key for n in resolve_subject(a, index, lex)}
        keys_b = {nodes[n].key for n in resolve_subject(b, index, lex)}
        out.update((x, y) for x in keys_a for y in keys_b if x != y)
    return out


def renames(
    judgements: Sequence[Judgement], index: Mapping[str, set[NodeId]], lex: Lexicon
) -> list[tuple[frozenset[NodeId], Judgement]]:
    """Each rename with the nodes it names, oldest first (so the latest is applied last)."""
    out = []
    for j in sorted(judgements, key=lambda j: j.created):
        if j.kind == "rename" and j.name and j.subjects:
            out.append((resolve_subject(j.subjects[0], index, lex), j))
    return out


def split_off_types(
    judgements: Sequence[Judgement], nodes: Mapping[NodeId, Node], lex: Lexicon
) -> dict[NodeId, Node]:
    """The nodes, those a standing split names after its first subject typed as the
    entity they were split from, unless a knowledge file fixes their type."""
    typed = dict(nodes)
    splits = [j for j in judgements if j.kind == "split" and j.entity_type]
    if not splits:
        return typed
    stands, index = standing(judgements), subject_index(nodes)
    for j in splits:
        for subject in j.subjects[1:]:
            a, b = sorted((j.subjects[0], subject))
            if stands.get((a, b)) is not j:
                continue  # a later judgement about the pair stands instead
            for nid in resolve_subject(subject, index, lex):
                if typed[nid].known_type is None:
                    typed[nid] = replace(typed[nid], known_type=j.entity_type)
    return typed
