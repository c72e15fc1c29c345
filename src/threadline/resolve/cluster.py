"""Decide and apply: a union-find over nodes that checks every automatic merge against
the guards, and records each merge and refusal in the ledger (decisions.py).

Links are applied strongest first (analyst judgements, knowledge files,
definitions in the text, within-story short forms, cross-story matches); a
link that would put two incompatible names in one cluster is refused and the
refusal recorded, so the ledger says what was not merged and why. Names shared by
both clusters are not compared: a name already accepted into a cluster vouches
for itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from threadline.errors import Failures
from threadline.records import EntityType
from threadline.resolve.decisions import Ledger
from threadline.resolve.guards import acronym_conflict, conflict, designator_words
from threadline.resolve.isolate import Subject, failed, names_of
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name
from threadline.resolve.nodes import Node, NodeId


@dataclass(frozen=True, slots=True)
class Link:
    """A reason to put two nodes in one entity."""

    a: NodeId
    b: NodeId
    reason: str
    guarded: bool = True  # False: the text or an analyst said so; skip the name guards
    forced: bool = False  # True: an analyst's merge; nothing refuses it
    other_name: bool = False  # True: b is a name the text gives a for it ("a, better known as b")
    score: float | None = None  # the scorer's, for a scored pair


NameTable = dict[str, tuple[Name, EntityType]]  # name key -> a spelling and its node's type
NESTED_FROM = 8  # a joined cluster's reasons past this many are kept as its list, not copied (_Root)


@dataclass(slots=True)
class _Root:
    """What one cluster holds: the names the guards compare (from stories: a
    knowledge file's aliases are curated and not compared), every name key,
    its knowledge id and the reasons it was built; and the keys of the other names
    the text gave for it (a kunya, a nom de guerre), which share no part with its
    name by nature and so are not compared with names that would join it.

    `reasons` is a tree: a union appends the joined cluster's own list whole (past
    NESTED_FROM reasons; fewer are copied, a list each costing more than they do), then
    the link's reason, and `flat_reasons` reads it in that order. Copied at each union,
    as they were, a capital named in a third of the stories had its thousands of
    reasons copied again whenever its cluster joined one with more name keys."""

    names: NameTable
    keys: set[str]
    kb: str | None
    reasons: list
    other_names: frozenset[str] = frozenset()  # most clusters have none: no empty set each


class Clusters:
    """Union-find over nodes; each root keeps its names, knowledge id and reasons."""

    def __init__(
        self,
        nodes: Mapping[NodeId, Node],
        lex: Lexicon,
        apart: Iterable[tuple[str, str]] = (),
        failures: Failures | None = None,
    ) -> None:
        self.nodes = nodes
        self.lex = lex
        self.failures = failures
        self.parent: dict[NodeId, NodeId] = {nid: nid for nid in nodes}
        self.roots: dict[NodeId, _Root] = {}  # the clusters a merge made; a root not in it is its node alone
        self.apart = {frozenset(pair) for pair in apart if pair[0] != pair[1]}
        self.ledger = Ledger()  # every merge and refusal, in order

    def find(self, nid: NodeId) -> NodeId:
        """The root of a node's cluster. Roots are the parent map's own id objects,
        compared by identity (an equal id made elsewhere only takes one step more)."""
        parent = self.parent
        root = parent[nid]
        if parent[root] is root:  # a root or its child: most nodes, union by size keeps trees flat
            return root
        while (up := parent[root]) is not root:
            root = up
        while (up := parent[nid]) is not root:
            parent[nid], nid = root, up
        return root

    def keys(self, nid: NodeId) -> set[str]:
        root = self.find(nid)
        made = self.roots.get(root)
        return made.keys if made is not None else _keys(self.nodes[root])

    def kb_of(self, nid: NodeId) -> str | None:
        """Its cluster's knowledge id: a node no merge reached is asked directly (no
        cluster record made only to read one field)."""
        root = self.find(nid)
        made = self.roots.get(root)
        return made.kb if made is not None else self.nodes[root].kb_id

    def reasons(self, nid: NodeId) -> list[str]:
        made = self.roots.get(self.find(nid))
        return flat_reasons(made.reasons) if made is not None else []  # a node no merge reached has none

    def _cluster(self, root: NodeId) -> _Root:
        """What a root's cluster holds: as a merge made it, or, for a node no merge
        reached, made from the node and not kept. Most nodes are asked about (their
        knowledge id, their keys) long before the link that merges them, or never
        merge: kept, one cluster per node asked about was the top of resolution's
        memory (a dict, a set and a list each)."""
        made = self.roots.get(root)
        return made if made is not None else _root(self.nodes[root])

    def blocker(self, a: _Root, b: _Root, guarded: bool) -> str | None:
        """Why two clusters may not merge, or None."""
        if a.kb and b.kb and a.kb != b.kb:
            return f"two knowledge entries: {a.kb} / {b.kb}"
        for pair in self.apart:
            x, y = tuple(pair)
            if (x in a.keys and y in b.keys) or (y in a.keys and x in b.keys):
                return f"an analyst judged '{x}' and '{y}' distinct"
        if not guarded:
            return None
        return (
            self.odd_blocker(a.names, b.names)
            or self.odd_blocker(b.names, a.names)
            or self.pair_blocker(a, b)
        )

    def odd_blocker(self, na: NameTable, nb: NameTable) -> str | None:
        """Acronyms and bare designators ("the Strip") of one cluster must fit the
        other cluster as a whole: one name there they stand for is enough."""
        others: list[Name] | None = None  # made for the first name not in both: most links have none
        for key, (name, _) in na.items():
            if key in nb:
                continue
            if others is None:
                others = [other for other, _ in nb.values()]
            if name.is_acronym:
                why = acronym_conflict(name, others, self.lex)
                if why:
                    return why
            elif self._stands_for_none(name, others):
                return f"'{name.surface}' stands for none of '{others[0].surface}' and the rest"
        return None

    def pair_blocker(self, a: _Root, b: _Root) -> str | None:
        """Any two names, one only in each cluster, that cannot name one entity (the
        other names the text gave aside)."""
        only_a = self._only(a, b.names)
        only_b = self._only(b, a.names) if only_a else []  # none on one side: nothing to compare
        every: list[tuple[Name, EntityType]] | None = None  # made for the first conflict only
        for name_a, type_a in only_a:
            for name_b, type_b in only_b:
                why = conflict(name_a, name_b, self.lex, (type_a, type_b))
                if not why:
                    continue
                if every is None:
                    every = [v for v in {**_compared(a), **_compared(b)}.values() if not self._odd(v[0])]
                if not self._bridged((name_a, type_a), (name_b, type_b), every):
                    return why
        return None

    def _only(self, root: _Root, other: NameTable) -> list[tuple[Name, EntityType]]:
        """The names of `root` the guards compare that `other` does not hold."""
        return [v for k, v in _compared(root).items() if k not in other and not self._odd(v[0])]

    def _bridged(self, a: tuple[Name, EntityType], b: tuple[Name, EntityType], every: list) -> bool:
        """Two short forms of one fuller name do not conflict: "Mohammed Shia" and "Al Sudani"
        both fit "Mohammed Shia al-Sudani"."""
        longest = max(len(a[0].core), len(b[0].core))
        return any(
            len(full.core) > longest
            and not conflict(a[0], full, self.lex, (a[1], kind))
            and not conflict(b[0], full, self.lex, (b[1], kind))
            for full, kind in every
        )

    def _stands_for_none(self, name: Name, others: list[Name]) -> bool:
        """A designator ("the Strip") that fits no name of the other cluster."""
        if not others or not designator_words(name, self.lex):
            return False
        return all(conflict(name, other, self.lex) for other in others)

    def _odd(self, name: Name) -> bool:
        return name.is_acronym or bool(designator_words(name, self.lex))

    def union(self, link: Link, step: str = "links") -> bool:
        """Apply a link (the decide and apply of the flow); False when a guard forbids
        it. A merge or refusal is recorded in the ledger under `step`; a link within
        one cluster decides nothing and is not."""
        ra, rb = self.find(link.a), self.find(link.b)
        if ra == rb:
            return True
        roots = self.roots
        a, b = roots.get(ra) or _root(self.nodes[ra]), roots.get(rb) or _root(self.nodes[rb])  # _cluster's
        why = None if link.forced else self.blocker(a, b, link.guarded)
        ends = (self.nodes[link.a], self.nodes[link.b])
        if why:
            self.ledger.record(step, "refused", *ends, f"{link.reason}: {why}", link.score)
            return False
        self.ledger.record(step, "merged", *ends, link.reason, link.score)
        if (len(a.keys), ra) < (len(b.keys), rb):
            ra, rb, a, b = rb, ra, b, a
        self.parent[rb] = ra
        self.roots.pop(rb, None)
        self.roots[ra] = a
        a.names.update(b.names)
        a.keys |= b.keys
        a.kb = a.kb or b.kb
        if b.other_names:
            a.other_names = a.other_names | b.other_names
        if link.other_name:
            a.other_names = a.other_names | {n.key for n in self.nodes[link.b].names}
        if len(b.reasons) > NESTED_FROM:
            a.reasons.append(b.reasons)  # the joined cluster's reasons in order, not copied (_Root)
        else:
            a.reasons.extend(b.reasons)
        a.reasons.append(link.reason)
        return True

    def apply(self, links: Iterable[Link], step: str = "links", where: Subject | None = None) -> None:
        """Apply each link, its decision recorded under `step`. With `failures`, a link
        the guards fail on is recorded and skipped, and a step that fails while making
        its links (`where`: which, in words) loses only the rest of them."""
        failures = self.failures
        if failures is None:
            for each in links:
                self.union(each, step)
            return
        found = iter(links)
        # attempt() inlined: a wrapper and two partials per link were a tenth of resolution
        while (link := _next(found, failures, where or step)) is not None:
            try:
                self.union(link, step)
            except Exception as exc:
                failed(failures, partial(self._linking, link), exc)

    def _linking(self, link: Link) -> str:
        ends = (self.nodes.get(link.a), self.nodes.get(link.b))
        return f"linking {names_of(n for n in ends if n)}: {link.reason}"

    def groups(self) -> dict[NodeId, list[NodeId]]:
        """Root -> member node ids, members in node order."""
        out: dict[NodeId, list[NodeId]] = {}
        for nid in self.nodes:
            out.setdefault(self.find(nid), []).append(nid)
        return out


def _next(found: Iterator[Link], failures: Failures, where: Subject) -> Link | None:
    """The next link; None at the end, or once making one fails (recorded: the step's
    other links are lost, the rest of resolution goes on)."""
    try:
        return next(found, None)
    except Exception as exc:
        failed(failures, partial(_finding, where), exc)
        return None


def _finding(where: Subject) -> str:
    return f"finding {where if isinstance(where, str) else where()}"


def flat_reasons(tree: list) -> list[str]:
    """A cluster's reasons in the order the unions gave them: a list in `tree` is a
    joined cluster's, read whole where it stands (depth first, without recursion: a
    chain of unions nests as deep as it is long)."""
    out: list[str] = []
    stack = [iter(tree)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return out


def _compared(root: _Root) -> NameTable:
    """The names a joining name is compared with: the other names the text gave aside,
    unless they are all the cluster has."""
    if not root.other_names:
        return root.names
    kept = {k: v for k, v in root.names.items() if k not in root.other_names}
    return kept or root.names


def _root(node: Node) -> _Root:
    names = {} if node.is_known else {n.key: (n, node.type) for n in node.names}
    return _Root(names=names, keys=_keys(node), kb=node.kb_id, reasons=[])


def _keys(node: Node) -> set[str]:
    return {node.key, *(n.key for n in node.names if n.key)}  # a name with no letters has only its node key
