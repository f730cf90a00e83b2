"""Background work: notify an alert, match new watchlist entries against past registrations.
Tasks take ids, are idempotent, and are queued after commit; they run eagerly in the embedded default."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation

from recirc.policing.models import Alert
from recirc.policing.notify import WebhookFailed, webhook_notifier
from recirc.policing.policy import policy_int
from recirc.policing.refs import alert_ref

logger = logging.getLogger(__name__)
RETRY_SECONDS = 60


@shared_task(bind=True, name="policing.alert_notify", max_retries=None)
def alert_notify(self: Any, alert_id: int) -> str:
    """Send the alert to the webhook once (idempotent: a delivered alert is not sent again). Retries with
    backoff up to POLICE_WEBHOOK_MAX_RETRIES; eagerly run (no broker) it tries once and leaves the alert
    undelivered: the in-app queue has it anyway."""
    notifier = webhook_notifier()
    if notifier is None:
        return "in_app"
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        return "missing"
    if alert.notified_at is not None:
        return "already_delivered"
    Alert.objects.filter(pk=alert_id).update(notify_attempts=F("notify_attempts") + 1)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            notifier.notify(alert_ref(alert))
    except WebhookFailed as error:
        if self.request.is_eager or self.request.retries >= policy_int("POLICE_WEBHOOK_MAX_RETRIES"):
            logger.warning("policing alert %s: webhook not delivered: %s", alert_id, error)
            return "failed"
        raise self.retry(exc=error, countdown=RETRY_SECONDS * 2 ** self.request.retries) from error
    Alert.objects.filter(pk=alert_id).update(notified_at=timezone.now())
    return "delivered"


@shared_task(name="policing.watchlist_rescreen")
def watchlist_rescreen(entry_id: int) -> int:
    """Match one watchlist entry against every past registration (idempotent); the number of new alerts."""
    return watchlist_rescreen_batch([entry_id])


@shared_task(name="policing.watchlist_rescreen_batch")
def watchlist_rescreen_batch(entry_ids: list[int]) -> int:
    """Match many entries (an import) in one pass over the registrations."""
    from recirc.policing.retro import rescreen  # retro raises alerts, which queue this module's tasks

    return rescreen(entry_ids)
