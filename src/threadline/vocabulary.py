"""One model of the vocabulary: every word list, pattern and knowledge file of one data folder.

A `Vocabulary` is built from a data folder (`settings.data_dir`, `THREADLINE_DATA`) and
reads each part on first use, once; its parts are the typed records of the stages that
own the files (the ontology, role and trigger lexicons, relation and event cues, entity
cues and name words, boilerplate and ingest cues, resolve lexicon, places extras,
knowledge entities). An ingest loads it once and hands it to the stages: the spaCy
pipeline carries it (`attach`, `of_pipeline`), a prepared story's Doc carries it to
extraction (`attach_to_doc`, `of_doc`), the global steps get it in their inputs. The
helpers not yet handed it (the ingest readers, the GeoNames index build) ask
`active()`, which the ingest and every command set to the same object (`using`);
outside a run the bundled folder's vocabulary is active. Lists several stages share
(weekdays, months, speech verbs, the order of modalities) are defined here or in one
data file, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threadline.settings import DATA_DIR

if TYPE_CHECKING:
    import re

    from threadline.export.fatalities import CasualtyReader
    from threadline.extract.events.lexicon import ClaimCues, EventContexts, HappeningCues, SlotLexicon
    from threadline.extract.relations.cues import RelationCues
    from threadline.extract.relations.learned import RelationModel
    from threadline.extract.vocabulary import ModalityCues, Ontology, RoleLexicon, TriggerLexicon
    from threadline.ingest.boilerplate import Rule
    from threadline.ingest.dates import Label
    from threadline.places.extras import Extras
    from threadline.resolve.lexicon import Lexicon
    from threadline.vocab import KnownEntity

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


class Vocabulary:
    """The vocabularies of one data folder, each read on first use and kept with the object.

    Imports of the stages' readers are local: the stages import this module to find
    the active vocabulary."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)

    def __repr__(self) -> str:
        return f"Vocabulary({str(self.data_dir)!r})"

    # extract: ontology, roles, triggers, modality, relation and event cues
    @cached_property
    def ontology(self) -> Ontology:
        from threadline.extract.vocabulary import read_ontology

        return read_ontology(self.data_dir)

    @cached_property
    def roles(self) -> RoleLexicon:
        from threadline.extract.vocabulary import read_roles

        return read_roles(self.data_dir)

    @cached_property
    def triggers(self) -> TriggerLexicon:
        from threadline.extract.vocabulary import read_triggers

        return read_triggers(self.data_dir)

    @cached_property
    def nationality_countries(self) -> frozenset[str]:
        """The countries roles.yaml names beside each nationality word, lower-cased."""
        return frozenset(n.lower() for names in self.roles.nationalities.values() for n in names)

    @cached_property
    def modality(self) -> ModalityCues:
        from threadline.extract.vocabulary import read_modality

        return read_modality(self.data_dir)

    @cached_property
    def relation_cues(self) -> RelationCues:
        from threadline.extract.relations.cues import read_cues

        return read_cues(self.data_dir)

    @cached_property
    def relation_model(self) -> RelationModel | None:
        from threadline.extract.relations.learned import read_model

        return read_model(self.data_dir)

    @cached_property
    def event_slots(self) -> SlotLexicon:
        from threadline.extract.events.lexicon import read_slots

        return read_slots(self.data_dir)

    @cached_property
    def claim_cues(self) -> ClaimCues:
        from threadline.extract.events.lexicon import read_claim_cues

        return read_claim_cues(self.data_dir, self.modality.speech_verbs)

    @cached_property
    def happening(self) -> HappeningCues:
        from threadline.extract.events.lexicon import read_happening

        return read_happening(self.data_dir)

    @cached_property
    def event_contexts(self) -> EventContexts:
        from threadline.extract.events.lexicon import read_contexts

        return read_contexts(self.data_dir)

    # nlp: the cues the spaCy components read (entity_cues.yaml, names_words.yaml)
    @cached_property
    def entity_cues(self) -> dict[str, Any]:
        """entity_cues.yaml as parsed; each nlp component takes its sections from here."""
        from threadline.vocab import load_yaml

        return dict(load_yaml("entity_cues.yaml", self.data_dir) or {})

    @cached_property
    def names_words(self) -> dict[str, Any]:
        """names_words.yaml as parsed: titles, generic and unit words of names."""
        from threadline.vocab import load_yaml

        return dict(load_yaml("names_words.yaml", self.data_dir) or {})

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """The title words of names_words.yaml ("President", "General", ...)."""
        return tuple(self.names_words.get("titles") or ())

    # ingest: boilerplate and the cues of page structure
    @cached_property
    def boilerplate_rules(self) -> tuple[Rule, ...]:
        from threadline.ingest.boilerplate import read_rules

        return read_rules(self.data_dir)

    @cached_property
    def tail_patterns(self) -> tuple[re.Pattern[str], ...]:
        from threadline.ingest.boilerplate import read_tail_patterns

        return read_tail_patterns(self.data_dir)

    @cached_property
    def ingest_cues(self) -> dict[str, Any]:
        """ingest_cues.yaml as parsed; the ingest modules compile their sections below."""
        from threadline.vocab import load_yaml

        return dict(load_yaml("ingest_cues.yaml", self.data_dir) or {})

    @cached_property
    def caption_patterns(self) -> tuple[re.Pattern[str], ...]:
        from threadline.ingest.captions import read_caption_patterns

        return read_caption_patterns(self.ingest_cues)

    @cached_property
    def dangling_words(self) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.ingest_cues["dangling_words"])

    @cached_property
    def section_labels(self) -> frozenset[str]:
        return frozenset(str(s).casefold() for s in self.ingest_cues["section_labels"])

    @cached_property
    def outlet_words(self) -> frozenset[str]:
        return frozenset(str(s).casefold() for s in self.ingest_cues["outlet_words"])

    @cached_property
    def date_labels(self) -> tuple[tuple[re.Pattern[str], Label], ...]:
        from threadline.ingest.dates import read_labels

        return read_labels(self.ingest_cues)

    @cached_property
    def html_meta(self) -> dict[str, tuple[str, ...]]:
        keys = self.ingest_cues["html_meta"]
        names = ("title", "outlet", "published", "url")
        return {name: tuple(str(k).lower() for k in keys[name]) for name in names}

    # knowledge, resolve and places
    @cached_property
    def knowledge(self) -> tuple[KnownEntity, ...]:
        from threadline.vocab import read_knowledge

        return read_knowledge(self.data_dir)

    @cached_property
    def demonyms(self) -> dict[str, str]:
        from threadline.vocab import read_demonyms

        return read_demonyms(self.data_dir, self.knowledge)

    @cached_property
    def lexicon(self) -> Lexicon:
        from threadline.resolve.lexicon import read_lexicon

        return read_lexicon(self.data_dir)

    @cached_property
    def place_extras(self) -> Extras:
        from threadline.places.extras import read_extras

        return read_extras(self.data_dir)

    # export: the deaths reports state (ACLED's fatalities)
    @cached_property
    def casualties(self) -> CasualtyReader:
        from threadline.export.fatalities import CasualtyReader, read_casualty_cues

        return CasualtyReader(read_casualty_cues(self.data_dir))

    @cached_property
    def country_keys(self) -> dict[str, str]:
        """Country name key -> ISO code, with places_extra.yaml's aliases."""
        from threadline.places.geonames import read_country_keys

        return read_country_keys(self.place_extras)


_BUNDLED: list[Vocabulary] = []  # the package folder's vocabulary, made on first use
_ACTIVE: ContextVar[Vocabulary | None] = ContextVar("threadline_vocabulary", default=None)


def bundled() -> Vocabulary:
    """The vocabulary of the data folder shipped with threadline."""
    if not _BUNDLED:
        _BUNDLED.append(Vocabulary(DATA_DIR))
    return _BUNDLED[0]


def vocabulary_of(data_dir: Path) -> Vocabulary:
    """The vocabulary of data_dir: the bundled one for the package folder (read once per
    process); for another folder, the one the command already loaded for it (`using`),
    else a new one."""
    folder = Path(data_dir).resolve()
    if folder == DATA_DIR:
        return bundled()
    current = _ACTIVE.get()
    return current if current is not None and current.data_dir.resolve() == folder else Vocabulary(data_dir)


_ON_PIPELINE = "threadline_vocabulary"  # the attribute a built spaCy Language carries it in


def attach(nlp: object, vocabulary: Vocabulary) -> None:
    """Give a spaCy Language the vocabulary its threadline components read: spaCy's
    config holds only JSON values, so the model travels on the Language itself and each
    factory takes it from the `nlp` it is given (`of_pipeline`)."""
    setattr(nlp, _ON_PIPELINE, vocabulary)


def of_pipeline(nlp: object) -> Vocabulary:
    """The vocabulary attached to a Language (`attach`); the bundled one if none is."""
    found = getattr(nlp, _ON_PIPELINE, None)
    return found if isinstance(found, Vocabulary) else bundled()


_ON_DOC = "threadline_vocabulary"  # the key a prepared Doc's user_data carries it under


def attach_to_doc(doc: Any, vocabulary: Vocabulary) -> None:
    """Give a story's prepared Doc the vocabulary its extraction reads, so a helper that
    holds only a token reaches it (`of_doc(token.doc)`)."""
    doc.user_data[_ON_DOC] = vocabulary


def of_doc(doc: Any) -> Vocabulary:
    """The vocabulary a prepared Doc carries (`attach_to_doc`); the active one if none."""
    found = doc.user_data.get(_ON_DOC)
    return found if isinstance(found, Vocabulary) else active()


def active() -> Vocabulary:
    """The vocabulary of the run in progress (`using`), else the bundled one."""
    return _ACTIVE.get() or bundled()


def elsewhere(data_dir: Path | None) -> bool:
    """Whether a loader asked for data_dir must read it afresh (not the active folder's)."""
    return data_dir is not None and Path(data_dir) != active().data_dir


@contextmanager
def using(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    """Make `vocabulary` the active one for the stages called inside the block."""
    token = _ACTIVE.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _ACTIVE.reset(token)
