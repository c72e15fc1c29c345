"""A STIX bundle written object by object, with the bytes stix2's
`Bundle.serialize(pretty=True)` gives for the whole bundle.

stix2 orders each object's keys by where the same key and value are first found
searching the whole bundle from its start: a quote first seen as an object's
`description` sorts an external reference's `description` after its `external_id`;
a `confidence` first seen in a relationship sorts an incident's after its
`external_references`. That search, repeated for every key, is quadratic in the
bundle; here the first place of each (key, value) that can sit at different places
is remembered as a 64-bit hash (`PrettyOrder`), which gives the same order in one pass.

The bundle's id is made from every object's id, sorted, so the objects go to a
temporary file while their ids go to a temporary SQLite database (sorted there);
the head is written last, then the objects copied after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring_ascii as _string  # type: ignore[attr-defined]
from typing import Any, TextIO

from stix2 import ExternalReference, v21
from stix2.base import _STIXBase
from stix2.utils import format_datetime

# keys whose place differs between the objects this exporter makes (the author's
# `created` without `created_by_ref` before it; an incident's `confidence` and a
# relationship's; a `description` in an object and in an external reference; an
# external reference's `url` with a quote and without): the place each (key, value)
# was first found at is remembered. Every other key (`type`, `id`, `source_ref`,
# `latitude`...) has one place wherever it is, so its own place is the one found.
MOVABLE = frozenset(
    {"created", "modified", "name", "description", "confidence", "external_references"}
    | {"identity_class", "url", "external_id"}
)
INDENT = " " * 8  # an object's depth in the bundle: inside "objects"


def _pair(key: str, value: Any) -> int:
    """A 64-bit hash of the key and value (a text's own characters; others as JSON,
    which starts with "[", never with a key's first letter)."""
    if isinstance(value, str):
        text = f"{key}\0{value}"
    else:
        text = json.dumps([key, value], sort_keys=True, separators=(",", ":"))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def pretty(value: Any, indent: str = "") -> str:
    """`json.dumps(value, indent=4, separators=(",", ": "))` with every line but the
    first indented by `indent` more: the same text (tests hold it to stix2's), three
    times as fast, since Python's indented encoder is written in Python."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None:
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    inner = indent + "    "
    if isinstance(value, dict):
        items = [f"{inner}{_string(k)}: {pretty(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}" if items else "{}"
    items = [inner + pretty(v, inner) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + indent + "]" if items else "[]"


@dataclass(frozen=True, slots=True)
class Plain:
    """A stix2 object as JSON values (what it serializes), with each key's place among
    the object's own properties, those left out as defaults (`revoked`) counted: the
    place stix2's search finds."""

    values: dict[str, Any]
    places: dict[str, int]


def plain(obj: Any) -> Any:
    """The stix2 object, list or value as JSON values, objects as `Plain`."""
    if isinstance(obj, _STIXBase):
        hidden = set(obj._defaulted_optional_properties)
        places = {key: i for i, key in enumerate(obj)}
        return Plain({k: plain(obj[k]) for k in obj if k not in hidden}, places)
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return format_datetime(obj) if isinstance(obj, dt.date) else obj


CLASSES = {
    "identity": v21.Identity,
    "location": v21.Location,
    "threat-actor": v21.ThreatActor,
    "relationship": v21.Relationship,
    "incident": v21.Incident,
    "report": v21.Report,
}
TIMESTAMPS = frozenset({"created", "modified", "published"})
HIDDEN = frozenset({"revoked"})  # set on every object, left out of the JSON as a default


def sdo(kind: str, **given: Any) -> Plain:
    """What `stix2.<kind>(**given)` serializes, with its properties' places, without
    building the object: stix2 checks every property of every object, half the STIX
    export's time, and threadline's values are already of the types it checks for.
    The property order and the timestamps' form are still stix2's own (its classes'
    `_properties`, its timestamp properties); tests/export/test_stix_bundle.py holds
    the two to the same bytes."""
    cls = CLASSES[kind]
    present = {"type": kind, "spec_version": "2.1", "revoked": False}
    present |= {k: v for k, v in given.items() if v is not None and v != []}  # as stix2 drops them
    order = [key for key in cls._properties if key in present]
    values = {key: _cleaned(cls, key, present[key]) for key in order if key not in HIDDEN}
    return Plain(values, {key: i for i, key in enumerate(order)})


def reference(**given: Any) -> Plain:
    """What `stix2.ExternalReference(**given)` serializes (see `sdo`)."""
    order = [key for key in ExternalReference._properties if given.get(key) is not None]
    return Plain({key: given[key] for key in order}, {key: i for i, key in enumerate(order)})


@cache
def _timestamp(cls: Any, key: str, value: str) -> str:
    return str(format_datetime(cls._properties[key].clean(value)[0]))


def _cleaned(cls: Any, key: str, value: Any) -> Any:
    return _timestamp(cls, key, value) if key in TIMESTAMPS else value


def _json(value: Any) -> Any:
    """The JSON value itself (what equality compares), in its own key order."""
    if isinstance(value, Plain):
        return {k: _json(v) for k, v in value.values.items()}
    return [_json(v) for v in value] if isinstance(value, list) else value


class PrettyOrder:
    """stix2's pretty key order, met object by object in bundle order."""

    def __init__(self) -> None:
        self.first: dict[int, int] = {}  # (key, value) hash -> its place where first found

    def ordered(self, obj: Plain) -> dict[str, Any]:
        """The object with its keys, and its external references' keys, in the pretty
        order, met after every object before it in the bundle."""
        pairs = {key: _pair(key, _json(value)) for key, value in obj.values.items() if key in MOVABLE}
        for key, pair in pairs.items():
            self.first.setdefault(pair, obj.places[key])
        places = {key: self.first[pairs[key]] if key in pairs else obj.places[key] for key in obj.values}
        nested = {key: self._nested(value) for key, value in obj.values.items()}
        return {key: nested[key] for key in sorted(obj.values, key=places.__getitem__)}

    def _nested(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._nested(v) for v in value]
        return self.ordered(value) if isinstance(value, Plain) else value


class BundleWriter:
    """Objects added one by one (`add`), the whole bundle written on `close`."""

    def __init__(self, stream: TextIO, namespace: uuid.UUID) -> None:
        self.stream, self.namespace = stream, namespace
        self.order = PrettyOrder()
        self.objects = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close/discard)
        self.ids = sqlite3.connect("")  # a private temporary database, on disk when large
        self.ids.execute("CREATE TABLE ids (id TEXT NOT NULL)")
        self.count = 0

    def add(self, obj: Any) -> None:
        """A stix2 object or its `Plain` values, written in the pretty order."""
        obj = obj if isinstance(obj, Plain) else plain(obj)
        data = self.order.ordered(obj)
        self.objects.write(("" if self.count == 0 else ",\n") + INDENT + pretty(data, INDENT))
        self.ids.execute("INSERT INTO ids VALUES (?)", (obj.values["id"],))
        self.count += 1

    def bundle_id(self) -> str:
        """uuid5 of "bundle" and every object's id, sorted, joined by "|" (stix_export.stix_id)."""
        digest = hashlib.sha1(self.namespace.bytes + b"bundle", usedforsecurity=False)
        for (object_id,) in self.ids.execute("SELECT id FROM ids ORDER BY id"):
            digest.update(b"|" + object_id.encode())
        return f"bundle--{uuid.UUID(bytes=digest.digest()[:16], version=5)}"

    def close(self) -> None:
        self.stream.write(f'{{\n    "type": "bundle",\n    "id": "{self.bundle_id()}",\n    "objects": [\n')
        self.objects.seek(0)
        shutil.copyfileobj(self.objects, self.stream)
        self.stream.write("\n    ]\n}\n")
        self.discard()

    def discard(self) -> None:
        self.objects.close()
        self.ids.close()
