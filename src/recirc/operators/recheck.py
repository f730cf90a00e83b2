"""Periodic re-check of merchant identity (REGULATIONS.md section 3, E-commerce Law Art. 27: verify and register
merchants' identity and re-check it periodically, at least every 6 months [U]).

Every operator's identity and business licence are re-checked by a platform moderator at least every
RECIRC_POLICY["MERCHANT_RECHECK_DAYS"] days (180 by default), counted from the last re-check or, before the
first one, from the day it was registered in Recirc. A re-check records whether the licence was seen, until
when it is valid, and a note (MerchantRecheck, audited); a passing re-check (licence seen and valid) restarts
the period and updates the licence's end date on the operator.

Once a re-check is more than RECIRC_POLICY["MERCHANT_RECHECK_GRACE_DAYS"] days overdue (30 by default; 0
turns this off), the operator's listings can no longer be published (moderation registers that check with
listings' publication port); listings already public stay public. Closed operators are never due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, PermissionDenied, ValidationFailed
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.operators.models import MerchantRecheck, Operator, OperatorStatus

RECHECK_ROLES = frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})
DUE_SOON_DAYS = 30  # shown as "due soon" this many days before the due date
NOTE_MAX_LENGTH = 500
STATES = ("due_soon", "overdue", "refused")


class RecheckForbidden(PermissionDenied):
    code = "operators.recheck_forbidden"
    default_message = _("Only platform moderators re-check merchants' identity.")


class RecheckInvalid(ValidationFailed):
    code = "operators.recheck_invalid"
    default_message = _("The re-check could not be recorded; correct the fields marked.")


def recheck_days() -> int:
    return int(settings.RECIRC_POLICY.get("MERCHANT_RECHECK_DAYS", 180))


def grace_days() -> int:
    return int(settings.RECIRC_POLICY.get("MERCHANT_RECHECK_GRACE_DAYS", 30))


def may_recheck(actor: Any) -> bool:
    return has_role(actor, *RECHECK_ROLES)


@dataclass(frozen=True)
class RecheckState:
    """Where an operator stands: the basis date (last passing re-check or registration), the due date, and
    whether it is due soon, overdue, or so overdue that publication is refused."""

    operator_id: int
    checked_at: dt.datetime | None
    due_on: dt.date
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.today > self.due_on

    @property
    def due_soon(self) -> bool:
        return not self.overdue and self.today > self.due_on - dt.timedelta(days=DUE_SOON_DAYS)

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.due_on).days)

    @property
    def refuses_publication(self) -> bool:
        return grace_days() > 0 and self.days_overdue > grace_days()

    @property
    def refused_from(self) -> dt.date | None:
        return self.due_on + dt.timedelta(days=grace_days() + 1) if grace_days() > 0 else None

    @property
    def state(self) -> str:
        if self.refuses_publication:
            return "refused"
        if self.overdue:
            return "overdue"
        return "due_soon" if self.due_soon else "current"


def state_of(operator: Operator, today: dt.date | None = None) -> RecheckState:
    today = today or timezone.localdate()
    checked = timezone.localtime(operator.identity_checked_at).date() if operator.identity_checked_at else None
    basis = checked or operator.registered_on
    return RecheckState(operator_id=operator.pk, checked_at=operator.identity_checked_at,
                        due_on=basis + dt.timedelta(days=recheck_days()), today=today)


def with_basis(operators: QuerySet[Operator]) -> QuerySet[Operator]:
    """Operators annotated with `recheck_basis`: the date of the last passing re-check, else registration."""
    return operators.annotate(recheck_basis=Coalesce(TruncDate("identity_checked_at"), F("registered_on"),
                                                     output_field=DateField()))


def rechecks_due(actor: Any, *, state: str = "", kind: str = "", query: str = "",
                 today: dt.date | None = None) -> QuerySet[Operator]:
    """Operators whose re-check is due within DUE_SOON_DAYS or overdue (`state` narrows to one of STATES),
    most overdue first. Moderators and administrators only."""
    if not may_recheck(actor):
        raise RecheckForbidden()
    today = today or timezone.localdate()
    due_by = today - dt.timedelta(days=recheck_days())  # basis before this: overdue
    operators = with_basis(Operator.objects.exclude(status=OperatorStatus.CLOSED)).select_related(
        "district", "identity_checked_by")
    limits = {"due_soon": Q(recheck_basis__gte=due_by, recheck_basis__lt=due_by + dt.timedelta(days=DUE_SOON_DAYS)),
              "overdue": Q(recheck_basis__lt=due_by),
              "refused": Q(recheck_basis__lt=due_by - dt.timedelta(days=grace_days())) if grace_days() > 0
              else Q(pk__in=[])}
    operators = operators.filter(limits.get(state) or Q(recheck_basis__lt=due_by + dt.timedelta(days=DUE_SOON_DAYS)))
    if kind:
        operators = operators.filter(kind=kind)
    if query:
        operators = operators.filter(Q(name__icontains=query) | Q(credit_code__icontains=query.upper()))
    return operators.order_by("recheck_basis", "name", "id")


def _checked_fields(licence_seen: bool, licence_valid_until: dt.date | None, note: str,
                    operator: Operator) -> str:
    errors: dict[str, list[Any]] = {}
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [_("At most %(count)s characters.") % {"count": NOTE_MAX_LENGTH}]
    if licence_seen and licence_valid_until is None:
        errors["licence_valid_until"] = [_("Enter the end date printed on the licence you saw.")]
    elif licence_seen and licence_valid_until is not None and licence_valid_until < timezone.localdate():
        errors["licence_valid_until"] = [_("This licence has expired: the re-check cannot pass with it.")]
    elif (licence_valid_until is not None and operator.licence_valid_from is not None
          and licence_valid_until < operator.licence_valid_from):
        errors["licence_valid_until"] = [_("The licence must end on or after the day it starts.")]
    if not licence_seen and not note:
        errors["note"] = [_("Say why the licence could not be seen.")]
    if errors:
        raise RecheckInvalid(errors=errors)
    return note


@transaction.atomic
def merchant_recheck_record(*, actor: Any, operator_id: int, licence_seen: bool,
                            licence_valid_until: dt.date | None, note: str = "") -> MerchantRecheck:
    """Record a re-check of the operator's identity and licence. A passing one (licence seen, valid) restarts
    the period and sets the licence's end date; a failing one is kept in the history and leaves it due."""
    if not may_recheck(actor):
        raise RecheckForbidden()
    operator = Operator.objects.select_for_update().filter(pk=operator_id).exclude(
        status=OperatorStatus.CLOSED).first()
    if operator is None:
        raise NotFound()
    note = _checked_fields(bool(licence_seen), licence_valid_until, note, operator)
    now = timezone.now()
    recheck = MerchantRecheck.objects.create(operator=operator, checked_at=now, checked_by=actor,
                                             licence_seen=bool(licence_seen),
                                             licence_valid_until=licence_valid_until, note=note)
    if licence_seen:
        operator.identity_checked_at, operator.identity_checked_by = now, actor
        operator.licence_valid_until = licence_valid_until
        operator.save(update_fields=["identity_checked_at", "identity_checked_by", "licence_valid_until"])
    audit_record(actor=actor, action="operators.merchant_rechecked", target=operator, operator_id=operator.pk,
                 payload={"recheck": recheck.pk, "licence_seen": bool(licence_seen),
                          "licence_valid_until": licence_valid_until, "has_note": bool(note),
                          "next_due_on": state_of(operator).due_on})
    return recheck


def recheck_history(actor: Any, operator_id: int) -> QuerySet[MerchantRecheck]:
    if not may_recheck(actor):
        raise RecheckForbidden()
    return MerchantRecheck.objects.filter(operator_id=operator_id).select_related("checked_by")
