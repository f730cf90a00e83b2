"""A small scene for page, API and permission tests: a stolen phone registered at operator A, screened at
intake (an open exact-match alert and a watchlist hold), a police hold on a second phone, a watchlist entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from recirc.items.facade import hold_place
from recirc.policing import facade, services
from recirc.policing.models import Alert, WatchlistEntry
from recirc.policing.tests.factories import facts_for, imei, register_phone

BACKEND = "django.contrib.auth.backends.ModelBackend"
STOLEN = imei(4821)


@dataclass
class Scene:
    entry: WatchlistEntry
    alert: Alert
    item: Any
    held_item: Any
    police_hold_id: int


def build(world: dict[str, Any]) -> Scene:
    entry = services.watchlist_add(actor=world["police"], data={
        "case_number": "杭公刑(2026)0001号", "reporting_unit": "西湖区分局", "brand": "Apple",
        "model_name": "iPhone 13", "description": "背面刻字 ZL4821"}, identifiers=[("imei", STOLEN)])
    item = register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item))
    held_item = register_phone(world["clerk_a"], identifiers=[("imei", imei(77))])
    hold = hold_place(actor=world["police"], item_id=held_item.pk, kind="police", reason="Case 2026-113",
                      order_number="杭公（西）扣字〔2026〕113号", ends_at=timezone.now() + dt.timedelta(days=10))
    return Scene(entry=entry, alert=Alert.objects.get(), item=item, held_item=held_item, police_hold_id=hold.id)


def client_for(world: dict[str, Any], key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if key != "anonymous":
        client.force_login(world[key], backend=BACKEND)
    return client


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()
