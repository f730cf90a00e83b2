"""Identifier rules: unified social credit codes (GB 32100) and GB/T 2260 district codes.

The model field validators here run in `full_clean()` (admin, services); services call the same checks
first so that each failure carries its own stable error code.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

DISTRICT_CODE = re.compile(r"^[0-9]{6}$")
CREDIT_CODE_MESSAGE = _("Enter a valid 18-character unified social credit code; the check digit does not match.")
DISTRICT_CODE_MESSAGE = _("Enter a six-digit GB/T 2260 administrative division code.")


def normalize_credit_code(raw: str) -> str:
    """Remove spaces and dashes and upper-case, as printed codes are often grouped."""
    return uscc.compact(raw or "")


def is_valid_credit_code(code: str) -> bool:
    try:
        uscc.validate(code)
    except StdnumError:
        return False
    return code == uscc.compact(code)


def is_valid_district_code(code: str) -> bool:
    return bool(DISTRICT_CODE.match(code or ""))


def validate_credit_code_format(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(CREDIT_CODE_MESSAGE, code="credit_code_invalid")


def validate_district_code_format(value: str) -> None:
    if not is_valid_district_code(value):
        raise ValidationError(DISTRICT_CODE_MESSAGE, code="district_code_invalid")
