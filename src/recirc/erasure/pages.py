"""What the erasure pages show, composed from the selectors and the facades (no writes here)."""

from __future__ import annotations

from typing import Any

import segno
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe

from recirc.acquisitions.facade import acquisitions_for_item
from recirc.catalog.facade import category_list
from recirc.erasure import policy, rules, selectors
from recirc.erasure.forms import CompleteForm, FailForm, ReplanForm, StartForm
from recirc.erasure.models import ErasureJob, JobState
from recirc.erasure.rules import MEDIA_BY_CATEGORY
from recirc.erasure.verification import job_certificate
from recirc.items.contracts import ItemRef
from recirc.operators.facade import operator_refs

PAGE_SIZE = 25
STATE_BADGES: dict[str, str] = {JobState.PLANNED: "", JobState.IN_PROGRESS: "warn", JobState.ERASED: "warn",
                JobState.VERIFIED: "ok", JobState.FAILED: "bad"}


def category_names() -> dict[str, str]:
    return {category.code: category.display_name for category in category_list(include_inactive=True)}


def queue_page(request: HttpRequest, query: str) -> Page[Any]:
    """One page of the queue, each row with its passport (looked up for this page only)."""
    rows: list[Any] = selectors.queue(request.user, query=query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    names = category_names()
    page.object_list = [{"waiting": row, "item": item, "category_name": names.get(item.category_code, ""),
                         "held": held} for row, item, held in selectors.queue_items(list(page.object_list))]
    return page


def job_rows(jobs: list[ErasureJob]) -> list[dict[str, Any]]:
    names = category_names()
    return [{"job": job, "badge": STATE_BADGES.get(job.state, ""), "category_name": names.get(job.category_code, "")}
            for job in jobs]


def _actions(actor: Any, job: ErasureJob) -> dict[str, bool]:
    performer, is_operator = policy.may_perform(actor), job.erased_by_id == actor.pk
    return {
        "start": performer and rules.can_start(job.state),
        "complete": performer and is_operator and rules.can_complete(job.state),
        "fail": performer and is_operator and rules.can_fail(job.state),
        "verify": policy.may_verify(actor) and not is_operator and rules.can_verify(job.state),
        "replan": performer and rules.can_replan(job.state),
        "waits_for_colleague": is_operator and rules.can_verify(job.state),
    }


def consent_choices(item_id: int) -> list[tuple[int, str]]:
    return [(consent.pk, f"{consent.code} · {consent.get_erasure_kind_display()} · "
                         f"{consent.given_at:%Y-%m-%d}") for consent in selectors.consents_for_item(item_id)]


def job_context(actor: Any, job: ErasureJob, **forms: Any) -> dict[str, Any]:
    """The job page: facts, earlier attempts, the certificate, and the forms the actor may use now."""
    actions = _actions(actor, job)
    return {
        "job": job, "badge": STATE_BADGES.get(job.state, ""), "actions": actions,
        "category_name": category_names().get(job.category_code, job.category_code),
        "certificate": job_certificate(job), "history": list(reversed(job.history)),
        "held": selectors.other_holds(job.item_id) if actions["start"] else [],
        "start_form": forms.get("start_form") or StartForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(initial={
            "method": "", "destination": "recycling" if job.consent.erasure_kind == "destruction" else ""}),
        "fail_form": forms.get("fail_form") or FailForm(),
        "replan_form": forms.get("replan_form") or ReplanForm(consent_choices=consent_choices(job.item_id)),
        "item_url": reverse("item-detail", args=[job.item_id]),
    }


def operator_name(operator_id: int) -> str:
    ref = operator_refs([operator_id]).get(operator_id)
    return ref.name if ref else ""


def qr_svg(url: str, title: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, dark="#1d2329", title=title))  # no user text


def open_initial(item: ItemRef) -> dict[str, Any]:
    """The consent form pre-filled: the item's register entry as the reference, the usual media type."""
    entries = acquisitions_for_item(item.id)
    reference = f"register {entries[-1].outlet_id}/{entries[-1].sequence}" if entries else ""
    return {"subject_reference": reference, "text_version": policy.consent_text_version(),
            "channel": "signed_form", "scope": "internal_and_removable", "erasure_kind": "software",
            "media_type": MEDIA_BY_CATEGORY.get(item.category_code, "other")}
