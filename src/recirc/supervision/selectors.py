"""Supervision reads scoped to the actor that do not belong to one feature module: the submissions log (an
operator's manager sees their operator's, the commerce regulator and the administrator every one)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.operators.facade import membership_of
from recirc.supervision.models import Submission
from recirc.supervision.policy import may_submit


def submission_list(actor: Any, *, kind: str = "") -> QuerySet[Submission]:
    if has_role(actor, Role.PLATFORM_ADMIN, Role.COMMERCE_REGULATOR):
        submissions = Submission.objects.all()
    elif may_submit(actor) and (membership := membership_of(actor)) is not None:
        submissions = Submission.objects.filter(operator_id=membership.operator_id)
    else:
        return Submission.objects.none()
    if kind:
        submissions = submissions.filter(kind=kind)
    return submissions.select_related("operator", "submitted_by").order_by("-submitted_at", "-id")
