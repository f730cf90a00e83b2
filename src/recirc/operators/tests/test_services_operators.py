from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import NotFound, PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators import rules
from recirc.operators.errors import TransitionNotAllowed
from recirc.operators.models import Operator, OperatorKind, OperatorStatus
from recirc.operators.services import operator_change_status, operator_register, operator_update
from recirc.operators.tests.factories import (
    DistrictFactory,
    OperatorFactory,
    UserFactory,
    staff_of,
    valid_credit_code,
)

pytestmark = pytest.mark.django_db

GOOD_CODE = valid_credit_code(424242)


def register(actor: Any, **overrides: Any) -> Operator:
    values: dict[str, Any] = {"kind": OperatorKind.ENTERPRISE, "name": "西湖循环科技有限公司",
                              "credit_code": GOOD_CODE, "district_code": "330106"}
    return operator_register(actor=actor, **(values | overrides))


class TestRegister:
    def test_registrar_registers_an_operator_with_an_audit_event(self, regulator: Any) -> None:
        # given a commerce regulator and the Hangzhou districts of the data migration
        # when they register an operator, giving the code grouped and in lower case
        operator = register(regulator, credit_code=" " + GOOD_CODE[:9].lower() + " " + GOOD_CODE[9:],
                            licence_valid_from=dt.date(2020, 1, 1))
        # then the operator is active, the code normalised, and the event names the operator
        operator.refresh_from_db()
        assert (operator.credit_code, operator.status, operator.district.code) == (GOOD_CODE, "active", "330106")
        assert operator.district.name == "西湖区"
        assert operator.registered_on == timezone.localdate()
        event = AuditEvent.objects.get(action="operator.registered")
        assert (event.actor, event.operator_id, event.target_id) == (regulator, operator.pk, str(operator.pk))
        assert event.payload == {"kind": "enterprise", "credit_code": GOOD_CODE, "district_code": "330106",
                                 "parent_id": None}

    @pytest.mark.parametrize("overrides, code, field", [
        ({"credit_code": GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")},
         "operators.credit_code_invalid", "credit_code"),
        ({"credit_code": "1234"}, "operators.credit_code_invalid", "credit_code"),
        ({"district_code": "330199"}, "operators.district_unknown", "district_code"),
        ({"district_code": "3301"}, "operators.district_code_invalid", "district_code"),
        ({"licence_valid_from": dt.date(2024, 5, 1), "licence_valid_until": dt.date(2024, 4, 30)},
         "operators.licence_dates_invalid", "licence_valid_until"),
        ({"licence_valid_until": dt.date(2000, 1, 1)}, "operators.licence_expired", "licence_valid_until"),
        ({"parent_id": 987654}, "operators.parent_unknown", "parent_id"),
        ({"kind": "pawnshop"}, "operators.invalid", "kind"),
        ({"name": "  "}, "operators.invalid", "name"),
    ])
    def test_bad_input_is_refused_with_its_code_and_field_and_nothing_is_written(
            self, regulator: Any, unchanged: Any, overrides: dict[str, Any], code: str, field: str) -> None:
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            register(regulator, **overrides)
        assert caught.value.code == code
        assert list(caught.value.errors) == [field]
        assert unchanged() == before

    def test_duplicate_credit_code_is_already_registered(self, regulator: Any, unchanged: Any) -> None:
        OperatorFactory(credit_code=GOOD_CODE)
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            register(regulator)
        assert (caught.value.code, list(caught.value.errors)) == ("operators.credit_code_taken", ["credit_code"])
        assert unchanged() == before

    def test_error_message_is_translated(self, regulator: Any) -> None:
        from django.utils import translation

        with translation.override("en"), pytest.raises(ValidationFailed) as caught:
            register(regulator, district_code="330199")
        assert caught.value.errors == {
            "district_code": ["No district with this code is known. Load the city's districts first."]}

    @pytest.mark.parametrize("role", [None, Role.CONSUMER, Role.CLERK, Role.OPERATOR_MANAGER, Role.POLICE,
                                      Role.MODERATOR])
    def test_only_platform_admins_and_commerce_regulators_may_register(self, role: Role | None, anonymous: Any,
                                                                       unchanged: Any) -> None:
        actor = anonymous if role is None else UserFactory(role=role)
        if role in (Role.CLERK, Role.OPERATOR_MANAGER):
            actor = staff_of(OperatorFactory(), role=role)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            register(actor)
        assert unchanged() == before

    @pytest.mark.parametrize("role", [Role.PLATFORM_ADMIN, Role.COMMERCE_REGULATOR])
    def test_registrars_may_register(self, role: Role) -> None:
        assert register(UserFactory(role=role)).pk is not None


class TestLegalRepresentative:
    def test_name_goes_to_the_vault_and_only_the_mask_stays(self, regulator: Any) -> None:
        from recirc.privacy.models import VaultRecord

        operator = register(regulator, legal_representative="张三丰")
        operator.refresh_from_db()
        record = VaultRecord.objects.get(token=operator.legal_representative_token)
        assert (record.kind, operator.legal_representative_masked) == ("name", record.masked)
        assert "张三丰" not in operator.legal_representative_masked
        assert all("张三丰" not in str(event.payload) for event in AuditEvent.objects.all())

    def test_bad_input_after_the_name_leaves_no_vault_record(self, regulator: Any, unchanged: Any) -> None:
        OperatorFactory(credit_code=GOOD_CODE)
        before = unchanged()
        with pytest.raises(ValidationFailed):
            register(regulator, legal_representative="张三丰")
        assert unchanged() == before

    def test_too_long_name(self, regulator: Any) -> None:
        with pytest.raises(ValidationFailed) as caught:
            register(regulator, legal_representative="名" * 61)
        assert (caught.value.code, list(caught.value.errors)) == ("operators.legal_representative_invalid",
                                                                  ["legal_representative"])

    def test_update_replaces_the_token_and_audits_the_mask(self, regulator: Any) -> None:
        operator = register(regulator, legal_representative="张三丰")
        old_token = operator.legal_representative_token
        operator_update(actor=regulator, operator_id=operator.pk, legal_representative="李四")
        operator.refresh_from_db()
        assert operator.legal_representative_token != old_token
        event = AuditEvent.objects.get(action="operator.updated")
        assert event.payload == {"changed": {"legal_representative": operator.legal_representative_masked}}
        assert "李四" not in str(event.payload)


class TestChains:
    def test_branch_gets_its_parent(self, regulator: Any) -> None:
        head = OperatorFactory()
        branch = register(regulator, parent_id=head.pk, is_franchise=True)
        assert (branch.parent, branch.is_franchise) == (head, True)

    def test_operator_cannot_be_its_own_parent(self, regulator: Any, unchanged: Any) -> None:
        operator = OperatorFactory()
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            operator_update(actor=regulator, operator_id=operator.pk, parent_id=operator.pk)
        assert (caught.value.code, list(caught.value.errors)) == ("operators.parent_is_self", ["parent_id"])
        assert unchanged() == before

    def test_chain_cannot_become_a_loop(self, regulator: Any, unchanged: Any) -> None:
        # given a -> b -> c (a is the head)
        a = OperatorFactory()
        b = OperatorFactory(parent=a)
        c = OperatorFactory(parent=b)
        before = unchanged()
        # when the head is made a branch of its own grandchild
        with pytest.raises(ValidationFailed) as caught:
            operator_update(actor=regulator, operator_id=a.pk, parent_id=c.pk)
        # then
        assert (caught.value.code, list(caught.value.errors)) == ("operators.parent_cycle", ["parent_id"])
        assert unchanged() == before
        a.refresh_from_db()
        assert a.parent_id is None


class TestUpdate:
    def test_registrar_corrects_district_and_licence(self, regulator: Any) -> None:
        operator = OperatorFactory()
        operator_update(actor=regulator, operator_id=operator.pk, district_code="330108",
                        licence_valid_until=dt.date(2030, 12, 31))
        operator.refresh_from_db()
        assert (operator.district.code, operator.licence_valid_until) == ("330108", dt.date(2030, 12, 31))
        event = AuditEvent.objects.get(action="operator.updated")
        assert event.operator_id == operator.pk
        assert event.payload == {"changed": {"licence_valid_until": "2030-12-31", "district_code": "330108"}}

    def test_own_manager_may_correct_contact_facts_only(self, unchanged: Any) -> None:
        operator = OperatorFactory()
        manager = staff_of(operator, role=Role.OPERATOR_MANAGER)
        operator_update(actor=manager, operator_id=operator.pk, registered_address="杭州市西湖区文三路1号")
        before = unchanged()
        with pytest.raises(ValidationFailed) as caught:
            operator_update(actor=manager, operator_id=operator.pk, credit_code=valid_credit_code(7))
        assert (caught.value.code, list(caught.value.errors)) == ("operators.field_not_editable", ["credit_code"])
        assert unchanged() == before

    def test_other_operators_manager_may_not_update(self, unchanged: Any) -> None:
        operator = OperatorFactory()
        stranger = staff_of(OperatorFactory(), role=Role.OPERATOR_MANAGER)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            operator_update(actor=stranger, operator_id=operator.pk, name_en="Hijacked")
        assert unchanged() == before

    def test_changing_to_a_taken_credit_code_is_refused(self, regulator: Any) -> None:
        first, second = OperatorFactory(), OperatorFactory()
        with pytest.raises(ValidationFailed) as caught:
            operator_update(actor=regulator, operator_id=second.pk, credit_code=first.credit_code)
        assert caught.value.code == "operators.credit_code_taken"

    def test_missing_operator_is_not_found(self, regulator: Any) -> None:
        with pytest.raises(NotFound):
            operator_update(actor=regulator, operator_id=424242, name="x")


class TestStatusMachine:
    def test_suspend_then_reactivate_then_close_with_audit(self, regulator: Any) -> None:
        operator = OperatorFactory()
        for target in (OperatorStatus.SUSPENDED, OperatorStatus.ACTIVE, OperatorStatus.CLOSED):
            operator_change_status(actor=regulator, operator_id=operator.pk, status=target, reason="inspection")
        operator.refresh_from_db()
        assert operator.status == "closed"
        events = AuditEvent.objects.filter(action="operator.status_changed").order_by("id")
        assert [(e.payload["from"], e.payload["to"], e.operator_id) for e in events] == [
            ("active", "suspended", operator.pk), ("suspended", "active", operator.pk),
            ("active", "closed", operator.pk)]

    def test_closed_is_final(self, regulator: Any, unchanged: Any) -> None:
        operator = OperatorFactory(status=OperatorStatus.CLOSED)
        before = unchanged()
        with pytest.raises(TransitionNotAllowed) as caught:
            operator_change_status(actor=regulator, operator_id=operator.pk, status=OperatorStatus.ACTIVE)
        assert caught.value.code == "operators.transition_not_allowed"
        assert caught.value.status == 409
        assert unchanged() == before

    def test_predicates_follow_the_transition_table(self) -> None:
        active = Operator(status=OperatorStatus.ACTIVE)
        suspended = Operator(status=OperatorStatus.SUSPENDED)
        closed = Operator(status=OperatorStatus.CLOSED)
        assert [rules.can_suspend(o) for o in (active, suspended, closed)] == [True, False, False]
        assert [rules.can_reactivate(o) for o in (active, suspended, closed)] == [False, True, False]
        assert [rules.can_close(o) for o in (active, suspended, closed)] == [True, True, False]

    def test_operator_manager_cannot_change_status(self, unchanged: Any) -> None:
        operator = OperatorFactory()
        manager = staff_of(operator, role=Role.OPERATOR_MANAGER)
        before = unchanged()
        with pytest.raises(PermissionDenied):
            operator_change_status(actor=manager, operator_id=operator.pk, status=OperatorStatus.SUSPENDED)
        assert unchanged() == before

    def test_unknown_status_is_refused(self, regulator: Any) -> None:
        operator = OperatorFactory()
        with pytest.raises(ValidationFailed) as caught:
            operator_change_status(actor=regulator, operator_id=operator.pk, status="dormant")
        assert (caught.value.code, list(caught.value.errors)) == ("operators.status_unknown", ["status"])


def test_hangzhou_districts_are_loaded_by_the_data_migration() -> None:
    from recirc.operators.models import District

    hangzhou = District.objects.get(code="330100")
    assert (hangzhou.name, hangzhou.parent.code) == ("杭州市", "330000")
    assert sorted(hangzhou.children.values_list("code", flat=True)) == [
        "330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113", "330114",
        "330122", "330127", "330182"]
    assert District.objects.get(code="330113").name_en == "Linping District"
    assert not DistrictFactory().code.startswith("33")
