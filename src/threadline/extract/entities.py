"""Entity spans read off the tokens' entity tags, for one token or one stretch of a Doc.

`Doc.ents` (and `Span.ents`, which goes through it) builds a Span for every entity of
the whole Doc on each access; asked once per trigger or per sentence of a long story,
that is quadratic in the story's length. These read only the tokens asked about, and
give the same spans (label, kb id and id included) that `Doc.ents` would.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

BEGIN, INSIDE = 3, 1  # Token.ent_iob: 3 opens an entity, 1 continues one (2 outside, 0 unset)


def _opens(token: Token) -> bool:
    return token.ent_iob == BEGIN and token.ent_type != 0


def entity_at(token: Token) -> Span | None:
    """The entity that starts on `token`, or None."""
    if not _opens(token):
        return None
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob == INSIDE:
        end += 1
    return Span(doc, token.i, end, label=token.ent_type, kb_id=token.ent_kb_id, span_id=token.ent_id)


def entities_in(span: Span) -> Iterator[Span]:
    """The entities that lie wholly inside `span`, in order (as `Span.ents` gives them)."""
    for token in span:
        entity = entity_at(token)
        if entity is not None and entity.end <= span.end:
            yield entity
