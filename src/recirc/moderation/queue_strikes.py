"""Strikes and suspensions. Each takedown counts as a strike on its seller from the moment it is decided; a granted
appeal overturns it. When a seller's standing strikes within the window (RECIRC_POLICY
MODERATION_STRIKE_WINDOW_DAYS) reach MODERATION_STRIKES_TO_SUSPEND, the seller is suspended from publishing for
MODERATION_SUSPENSION_DAYS; the publication check (`suspension_refusal`, registered with listings) refuses their
listings meanwhile. A moderator may lift a suspension early with a reason; an overturned strike that takes the
count below the threshold lifts it too (the system, naming the appeal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.listings.facade import ListingText
from recirc.moderation.models import ModerationDecision, SellerKind, Strike, Suspension
from recirc.moderation.queue_errors import SuspensionNotActive, SuspensionNotFound
from recirc.moderation.queue_policy import require_moderator, strike_policy
from recirc.moderation.validation import Checker


def standing_strikes(seller_kind: str, seller_id: int, now: dt.datetime | None = None) -> int:
    _count, window_days, _days = strike_policy()
    since = (now or timezone.now()) - dt.timedelta(days=window_days)
    return Strike.objects.filter(seller_kind=seller_kind, seller_id=seller_id, overturned_at__isnull=True,
                                 created_at__gte=since).count()


def active_suspension(seller_kind: str, seller_id: int, now: dt.datetime | None = None) -> Suspension | None:
    moment = now or timezone.now()
    return (Suspension.objects.filter(seller_kind=seller_kind, seller_id=seller_id, lifted_at__isnull=True,
                                      starts_at__lte=moment, ends_at__gt=moment).order_by("-ends_at").first())


def _payload(seller_kind: str, seller_id: int, **more: Any) -> dict[str, Any]:
    return {"seller": f"{seller_kind}:{seller_id}", **more}


def strike_add(*, actor: Any, decision: ModerationDecision) -> Suspension | None:
    """Count the takedown against its seller (in the caller's transaction); the suspension it brings, if any."""
    strike = Strike.objects.create(seller_kind=decision.seller_kind, seller_id=decision.seller_id, decision=decision,
                                   created_at=decision.decided_at)
    count = standing_strikes(decision.seller_kind, decision.seller_id, decision.decided_at)
    audit_record(actor=actor, action="moderation.strike_added", target=strike,
                 payload=_payload(decision.seller_kind, decision.seller_id, decision=decision.reference,
                                  standing=count))
    threshold, _window, days = strike_policy()
    if count < threshold or active_suspension(decision.seller_kind, decision.seller_id) is not None:
        return None
    suspension = Suspension.objects.create(
        seller_kind=decision.seller_kind, seller_id=decision.seller_id, starts_at=decision.decided_at,
        ends_at=decision.decided_at + dt.timedelta(days=days), strikes=count, decision=decision)
    audit_record(actor=actor, action="moderation.seller_suspended", target=suspension,
                 payload=_payload(decision.seller_kind, decision.seller_id, strikes=count,
                                  until=suspension.ends_at.isoformat(), decision=decision.reference))
    return suspension


def strike_overturn(*, actor: Any, decision: ModerationDecision, appeal_id: int) -> None:
    """The appeal was granted: the strike stops counting, and a suspension it brought no longer stands when the
    seller's standing strikes fall below the threshold."""
    now = timezone.now()
    Strike.objects.filter(decision=decision, overturned_at__isnull=True).update(overturned_at=now)
    audit_record(actor=actor, action="moderation.strike_overturned", target=decision,
                 payload=_payload(decision.seller_kind, decision.seller_id, decision=decision.reference))
    threshold, _window, _days = strike_policy()
    suspension = active_suspension(decision.seller_kind, decision.seller_id, now)
    if suspension is None or standing_strikes(decision.seller_kind, decision.seller_id, now) >= threshold:
        return
    reason = _("Appeal %(appeal)s granted: decision %(decision)s no longer counts.") % {
        "appeal": appeal_id, "decision": decision.reference}
    _lift(actor, Suspension.objects.select_for_update().get(pk=suspension.pk), reason, now)


def _lift(actor: Any, suspension: Suspension, reason: str, now: dt.datetime) -> Suspension:
    suspension.lifted_at, suspension.lift_reason = now, reason
    suspension.lifted_by = actor if getattr(actor, "is_authenticated", False) else None
    suspension.save(update_fields=["lifted_at", "lift_reason", "lifted_by"])
    audit_record(actor=actor, action="moderation.suspension_lifted", target=suspension,
                 payload=_payload(suspension.seller_kind, suspension.seller_id,
                                  early_by_days=max((suspension.ends_at - now).days, 0)))
    return suspension


@transaction.atomic
def suspension_lift(*, actor: Any, suspension_id: int, reason: str) -> Suspension:
    """A moderator lifts a suspension before it ends, saying why (the reason is kept and audited)."""
    require_moderator(actor)
    check = Checker()
    text = check.text("reason", reason, limit=1000, required=True)
    suspension = Suspension.objects.select_for_update().filter(pk=suspension_id).first()
    if suspension is None:
        raise SuspensionNotFound()
    now = timezone.now()
    if suspension.lifted_at is not None or suspension.ends_at <= now:
        raise SuspensionNotActive()
    check.raise_if_any()
    return _lift(actor, suspension, text, now)


def seller_of_text(text: ListingText) -> tuple[str, int | None]:
    if text.seller_kind == SellerKind.CONSUMER:
        return SellerKind.CONSUMER, text.seller_user_id
    return SellerKind.OPERATOR, text.seller_operator_id


def suspension_refusal(actor: Any, text: ListingText) -> dict[str, list[str]] | None:
    """The publication check: a suspended seller's listing is refused, saying until when and why."""
    if not text.publishing:  # a suspended seller may still change their drafts
        return None
    seller_kind, seller_id = seller_of_text(text)
    suspension = active_suspension(seller_kind, seller_id) if seller_id is not None else None
    if suspension is None:
        return None
    until = date_format(timezone.localtime(suspension.ends_at), "DATETIME_FORMAT")
    return {"seller": [_("This seller is suspended from publishing listings until %(until)s: %(count)s of their "
                         "listings were taken down by the platform. Open the listing's takedown to appeal.")
                       % {"until": until, "count": suspension.strikes}]}
