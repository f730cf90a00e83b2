"""Test data for the transaction rules: versions walked through the services, in the past where needed
(the services take `now` for that), and a snapshot of everything a refusal must leave unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.moderation import services
from recirc.moderation.models import RulesComment, TransactionRules

V1 = {"title_zh": "平台交易规则", "title_en": "Platform transaction rules",
      "body_zh": "# 总则\n\n1. 卖家须如实披露商品信息。\n2. 买家享有七日无理由退货。\n",
      "body_en": "# General\n\n1. Sellers disclose the goods truthfully.\n2. Buyers may return online purchases "
                 "within seven days.\n",
      "summary_zh": "", "summary_en": ""}
V2 = {**V1, "body_zh": "# 总则\n\n1. 卖家须如实披露商品信息。\n2. 买家享有七日无理由退货。\n"
                       "3. 翻新商品须标明“翻新”。\n",
      "body_en": "# General\n\n1. Sellers disclose the goods truthfully.\n2. Buyers may return online purchases "
                 "within seven days.\n3. Refurbished goods are labelled “refurbished”.\n",
      "summary_zh": "新增第三条：翻新标识。", "summary_en": "New article 3: the refurbished label."}


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(),
            list(TransactionRules.objects.order_by("pk").values_list(
                "pk", "version", "state", "title_zh", "body_zh", "consultation_ends_at", "published_at",
                "effective_from")),
            list(RulesComment.objects.order_by("pk").values_list("pk", "state", "body")))


def drafted(admin: Any, texts: dict[str, str] | None = None) -> TransactionRules:
    return services.rules_draft_create(actor=admin, **(texts or V1))


def consulted(admin: Any, texts: dict[str, str] | None = None, *, started: dt.datetime | None = None
              ) -> TransactionRules:
    """A version whose consultation ran 7 days from `started` (default: 10 days ago, so it is over)."""
    started = started or timezone.now() - dt.timedelta(days=10)
    rules = drafted(admin, texts)
    return services.rules_consultation_open(actor=admin, rules_id=rules.pk, ends_at=started + dt.timedelta(days=7),
                                            now=started)


def in_force(admin: Any, texts: dict[str, str] | None = None) -> TransactionRules:
    """Version 1 published two days ago, in force at once (the first rules replace nothing)."""
    rules = consulted(admin, texts)
    now = timezone.now() - dt.timedelta(days=2)
    services.rules_publish(actor=admin, rules_id=rules.pk, effective_from=now, now=now)
    services.rules_bring_into_force_due()
    rules.refresh_from_db()
    return rules


def announced(admin: Any, *, effective_in_days: int = 8) -> TransactionRules:
    """The next version (V2), published now, taking effect `effective_in_days` from now."""
    rules = consulted(admin, V2)
    now = timezone.now()
    return services.rules_publish(actor=admin, rules_id=rules.pk, now=now,
                                  effective_from=now + dt.timedelta(days=effective_in_days))
