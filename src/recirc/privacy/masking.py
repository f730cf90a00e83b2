"""Masked forms that may be shown, logged, audited and exported in place of personal values."""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers

from recirc.privacy.models import PiiKind
from recirc.privacy.normalisation import PHONE_REGION, normalise_document_number, normalise_text

STAR = "*"
MASKED_PHOTO = "[photo]"
# One administrative level of a Chinese address: a short name ending in a level word.
_ADDRESS_LEVEL = re.compile(
    r"[^\d\s,，;；#号路街道巷弄]{1,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|地区|盟|市|州|区|县|旗)")
_DISTRICT_SUFFIXES = ("区", "县", "旗")
_UPPER_LEVEL_SUFFIXES = ("特别行政区", "自治区")
_CITY_SUFFIXES = ("市", "州", "地区", "盟")


def _keep_ends(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return STAR * len(value)
    return value[:head] + STAR * (len(value) - head - tail) + value[len(value) - tail:]


def mask_identity_number(value: str, *, kind: str = PiiKind.RESIDENT_ID) -> str:
    """Resident identity numbers keep the first 6 and last 4; passports and permits the first and last 2."""
    number = normalise_document_number(value)
    if kind == PiiKind.RESIDENT_ID:
        return _keep_ends(number, 6, 4)
    return _keep_ends(number, 2, 2)


def mask_phone(value: str) -> str:
    """"13812345678" -> "138****5678"; other countries keep their calling code: "+1 650****0000"."""
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
        national, country = str(number.national_number), number.country_code
    except phonenumbers.NumberParseException:
        national, country = re.sub(r"\D", "", value), 86
    masked = national[:3] + STAR * 4 + national[-4:] if len(national) >= 7 else STAR * len(national)
    return masked if country == 86 else f"+{country} {masked}"


def mask_name(value: str) -> str:
    """"张三丰" -> "张**"; "John Smith" -> "J*** S****"."""
    name = normalise_text(value)
    if " " in name:
        return " ".join(word[0] + STAR * (len(word) - 1) for word in name.split(" "))
    return name[:1] + STAR * (len(name) - 1) if len(name) > 1 else STAR * len(name)


def _address_prefix(address: str) -> str:
    """The province, city and district at the start of a Chinese address, or "" if none is found."""
    kept, position, seen_city = "", 0, False
    while position < len(address):
        match = _ADDRESS_LEVEL.match(address, position)
        if match is None:
            break
        level = match.group(0)
        county_level_city = seen_city and level.endswith("市")
        kept, position = kept + level, match.end()
        if county_level_city or (level.endswith(_DISTRICT_SUFFIXES) and not level.endswith(_UPPER_LEVEL_SUFFIXES)):
            break
        seen_city = seen_city or level.endswith(_CITY_SUFFIXES)
    return kept


def mask_address(value: str) -> str:
    """Keep the address up to its district, then "****": "北京市朝阳区建国路88号" -> "北京市朝阳区****"."""
    address = normalise_text(value)
    prefix = _address_prefix(address)
    if not prefix and "," in address:
        # Latin-script addresses put the district and city last: "88 Jianguo Rd, Chaoyang, Beijing".
        return STAR * 4 + ", " + ", ".join(part.strip() for part in address.split(",")[-2:])
    return prefix + STAR * 4 if prefix != address else address


def mask_birth_date(value: str) -> str:
    """Keep the year: "1949-12-31" -> "1949-**-**"."""
    text = normalise_text(value)
    return text[:4] + "-**-**" if len(text) >= 4 and text[:4].isdigit() else STAR * 4


def mask_value(kind: str, value: str) -> str:
    """The masked form for a value of the given kind."""
    if kind in {PiiKind.RESIDENT_ID, PiiKind.PASSPORT, PiiKind.OTHER_ID}:
        return mask_identity_number(value, kind=kind)
    maskers: dict[str, Callable[[str], str]] = {
        PiiKind.PHONE: mask_phone, PiiKind.NAME: mask_name, PiiKind.ADDRESS: mask_address,
        PiiKind.BIRTH_DATE: mask_birth_date,
    }
    masker = maskers.get(kind)
    return masker(value) if masker else MASKED_PHOTO
