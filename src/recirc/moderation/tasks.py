"""Celery tasks of moderation: the announced rules take effect on their date (`moderation.rules_bring_into_force`,
on the beat schedule). Idempotent: a second run finds nothing due."""

from __future__ import annotations

from celery import shared_task

from recirc.moderation.services import rules_bring_into_force_due


@shared_task(name="moderation.rules_bring_into_force")
def rules_bring_into_force_task() -> list[int]:
    return [rules.version for rules in rules_bring_into_force_due()]
