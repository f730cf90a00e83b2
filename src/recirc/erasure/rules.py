"""The rules of an erasure, without the database: the state machine's predicates and which method, level,
media, verification and destination go together (NIST SP 800-88 Rev. 2; GB 46864-2025).

- Clear: a logical overwrite of the user-addressable storage.
- Purge: block erase or cryptographic erase; an overwrite only on a hard disk (on flash, wear levelling
  leaves cells an overwrite cannot reach).
- Destroy: physical destruction; the device goes to recycling.
- A factory reset alone is no erasure (GB 46864-2025) and is refused by name.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.erasure.models import (
    CHECK_TRANSITIONS,
    JOB_TRANSITIONS,
    Destination,
    ErasureKind,
    JobState,
    Level,
    MediaType,
    Method,
    VerificationMethod,
)

FACTORY_RESET_NAMES = frozenset({"factory_reset", "factory reset", "reset", "恢复出厂设置"})
LEVELS_BY_METHOD: dict[str, frozenset[str]] = {
    Method.OVERWRITE: frozenset({Level.CLEAR, Level.PURGE}),
    Method.BLOCK_ERASE: frozenset({Level.PURGE}),
    Method.CRYPTO_ERASE: frozenset({Level.PURGE}),
    Method.DESTROY: frozenset({Level.DESTROY}),
}
READBACK_METHODS = frozenset({VerificationMethod.FULL_READBACK, VerificationMethod.SAMPLED_READBACK})
# The media type a device of a category usually has, to pre-fill the form.
MEDIA_BY_CATEGORY = {"mobile-phones": MediaType.FLASH_EMBEDDED, "tablets": MediaType.FLASH_EMBEDDED,
                     "laptops": MediaType.SSD, "desktop-computers": MediaType.HDD}


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in JOB_TRANSITIONS.get(from_state, frozenset())


def can_start(state: str) -> bool:
    return can_transition(state, JobState.IN_PROGRESS)


def can_complete(state: str) -> bool:
    return can_transition(state, JobState.ERASED)


def can_fail(state: str) -> bool:
    """An erasure that went wrong while running (a failed verification is recorded by verifying)."""
    return state == JobState.IN_PROGRESS


def can_verify(state: str) -> bool:
    return can_transition(state, JobState.VERIFIED)


def can_replan(state: str) -> bool:
    return can_transition(state, JobState.PLANNED)


def can_record_check(state: str) -> bool:
    return bool(CHECK_TRANSITIONS.get(state))


def kind_of(method: str) -> str:
    return ErasureKind.DESTRUCTION if method == Method.DESTROY else ErasureKind.SOFTWARE


def method_errors(*, method: str, level: str, media_type: str, consented_kind: str,
                  destination: str) -> dict[str, list[Any]]:
    """Every problem with the method, level and destination of a completed erasure ({} when none)."""
    errors: dict[str, list[Any]] = {}
    if (method or "").strip().lower() in FACTORY_RESET_NAMES:
        errors["method"] = [_("A factory reset alone is not an erasure (GB 46864-2025): use overwrite, block "
                              "erase, cryptographic erase or physical destruction.")]
    elif method not in Method.values:
        errors["method"] = [_("Choose the erasure method.")]
    if level not in Level.values:
        errors["level"] = [_("Choose the NIST SP 800-88 level.")]
    if destination not in Destination.values:
        errors["destination"] = [_("Choose where the device goes next.")]
    if errors:
        return errors
    if level not in LEVELS_BY_METHOD[method]:
        errors["level"] = [_("%(method)s does not match “%(level)s” (NIST SP 800-88): choose the level this "
                             "method achieves.") % {"method": Method(method).label, "level": Level(level).label}]
    elif method == Method.OVERWRITE and level == Level.PURGE and media_type != MediaType.HDD:
        errors["level"] = [_("On flash memory an overwrite cannot reach every cell: it is a clear, not a purge. "
                             "Use block erase or cryptographic erase to purge.")]
    elif method == Method.BLOCK_ERASE and media_type == MediaType.HDD:
        errors["method"] = [_("Block erase is a command of flash media; a hard disk is purged by overwrite or "
                              "cryptographic erase.")]
    if kind_of(method) != consented_kind:
        errors.setdefault("method", []).append(_("The owner consented to “%(kind)s”: record a new consent before "
                                                 "using another kind of erasure.")
                                               % {"kind": ErasureKind(consented_kind).label})
    if level == Level.DESTROY and destination != Destination.RECYCLING:
        errors["destination"] = [_("A destroyed device can only go to recycling.")]
    return errors


def verification_errors(*, level: str, verification_method: str) -> dict[str, list[Any]]:
    """Destroyed media are inspected; erased media are read back (in full or by representative sampling)."""
    if verification_method not in VerificationMethod.values:
        return {"verification_method": [_("Choose how the erasure was verified.")]}
    if level == Level.DESTROY and verification_method != VerificationMethod.PHYSICAL_INSPECTION:
        return {"verification_method": [_("Destroyed media are verified by inspecting them.")]}
    if level != Level.DESTROY and verification_method not in READBACK_METHODS:
        return {"verification_method": [_("Erased media are verified by reading them back.")]}
    return {}
