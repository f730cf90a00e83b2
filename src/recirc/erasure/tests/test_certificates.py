"""Certificates: every field of REGULATIONS.md section 5, the SHA-256 of the canonical JSON, the public check
(valid, revoked, altered) with masked identifiers and no staff names, and the facade for listings."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.utils import timezone

from recirc.erasure import facade
from recirc.erasure.certificates import canonical_json, code_normalise, is_intact
from recirc.erasure.errors import CertificateNotFound
from recirc.erasure.models import ErasureCertificate, ErasureConsent
from recirc.erasure.tests.conftest import IMEIS, verified_job
from recirc.operators.facade import operator_scope


def test_the_certificate_holds_every_required_field(world: dict[str, Any]) -> None:
    job = verified_job(world)
    certificate = ErasureCertificate.objects.get()
    consent = ErasureConsent.objects.get()

    def local(moment: Any) -> str:
        return timezone.localtime(moment).isoformat()

    assert certificate.content == {
        "format": "recirc.erasure-certificate/1", "certificate_id": certificate.code,
        "issued_at": local(certificate.issued_at),
        "standards": ["NIST SP 800-88 Rev. 2", "IEEE 2883-2022", "GB 46864-2025"],
        "operator": {"id": world["operator_a"].pk, "name": "甲回收", "credit_code": world["operator_a"].credit_code},
        "device": {"passport_code": job.item_code, "category": "mobile-phones", "make": "Apple", "model": "iPhone 13",
                   "media_type": "flash_embedded", "storage_serial": "EMMC-8842A",
                   "identifiers": [{"kind": "imei", "value": IMEIS[0]}]},
        "consent": {"reference": consent.code, "given_at": local(consent.given_at), "channel": "signed_form",
                    "scope": "internal_and_removable", "text_version": "2026-01"},
        "erasure": {"method": "crypto_erase", "level": "purge", "tool": "Blancco Mobile Diagnostics",
                    "tool_version": "5.4.1", "started_at": local(job.started_at), "ended_at": local(job.ended_at),
                    "operator": {"user_id": world["technician_a"].pk, "name": "张维修"}, "attempt": 1},
        "verification": {"method": "sampled_readback", "result": "passed", "verified_at": local(job.verified_at),
                         "verifier": {"user_id": world["inspector_a"].pk, "name": "李质检"}},
        "destination": "resale",
    }
    text = json.dumps(certificate.content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert canonical_json(certificate.content) == text
    assert certificate.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert certificate.code.startswith("EC") and len(certificate.code) == 12


def test_an_edited_certificate_is_detected(world: dict[str, Any]) -> None:
    verified_job(world)
    certificate = ErasureCertificate.objects.get()
    assert is_intact(certificate) and facade.certificate_public(certificate.code).status == "valid"
    content = certificate.content
    content["erasure"]["level"] = "clear"
    ErasureCertificate.objects.filter(pk=certificate.pk).update(content=content)
    checked = facade.certificate_public(certificate.code)
    assert (checked.status, checked.facts) == ("altered", ())


def test_the_public_check_masks_identifiers_and_names_no_staff(world: dict[str, Any]) -> None:
    verified_job(world)
    certificate = ErasureCertificate.objects.get()
    checked = facade.certificate_public(f" {certificate.code.lower()[:6]}-{certificate.code.lower()[6:]} ")
    facts = {fact.label: fact.value for fact in checked.facts}
    assert (checked.code, checked.status, checked.operator_name, checked.sha256) == (
        certificate.code, "valid", "甲回收", certificate.sha256)
    assert facts["Identifiers"] == "IMEI 49015420******8"
    assert facts["Verified by a second person"] == "yes"
    assert facts["Method"] == "Cryptographic erase" and facts["Level (NIST SP 800-88)"] == "Purge level"
    assert "张维修" not in str(checked) and "李质检" not in str(checked) and IMEIS[0] not in str(checked)


def test_unknown_numbers_are_not_found(db: Any) -> None:
    with pytest.raises(CertificateNotFound) as caught:
        facade.certificate_public("EC0000000000")
    assert (caught.value.code, caught.value.status) == ("erasure.certificate_not_found", 404)


@pytest.mark.parametrize(("typed", "stored"), [("ec12ab-34cd-ef", "EC12AB34CDEF"), ("EC 0O1IL", "EC00111"),
                                                ("xyz", "XYZ")])
def test_typed_numbers_are_normalised(typed: str, stored: str) -> None:
    assert code_normalise(typed) == stored


def test_the_facade_gives_listings_the_valid_certificate(world: dict[str, Any]) -> None:
    job = verified_job(world)
    certificate = ErasureCertificate.objects.get()
    found = facade.certificate_for_item(job.item_id)
    assert found is not None
    assert (found.code, found.item_code, found.method, found.level, found.destination, found.is_valid) == (
        certificate.code, job.item_code, "crypto_erase", "purge", "resale", True)
    assert facade.certificate_for_item(job.item_id + 999) is None
    assert facade.certificate_counts(operator_scope(world["manager_a"])) == {"valid": 1, "revoked": 0}
    assert facade.certificate_counts(operator_scope(world["manager_b"])) == {"valid": 0, "revoked": 0}
