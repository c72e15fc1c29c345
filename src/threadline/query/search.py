"""Full text over stories, quotes and entity names, ranked, with snippets.

What the user typed is never handed to the full-text engine as syntax: it is cut into
words (letters and digits), each quoted, so `"`, `'`, `%`, `--`, `;`, `NEAR(` or `*` are
at most words. All words must match; when none then does, any may.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from threadline.query.index import SEARCH, ensure_index, is_postgres
from threadline.query.names import fold
from threadline.query.pg_folding import search_config
from threadline.query.records import SearchHit, SearchPage
from threadline.query.snippets import CLOSE, OPEN, read_marked
from threadline.store import Store

MAX_LIMIT = 200
_WORD = re.compile(r"\w+")


def words_of(query: str) -> list[str]:
    """The query's words, as the index tokenizes them (articles such as "al" kept when
    they are all there is)."""
    raw = _WORD.findall(query.lower().replace("_", " "))
    # lower case, not casefold: the indexes fold case letter by letter and keep "ß"
    # (SQLite's unicode61; PostgreSQL's unaccent makes it "ss" on both sides)
    folded = fold(query, casefold=False).split()
    return folded or raw


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
    """Hits for `query`, best first: a name or title weighs more than body text. Texts
    holding every word, or where none does, texts holding any."""
    limit, offset = max(0, min(limit, MAX_LIMIT)), max(0, offset)
    words = words_of(query)
    if not words or not limit:
        return SearchPage(query, limit, offset, [])
    ensure_index(store)
    with store.snapshot() as conn:
        run = _postgres if is_postgres(conn) else _sqlite
        # every word, or, where no text has them all, any of them: chosen once for all pages,
        # so that paging through one never drops into the other
        joiner = " " if run(conn, words, " ", 1, 0) else " OR "
        hits = run(conn, words, joiner, limit, offset)
    return SearchPage(query, limit, offset, hits)


def _sqlite(conn: Connection, words: list[str], joiner: str, limit: int, offset: int) -> list[SearchHit]:
    match = joiner.join(f'"{w}"*' if len(w) > 2 else f'"{w}"' for w in words)
    query = text(
        f"SELECT kind, ref, story, title, snippet({SEARCH}, 4, :open, :close, '…', 16) AS body_snip, "
        f"snippet({SEARCH}, 3, :open, :close, '…', 16) AS title_snip, "
        f"bm25({SEARCH}, 0, 0, 0, 6.0, 1.0, 8.0) AS rank "
        f"FROM {SEARCH} WHERE {SEARCH} MATCH :m ORDER BY rank, kind, ref LIMIT :limit OFFSET :offset"
    )
    params = {"m": match, "limit": limit, "offset": offset, "open": OPEN, "close": CLOSE}
    hits = []
    for r in conn.execute(query, params).mappings():
        body = r["body_snip"] or ""
        snippet, matches = read_marked(body if OPEN in body else r["title_snip"] or body)
        hits.append(
            SearchHit(r["kind"], r["ref"], r["story"], r["title"], snippet, float(r["rank"]), matches)
        )
    return hits


def _postgres(conn: Connection, words: list[str], joiner: str, limit: int, offset: int) -> list[SearchHit]:
    operator = " | " if joiner.strip() == "OR" else " & "
    tsquery = operator.join(f"{w}:*" for w in words)  # words are \w+: no tsquery syntax left
    config = search_config(conn)  # as the index was built: accents folded, or not at all
    document = f"to_tsvector('{config}', title || ' ' || body || ' ' || keys)"
    query = text(
        f"SELECT kind, ref, story, title, ts_headline('{config}', body, q, :options) AS snip, "
        f"ts_rank(setweight(to_tsvector('{config}', title || ' ' || keys), 'A') || "
        f"setweight(to_tsvector('{config}', body), 'D'), q) AS score "
        f"FROM {SEARCH}, to_tsquery('{config}', :q) q WHERE {document} @@ q "
        "ORDER BY score DESC, kind, ref LIMIT :limit OFFSET :offset"
    )
    options = f'StartSel="{OPEN}", StopSel="{CLOSE}", MaxWords=24, MinWords=8'
    rows = conn.execute(query, {"q": tsquery, "limit": limit, "offset": offset, "options": options})
    hits = []
    for r in rows.mappings():
        snippet, matches = read_marked(r["snip"] or r["title"])
        hits.append(
            SearchHit(r["kind"], r["ref"], r["story"], r["title"], snippet, -float(r["score"]), matches)
        )
    return hits
