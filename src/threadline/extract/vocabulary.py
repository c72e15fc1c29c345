"""Typed views of the extract stage's data files: ontology, roles, event triggers, modality.

Each file has one loader here, built on `threadline.vocab.load_yaml`; a malformed
file raises DataFileError naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadline.errors import DataFileError
from threadline.settings import DATA_DIR
from threadline.vocab import load_yaml
from threadline.vocabulary import active, elsewhere


@dataclass(frozen=True, slots=True)
class Cue:
    """Words that state a predicate ("backed", "aligned"), optionally only for some object types."""

    words: frozenset[str]
    object: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    definition: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    roles: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True, slots=True)
class AcledCode:
    """One ACLED event type / sub-event type an event of ours can be, and the words of
    its report that say it is this one ("drone", "shelling"); none for the only code."""

    event_type: str
    sub_event_type: str
    cues: tuple[str, ...] = ()
    default: bool = False  # the code when no other's cues are met (a protest is peaceful unless told)


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    definition: str
    roles: Mapping[str, tuple[str, ...]]
    plover: str | None
    acled: tuple[AcledCode, ...]
    cameo: str


@dataclass(frozen=True, slots=True)
class Ontology:
    predicates: Mapping[str, Predicate]
    event_types: Mapping[str, EventType]

    def allows(self, predicate: str, subject_type: str, object_type: str) -> bool:
        """Whether the predicate takes these argument types."""
        spec = self.predicates.get(predicate)
        return spec is not None and subject_type in spec.subject and object_type in spec.object

    def cue_predicates(self, word: str, object_type: str) -> tuple[str, ...]:
        """The predicates a cue word ("backed") states with an object of this type."""
        word = word.lower()
        return tuple(
            p.name
            for p in self.predicates.values()
            for cue in p.cues
            if word in cue.words and (cue.object is None or object_type in cue.object)
        )

    @property
    def cue_words(self) -> frozenset[str]:
        return frozenset(w for p in self.predicates.values() for c in p.cues for w in c.words)


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    predicate: str
    government: bool = False
    plural: bool = False
    shared: bool = False  # held by several at once ("commander"): the leader only when definite
    groups: bool = False  # a group may hold it too ("member")


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    titles: Mapping[str, Title]  # normalised title (and plural) -> entry
    member_qualifiers: frozenset[str]
    past_qualifiers: frozenset[str]
    honorifics: frozenset[str]
    group_nouns: frozenset[str]
    generic_group_nouns: frozenset[str]
    unit_nouns: frozenset[str]
    state_agent_nouns: frozenset[str]
    media_nouns: frozenset[str]
    nationalities: Mapping[str, tuple[str, ...]]  # lower-case adjective -> country names

    def title(self, text: str) -> Title | None:
        return self.titles.get(normalise_title(text))


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    type: str
    pos: str  # VERB or NOUN
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    governed_by: frozenset[str] = frozenset()
    active_only: bool = False
    alone: bool = False  # counts only in a sentence that tells no other event, with a named subject
    purposes: frozenset[str] = frozenset()  # "gathered to demand": the purpose its clause must state
    crowd: bool = False  # counts only with a crowd of people as its subject ("hundreds of farmers")
    movers: frozenset[str] = frozenset()  # "troops moved to X": what must move


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    verbs: Mapping[str, tuple[Trigger, ...]]
    nouns: Mapping[str, tuple[Trigger, ...]]
    light_verbs: frozenset[str] = frozenset()
    outcome_verbs: frozenset[str] = frozenset()
    place_preps: tuple[str, ...] = ()  # in order of preference
    place_nouns: frozenset[str] = frozenset()
    participant_preps: frozenset[str] = frozenset()
    direction_words: frozenset[str] = frozenset()  # "north of X", "the outskirts of X"
    place_only_preps: frozenset[str] = frozenset()  # "near X": X is a place
    name_place_preps: frozenset[str] = frozenset()  # "in Bamako": a one-word name is a place
    place_object_types: frozenset[str] = frozenset()  # "attacked Tikrit": the object is the place
    complement_place_types: frozenset[str] = frozenset()  # "threatened to strike X": X's place
    region_nouns: frozenset[str] = frozenset()  # "the X region", "Y (X province)"
    site_nouns: frozenset[str] = frozenset()  # "the X refinery": X is where it is
    crowd_nouns: frozenset[str] = frozenset()  # "hundreds of farmers", "a crowd": the "of" phrase says who
    armed_nouns: frozenset[str] = frozenset()  # "gunmen", "troops": no crowd of protesters
    content_types: frozenset[str] = frozenset()  # "pledged to defend X": X is what is said
    medium_verbs: frozenset[str] = frozenset()  # "posted on X": X is the medium
    medium_preps: frozenset[str] = frozenset()
    self_object_types: frozenset[str] = frozenset()  # "signed the document": the object is the event


@dataclass(frozen=True, slots=True)
class ModalityCues:
    precedence: tuple[str, ...]
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # modality -> token sequences
    words: Mapping[str, frozenset[str]]
    speech_verbs: frozenset[str] = frozenset()  # "say", "tell", "deny": verbs that report speech


def normalise_title(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("’", "'").split())


def _words(items: Any, where: str) -> tuple[str, ...]:
    """Lower-cased words of a YAML list; a non-string (YAML reads a bare no/on/yes as a
    boolean) is an error, not a silently missing word."""
    for item in items or ():
        if not isinstance(item, str):
            raise DataFileError(f"{where}: {item!r} is not a word; quote it in the file")
    return tuple(item.lower() for item in items or ())


def _require(entry: Any, key: str, where: str) -> Any:
    if not isinstance(entry, Mapping) or key not in entry:
        shown = repr(entry) if len(repr(entry)) <= 120 else f"{repr(entry)[:117]}..."
        raise DataFileError(f"{where}: {key}: missing (in the entry {shown})")
    return entry[key]


def _cue(entry: Mapping[str, Any], where: str) -> Cue:
    words = _require(entry, "words", where)
    obj = entry.get("object")
    return Cue(frozenset(_words(words, where)), tuple(obj) if obj else None)


def _predicate(name: str, entry: Mapping[str, Any], where: str) -> Predicate:
    return Predicate(
        name=name,
        definition=str(_require(entry, "definition", f"{where}: {name}")).strip(),
        subject=tuple(_require(entry, "subject", f"{where}: {name}")),
        object=tuple(_require(entry, "object", f"{where}: {name}")),
        roles=tuple(entry.get("roles") or ()),
        cues=tuple(_cue(c, f"{where}: {name}") for c in entry.get("cues") or ()),
    )


def _event_type(name: str, entry: Mapping[str, Any], where: str) -> EventType:
    acled = _require(entry, "acled", f"{where}: {name}")
    return EventType(
        name=name,
        definition=str(_require(entry, "definition", f"{where}: {name}")).strip(),
        roles={role: tuple(types) for role, types in _require(entry, "roles", where).items()},
        plover=_require(entry, "plover", f"{where}: {name}"),
        acled=tuple(
            AcledCode(
                str(a["event_type"]),
                str(a["sub_event_type"]),
                tuple(str(c).lower() for c in a.get("cues") or ()),
                bool(a.get("default", False)),
            )
            for a in acled
        ),
        cameo=str(_require(entry, "cameo", f"{where}: {name}")),
    )


def load_ontology(data_dir: Path | None = None) -> Ontology:
    """The active vocabulary's ontology (threadline.vocabulary); another folder's, read afresh."""
    return read_ontology(data_dir) if data_dir is not None and elsewhere(data_dir) else active().ontology


def read_ontology(data_dir: Path = DATA_DIR) -> Ontology:
    """Relation predicates and event types, with argument types and event-code mappings."""
    where = str(data_dir / "ontology.yaml")
    doc = load_yaml("ontology.yaml", data_dir) or {}
    predicates = {n: _predicate(n, e, where) for n, e in _require(doc, "predicates", where).items()}
    events = {n: _event_type(n, e, where) for n, e in _require(doc, "event_types", where).items()}
    return Ontology(predicates, events)


def _title_entries(entry: Mapping[str, Any], where: str) -> list[tuple[str, Title]]:
    title = str(_require(entry, "title", where))
    predicate = str(_require(entry, "predicate", where))
    government = bool(entry.get("government", False))
    shared, groups = bool(entry.get("shared", False)), bool(entry.get("groups", False))
    singular = Title(title, predicate, government, shared=shared, groups=groups)
    plural_text = title[:-1] + "ies" if title.endswith("y") else title + "s"
    plural = Title(title, "member_of", government, plural=True, shared=shared, groups=groups)
    return [(normalise_title(title), singular), (normalise_title(plural_text), plural)]


def load_roles(data_dir: Path | None = None) -> RoleLexicon:
    """The active vocabulary's roles (threadline.vocabulary); another folder's, read afresh."""
    return read_roles(data_dir) if data_dir is not None and elsewhere(data_dir) else active().roles


def read_roles(data_dir: Path = DATA_DIR) -> RoleLexicon:
    """Role titles with their predicates, and the noun and nationality lists relations use."""
    where = str(data_dir / "roles.yaml")
    doc = load_yaml("roles.yaml", data_dir) or {}
    titles: dict[str, Title] = {}
    for entry in _require(doc, "titles", where):
        for key, title in _title_entries(entry, where):
            titles.setdefault(key, title)

    def words(key: str) -> frozenset[str]:
        return frozenset(_words(doc.get(key), f"{where}: {key}"))

    nationalities = {str(k).lower(): tuple(v) for k, v in (doc.get("nationalities") or {}).items()}
    return RoleLexicon(
        titles=titles,
        member_qualifiers=words("member_qualifiers"),
        past_qualifiers=words("past_qualifiers"),
        honorifics=words("honorifics"),
        group_nouns=words("group_nouns"),
        generic_group_nouns=words("generic_group_nouns"),
        unit_nouns=words("unit_nouns"),
        state_agent_nouns=words("state_agent_nouns"),
        media_nouns=words("media_nouns"),
        nationalities=nationalities,
    )


def _trigger(entry: Any, event_type: str, pos: str, where: str) -> Trigger:
    if isinstance(entry, str):
        return Trigger(entry.lower(), event_type, pos)

    def words(key: str) -> frozenset[str]:
        return frozenset(_words(entry.get(key), f"{where}: {event_type}"))

    return Trigger(
        lemma=str(_require(entry, "lemma", f"{where}: {event_type}")).lower(),
        type=event_type,
        pos=pos,
        objects=words("objects"),
        preps=words("preps"),
        with_=words("with"),
        governed_by=words("governed_by"),
        active_only=entry.get("voice") == "active",
        alone=bool(entry.get("alone", False)),
        purposes=words("purposes"),
        crowd=bool(entry.get("crowd", False)),
        movers=words("movers"),
    )


def load_triggers(data_dir: Path | None = None) -> TriggerLexicon:
    """The active vocabulary's triggers (threadline.vocabulary); another folder's, read afresh."""
    return read_triggers(data_dir) if data_dir is not None and elsewhere(data_dir) else active().triggers


def read_triggers(data_dir: Path = DATA_DIR) -> TriggerLexicon:
    """Trigger lemmas per event type, indexed by lemma for verbs and for nouns."""
    where = str(data_dir / "event_triggers.yaml")
    doc = dict(load_yaml("event_triggers.yaml", data_dir) or {})
    args = doc.pop("arguments", None) or {}
    doc.pop("contexts", None)  # read by threadline.extract.events.lexicon
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for event_type, entry in doc.items():
        for pos, index, key in (("VERB", verbs, "verbs"), ("NOUN", nouns, "nouns")):
            for item in (entry or {}).get(key) or ():
                trigger = _trigger(item, event_type, pos, where)
                index.setdefault(trigger.lemma, []).append(trigger)

    def words(key: str) -> frozenset[str]:
        return frozenset(_words(args.get(key), f"{where}: arguments.{key}"))

    return TriggerLexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        light_verbs=words("light_verbs"),
        outcome_verbs=words("outcome_verbs"),
        place_preps=_words(args.get("place_preps"), f"{where}: arguments.place_preps"),
        place_nouns=words("place_nouns"),
        participant_preps=words("participant_preps"),
        direction_words=words("direction_words"),
        place_only_preps=words("place_only_preps"),
        name_place_preps=words("name_place_preps"),
        place_object_types=words("place_object_types"),
        complement_place_types=words("complement_place_types"),
        region_nouns=words("region_nouns"),
        site_nouns=words("site_nouns"),
        crowd_nouns=words("crowd_nouns"),
        armed_nouns=words("armed_nouns"),
        content_types=words("content_types"),
        medium_verbs=words("medium_verbs"),
        medium_preps=words("medium_preps"),
        self_object_types=words("self_object_types"),
    )


def load_modality(data_dir: Path | None = None) -> ModalityCues:
    """The active vocabulary's modality (threadline.vocabulary); another folder's, read afresh."""
    return read_modality(data_dir) if data_dir is not None and elsewhere(data_dir) else active().modality


def read_modality(data_dir: Path = DATA_DIR) -> ModalityCues:
    """Hedge and negation cue words and phrases per modality."""
    where = str(data_dir / "modality.yaml")
    doc = load_yaml("modality.yaml", data_dir) or {}
    phrases = {
        modality: tuple(tuple(p.lower().split()) for p in items)
        for modality, items in (doc.get("phrases") or {}).items()
    }
    words = {
        m: frozenset(_words(items, f"{where}: {m}")) for m, items in _require(doc, "words", where).items()
    }
    speech = frozenset(_words(_require(doc, "speech_verbs", where), f"{where}: speech_verbs"))
    return ModalityCues(tuple(_require(doc, "precedence", where)), phrases, words, speech)
