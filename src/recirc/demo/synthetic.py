"""Synthetic identifiers with valid check digits. Never a real person's or company's number."""

from __future__ import annotations

import datetime as dt
import random

from stdnum import luhn
from stdnum.cn import ric, uscc

# Type Allocation Codes (first 8 IMEI digits) of common handset families, per brand; public knowledge.
BRAND_TACS: dict[str, tuple[str, ...]] = {
    "Apple": ("35391110", "35332510", "35467911", "35672710", "35325211"),
    "Samsung": ("35260011", "35894710", "35496211", "35238307"),
    "Huawei": ("86792803", "86401504", "86768703", "86634903"),
    "Xiaomi": ("86754504", "86899204", "86073304", "86956905"),
    "OPPO": ("86280204", "86470305", "86817903"),
    "vivo": ("86106905", "86599605", "86211305"),
    "Honor": ("86937406", "86128106", "86447506"),
}


def imei(rng: random.Random, brand: str) -> str:
    """A 15-digit IMEI whose TAC belongs to the brand and whose Luhn check digit is right."""
    body = rng.choice(BRAND_TACS.get(brand, ("86000000",))) + f"{rng.randrange(10**6):06d}"
    return body + luhn.calc_check_digit(body)


def resident_id(rng: random.Random, region_code: str, *, min_age: int = 19, max_age: int = 75,
                today: dt.date | None = None) -> str:
    """A GB 11643 identity number with a real region code and birth date and a valid check digit.

    The sequence part starts with 9 ("99x"), which no issuing office is known to hand out in the demo
    city, so a synthetic number cannot be mistaken for a real one.
    """
    today = today or dt.date(2026, 1, 1)
    for _attempt in range(60):  # a region code must have existed in the birth year: draw again if not
        birth = today - dt.timedelta(days=rng.randrange(min_age * 366, max_age * 365))
        body = f"{region_code}{birth:%Y%m%d}99{rng.randrange(10)}"
        number = body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit
        try:
            ric.validate(number)
        except (ValueError, KeyError):  # stdnum raises KeyError for some newly created districts
            continue
        return number
    raise ValueError(f"no valid birth date found for region {region_code}")


def credit_code(rng: random.Random, region_code: str, *, registration_kind: str = "91") -> str:
    """An 18-character unified social credit code (GB 32100) with a valid check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    organisation = "".join(rng.choice(alphabet) for _ in range(8))
    body = f"{registration_kind}{region_code}{organisation}"
    organisation_check = _organisation_check(organisation)
    body = body + organisation_check
    return body + uscc.calc_check_digit(body)


def _organisation_check(organisation: str) -> str:
    """The GB 11714 check character of the organisation code embedded in a credit code."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(alphabet.index(char) * weight for char, weight in zip(organisation, weights, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def mobile_number(rng: random.Random) -> str:
    """A mainland mobile number in the 199 range reserved here for demo data."""
    return f"199{rng.randrange(10**8):08d}"


def serial_number(rng: random.Random, prefix: str = "") -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    return prefix + "".join(rng.choice(alphabet) for _ in range(10))


def mac_address(rng: random.Random) -> str:
    first = rng.randrange(256) & 0b11111100  # unicast, globally administered
    return ":".join(f"{octet:02X}" for octet in [first, *(rng.randrange(256) for _ in range(5))])
