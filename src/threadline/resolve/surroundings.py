"""What the resolution of a region reads from the rest of the corpus.

A region (resolve/region.py) holds only some of the corpus's names, yet two of the
resolver's rules read beyond them in a whole run: the acronyms the corpus defines
("Long Name (LN)" in any story) and, inside one story, what the text says between
names (an acronym in brackets right after a name, "X, known as Y"), which is read
among all the story's names. A region's run is given both as the whole run sees them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadline.records import Mention
from threadline.resolve.acronyms import AcronymDefinition


@dataclass(frozen=True, slots=True)
class Surroundings:
    definitions: tuple[AcronymDefinition, ...]  # every story's, stories in id order
    text_mentions: Mapping[str, Sequence[Mention]]  # story id -> its text mentions, in node order
