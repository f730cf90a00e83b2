"""Vault cryptography: AES-256-GCM under named keys, and HMAC-SHA256 blind indexes (ADR 0003).

Keys come from settings.VAULT_KEYS, "keyid:base64key,keyid2:base64key": each key must decode to exactly
32 bytes (AES-256). settings.VAULT_ACTIVE_KEY_ID encrypts new values; the others only decrypt until
`vault_rotate` has moved every record to the active key. The associated data binds a ciphertext to its
token and kind, so a ciphertext copied into another record does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from recirc.privacy.errors import VaultKeyUnknown, VaultTampered

KEY_BYTES = 32
NONCE_BYTES = 12
_AAD_PREFIX = "recirc-vault/v1"


@dataclass(frozen=True)
class Keyring:
    """The configured keys by id, and the id of the key that encrypts new values."""

    keys: dict[str, bytes]
    active_key_id: str

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise VaultKeyUnknown(params={"key_id": key_id}) from None


@dataclass(frozen=True)
class Sealed:
    """One encrypted value and the key that sealed it."""

    key_id: str
    nonce: bytes
    ciphertext: bytes


def _decode_key(key_id: str, encoded: str) -> bytes:
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(f"RECIRC_VAULT_KEYS: key {key_id!r} is not valid base64") from error
    if len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"RECIRC_VAULT_KEYS: key {key_id!r} decodes to {len(raw)} bytes; AES-256 needs exactly {KEY_BYTES}. "
            "Generate one with: python -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())'"
        )
    return raw


@lru_cache(maxsize=8)
def parse_keyring(configured: str, active_key_id: str) -> Keyring:
    """Parse "keyid:base64key,..." once per distinct configuration."""
    keys: dict[str, bytes] = {}
    for part in (chunk.strip() for chunk in configured.split(",")):
        if not part:
            continue
        key_id, separator, encoded = part.partition(":")
        key_id = key_id.strip()
        if not separator or not key_id or len(key_id) > 32:
            raise ImproperlyConfigured("RECIRC_VAULT_KEYS must look like 'keyid:base64key,keyid2:base64key'")
        if key_id in keys:
            raise ImproperlyConfigured(f"RECIRC_VAULT_KEYS: key id {key_id!r} appears twice")
        keys[key_id] = _decode_key(key_id, encoded.strip())
    if active_key_id not in keys:
        raise ImproperlyConfigured(f"RECIRC_VAULT_ACTIVE_KEY {active_key_id!r} is not one of RECIRC_VAULT_KEYS")
    return Keyring(keys=keys, active_key_id=active_key_id)


def keyring() -> Keyring:
    return parse_keyring(settings.VAULT_KEYS, settings.VAULT_ACTIVE_KEY_ID)


def _associated_data(token: str, kind: str) -> bytes:
    return f"{_AAD_PREFIX}|{kind}|{token}".encode()


def encrypt(plaintext: str, *, token: str, kind: str) -> Sealed:
    """Encrypt under the active key with a fresh random 96-bit nonce."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(ring.key(ring.active_key_id)).encrypt(
        nonce, plaintext.encode("utf-8"), _associated_data(token, kind))
    return Sealed(key_id=ring.active_key_id, nonce=nonce, ciphertext=ciphertext)


def decrypt(sealed: Sealed, *, token: str, kind: str) -> str:
    """Decrypt and authenticate; a changed ciphertext, nonce, token or kind raises VaultTampered."""
    key = keyring().key(sealed.key_id)
    try:
        plaintext = AESGCM(key).decrypt(bytes(sealed.nonce), bytes(sealed.ciphertext), _associated_data(token, kind))
    except (InvalidTag, ValueError):
        raise VaultTampered() from None
    return plaintext.decode("utf-8")


def blind_index(kind: str, normalised: str) -> str:
    """HMAC-SHA256 over kind and normalised value: equal values match, nothing about the value leaks."""
    key = settings.VAULT_BLIND_INDEX_KEY.encode("utf-8")
    return hmac.new(key, f"{kind}\x1f{normalised}".encode(), hashlib.sha256).hexdigest()
