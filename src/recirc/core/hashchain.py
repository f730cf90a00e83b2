"""A reusable hash chain for append-only registers (invariant 2).

A register model inherits `ChainedEntry`, names the fields that are sealed in `CHAIN_FIELDS`, and
appends only through `chain_append()`. Each entry's hash covers its sealed fields, its sequence number
and the previous entry's hash; a `ChainHead` row per chain records the length and the last hash, so
deleting the newest entries is found too. `chain_verify()` walks a chain and names the first bad entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, TypeVar, cast

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class ChainHead(models.Model):
    """The anchor of one chain: its length and last hash. Its row is also the append lock."""

    chain_name = models.CharField(_("chain name"), max_length=80)
    chain_key = models.CharField(_("chain key"), max_length=64)
    length = models.PositiveBigIntegerField(_("length"), default=0)
    head_hash = models.CharField(_("head hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        app_label = "core"
        verbose_name = _("chain head")
        verbose_name_plural = _("chain heads")
        constraints = [models.UniqueConstraint(fields=["chain_name", "chain_key"], name="chain_head_unique")]

    def __str__(self) -> str:
        return f"{self.chain_name}:{self.chain_key} #{self.length}"


class ChainedEntry(models.Model):
    """Abstract base of an append-only, hash-chained register entry."""

    CHAIN_FIELDS: ClassVar[tuple[str, ...]] = ()

    chain_key = models.CharField(_("chain"), max_length=64, editable=False)
    sequence = models.PositiveBigIntegerField(_("sequence number"), editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("entry hash"), max_length=64, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def chain_name(cls) -> str:
        return cls._meta.label_lower


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _canonical(value: Any) -> Any:
    """Values in one stable JSON form. Plain JSON types (most of a register) take the fast path."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(key): _canonical(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_canonical(item) for item in value]
    return _canonical_other(value)


def _canonical_other(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, models.Model):
        return value.pk
    return value


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_hash(sealed: dict[str, Any], *, sequence: int, previous_hash: str) -> str:
    document = {"fields": _canonical(sealed), "sequence": sequence, "previous": previous_hash}
    return hashlib.sha256(_ENCODER.encode(document).encode("utf-8")).hexdigest()


def _attname(model: type[models.Model], name: str) -> str:
    return str(cast(Any, model._meta.get_field(name)).attname)


def _sealed_as_stored(entry: ChainedEntry) -> dict[str, Any]:
    """The sealed values as the database holds them, which is what chain_verify() reads back.

    Django does not coerce attributes on save ("12.5" stays a str, Decimal("1.005") is rounded only in the
    database), so sealing the in-memory values would make verification fail on honest entries.
    """
    model = type(entry)
    if not entry.CHAIN_FIELDS:
        return {}
    attnames = [_attname(model, name) for name in entry.CHAIN_FIELDS]
    stored = cast(Any, model).objects.filter(pk=entry.pk).values_list(*attnames).get()
    for attname, value in zip(attnames, stored, strict=True):
        setattr(entry, attname, value)
    return dict(zip(entry.CHAIN_FIELDS, stored, strict=True))


def _sealable_before_insert(model: type[ChainedEntry]) -> bool:
    """True when every sealed value is known before the INSERT: no primary key, no auto_now(_add) field
    (whose value save() would overwrite) among the sealed fields. Such models are sealed in one INSERT."""
    cached = _SEALABLE.get(model)
    if cached is None:
        fields = [model._meta.get_field(name) for name in model.CHAIN_FIELDS]
        cached = _SEALABLE[model] = not any(
            getattr(field, "primary_key", False) or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False) for field in fields)
    return cached


_SEALABLE: dict[type[models.Model], bool] = {}


def _seal_plan(model: type[ChainedEntry]) -> list[tuple[str, Any, str, int | None]]:
    """(name, field, attname, decimal places or None) per sealed field, looked up once per model."""
    plan = _SEAL_PLANS.get(model)
    if plan is None:
        plan = _SEAL_PLANS[model] = []
        for name in model.CHAIN_FIELDS:
            field = cast(Any, model._meta.get_field(name))
            places = field.decimal_places if isinstance(field, models.DecimalField) else None
            plan.append((name, field, field.attname, places))
    return plan


_SEAL_PLANS: dict[type[models.Model], list[tuple[str, Any, str, int | None]]] = {}
_TEXT_FIELDS = (models.CharField, models.TextField)


def _sealed_before_insert(entry: ChainedEntry) -> dict[str, Any]:
    """The sealed values exactly as the database will store them, coerced through each field.

    Decimals with more places than the field keeps are refused: the database would round them, and the
    seal must cover what is stored. Round money first (core.money).
    """
    sealed: dict[str, Any] = {}
    for name, field, attname, places in _seal_plan(type(entry)):
        value = getattr(entry, attname)
        if not (type(value) is str and isinstance(field, _TEXT_FIELDS)):
            value = field.to_python(value)
            setattr(entry, attname, value)
        if places is not None and value is not None:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > places and \
                    value != value.quantize(Decimal(1).scaleb(-places)):
                raise ValueError(f"{name} has more than {places} decimal places; round it first")
        sealed[name] = value
    return sealed


def _locked_head(name: str, chain_key: str) -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(chain_name=name, chain_key=chain_key).first()
    if head is None:
        ChainHead.objects.get_or_create(chain_name=name, chain_key=chain_key)
        head = ChainHead.objects.select_for_update().get(chain_name=name, chain_key=chain_key)
    return head


E = TypeVar("E", bound=ChainedEntry)


@transaction.atomic
def chain_append(entry: E, *, chain_key: str) -> E:
    """Seal and save a new entry at the end of its chain. Concurrent appends queue on the head row."""
    return chain_append_many([entry], chain_key=chain_key)[0]


@transaction.atomic
def chain_append_many(entries: list[E], *, chain_key: str) -> list[E]:
    """Seal and save new entries, in order, at the end of one chain, under one lock of its head.

    Models whose sealed values are all known before the INSERT are sealed and written in one statement
    per batch; others are saved, read back as stored, and sealed.
    """
    if not entries:
        return entries
    if any(entry.pk is not None for entry in entries):
        raise ValueError("chain_append() only saves new entries")
    model = type(entries[0])
    head = _locked_head(model.chain_name(), chain_key)
    length, previous = head.length, head.head_hash
    fast = _sealable_before_insert(model)
    for entry in entries:
        length += 1
        entry.chain_key, entry.sequence, entry.previous_hash = chain_key, length, previous
        if fast:
            entry.entry_hash = compute_hash(_sealed_before_insert(entry), sequence=length, previous_hash=previous)
        else:
            entry.save()  # fills auto fields (timestamps) that the seal covers, then reads them back
            entry.entry_hash = compute_hash(_sealed_as_stored(entry), sequence=length, previous_hash=previous)
            cast(Any, model).objects.filter(pk=entry.pk).update(entry_hash=entry.entry_hash)
        previous = entry.entry_hash
    if fast:
        cast(Any, model).objects.bulk_create(entries, batch_size=1000)
    head.length, head.head_hash = length, previous
    head.save(update_fields=["length", "head_hash"])
    return entries


@dataclass(frozen=True)
class ChainReport:
    """The result of verifying one chain."""

    chain_key: str
    checked: int
    length: int
    first_bad_sequence: int | None
    first_bad_id: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.first_bad_sequence is None


def _walk(rows: Iterable[tuple[Any, ...]], fields: tuple[str, ...], chain_key: str,
          head: ChainHead | None) -> ChainReport:
    length = head.length if head else 0

    def broken(checked: int, sequence: int, pk: Any, reason: str) -> ChainReport:
        return ChainReport(chain_key, checked, length, sequence, pk, reason)

    expected_previous, expected_sequence, checked, last_pk = GENESIS_HASH, 1, 0, None
    for row in rows:
        pk, sequence, previous_hash, entry_hash, *values = row
        if sequence < expected_sequence:
            return broken(checked, sequence, pk, f"duplicate entry #{sequence}")
        if sequence > expected_sequence:
            return broken(checked, expected_sequence, pk,
                          f"missing or reordered entry: expected #{expected_sequence}, found #{sequence}")
        if sequence > length:
            return broken(checked, sequence, pk, f"entry #{sequence} is not recorded by the chain head "
                                                 f"({length} entries): appended outside chain_append()")
        if previous_hash != expected_previous:
            return broken(checked, sequence, pk, "link to the previous entry is broken")
        if compute_hash(dict(zip(fields, values, strict=True)), sequence=sequence,
                        previous_hash=previous_hash) != entry_hash:
            return broken(checked, sequence, pk, "entry content was altered")
        expected_previous, expected_sequence, checked, last_pk = entry_hash, sequence + 1, checked + 1, pk
    if checked < length:
        return broken(checked, checked + 1, None,
                      f"chain head records {length} entries, found {checked}: newest entries deleted")
    if head is not None and checked and head.head_hash != expected_previous:
        # The newest entry has no successor whose link would break when it is rewritten and re-hashed.
        return broken(checked - 1, checked, last_pk, "the newest entry does not match the chain head")
    return ChainReport(chain_key, checked, length, None, None, "intact")


def _head(model: type[ChainedEntry], chain_key: str, *, lock: bool = False) -> ChainHead | None:
    heads = ChainHead.objects.filter(chain_name=model.chain_name(), chain_key=chain_key)
    return (heads.select_for_update() if lock else heads).first()


def _head_state(head: ChainHead | None) -> tuple[int, str] | None:
    return None if head is None else (head.length, head.head_hash)


def _rows(model: type[ChainedEntry], chain_key: str) -> Iterable[tuple[Any, ...]]:
    attnames = [_attname(model, name) for name in model.CHAIN_FIELDS]
    return (
        cast(Any, model).objects.filter(chain_key=chain_key)
        .order_by("sequence", "pk")
        .values_list("pk", "sequence", "previous_hash", "entry_hash", *attnames)
        .iterator(chunk_size=5000)
    )


def chain_verify(model: type[ChainedEntry], *, chain_key: str) -> ChainReport:
    """Recompute every hash of one chain in order and name the first bad entry.

    An append may commit while the chain is walked, and must not look like tampering: the head is read
    before and after the walk, and the walk is repeated when the head moved. After three moves the last
    walk holds the head's lock, which makes appends to this chain wait.
    """
    for _attempt in range(3):
        head = _head(model, chain_key)
        report = _walk(_rows(model, chain_key), model.CHAIN_FIELDS, chain_key, head)
        if _head_state(_head(model, chain_key)) == _head_state(head):
            return report
    with transaction.atomic():
        head = _head(model, chain_key, lock=True)
        return _walk(_rows(model, chain_key), model.CHAIN_FIELDS, chain_key, head)


def chain_keys(model: type[ChainedEntry]) -> list[str]:
    return list(ChainHead.objects.filter(chain_name=model.chain_name()).values_list("chain_key", flat=True))
