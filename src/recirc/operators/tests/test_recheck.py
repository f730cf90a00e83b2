"""Periodic re-check of merchant identity (recheck.py): who is due, recording a re-check (audited, validated, by
moderators only), the moderators' pages and CSV, and the store facts and re-check state other contexts read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators import recheck
from recirc.operators.facade import merchant_recheck_state, operator_store
from recirc.operators.models import Membership, MerchantRecheck, Operator, OperatorStatus
from recirc.operators.tests.factories import OperatorFactory, UserFactory

TODAY = dt.date(2026, 12, 1)
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _registered(days_ago: int, **fields: Any) -> Operator:
    return OperatorFactory(registered_on=timezone.localdate() - dt.timedelta(days=days_ago), **fields)


def _state() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), MerchantRecheck.objects.count(),
            sorted(Operator.objects.values_list("id", "identity_checked_at", "identity_checked_by",
                                                "licence_valid_until")))


@pytest.fixture
def moderator(db: Any) -> Any:
    return UserFactory(role=Role.MODERATOR, username="moderator")


@pytest.fixture
def operators(db: Any) -> dict[str, Operator]:
    return {"fresh": _registered(10, name="新商行"), "soon": _registered(170, name="将到期商行"),
            "overdue": _registered(200, name="逾期商行"), "refused": _registered(215, name="拒发商行"),
            "closed": _registered(400, name="已关闭商行", status=OperatorStatus.CLOSED)}


def test_the_state_counts_from_registration_until_the_first_recheck(operators: dict[str, Operator]) -> None:
    today = timezone.localdate()
    states = {name: recheck.state_of(operator) for name, operator in operators.items()}
    assert {name: state.state for name, state in states.items()} == {
        "fresh": "current", "soon": "due_soon", "overdue": "overdue", "refused": "refused", "closed": "refused"}
    assert states["overdue"].due_on == today - dt.timedelta(days=20)
    assert (states["overdue"].days_overdue, states["refused"].days_overdue) == (20, 35)
    assert states["overdue"].refused_from == today + dt.timedelta(days=11)


def test_a_grace_of_zero_never_refuses(operators: dict[str, Operator], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "MERCHANT_RECHECK_GRACE_DAYS": 0}
    state = recheck.state_of(operators["refused"])
    assert (state.state, state.refuses_publication, state.refused_from) == ("overdue", False, None)


def test_the_list_holds_due_and_overdue_operators_most_overdue_first(operators: dict[str, Operator],
                                                                     moderator: Any) -> None:
    names = lambda **filters: [o.name for o in recheck.rechecks_due(moderator, **filters)]  # noqa: E731
    assert names() == ["拒发商行", "逾期商行", "将到期商行"]
    assert names(state="overdue") == ["拒发商行", "逾期商行"]
    assert names(state="refused") == ["拒发商行"]
    assert names(state="due_soon") == ["将到期商行"]
    assert names(query="逾期") == ["逾期商行"]
    assert names(query=operators["soon"].credit_code.lower()) == ["将到期商行"]


def test_a_passing_recheck_restarts_the_period_and_is_audited(operators: dict[str, Operator],
                                                              moderator: Any) -> None:
    operator = operators["overdue"]
    until = timezone.localdate() + dt.timedelta(days=700)
    entry = recheck.merchant_recheck_record(actor=moderator, operator_id=operator.pk, licence_seen=True,
                                            licence_valid_until=until, note="营业执照原件已核对")
    operator.refresh_from_db()
    assert (entry.licence_seen, entry.note, entry.checked_by) == (True, "营业执照原件已核对", moderator)
    assert (operator.identity_checked_by, operator.licence_valid_until) == (moderator, until)
    assert recheck.state_of(operator).due_on == timezone.localdate() + dt.timedelta(days=180)
    event = AuditEvent.objects.get(action="operators.merchant_rechecked")
    assert (event.actor_id, event.target_id, event.operator_id) == (moderator.pk, str(operator.pk), operator.pk)
    assert event.payload == {"recheck": entry.pk, "licence_seen": True, "licence_valid_until": until.isoformat(),
                             "has_note": True,
                             "next_due_on": (timezone.localdate() + dt.timedelta(days=180)).isoformat()}
    assert [o.name for o in recheck.rechecks_due(moderator)] == ["拒发商行", "将到期商行"]


def test_a_failed_recheck_is_kept_and_leaves_the_operator_due(operators: dict[str, Operator],
                                                             moderator: Any) -> None:
    operator = operators["overdue"]
    recheck.merchant_recheck_record(actor=moderator, operator_id=operator.pk, licence_seen=False,
                                    licence_valid_until=None, note="未能提供营业执照")
    operator.refresh_from_db()
    assert (operator.identity_checked_at, MerchantRecheck.objects.filter(operator=operator).count()) == (None, 1)
    assert recheck.state_of(operator).state == "overdue"


@pytest.mark.parametrize(("fields", "errors"), [
    ({"licence_seen": True, "licence_valid_until": None}, {"licence_valid_until": [
        "Enter the end date printed on the licence you saw."]}),
    ({"licence_seen": True, "licence_valid_until": dt.date(2020, 1, 1)}, {"licence_valid_until": [
        "This licence has expired: the re-check cannot pass with it."]}),
    ({"licence_seen": False, "licence_valid_until": None}, {"note": ["Say why the licence could not be seen."]}),
    ({"licence_seen": True, "licence_valid_until": dt.date(2099, 1, 1), "note": "x" * 501},
     {"note": ["At most 500 characters."]}),
])
def test_bad_input_is_refused_and_changes_nothing(operators: dict[str, Operator], moderator: Any,
                                                  fields: dict[str, Any], errors: dict[str, list[str]]) -> None:
    before = _state()
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        recheck.merchant_recheck_record(actor=moderator, operator_id=operators["overdue"].pk, **fields)
    with translation.override("en"):
        assert raised.value.code == "operators.recheck_invalid"
        assert {name: [str(message) for message in messages] for name, messages in raised.value.errors.items()} \
            == errors
    assert _state() == before


def test_a_closed_or_missing_operator_cannot_be_rechecked(operators: dict[str, Operator], moderator: Any) -> None:
    before = _state()
    for operator_id in (operators["closed"].pk, 999_999):
        with pytest.raises(NotFound):
            recheck.merchant_recheck_record(actor=moderator, operator_id=operator_id, licence_seen=True,
                                            licence_valid_until=dt.date(2099, 1, 1))
    assert _state() == before


ROLES = [role.value for role in Role]


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_administrators_record_a_recheck(operators: dict[str, Operator], role: str) -> None:
    actor = UserFactory(role=role, username=f"user.{role}")
    if role in {Role.CLERK, Role.INSPECTOR, Role.TECHNICIAN, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER}:
        Membership.objects.create(user=actor, operator=operators["overdue"], role=role, started_on=TODAY)
    before = _state()
    call = lambda: recheck.merchant_recheck_record(  # noqa: E731
        actor=actor, operator_id=operators["overdue"].pk, licence_seen=True, licence_valid_until=dt.date(2099, 1, 1))
    if role in (Role.MODERATOR, Role.PLATFORM_ADMIN):
        call()
        assert MerchantRecheck.objects.count() == 1
    else:
        with pytest.raises(recheck.RecheckForbidden):
            call()
        assert _state() == before


@pytest.mark.parametrize("role", [*ROLES, None])
def test_the_pages_answer_by_role_and_a_denied_post_changes_nothing(operators: dict[str, Operator],
                                                                   role: str | None) -> None:
    client = Client()
    if role is not None:
        client.force_login(UserFactory(role=role, username=f"page.{role}"), backend=BACKEND)
    target = operators["overdue"]
    before = _state()
    pages = [client.get("/operators/rechecks/"), client.get("/operators/rechecks/export.csv"),
             client.get(f"/operators/rechecks/{target.pk}/")]
    response = client.post(f"/operators/rechecks/{target.pk}/", {
        "licence_seen": "on", "licence_valid_until": "2099-01-01", "note": ""})
    allowed = role in (Role.MODERATOR, Role.PLATFORM_ADMIN)
    expected = 200 if allowed else (302 if role is None else 403)
    assert [page.status_code for page in pages] == [expected] * 3
    if allowed:
        assert response.status_code == 303
        assert MerchantRecheck.objects.get().licence_valid_until == dt.date(2099, 1, 1)
    else:
        assert response.status_code == expected
        assert _state() == before


def test_the_moderator_pages_show_the_list_the_form_errors_and_the_csv(operators: dict[str, Operator],
                                                                       moderator: Any) -> None:
    client = Client()
    client.force_login(moderator, backend=BACKEND)
    page = client.get("/operators/rechecks/?state=overdue", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "逾期商行" in page and "拒发商行" in page and "将到期商行" not in page
    assert "Overdue: publication refused" in page
    refused = client.post(f"/operators/rechecks/{operators['overdue'].pk}/", {"licence_valid_until": ""},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert "Say why the licence could not be seen." in refused.content.decode()
    csv = client.get("/operators/rechecks/export.csv?state=refused", HTTP_ACCEPT_LANGUAGE="en").content.decode(
        "utf-8-sig")
    lines = csv.strip().splitlines()
    refused_operator = operators["refused"]
    due = (timezone.localdate() - dt.timedelta(days=35)).isoformat()
    assert lines[0] == ("Unified social credit code,Name,Type,District,Business licence number,Licence valid until,"
                        "Last re-check,Re-check due on,Days overdue,State")
    assert lines[1:] == [f"{refused_operator.credit_code},拒发商行,Circulation enterprise,"
                         f"{refused_operator.district.name},{refused_operator.licence_number},,,{due},35,"
                         "Overdue: publication refused"]


def test_the_facade_gives_store_facts_and_the_recheck_state(operators: dict[str, Operator]) -> None:
    operator = operators["overdue"]
    Operator.objects.filter(pk=operator.pk).update(licence_valid_until=timezone.localdate() - dt.timedelta(days=1),
                                                   registered_address="杭州市西湖区文三路 90 号")
    store = operator_store(f" {operator.credit_code.lower()} ")
    assert (store.id, store.name, store.licence_expired, store.registered_address, store.kind_label) == (
        operator.pk, "逾期商行", True, "杭州市西湖区文三路 90 号", "Circulation enterprise")
    with pytest.raises(NotFound):
        operator_store(operators["closed"].credit_code)
    state = merchant_recheck_state(operator.pk)
    assert state is not None
    assert (state.state, state.days_overdue, state.refuses_publication) == ("overdue", 20, False)
    assert merchant_recheck_state(operators["closed"].pk) is None


def test_staff_of_an_overdue_operator_see_a_warning_on_their_home(operators: dict[str, Operator]) -> None:
    def home(operator: Operator, username: str) -> str:
        user = UserFactory(role=Role.CLERK, username=username)
        Membership.objects.create(user=user, operator=operator, role=Role.CLERK, started_on=TODAY)
        client = Client()
        client.force_login(user, backend=BACKEND)
        return client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    due = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    refused_from = (timezone.localdate() + dt.timedelta(days=11)).isoformat()
    overdue = home(operators["overdue"], "clerk.overdue")
    assert "Identity re-check overdue" in overdue and f"due for the platform's periodic re-check on {due}" in overdue
    assert f"From {refused_from} your listings cannot be published" in overdue
    assert "your listings cannot be published or changed" in home(operators["refused"], "clerk.refused")
    assert "Identity re-check overdue" not in home(operators["soon"], "clerk.soon")
