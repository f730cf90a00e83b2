"""item_register: validation, identifiers, the hardware-identifier rule, passport codes, permissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.core.errors import PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items import facade, services
from recirc.items.codes import ALPHABET, CODE_LENGTH
from recirc.items.errors import HardwareIdentifierRequired, IdentifierInvalid, RegistrationForbidden
from recirc.items.models import ItemEvent, ItemState
from recirc.items.tests.conftest import snapshot
from recirc.items.tests.factories import VALID_IMEI, category, phone_attributes


def register_phone(actor: Any, identifiers: list[tuple[str, str]] | None = None, **overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "actor": actor, "category_id": category("mobile-phones").pk, "title": "iPhone 13 128G 黑色",
        "brand": "Apple", "model_name": "iPhone 13", "attributes": phone_attributes(),
        "identifiers": [("imei", VALID_IMEI)] if identifiers is None else identifiers,
    }
    return services.item_register(**{**arguments, **overrides})


@pytest.mark.parametrize("raw", ["490154203237518", "49 015420 323751 8", "49-015420-323751-8",
                                 "4901542032375181"])
def test_registration_stores_the_normalised_imei(world: dict[str, Any], raw: str) -> None:
    item = register_phone(world["clerk_a"], [("imei", raw)])
    assert list(item.identifiers.values_list("kind", "value")) == [("imei", "490154203237518")]


def test_registration_writes_passport_event_and_audit(world: dict[str, Any]) -> None:
    item = register_phone(world["clerk_a"])
    assert len(item.code) == CODE_LENGTH and set(item.code) <= set(ALPHABET)
    assert (item.owner_operator_id, item.outlet_id, item.state) == (
        world["operator_a"].pk, world["outlet_a"].pk, ItemState.INTAKE)
    assert item.attributes == {"brand": "Apple", "model": "iPhone 13", "storage_gb": "128", "colour": "黑色",
                               "battery_health_percent": 91}
    event = ItemEvent.objects.get(item=item)
    assert (event.kind, event.is_public, event.operator_id, event.actor_id, event.to_state) == (
        "registered", True, world["operator_a"].pk, world["clerk_a"].pk, "intake")
    audit = AuditEvent.objects.get(action="item.registered")
    assert (audit.actor_id, audit.target_id, audit.operator_id) == (world["clerk_a"].pk, str(item.pk),
                                                                    world["operator_a"].pk)
    assert audit.payload == {"code": item.code, "category": "mobile-phones", "identifier_kinds": ["imei"],
                             "erasure_required": True}


def test_bad_check_digit_is_refused_and_nothing_is_written(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(IdentifierInvalid) as caught:
        register_phone(world["clerk_a"], [("imei", "490154203237519")])
    assert caught.value.code == "items.imei_checksum"
    assert list(caught.value.errors) == ["identifiers.imei"]
    assert snapshot() == before


def test_attribute_and_identifier_errors_are_reported_together(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        register_phone(world["clerk_a"], [("imei", "123"), ("mac", "zz")],
                       attributes=phone_attributes(storage_gb="100", battery_health_percent=120))
    assert caught.value.code == "catalog.attributes_invalid"
    assert sorted(caught.value.errors) == ["attributes.battery_health_percent", "attributes.storage_gb",
                                           "identifiers.imei", "identifiers.mac"]
    assert snapshot() == before


def test_phones_need_a_hardware_identifier(world: dict[str, Any]) -> None:
    before = snapshot()
    for identifiers in ([], [("network_licence", "02-B123-201234")]):
        with pytest.raises(HardwareIdentifierRequired) as caught:
            register_phone(world["clerk_a"], identifiers)
        assert (caught.value.code, list(caught.value.errors)) == ("items.hardware_identifier_required",
                                                                  ["identifiers"])
    assert snapshot() == before
    assert register_phone(world["clerk_a"], [("serial", "F2LXK1ABJG5H")]).pk


def test_clothing_needs_no_identifier(world: dict[str, Any]) -> None:
    item = services.item_register(actor=world["clerk_a"], category_id=category("clothing").pk, title="羽绒服",
                                  attributes={"size": "L", "washed": "true"})
    assert (item.attributes, item.identifiers.count()) == ({"size": "L", "washed": True}, 0)


def test_missing_required_attribute(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.item_register(actor=world["clerk_a"], category_id=category("clothing").pk, title="羽绒服",
                               attributes={"size": "L"})
    assert (caught.value.code, list(caught.value.errors)) == ("catalog.attributes_invalid", ["attributes.washed"])


def test_parent_categories_are_not_registrable(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        register_phone(world["clerk_a"], category_id=category("digital-products").pk)
    assert (caught.value.code, list(caught.value.errors)) == ("items.category_not_registrable", ["category_id"])


def test_duplicate_identifiers_in_one_request_are_kept_once(world: dict[str, Any]) -> None:
    item = register_phone(world["clerk_a"], [("imei", VALID_IMEI), ("IMEI", "49-015420-323751-8")])
    assert item.identifiers.count() == 1


def test_consumer_registers_for_themselves(world: dict[str, Any]) -> None:
    item = register_phone(world["consumer"])
    assert (item.owner_user_id, item.owner_operator_id, item.outlet_id) == (world["consumer"].pk, None, None)
    assert ItemEvent.objects.get(item=item).operator_id is None


def test_staff_register_a_consigned_item_for_a_consumer(world: dict[str, Any]) -> None:
    item = register_phone(world["clerk_a"], owner_user_id=world["consumer"].pk)
    assert (item.owner_user_id, item.owner_operator_id, item.outlet_id) == (
        world["consumer"].pk, None, world["outlet_a"].pk)
    assert ItemEvent.objects.get(item=item).operator_id == world["operator_a"].pk


@pytest.mark.parametrize(("actor_key", "overrides"), [
    ("anonymous", {}),
    ("clerk_b", {"owner_operator_id": "operator_a"}),
    ("clerk_a", {"outlet_id": "outlet_b"}),
    ("manager_a", {"outlet_id": "outlet_b"}),
    ("consumer", {"owner_operator_id": "operator_a"}),
    ("consumer", {"owner_user_id": "clerk_a"}),
    ("regulator", {}),
    ("police", {}),
    ("admin", {}),
])
def test_registration_permission_matrix_denials(world: dict[str, Any], actor_key: str,
                                                overrides: dict[str, str]) -> None:
    actor = AnonymousUser() if actor_key == "anonymous" else world[actor_key]
    arguments = {name: world[key].pk for name, key in overrides.items()}
    before = snapshot()
    with pytest.raises(PermissionDenied) as caught:
        register_phone(actor, **arguments)
    assert isinstance(caught.value, RegistrationForbidden)
    assert snapshot() == before


def test_facade_register_returns_a_contract(world: dict[str, Any]) -> None:
    ref = facade.item_register(actor=world["manager_a"], category_id=category("mobile-phones").pk, title="Mate 60",
                               brand="Huawei", model_name="Mate 60", attributes=phone_attributes(),
                               identifiers=[("imei", VALID_IMEI)], outlet_id=world["outlet_a"].pk)
    assert (ref.category_code, ref.has_storage, ref.high_risk, ref.owner_operator_id) == (
        "mobile-phones", True, True, world["operator_a"].pk)
    assert [(identifier.kind, identifier.value) for identifier in ref.identifiers] == [("imei", VALID_IMEI)]


def test_items_sharing_an_identifier_are_a_clone_signal(world: dict[str, Any]) -> None:
    first = register_phone(world["clerk_a"])
    second = register_phone(world["clerk_b"], [("imei", "49-015420-323751-8")])
    register_phone(world["clerk_b"], [("imei", "356868000041418")])
    found = facade.items_sharing_identifier("IMEI", "4901542032375181")
    assert [ref.id for ref in found] == [first.pk, second.pk]
