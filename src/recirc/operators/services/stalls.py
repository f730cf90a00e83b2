"""Market stalls and who trades from them. Run by the market's manager (or a platform admin)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, PermissionDenied
from recirc.core.money import money_non_negative
from recirc.operators import rules
from recirc.operators.errors import (
    NotAMarket,
    StallAreaInvalid,
    StallCodeTaken,
    TenancyDatesInvalid,
    TenancyEnded,
    TenancyOverlap,
    VendorNotActive,
)
from recirc.operators.models import Operator, OperatorStatus, Stall, StallTenancy
from recirc.operators.services._common import clean, deny, locked_operator, require_active
from recirc.operators.services.staff import required_outlet_of


@transaction.atomic
def stall_create(*, actor: Any, market_id: int, outlet_id: int, code: str, area_m2: Decimal | int | None = None,
                 monthly_rent: Decimal | int | str = 0) -> Stall:
    if not rules.can_manage_stalls(actor, market_id):
        raise PermissionDenied()
    market = locked_operator(market_id)
    if not rules.is_market(market):
        raise NotAMarket(field="market_id")
    require_active(market)
    outlet = required_outlet_of(market, outlet_id)
    if area_m2 is not None and area_m2 <= 0:
        raise StallAreaInvalid(field="area_m2")
    code = (code or "").strip()
    if Stall.objects.filter(outlet=outlet, code=code).exists():
        raise StallCodeTaken(field="code")
    stall = Stall(market=market, outlet=outlet, code=code, area_m2=area_m2,
                  monthly_rent=money_non_negative(monthly_rent, field="monthly_rent"))
    clean(stall, validate_constraints=False)
    try:
        with transaction.atomic():
            stall.save()
    except IntegrityError as error:
        raise StallCodeTaken(field="code") from error
    audit_record(actor=actor, action="stall.created", target=stall, operator_id=market.pk,
                 payload={"outlet_id": outlet.pk, "code": code, "monthly_rent": stall.monthly_rent})
    return stall


def _overlapping(stall: Stall, starts_on: dt.date, ends_on: dt.date | None) -> bool:
    """Inclusive periods overlap when each starts no later than the other ends (open ends never end)."""
    tenancies = stall.tenancies.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        tenancies = tenancies.filter(starts_on__lte=ends_on)
    return tenancies.exists()


@transaction.atomic
def stall_tenancy_start(*, actor: Any, stall_id: int, vendor_id: int, starts_on: dt.date,
                        ends_on: dt.date | None = None) -> StallTenancy:
    """Let a stall to a vendor. The stall row lock serialises concurrent lets of one stall."""
    stall = Stall.objects.select_for_update().select_related("market").filter(pk=stall_id).first()
    if stall is None:
        raise NotFound()
    if not rules.can_manage_stalls(actor, stall.market_id):
        deny(actor, stall.market_id)
    require_active(stall.market)
    vendor = Operator.objects.filter(pk=vendor_id, status=OperatorStatus.ACTIVE).first()
    if vendor is None:
        raise VendorNotActive(field="vendor_id")
    if ends_on is not None and ends_on < starts_on:
        raise TenancyDatesInvalid(field="ends_on")
    if _overlapping(stall, starts_on, ends_on):
        raise TenancyOverlap(field="starts_on")
    tenancy = StallTenancy(stall=stall, vendor=vendor, starts_on=starts_on, ends_on=ends_on)
    try:
        with transaction.atomic():
            tenancy.save()
    except IntegrityError as error:  # the one-open-tenancy constraint caught a race
        raise TenancyOverlap(field="starts_on") from error
    audit_record(actor=actor, action="stall_tenancy.started", target=tenancy, operator_id=stall.market_id,
                 payload={"stall_id": stall.pk, "vendor_id": vendor.pk, "starts_on": starts_on.isoformat(),
                          "ends_on": ends_on.isoformat() if ends_on else None})
    return tenancy


@transaction.atomic
def stall_tenancy_end(*, actor: Any, tenancy_id: int, ends_on: dt.date | None = None) -> StallTenancy:
    """End a tenancy today (or on a given day); it can be brought forward, never extended."""
    tenancy = StallTenancy.objects.select_for_update().select_related("stall").filter(pk=tenancy_id).first()
    if tenancy is None:
        raise NotFound()
    market_id = tenancy.stall.market_id
    if not rules.can_manage_stalls(actor, market_id):
        deny(actor, market_id)
    today = timezone.localdate()
    if tenancy.ends_on is not None and tenancy.ends_on < today:
        raise TenancyEnded()
    ends_on = ends_on or today
    if ends_on < tenancy.starts_on or (tenancy.ends_on is not None and ends_on > tenancy.ends_on):
        raise TenancyDatesInvalid(field="ends_on")
    tenancy.ends_on = ends_on
    tenancy.save(update_fields=["ends_on"])
    audit_record(actor=actor, action="stall_tenancy.ended", target=tenancy, operator_id=market_id,
                 payload={"stall_id": tenancy.stall_id, "ends_on": ends_on.isoformat()})
    return tenancy
