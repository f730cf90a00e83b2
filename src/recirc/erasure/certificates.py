"""Erasure certificates: the certified facts as canonical JSON, their SHA-256, issue and revocation, and the
public check (status and integrity) behind the QR code.

The facts follow REGULATIONS.md section 5: certificate id; device identifiers, make, model, media type;
consent reference; method and level; tool and version; start and end; operator; verification method and
result; verifier (not the operator); destination; the hash. Staff appear by user id and display name (a
business record, not vault data); the public page leaves them out and masks the identifiers.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.erasure.contracts import CertificateRef, Fact, PublicCertificate
from recirc.erasure.errors import CertificateNotFound
from recirc.erasure.models import (
    Destination,
    ErasureCertificate,
    ErasureJob,
    Level,
    MediaType,
    Method,
    Result,
    VerificationMethod,
)
from recirc.items.facade import identifier_mask
from recirc.operators.facade import operator_refs

FORMAT = "recirc.erasure-certificate/1"
STANDARDS = ("NIST SP 800-88 Rev. 2", "IEEE 2883-2022", "GB 46864-2025")
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_PREFIX = "EC"
CODE_LENGTH = 10
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_generate() -> str:
    while True:
        code = CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not ErasureCertificate.objects.filter(code=code).exists():
            return code


def code_normalise(text: str) -> str:
    """A typed or scanned certificate number in its stored form (lower case, spaces, dashes, O/I/L forgiven)."""
    compact = "".join((text or "").split()).replace("-", "").upper()
    if compact.startswith(CODE_PREFIX):
        return CODE_PREFIX + compact[len(CODE_PREFIX):].translate(_CONFUSABLE)
    return compact


def canonical_json(content: dict[str, Any]) -> str:
    """Sorted keys, no spaces, UTF-8 characters as they are: one text for one set of facts."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def _moment(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def _person(user: Any) -> dict[str, Any]:
    return {"user_id": user.pk, "name": str(user)}


def certificate_content(job: ErasureJob, *, code: str, issued_at: Any) -> dict[str, Any]:
    operator = operator_refs([job.operator_id]).get(job.operator_id)
    return {
        "format": FORMAT, "certificate_id": code, "issued_at": _moment(issued_at), "standards": list(STANDARDS),
        "operator": {"id": job.operator_id, "name": operator.name if operator else "",
                     "credit_code": operator.credit_code if operator else ""},
        "device": {"passport_code": job.item_code, "category": job.category_code, "make": job.make,
                   "model": job.model_name, "media_type": job.media_type, "storage_serial": job.storage_serial,
                   "identifiers": [dict(pair) for pair in job.identifiers]},
        "consent": {"reference": job.consent.code, "given_at": _moment(job.consent.given_at),
                    "channel": job.consent.channel, "scope": job.consent.scope,
                    "text_version": job.consent.text_version},
        "erasure": {"method": job.method, "level": job.level, "tool": job.tool, "tool_version": job.tool_version,
                    "started_at": _moment(job.started_at), "ended_at": _moment(job.ended_at),
                    "operator": _person(job.erased_by), "attempt": job.attempt},
        "verification": {"method": job.verification_method, "result": job.verification_result,
                         "verified_at": _moment(job.verified_at), "verifier": _person(job.verified_by)},
        "destination": job.destination,
    }


def certificate_issue(*, actor: Any, job: ErasureJob) -> ErasureCertificate:
    """Issue the certificate of a job just verified (inside the verification's transaction)."""
    code, now = code_generate(), timezone.now()
    content = certificate_content(job, code=code, issued_at=now)
    certificate = ErasureCertificate.objects.create(
        code=code, job=job, item_id=job.item_id, operator_id=job.operator_id, content=content,
        sha256=digest(content), issued_at=now, issued_by=actor)
    audit_record(actor=actor, action="erasure.certificate_issued", target=certificate, operator_id=job.operator_id,
                 payload={"code": code, "job_id": job.pk, "item_code": job.item_code, "sha256": certificate.sha256})
    return certificate


def certificate_revoke(*, actor: Any, certificate: ErasureCertificate, reason: str) -> ErasureCertificate:
    """Revoke a valid certificate (inside the caller's transaction); the facts and hash stay as issued."""
    certificate.revoked_at, certificate.revoked_reason = timezone.now(), reason
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, action="erasure.certificate_revoked", target=certificate,
                 operator_id=certificate.operator_id, payload={"code": certificate.code, "reason": reason})
    return certificate


def is_intact(certificate: ErasureCertificate) -> bool:
    return digest(certificate.content) == certificate.sha256 and certificate.content.get("certificate_id") == \
        certificate.code


def certificate_ref(certificate: ErasureCertificate) -> CertificateRef:
    content = certificate.content
    return CertificateRef(
        code=certificate.code, item_id=certificate.item_id, item_code=content["device"]["passport_code"],
        operator_id=certificate.operator_id, method=content["erasure"]["method"], level=content["erasure"]["level"],
        destination=content["destination"], issued_at=certificate.issued_at, sha256=certificate.sha256,
        is_valid=certificate.revoked_at is None and is_intact(certificate))


def label(choices: Any, value: Any) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def _minute(moment: str | None) -> str:
    return (moment or "")[:16].replace("T", " ")


def _identifiers(device: dict[str, Any], *, public: bool) -> str:
    shown = [f"{pair['kind'].upper()} {identifier_mask(pair['kind'], pair['value']) if public else pair['value']}"
             for pair in device["identifiers"]]
    if device.get("storage_serial") and not public:
        shown.append(_("storage %(serial)s") % {"serial": device["storage_serial"]})
    return ", ".join(shown) or "—"


def certificate_facts(content: dict[str, Any], *, public: bool) -> tuple[Fact, ...]:
    """The certified facts in the reader's language. Public: identifiers masked, no staff names."""
    device, erasure, verification = content["device"], content["erasure"], content["verification"]
    consent = content["consent"]
    operator_fact = Fact(_("Erased by"), erasure["operator"]["name"])
    verifier_fact = Fact(_("Verified by"), _("%(name)s (not the person who erased it)")
                         % {"name": verification["verifier"]["name"]})
    independent = Fact(_("Verified by a second person"), _("yes") if verification["verifier"]["user_id"]
                       != erasure["operator"]["user_id"] else _("no"))
    return (
        Fact(_("Device"), " ".join(part for part in (device["make"], device["model"]) if part) or "—"),
        Fact(_("Item passport"), device["passport_code"]),
        Fact(_("Identifiers"), _identifiers(device, public=public)),
        Fact(_("Media type"), label(MediaType, device["media_type"])),
        Fact(_("Consent reference"), f"{consent['reference']} · {_minute(consent['given_at'])}"),
        Fact(_("Method"), label(Method, erasure["method"])),
        Fact(_("Level (NIST SP 800-88)"), label(Level, erasure["level"])),
        Fact(_("Tool"), f"{erasure['tool']} {erasure['tool_version']}".strip()),
        Fact(_("Start and end"), f"{_minute(erasure['started_at'])} – {_minute(erasure['ended_at'])}"),
        *(() if public else (operator_fact,)),
        Fact(_("Verification"), f"{label(VerificationMethod, verification['method'])} · "
                                f"{label(Result, verification['result'])}"),
        independent if public else verifier_fact,
        Fact(_("Destination"), label(Destination, content["destination"])),
    )


def public_certificate(code: str) -> PublicCertificate:
    """Anyone: the certificate's status and public facts; CertificateNotFound for an unknown number."""
    certificate = ErasureCertificate.objects.filter(code=code_normalise(code)).first()
    if certificate is None:
        raise CertificateNotFound()
    intact = is_intact(certificate)
    status = "altered" if not intact else ("revoked" if certificate.revoked_at is not None else "valid")
    content = certificate.content
    return PublicCertificate(
        code=certificate.code, status=status, issued_at=certificate.issued_at, revoked_at=certificate.revoked_at,
        operator_name=str(content.get("operator", {}).get("name", "")),
        facts=certificate_facts(content, public=True) if intact else (), sha256=certificate.sha256)
