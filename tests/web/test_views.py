"""The pure helpers behind the pages: a story cut around its quote, snippets, graph filters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threadline.query.records import Edge, Network, Node, Span
from threadline.query.snippets import parts, read_marked
from threadline.web.graph_filter import filter_network, in_range
from threadline.web.text_view import story_segments

TEXT = "The council met on Monday. <script>alert(1)</script> Officials said the talks would resume."


def test_the_highlighted_quote_is_one_piece_and_the_text_is_whole() -> None:
    start = TEXT.index("Officials")
    spans = [Span(0, 26, "fact", "f-1", "member_of"), Span(start, len(TEXT), "event", "v-1", None)]
    pieces = story_segments(TEXT, (start, len(TEXT)), spans)
    assert "".join(p.text for p in pieces) == TEXT
    assert [p.text for p in pieces if p.kind == "quote"] == [TEXT[start:]]
    assert [p.text for p in pieces if p.kind == "span"] == [TEXT[:26]]


def test_a_highlight_outside_the_text_is_ignored() -> None:
    for bad in ((5, 2), (-1, 4), (3, len(TEXT) + 1)):
        pieces = story_segments(TEXT, bad, [])
        assert [p.kind for p in pieces] == ["text"] and pieces[0].text == TEXT


@given(
    st.text(max_size=60),
    st.integers(-5, 70),
    st.integers(-5, 70),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=4),
)
def test_segments_always_join_back_to_the_text(
    text: str, a: int, b: int, spans: list[tuple[int, int]]
) -> None:
    cited = [Span(x, y, "fact", None, None) for x, y in spans]
    assert "".join(p.text for p in story_segments(text, (a, b), cited)) == text


def test_snippet_parts_mark_exactly_the_matched_words_whatever_brackets_the_text_holds() -> None:
    snippet, matches = read_marked("the \x02Treasury\x03 named [him] [\x02sic\x03] today")
    assert snippet == "the Treasury named [him] [sic] today"
    assert parts(snippet, matches) == [
        ("the ", False),
        ("Treasury", True),
        (" named [him] [", False),
        ("sic", True),
        ("] today", False),
    ]
    assert parts("<b>plain</b>", []) == [("<b>plain</b>", False)]


@given(st.text(alphabet=st.characters(blacklist_characters="\x02\x03"), max_size=40), st.data())
def test_any_text_marked_anywhere_reads_back_as_itself_and_its_spans(text: str, data: st.DataObject) -> None:
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    marked, last = "", 0
    for a, b in pairs:
        marked += text[last:a] + "\x02" + text[a:b] + "\x03"
        last = b
    snippet, matches = read_marked(marked + text[last:])
    assert snippet == text and matches == pairs
    assert "".join(piece for piece, _ in parts(snippet, matches)) == text


def edge(ident: str, source: str, target: str, dates: list[str]) -> Edge:
    return Edge(ident, source, target, "member_of", "fact", 1, dates, None, "asserted", False, None)


def test_date_ranges_compare_at_the_precision_of_each_date() -> None:
    assert in_range(edge("f", "a", "b", ["2025-03"]), "2025-03-10", "2025-03-20")
    assert in_range(edge("f", "a", "b", ["2025-03-15"]), "2025-03-10", None)
    assert not in_range(edge("f", "a", "b", ["2025-02-28"]), "2025-03-01", None)
    assert not in_range(edge("f", "a", "b", []), "2025-01-01", None)
    assert in_range(edge("f", "a", "b", []), None, None)


def test_type_and_date_filters_drop_edges_and_the_nodes_left_alone() -> None:
    nodes = [
        Node("c", "Centre", "person", 0),
        Node("o", "Group", "organization", 1),
        Node("p", "Town", "location", 1),
    ]
    graph = Network(
        "c", 1, nodes, [edge("f1", "c", "o", ["2025-03-01"]), edge("f2", "c", "p", ["2024-01-01"])], False
    )
    groups = filter_network(graph, {"organization"})
    assert [n.id for n in groups.nodes] == ["c", "o"] and [e.id for e in groups.edges] == ["f1"]
    recent = filter_network(graph, None, "2025-01-01")
    assert [e.id for e in recent.edges] == ["f1"] and {n.id for n in recent.nodes} == {"c", "o"}
