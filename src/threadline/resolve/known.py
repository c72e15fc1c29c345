"""Links to knowledge-file entries: the gazetteer's match, or a name the entry lists.

A name two entries both list links to neither (unless the gazetteer chose one
for that mention): the files disagree and resolution will not pick for them.

A name links to an entry only where the types can agree: an entry's type beats the
model's bare label (the small model calls many militias PERSON, and the entry is what
corrects it), but not the words around or inside the mentions. A person listed as
"Jamal Aziz" does not absorb the "Jamal Aziz militia" a story's cues call an
organization: same name, another entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from threadline.errors import Failures
from threadline.records import EntityType
from threadline.resolve.cluster import Link
from threadline.resolve.entity_types import NER, SETTLED_LABELS
from threadline.resolve.isolate import attempt, listed
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.nodes import Node, NodeId, known_node
from threadline.vocab import KnownEntity


def known_nodes(
    known: Sequence[KnownEntity], lex: Lexicon, failures: Failures | None = None
) -> dict[NodeId, Node]:
    """One node per knowledge entry (the first entry wins an id listed twice); an entry
    whose names cannot be read is recorded and left out."""
    out: dict[str, Node] = {}
    for entry in known:
        if entry.id not in out:
            subject = f"reading knowledge entry {entry.id}: {listed(repr(n) for n in entry.names)}"
            node = attempt(failures, subject, partial(known_node, entry.id, entry.names, entry.type, lex))
            if node is not None:
                out[entry.id] = node
    return {node.id: node for node in out.values()}


def _index(kb_nodes: Mapping[NodeId, Node]) -> dict[str, set[NodeId]]:
    index: dict[str, set[NodeId]] = defaultdict(set)
    for node in kb_nodes.values():
        for name in node.names:
            index[name.key].add(node.id)
    return index


def known_links(nodes: Mapping[NodeId, Node], kb_nodes: Mapping[NodeId, Node]) -> Iterator[Link]:
    """Each mention node to the entry the gazetteer matched, or the one entry listing its name."""
    by_kb = {node.kb_id: node for node in kb_nodes.values()}
    index = _index(kb_nodes)
    for node in nodes.values():
        if node.kb_id in by_kb:
            entry = by_kb[node.kb_id]
            yield Link(
                node.id,
                entry.id,
                f"knowledge file: {node.kb_id} (gazetteer match '{node.name.surface}')",
                guarded=False,
            )
            continue
        targets = index.get(node.key, set())
        if len(targets) == 1:
            entry = kb_nodes[next(iter(targets))]
            if not types_agree(node, entry):
                continue
            yield Link(
                node.id, entry.id, f"knowledge file: {entry.kb_id} lists '{node.name.surface}'", guarded=False
            )


def cue_votes(node: Node) -> Counter[EntityType]:
    """The node's type votes less what the model's labels cast: those of the words around
    and inside its mentions, and of the labels an NLP rule settled (a dateline's place)."""
    cues = Counter(node.votes)
    for mention in node.mentions:
        if mention.label not in SETTLED_LABELS:
            cues[mention.type] -= NER
    return Counter({kind: votes for kind, votes in cues.items() if votes > 0})


def types_agree(node: Node, entry: Node) -> bool:
    """Whether a mention node may be the entry it shares a name with: yes where the node's
    cues say nothing, or say (among others) the entry's type; no where every cue names
    another type. An entry of type "other" and a known node agree with anything."""
    if node.is_known or entry.type == "other":
        return True
    cues = cue_votes(node)
    return not cues or cues[entry.type] > 0
