"""Hardware identifiers: normalisation, validation, parsing of "kind: value" lines, and public masking.

Canonical forms (what ItemIdentifier.value stores and what lookups compare):
- IMEI: 15 digits with a valid Luhn check digit. Spaces and dashes are accepted; an IMEISV (16 digits:
  14-digit IMEI body + 2-digit software version) becomes the 15-digit IMEI with its computed check digit.
  A 14-digit body without a check digit is refused: it cannot be checked.
- MEID: 14 upper-case hex digits (python-stdnum; the check digit, hex or decimal forms are accepted).
- MAC: six upper-case octets joined by colons, from "aa:bb:..", "aa-bb-..", "aabb.ccdd.eeff" or 12 hex
  digits; the all-zero address and group (multicast, broadcast) addresses are refused.
- Serial: trimmed, upper case, 4-40 characters of A-Z, 0-9 and "-".
- Network-access licence (进网许可证号): "NN-XXXX-NNNNNN" (2 digits, 4 letters or digits, 6 digits), e.g.
  "02-B123-201234". Lenient: spaces, full-width dashes or no separators at all are accepted.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from stdnum import imei as stdnum_imei
from stdnum import luhn
from stdnum import meid as stdnum_meid
from stdnum.exceptions import InvalidChecksum, ValidationError

from recirc.items.errors import IdentifierInvalid
from recirc.items.models import IdentifierKind

# Identifiers that name one physical device (the network-access licence names a model approval).
HARDWARE_KINDS = frozenset({IdentifierKind.IMEI, IdentifierKind.MEID, IdentifierKind.SERIAL, IdentifierKind.MAC})

KIND_ALIASES = {
    "imei": IdentifierKind.IMEI, "imeisv": IdentifierKind.IMEI, "meid": IdentifierKind.MEID,
    "mac": IdentifierKind.MAC, "wifi": IdentifierKind.MAC, "wlan": IdentifierKind.MAC,
    "serial": IdentifierKind.SERIAL, "sn": IdentifierKind.SERIAL, "s/n": IdentifierKind.SERIAL,
    "serial_number": IdentifierKind.SERIAL, "序列号": IdentifierKind.SERIAL,
    "network_licence": IdentifierKind.NETWORK_LICENCE, "network_license": IdentifierKind.NETWORK_LICENCE,
    "licence": IdentifierKind.NETWORK_LICENCE, "进网许可证": IdentifierKind.NETWORK_LICENCE,
    "进网许可证号": IdentifierKind.NETWORK_LICENCE,
}
SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－_]+")
SERIAL_PATTERN = re.compile(r"^[A-Z0-9-]{4,40}$")
LICENCE_PATTERN = re.compile(r"^(\d{2})([A-Z0-9]{4})(\d{6})$")


def _refuse(kind: str, message: str, code: str) -> IdentifierInvalid:
    return IdentifierInvalid(message, code=code, field=f"identifiers.{kind}")


def _luhn_valid(digits: str) -> bool:
    """The Luhn check of ASCII digits (what stdnum's luhn.is_valid computes, without its generality)."""
    total = 0
    for index, character in enumerate(reversed(digits)):
        value = ord(character) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def normalise_imei(value: str) -> str:
    digits = SEPARATORS.sub("", value or "")
    if not digits.isdigit():
        raise _refuse("imei", _("An IMEI has only digits."), "items.imei_invalid")
    if len(digits) == 15 and digits.isascii() and _luhn_valid(digits):
        return digits  # the usual case, as stdnum.imei.validate would return it
    if len(digits) == 16:  # IMEISV: drop the software version, add the check digit
        digits = digits[:14] + luhn.calc_check_digit(digits[:14])
    if len(digits) != 15:
        raise _refuse("imei", _("An IMEI has 15 digits (or 16 as an IMEISV); this one has %(count)s.")
                      % {"count": len(digits)}, "items.imei_invalid")
    try:
        return str(stdnum_imei.validate(digits))
    except InvalidChecksum as error:
        raise _refuse("imei", _("The IMEI check digit is wrong: check for a mistyped digit."),
                      "items.imei_checksum") from error
    except ValidationError as error:
        raise _refuse("imei", _("This is not a valid IMEI."), "items.imei_invalid") from error


def normalise_meid(value: str) -> str:
    try:
        return str(stdnum_meid.validate(value or ""))
    except InvalidChecksum as error:
        raise _refuse("meid", _("The MEID check digit is wrong."), "items.meid_checksum") from error
    except ValidationError as error:
        raise _refuse("meid", _("This is not a valid MEID (14 hexadecimal or 18 decimal digits)."),
                      "items.meid_invalid") from error


def normalise_mac(value: str) -> str:
    compact = re.sub(r"[\s:.\-]", "", value or "").upper()
    if not re.fullmatch(r"[0-9A-F]{12}", compact):
        raise _refuse("mac", _("A MAC address has 12 hexadecimal digits, e.g. 3C:22:FB:12:34:56."),
                      "items.mac_invalid")
    if compact == "0" * 12:
        raise _refuse("mac", _("The all-zero MAC address does not name a device."), "items.mac_invalid")
    if int(compact[:2], 16) & 1:
        raise _refuse("mac", _("This is a group (multicast) address, not a device's address."),
                      "items.mac_invalid")
    return ":".join(compact[index:index + 2] for index in range(0, 12, 2))


def normalise_serial(value: str) -> str:
    serial = (value or "").strip().upper()
    if not SERIAL_PATTERN.match(serial):
        raise _refuse("serial", _("A serial number has 4 to 40 letters, digits or dashes."), "items.serial_invalid")
    return serial


def normalise_network_licence(value: str) -> str:
    compact = SEPARATORS.sub("", (value or "").upper())
    match = LICENCE_PATTERN.match(compact)
    if match is None:
        raise _refuse("network_licence", _("A network-access licence number looks like 02-B123-201234."),
                      "items.network_licence_invalid")
    return "-".join(match.groups())


NORMALISERS = {
    IdentifierKind.IMEI: normalise_imei, IdentifierKind.MEID: normalise_meid, IdentifierKind.MAC: normalise_mac,
    IdentifierKind.SERIAL: normalise_serial, IdentifierKind.NETWORK_LICENCE: normalise_network_licence,
}


KINDS = frozenset(IdentifierKind.values)  # TextChoices.values builds a new list on every call


def kind_from_text(text: str) -> str | None:
    word = (text or "").strip().lower().replace(" ", "_")
    if word in KINDS:
        return word
    return KIND_ALIASES.get(word)


def identifier_normalise(kind: str, value: str) -> tuple[str, str]:
    """(canonical kind, canonical value); IdentifierInvalid (field "identifiers.<kind>") otherwise."""
    canonical_kind = kind_from_text(kind)
    if canonical_kind is None:
        raise IdentifierInvalid(_("Unknown identifier kind “%(kind)s”: use imei, meid, serial, mac or "
                                  "network_licence.") % {"kind": kind}, code="items.identifier_kind_unknown",
                                field="identifiers")
    return canonical_kind, NORMALISERS[canonical_kind](value)  # type: ignore[index]


def identifiers_parse(text: str) -> list[tuple[str, str]]:
    """Lines of "kind: value" (also "kind=value" or full-width "：") into pairs; blank lines are skipped."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = re.split(r"[:：=]", line, maxsplit=1)
        if len(parts) != 2 or not parts[1].strip():
            raise IdentifierInvalid(_("Line %(number)s: write one identifier per line as “kind: value”, e.g. "
                                      "“imei: 490154203237518”.") % {"number": number},
                                    code="items.identifier_line_invalid", field="identifiers")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def identifier_mask(kind: str, value: str) -> str:
    """What the public passport shows. IMEI: TAC (8) + ****** + check digit; MEID: first 8 + ******;
    MAC: maker prefix (OUI) + :**:**:**; serial: first 2 and last 2; licence numbers name a model: shown."""
    if kind == IdentifierKind.IMEI and len(value) == 15:
        return f"{value[:8]}******{value[-1]}"
    if kind == IdentifierKind.MEID:
        return f"{value[:8]}******"
    if kind == IdentifierKind.MAC:
        return f"{value[:8]}:**:**:**"
    if kind == IdentifierKind.NETWORK_LICENCE:
        return value
    if len(value) <= 6:
        return value[:1] + "*" * (len(value) - 1)
    return f"{value[:2]}{'*' * (len(value) - 4)}{value[-2:]}"
