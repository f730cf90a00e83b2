"""Identification: what the hardware identifiers say about the declared brand and model.

- TAC: an IMEI's first 8 digits name the brand and model it was allocated to (catalog's TAC table). A TAC of
  another brand family is a counterfeit indicator ("mismatch"); an unknown TAC, or a missing brand, is
  "unverified", never a mismatch. MEIDs have no TAC: unverified.
- Clone: the same IMEI or MEID on another item's passport.
- Serial format: a serial of a brand with formats on file (SerialFormat) that matches none of them is an
  indicator; a brand without formats is unverified.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import TAC_UNVERIFIED, canonical_brand, tac_brand_verdict, tac_lookup
from recirc.inspection.models import SerialFormat
from recirc.items.facade import ItemRef, identifier_mask, items_sharing_identifier

MATCH, MISMATCH, UNVERIFIED = "match", "mismatch", "unverified"
VERDICT_LABELS = {MATCH: _("Consistent"), MISMATCH: _("Does not fit the declared brand"),
                  UNVERIFIED: _("Not verifiable")}
CLONE_KINDS = ("imei", "meid")


@dataclass(frozen=True)
class TacCheck:
    kind: str
    value: str
    tac: str
    verdict: str
    tac_brand: str = ""
    tac_model: str = ""
    model_consistent: bool | None = None


@dataclass(frozen=True)
class CloneCheck:
    kind: str
    value: str
    other_item_ids: tuple[int, ...]


@dataclass(frozen=True)
class SerialCheck:
    value: str
    verdict: str
    formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identification:
    brand: str
    model_name: str
    tac_checks: tuple[TacCheck, ...]
    clone_checks: tuple[CloneCheck, ...]
    serial_checks: tuple[SerialCheck, ...]

    @property
    def clone_suspected(self) -> bool:
        return any(check.other_item_ids for check in self.clone_checks)

    def indicators(self) -> list[dict[str, str]]:
        """Counterfeit indicators found by identification (the checklist adds its own)."""
        found = []
        for check in self.tac_checks:
            if check.verdict == MISMATCH:
                found.append({"code": "tac_mismatch", "item": check.tac,
                              "reason": f"IMEI 的 TAC {check.tac} 属于 {check.tac_brand}，与申报品牌 {self.brand} 不符",
                              "reason_en": f"The IMEI's TAC {check.tac} belongs to {check.tac_brand}, not the declared "
                                           f"brand {self.brand}"})
        for serial in self.serial_checks:
            if serial.verdict == MISMATCH:
                masked = identifier_mask("serial", serial.value)
                found.append({"code": "serial_format", "item": masked,
                              "reason": f"序列号 {masked} 不符合 {self.brand} 的序列号格式",
                              "reason_en": f"Serial {masked} fits no serial format of {self.brand}"})
        return found


def _model_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name or "")).casefold()


def _model_consistent(declared: str, tac_model: str, aka: tuple[str, ...]) -> bool | None:
    """Whether the declared model is one of the TAC's names; None when either is unknown."""
    wanted = _model_key(declared)
    names = [key for key in (_model_key(name) for name in (tac_model, *aka)) if key]
    if not wanted or not names:
        return None
    return any(wanted in name or name in wanted for name in names)


def tac_check(kind: str, value: str, item: ItemRef) -> TacCheck:
    if kind != "imei":
        return TacCheck(kind=kind, value=value, tac="", verdict=UNVERIFIED)
    entry = tac_lookup(value)
    verdict = tac_brand_verdict(value, item.brand)
    if entry is None:
        return TacCheck(kind=kind, value=value, tac=value[:8], verdict=TAC_UNVERIFIED)
    return TacCheck(kind=kind, value=value, tac=entry.tac, verdict=verdict, tac_brand=entry.brand,
                    tac_model=entry.model, model_consistent=_model_consistent(item.model_name, entry.model, entry.aka))


def _formats_for(brand: str, category_code: str) -> list[SerialFormat]:
    key = canonical_brand(brand)
    if not key:
        return []
    return [entry for entry in SerialFormat.objects.filter(is_active=True, brand__iexact=key)
            if entry.category_code in ("", category_code)]


def serial_check(value: str, formats: list[SerialFormat]) -> SerialCheck:
    if not formats:
        return SerialCheck(value=value, verdict=UNVERIFIED)
    compact = value.replace("-", "").replace(" ", "").upper()
    verdict = MATCH if any(re.fullmatch(entry.pattern, compact) for entry in formats) else MISMATCH
    return SerialCheck(value=value, verdict=verdict, formats=tuple(entry.pattern for entry in formats))


def _serials(item: ItemRef) -> list[str]:
    values = [identifier.value for identifier in item.identifiers if identifier.kind == "serial"]
    attribute = str(item.attributes.get("serial") or "").strip()
    return values + ([attribute] if attribute and attribute.upper() not in values else [])


def identify(item: ItemRef) -> Identification:
    """Run every identification check on the item as it is now."""
    formats = _formats_for(item.brand, item.category_code)
    clones = []
    for identifier in item.identifiers:
        if identifier.kind in CLONE_KINDS:
            others = tuple(sorted(ref.id for ref in items_sharing_identifier(identifier.kind, identifier.value)
                                  if ref.id != item.id))
            clones.append(CloneCheck(kind=identifier.kind, value=identifier.value, other_item_ids=others))
    return Identification(
        brand=item.brand, model_name=item.model_name,
        tac_checks=tuple(tac_check(identifier.kind, identifier.value, item) for identifier in item.identifiers
                         if identifier.kind in CLONE_KINDS),
        clone_checks=tuple(clones),
        serial_checks=tuple(serial_check(value, formats) for value in _serials(item)))


def identification_record(found: Identification) -> dict[str, Any]:
    """The full record kept on the inspection (for staff and the evidence package): identifiers unmasked."""
    return {
        "brand": found.brand, "model_name": found.model_name,
        "tac": [{"kind": check.kind, "value": check.value, "tac": check.tac, "verdict": check.verdict,
                 "tac_brand": check.tac_brand, "tac_model": check.tac_model,
                 "model_consistent": check.model_consistent} for check in found.tac_checks],
        "clone": [{"kind": check.kind, "value": check.value, "other_item_ids": list(check.other_item_ids)}
                  for check in found.clone_checks],
        "serial": [{"value": check.value, "verdict": check.verdict, "formats": list(check.formats)}
                   for check in found.serial_checks],
    }


def identification_public(found: Identification) -> dict[str, Any]:
    """What the portable report says: verdicts with masked identifiers, no other items named."""
    return {
        "tac": [{"identifier": identifier_mask(check.kind, check.value), "verdict": check.verdict,
                 "tac_brand": check.tac_brand, "tac_model": check.tac_model,
                 "model_consistent": check.model_consistent} for check in found.tac_checks],
        "clone_suspected": found.clone_suspected,
        "serial": [{"identifier": identifier_mask("serial", check.value), "verdict": check.verdict}
                   for check in found.serial_checks],
    }
