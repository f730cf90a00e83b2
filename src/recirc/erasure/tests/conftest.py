"""Shared fixtures of the erasure tests: two operators with staff, a consumer, regulators; devices registered
through the items services (so their erasure gate is open), and snapshots for "nothing changed"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.erasure import services, verification
from recirc.erasure.contracts import CompletionInput, ConsentInput
from recirc.erasure.models import (
    ErasureCertificate,
    ErasureConsent,
    ErasureJob,
    ReverificationCheck,
    ReverificationSample,
)
from recirc.items import facade as items_facade
from recirc.items.models import Item, ItemEvent, ItemHold
from recirc.items.tests.factories import (
    VALID_IMEI,
    OperatorFactory,
    OutletFactory,
    UserFactory,
    category,
    phone_attributes,
    staff_member,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"
IMEIS = ["490154203237518", "356938035643809", "353918051288518", "359881030314355", "352099001761481",
         "013410003024789", "357805023984942", "354410045622167", "860123456789014", "865432109876549"]


def snapshot() -> dict[str, Any]:
    """Everything a refused request must leave unchanged."""
    return {
        "consents": list(ErasureConsent.objects.order_by("pk").values_list("pk", "code")),
        "jobs": list(ErasureJob.objects.order_by("pk").values_list(
            "pk", "state", "attempt", "erased_by", "verified_by", "method", "level", "tool", "destination",
            "verification_result", "failure_reason")),
        "certificates": list(ErasureCertificate.objects.order_by("pk").values_list("pk", "code", "revoked_at")),
        "samples": ReverificationSample.objects.count(),
        "checks": list(ReverificationCheck.objects.order_by("pk").values_list("pk", "state", "reverified_by")),
        "items": list(Item.objects.order_by("pk").values_list("pk", "state")),
        "holds": list(ItemHold.objects.order_by("pk").values_list("pk", "kind", "released_at")),
        "item_events": ItemEvent.objects.count(), "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Operator A (outlet a1): a clerk, two technicians, an inspector and a manager; operator B: a technician
    and a manager; a consumer; commerce regulator, market supervision, police, administrator."""
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a, outlet_b = OutletFactory(operator=operator_a, name="甲一店"), OutletFactory(operator=operator_b)
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, "outlet_b": outlet_b,
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk_a", display_name="王收购"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="technician_a",
                                     display_name="张维修"),
        "technician_a2": staff_member(operator_a, role=Role.TECHNICIAN, username="technician_a2",
                                      display_name="赵技术"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="inspector_a", display_name="李质检"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="manager_a",
                                  display_name="陈店长"),
        "technician_b": staff_member(operator_b, role=Role.TECHNICIAN, username="technician_b"),
        "manager_b": staff_member(operator_b, role=Role.OPERATOR_MANAGER, username="manager_b"),
        "consumer": UserFactory(role=Role.CONSUMER, username="consumer"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="regulator"),
        "supervision": UserFactory(role=Role.MARKET_SUPERVISION, username="supervision"),
        "police": UserFactory(role=Role.POLICE, username="police"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
    }


def signed_in(user: Any) -> Client:
    """A client signed in as the user, asking for English pages (the messages tests compare)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user, backend=BACKEND)
    return client


def register_device(world: dict[str, Any], *, operator: str = "a", imei: str = VALID_IMEI,
                    category_code: str = "mobile-phones", in_stock: bool = True) -> Item:
    """A phone registered by the operator's staff (its erasure gate opens), moved into stock."""
    clerk = world["clerk_a"] if operator == "a" else world["manager_b"]
    outlet = world["outlet_a"] if operator == "a" else world["outlet_b"]
    phone = category_code == "mobile-phones"
    ref = items_facade.item_register(
        actor=clerk, category_id=category(category_code).pk, title="iPhone 13 128G 黑色" if phone else "夹克",
        brand="Apple" if phone else "", model_name="iPhone 13" if phone else "",
        attributes=phone_attributes() if phone else {"size": "M", "washed": True},
        identifiers=[("imei", imei)] if phone else [], outlet_id=outlet.pk)
    if in_stock:
        items_facade.item_transition(actor=clerk, item_id=ref.id, to_state="in_stock")
    return Item.objects.get(pk=ref.id)


def consent_input(**overrides: Any) -> ConsentInput:
    values: dict[str, Any] = {"subject_reference": "register 3/17", "scope": "internal_and_removable",
                              "erasure_kind": "software", "channel": "signed_form", "effect_explained": True,
                              "given_at": timezone.now() - dt.timedelta(hours=2), "text_version": "2026-01"}
    return ConsentInput(**{**values, **overrides})


def completion_input(**overrides: Any) -> CompletionInput:
    values: dict[str, Any] = {"method": "crypto_erase", "level": "purge", "tool": "Blancco Mobile Diagnostics",
                              "tool_version": "5.4.1", "destination": "resale", "note": ""}
    return CompletionInput(**{**values, **overrides})


def planned_job(world: dict[str, Any], item: Item | None = None, *, actor: str = "technician_a",
                **consent: Any) -> ErasureJob:
    item = item or register_device(world)
    return services.job_open(actor=world[actor], item_id=item.pk, consent=consent_input(**consent),
                             media_type="flash_embedded", storage_serial="emmc-8842 a")


def erased_job(world: dict[str, Any], item: Item | None = None, **completion: Any) -> ErasureJob:
    job = planned_job(world, item, erasure_kind="destruction" if completion.get("method") == "destroy"
                      else "software")
    services.job_start(actor=world["technician_a"], job_id=job.pk,
                       started_at=timezone.now() - dt.timedelta(minutes=30))
    return services.job_complete(actor=world["technician_a"], job_id=job.pk, data=completion_input(**completion))


def verified_job(world: dict[str, Any], item: Item | None = None, *, verifier: str = "inspector_a",
                 **completion: Any) -> ErasureJob:
    job = erased_job(world, item, **completion)
    method = "physical_inspection" if completion.get("method") == "destroy" else "sampled_readback"
    return verification.job_verify(actor=world[verifier], job_id=job.pk, method=method, result="passed")
