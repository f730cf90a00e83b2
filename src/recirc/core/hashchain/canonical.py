"""The document an entry's hash covers (canonical form version 2), the same in Python and in PostgreSQL.

The document is UTF-8 text, one line per part::

    recirc.chain/2
    <sequence>
    <previous hash>
    <field name>=<value>        one line per sealed field, in CHAIN_FIELDS order

and the entry hash is the hex SHA-256 of it. Values by field kind (SQL NULL is the empty string):

    text      <UTF-8 byte length>:<text>      length-prefixed, so it may hold any character, newlines too
    integer   decimal digits; a boolean is 1 or 0
    decimal   plain notation without trailing zeros ("12.5", "100", "0")
    datetime  microseconds since 1970-01-01T00:00:00Z
    date      YYYY-MM-DD
    uuid      8-4-4-4-12 lowercase hex
    json      PostgreSQL's jsonb text: object keys by byte length then bytes, ", " and ": " separators,
              numbers in plain notation (1e-07 is 0.0000001), strings escaped as JSON
    binary    lowercase hex

Only text is length-prefixed; no other form can hold a newline, so the document reads back one way only and
different values never give the same document. Why these forms: PostgreSQL prints each with a cheap
built-in (octet_length, trim_scale, extract(epoch), a column's own text), so the database can recompute every hash of a
chain itself (postgres.py) several times faster than the rows can be read into Python, while Python
reproduces the same text for appends and for SQLite. Field types outside the table (float, time, duration,
...) are printed as form 1 JSON (legacy.py); a register sealing one is verified in Python only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # the C escaper, non-ASCII kept
from typing import Any, cast

from django.db import models
from django.db.models.fields import AutoFieldMixin

from recirc.core.hashchain.legacy import encode_v1

HEADER = "recirc.chain/2"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


class _NotPlain(Exception):
    """A value that is not already what json.loads() would give back: it is encoded by the field first."""


def _number(value: float) -> str:
    """A float as PostgreSQL's numeric prints the JSON Python wrote for it (repr): never an exponent."""
    text = float.__repr__(value)
    if value != value or value in (float("inf"), float("-inf")):
        return json.dumps(value)  # JSON cannot hold them; PostgreSQL refuses them, SQLite keeps NaN
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[1:] if value == 0 and text[0] == "-" else text  # numeric has no negative zero


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode())


_KEY_ORDERS: dict[tuple[str, ...], list[tuple[str, str]]] = {}


def _key_order(keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """The keys of an object in jsonb's order (byte length, then bytes), each with its printed prefix.
    Registers repeat a few key sets ("source", "result", ...), so the order is kept per key set."""
    order = _KEY_ORDERS.get(keys)
    if order is None:
        ordered = sorted(keys)  # code point order, which is UTF-8 byte order; then stable by byte length
        ordered.sort(key=len if "".join(keys).isascii() else _utf8_length)  # join: TypeError for a non-str key
        order = [(key, f"{encode_basestring(key)}: ") for key in ordered]
        if len(_KEY_ORDERS) >= 4096:
            _KEY_ORDERS.clear()
        _KEY_ORDERS[keys] = order
    return order


def _object(value: dict[str, Any]) -> str:
    order = _KEY_ORDERS.get(keys := tuple(value)) or _key_order(keys)
    return "{" + ", ".join([prefix + (encode_basestring(item) if type(item := value[key]) is str
                                      else jsonb_text(item)) for key, prefix in order]) + "}"


def _array(value: list[Any]) -> str:
    if value and type(value[0]) is str:
        try:
            return "[" + ", ".join(map(encode_basestring, value)) + "]"
        except TypeError:  # not only strings
            pass
    return "[" + ", ".join([encode_basestring(item) if (kind := type(item)) is str else _object(item)
                            if kind is dict else jsonb_text(item) for item in value]) + "]"


def jsonb_text(value: Any) -> str:
    """A JSON value exactly as PostgreSQL prints it from a jsonb column (jsonb_out)."""
    kind = type(value)
    if kind is str:
        return cast(str, encode_basestring(value))
    if kind is dict:
        return _object(value)
    if kind is list:
        return _array(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is float:
        return _number(value)
    raise _NotPlain


def _json_encoder(encoder: type[json.JSONEncoder] | None) -> Callable[[Any], str]:
    """Plain values are printed directly; others (tuples, int keys, lazy strings, dates through the field's
    encoder) first take the round trip the database gives them."""
    def encode(value: Any) -> str:
        try:
            return jsonb_text(value)
        except (_NotPlain, TypeError):  # TypeError: a key that is not a string
            return jsonb_text(json.loads(json.dumps(value, cls=encoder)))
    return encode


def _text(value: Any) -> str:
    text = value if type(value) is str else str(value)
    return f"{len(text) if text.isascii() else len(text.encode())}:{text}"


def _integer(value: Any) -> str:
    return int.__repr__(value) if type(value) is int else str(int(value))


def _boolean(value: Any) -> str:
    return "1" if value else "0"


def _decimal_text(value: Decimal, places: int | None = None, name: str = "value") -> str:
    """Plain notation without trailing zeros, as PostgreSQL's trim_scale() prints: the value, not the
    column's scale, so a migration that widens decimal_places leaves every seal valid. With `places`
    (appending), more places than the field keeps are refused unless they are zeros: the database would
    round them, and the seal must cover what is stored (round money first: core.money)."""
    text = format(value if type(value) is Decimal else Decimal(str(value)), "f")  # exact, no exponent
    point = text.find(".")
    if point >= 0:
        if places is not None and len(text) - point - 1 > places and text[point + 1 + places:].strip("0"):
            raise ValueError(f"{name} {text} has more than {places} decimal places; round it first")
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text  # numeric has no negative zero


def _datetime(value: Any) -> str:
    if value.tzinfo is None:
        value = value.astimezone(dt.UTC)
    return str((value - _EPOCH) // _MICROSECOND)


def _date(value: Any) -> str:
    return cast(str, value.isoformat())


def _uuid(value: Any) -> str:
    return str(value if type(value) is uuid.UUID else uuid.UUID(str(value)))


def _binary(value: Any) -> str:
    return bytes(value).hex()


_KINDS: dict[str, tuple[str, type | None, Callable[[Any], str]]] = {
    **dict.fromkeys(("CharField", "TextField", "SlugField", "EmailField", "URLField"), ("text", str, _text)),
    **dict.fromkeys(("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                     "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
                     "PositiveSmallIntegerField"), ("integer", int, _integer)),
    "BooleanField": ("boolean", bool, _boolean),
    "DateTimeField": ("datetime", dt.datetime, _datetime),
    "DateField": ("date", dt.date, _date),
    "UUIDField": ("uuid", uuid.UUID, _uuid),
    "BinaryField": ("binary", bytes, _binary),
}


@dataclass(frozen=True)
class SealedField:
    """How one sealed field is read, coerced and written into the document."""

    name: str
    attname: str
    column: str
    kind: str  # text, integer, boolean, decimal, datetime, date, uuid, json, binary or other
    field: Any
    exact_type: type | None  # values of exactly this type are stored as they are
    places: int | None  # decimal places kept by a DecimalField
    encode: Callable[[Any], str]


def _sealed_field(model: type[models.Model], name: str) -> SealedField:
    model_field = cast(Any, model._meta.get_field(name))
    concrete = model_field
    while concrete.is_relation:  # a foreign key is sealed as the key it stores
        concrete = concrete.target_field
    internal = concrete.get_internal_type()
    places: int | None = None
    exact: type | None
    if internal == "JSONField":
        kind, exact, encode = "json", None, _json_encoder(concrete.encoder)
    elif internal == "DecimalField":
        kind, exact, encode, places = "decimal", Decimal, _decimal_text, concrete.decimal_places
    else:
        kind, exact, encode = _KINDS.get(internal, ("other", None, encode_v1))
    return SealedField(name, model_field.attname, model_field.column, kind, model_field, exact, places, encode)


def _set_before_save(sealed: SealedField) -> bool:
    """Fields whose stored value save() decides (keys, auto timestamps, uploaded file names)."""
    return bool(getattr(sealed.field, "primary_key", False) or getattr(sealed.field, "auto_now", False)
                or getattr(sealed.field, "auto_now_add", False) or isinstance(sealed.field, models.FileField))


def _line_sealer(sealed: SealedField) -> Callable[[Any], str]:
    """entry -> its line of the document, the attribute first coerced in place to what the database will
    store: Django does not coerce on save ("12.5" stays a str, a naive time is made aware only in the SQL),
    so sealing the values as passed would make verification fail on honest entries."""
    attname, prefix, encode, exact, prepare = (sealed.attname, f"{sealed.name}=", sealed.encode, sealed.exact_type,
                                               sealed.field.get_prep_value)
    if sealed.places is not None:
        places, name = sealed.places, sealed.name

        def encode(value: Any) -> str:
            return _decimal_text(value, places, name)
    aware, as_given = sealed.kind == "datetime", sealed.kind == "json"  # JSON is taken as the field dumps it

    def seal(entry: Any) -> str:
        value = getattr(entry, attname)
        if value is None:
            return prefix
        if not as_given and (type(value) is not exact or (aware and value.tzinfo is None)):
            value = prepare(value)
            setattr(entry, attname, value)
            if value is None:
                return prefix
        return prefix + encode(value)
    return seal


@dataclass(frozen=True)
class SealPlan:
    """Everything about one register's seal that is looked up once per model."""

    model: type[models.Model]
    fields: tuple[SealedField, ...]
    encoders: tuple[tuple[str, Callable[[Any], str]], ...] = field(init=False)
    sealers: tuple[Callable[[Any], str], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "encoders", tuple((f"{sealed.name}=", sealed.encode) for sealed in self.fields))
        object.__setattr__(self, "sealers", tuple(_line_sealer(sealed) for sealed in self.fields))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sealed.name for sealed in self.fields)

    @property
    def sealable_before_insert(self) -> bool:
        """True when every sealed value is known before the INSERT, so one statement writes a sealed batch."""
        return not any(_set_before_save(sealed) for sealed in self.fields)

    @property
    def sealable_with_drawn_keys(self) -> bool:
        """True when the only value save() would decide is the auto-incremented primary key: where the
        database can hand out keys before the INSERT (a PostgreSQL sequence), the batch is sealed in Python
        and written in one statement, as when every value is known."""
        pending = [sealed for sealed in self.fields if _set_before_save(sealed)]
        return len(pending) == 1 and isinstance(pending[0].field, AutoFieldMixin)

    def document(self, values: Sequence[Any], *, sequence: int, previous_hash: str) -> str:
        parts = [HEADER, str(sequence), previous_hash]
        for (prefix, encode), value in zip(self.encoders, values, strict=True):
            parts.append(prefix if value is None else prefix + encode(value))
        return "\n".join(parts)

    def hash(self, values: Sequence[Any], *, sequence: int, previous_hash: str) -> str:
        """The hash of stored values (verification)."""
        document = self.document(values, sequence=sequence, previous_hash=previous_hash)
        return hashlib.sha256(document.encode()).hexdigest()

    def seal(self, entry: models.Model, *, sequence: int, previous_hash: str) -> str:
        """The hash of an unsaved entry (appending), its sealed attributes coerced to what will be stored."""
        lines = [f"{HEADER}\n{sequence}\n{previous_hash}"]
        lines += [seal(entry) for seal in self.sealers]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


_PLANS: dict[type[models.Model], SealPlan] = {}


def seal_plan(model: type[models.Model]) -> SealPlan:
    plan = _PLANS.get(model)
    if plan is None:
        names = cast(Any, model).CHAIN_FIELDS
        plan = _PLANS[model] = SealPlan(model, tuple(_sealed_field(model, name) for name in names))
    return plan


def compute_hash(model: type[models.Model], sealed: Mapping[str, Any], *, sequence: int,
                 previous_hash: str) -> str:
    """The hash of an entry of `model` holding the sealed values `sealed` (by field name, as stored)."""
    plan = seal_plan(model)
    return plan.hash([sealed[name] for name in plan.names], sequence=sequence, previous_hash=previous_hash)
