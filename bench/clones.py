"""Filled stores for the scale figures: analysed template stories cloned into any
number of documents, without NLP (parsing 100,000 stories takes hours on two cores).

A clone renames every name but places with a tag of the clone's own ("Free Plains
Forces" -> "Freeqr Plainsqr Forcesqr"), so entities recur within a clone and every
clone adds new ones that share no word with another clone's, while places recur
everywhere, as in wire copy. Its MinHash signatures are the template's under a
mask of its own (`_signature_mask`), so clones share no paragraph the templates
happened to share, and copies among the templates stay copies in each clone.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import replace

import numpy as np

from threadline.dedup.minhash import NUM_PERM
from threadline.records import Extraction, Mention, Story
from threadline.resolve.lexicon import load_lexicon
from threadline.store import Store
from threadline.workflow import Analysed


def cloned(template: Analysed, clone: int) -> Analysed:
    """The template as another document whose names carry the clone's number
    ("Free Plains Forces 17"): new entities, the same shape of claims."""
    document = replace(template.document, source=f"{template.document.source}-c{clone}", locator="")
    extractions = [_cloned_extraction(e, document.id, clone) for e in template.extractions]
    story_ids = {
        old.story.id: new.story.id for old, new in zip(template.extractions, extractions, strict=True)
    }
    masks = {old.story.id: _signature_mask(old.story, clone) for old in template.extractions}
    minhashes = {
        (story_ids[story], part): _masked(blob, masks[story])
        for (story, part), blob in template.minhashes.items()
    }
    return Analysed(document, extractions, minhashes)


def _signature_mask(story: Story, clone: int) -> np.ndarray | None:
    """What the clone's signatures are XORed with: none for the template itself (clone
    0), else random values drawn from the clone's number and the story's headline and
    date. Two templates that are copies of one another (bench/corpus.py re-publishes a
    story with its headline and date) get the same mask in each clone, so they stay
    copies, and their shared paragraphs stay shared; every other pair of clones shares
    nothing, where the templates share boilerplate paragraphs (real news shares few)."""
    if clone == 0:
        return None
    key = hashlib.blake2b(f"{clone}\x1f{story.title}\x1f{story.published}".encode(), digest_size=8)
    rng = np.random.default_rng(int.from_bytes(key.digest(), "big"))
    return rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32)


def _masked(blob: bytes, mask: np.ndarray | None) -> bytes:
    """XOR keeps each position's equalities among signatures with one mask (similarity
    estimates between copies unchanged) and makes signatures under two masks agree
    nowhere but by chance."""
    return blob if mask is None else (np.frombuffer(blob, dtype=np.uint32) ^ mask).tobytes()


def _cloned_extraction(extraction: Extraction, document_id: str, clone: int) -> Extraction:
    story = replace(extraction.story, document_id=document_id)
    ids: dict[str, str] = {}
    mentions = []
    for m in extraction.mentions:
        new = replace(m, story_id=story.id, text=_renamed(m, clone), kb_id=None)
        ids[m.id] = new.id
        mentions.append(new)
    assertions = tuple(
        replace(
            a,
            story_id=story.id,
            subject=ids.get(a.subject, a.subject),
            object=ids.get(a.object, a.object),
            evidence=replace(a.evidence, story_id=story.id),
            attribution=replace(a.attribution, mention_id=None),
        )
        for a in extraction.assertions
    )
    events = tuple(
        replace(
            e,
            story_id=story.id,
            participants=tuple(ids.get(p, p) for p in e.participants),
            location=ids.get(e.location, e.location) if e.location else None,
            evidence=replace(e.evidence, story_id=story.id),
            attribution=replace(e.attribution, mention_id=None),
            roles=tuple((ids.get(p, p), r) for p, r in e.roles),
            claims=(),
        )
        for e in extraction.events
    )
    return Extraction(story, tuple(mentions), assertions, events)


def _renamed(mention: Mention, clone: int) -> str:
    """The name as clone `clone` writes it: every word of it but the name words the
    resolver reads as such (particles, function words, "Abu") with the clone's tag
    ("Abu Anwar" -> "Abu Anwarbq"): the same name everywhere in the clone, and a name no
    other clone shares a word with. A tag in a word of its own ("Abu Anwar 17") made
    every clone's "Abu Anwar" a candidate for every other's, and the refused pairs and
    ambiguous short forms grew with the square of the store."""
    if mention.type == "location" or clone == 0:
        return mention.text
    tag = _tag(clone)

    def tagged(word: str) -> str:
        if word.lower() in _NAME_WORDS:
            return word
        return word + (tag.upper() if word.isupper() else tag)  # an acronym stays capitals

    return _WORD.sub(lambda m: tagged(m.group()), mention.text)


def _tag(clone: int) -> str:
    """Letters of the clone's number in base 26, after a "q" (so no tag ends another)."""
    letters = ""
    while clone:
        clone, digit = divmod(clone, 26)
        letters = chr(ord("a") + digit) + letters
    return "q" + letters


_WORD = re.compile(r"[^\W\d_]{2,}")
_LEXICON = load_lexicon()
_NAME_WORDS = _LEXICON.particles | _LEXICON.stopwords | frozenset(_LEXICON.glue)


def fill(store: Store, templates: list[Analysed], size: int, batch: int = 500) -> float:
    """Write `size` cloned documents, `batch` to a transaction; the seconds it took."""
    started = time.perf_counter()
    for first in range(0, size, batch):
        clones = [
            cloned(templates[n % len(templates)], n // len(templates))
            for n in range(first, min(first + batch, size))
        ]
        store.replace_documents([(c.document, c.extractions, c.minhashes) for c in clones])
    return time.perf_counter() - started
