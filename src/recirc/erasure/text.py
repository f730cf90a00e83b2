"""Free-text input: whitespace folded, lengths checked, and a guard that keeps personal data out of the
pseudonymous references (GB 46864-2025 and PIPL: the erasure records hold no personal information)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

# An 11-digit mainland mobile number or an identity number (15 or 18 characters) anywhere in the text.
PERSONAL_PATTERNS = (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
                     re.compile(r"(?<!\d)\d{15}(?!\d)"))


def clean_text(value: str | None, *, field: str, limit: int, errors: dict[str, list[Any]],
               required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("Use at most %(limit)s characters.") % {"limit": limit})
    return text


def looks_personal(text: str) -> bool:
    compact = re.sub(r"\s", "", text)
    return any(pattern.search(compact) for pattern in PERSONAL_PATTERNS)
