"""Public passport codes: 10 characters of Crockford base32 (no I, L, O, U), about 50 bits of randomness.

Printed under the QR code and typed by people, so lookups forgive the usual confusions (O for 0, I and L
for 1), lower case, spaces and dashes.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(text: str) -> str:
    """The canonical form of a typed or scanned code; may still be unknown."""
    return "".join((text or "").split()).replace("-", "").upper().translate(_CONFUSABLE)


def code_looks_valid(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(character in ALPHABET for character in code)
