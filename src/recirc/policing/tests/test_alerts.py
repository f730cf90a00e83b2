"""The alert state machine (open -> acknowledged -> closed, open -> closed), case notes, police holds placed
from an alert, and the counts for home pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import ValidationFailed
from recirc.core.models import AuditEvent
from recirc.items.facade import holds_for_item
from recirc.operators.contracts import OperatorScope
from recirc.policing import facade, services
from recirc.policing.errors import AlertTransitionNotAllowed, CaseNoteInvalid
from recirc.policing.models import ALERT_TRANSITIONS, AlertStatus, CaseNote
from recirc.policing.services import can_change_status
from recirc.policing.tests.conftest import snapshot
from recirc.policing.tests.scene import Scene, build


@pytest.fixture
def scene(world: dict[str, Any]) -> Scene:
    return build(world)


def test_the_predicate_follows_the_table() -> None:
    for source in AlertStatus:
        for target in AlertStatus:
            assert can_change_status(source, target) is (target in ALERT_TRANSITIONS[source])


def test_acknowledge_then_close(world: dict[str, Any], scene: Scene) -> None:
    police = world["police"]
    alert = services.alert_acknowledge(actor=police, alert_id=scene.alert.pk)
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", police)
    alert = services.alert_close(actor=police, alert_id=alert.pk, resolution="confirmed", note="Owner identified.")
    assert (alert.status, alert.resolution, alert.closed_by) == ("closed", "confirmed", police)
    assert list(CaseNote.objects.values_list("text", "author")) == [("Owner identified.", police.pk)]
    assert list(AuditEvent.objects.filter(action__startswith="policing.alert_").order_by("pk")
                .values_list("action", flat=True)) == ["policing.alert_raised", "policing.alert_acknowledged",
                                                       "policing.alert_closed"]


@pytest.mark.parametrize("move", ["acknowledge", "close"])
def test_a_closed_alert_stays_closed(world: dict[str, Any], scene: Scene, move: str) -> None:
    services.alert_close(actor=world["police"], alert_id=scene.alert.pk, resolution="false_positive")
    before = snapshot()
    with pytest.raises(AlertTransitionNotAllowed) as refused:
        if move == "acknowledge":
            services.alert_acknowledge(actor=world["police"], alert_id=scene.alert.pk)
        else:
            services.alert_close(actor=world["police"], alert_id=scene.alert.pk, resolution="confirmed")
    assert refused.value.text().startswith("An alert that is “Closed” cannot become")
    assert snapshot() == before


@pytest.mark.parametrize(("resolution", "note", "error"), [
    ("", "", ValidationFailed), ("solved", "", ValidationFailed), ("confirmed", "x" * 2001, CaseNoteInvalid)])
def test_closing_needs_a_valid_outcome(world: dict[str, Any], scene: Scene, resolution: str, note: str,
                                       error: type) -> None:
    before = snapshot()
    with pytest.raises(error):
        services.alert_close(actor=world["police"], alert_id=scene.alert.pk, resolution=resolution, note=note)
    assert snapshot() == before


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_a_case_note_needs_text(world: dict[str, Any], scene: Scene, text: str) -> None:
    before = snapshot()
    with pytest.raises(CaseNoteInvalid):
        services.case_note_add(actor=world["police"], alert_id=scene.alert.pk, text=text)
    assert snapshot() == before


def test_a_police_hold_from_an_alert(world: dict[str, Any], scene: Scene) -> None:
    ends_at = timezone.now() + dt.timedelta(days=14)
    hold = services.alert_hold_place(actor=world["police"], alert_id=scene.alert.pk, order_number="扣字〔2026〕9号",
                                     ends_at=ends_at, reason="Evidence in case 0001")
    assert (hold.kind, hold.order_number, hold.ends_at, hold.source_ref) == (
        "police", "扣字〔2026〕9号", ends_at, f"policing.alert:{scene.alert.pk}")
    assert {ref.kind for ref in holds_for_item(scene.item.pk) if ref.is_active} == {"police", "watchlist_match",
                                                                                  "erasure_pending"}


def test_a_police_hold_longer_than_allowed_is_refused(world: dict[str, Any], scene: Scene) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed):
        services.alert_hold_place(actor=world["police"], alert_id=scene.alert.pk, order_number="令",
                                  ends_at=timezone.now() + dt.timedelta(days=45), reason="too long")
    assert snapshot() == before


def test_counts_for_home_pages_follow_the_scope(world: dict[str, Any], scene: Scene) -> None:
    city = OperatorScope(city_wide=True, operator_ids=frozenset())
    own = OperatorScope(city_wide=False, operator_ids=frozenset({world["operator_a"].pk}))
    other = OperatorScope(city_wide=False, operator_ids=frozenset({world["operator_b"].pk}))
    assert facade.alert_counts(city) == facade.alert_counts(own) == {"open": 1, "acknowledged": 0, "closed": 0}
    assert facade.alert_counts(other) == {"open": 0, "acknowledged": 0, "closed": 0}
    assert (facade.open_alert_total(city), facade.open_alert_total(other)) == (1, 0)
    services.alert_acknowledge(actor=world["police"], alert_id=scene.alert.pk)
    assert facade.open_alert_total(city) == 0
