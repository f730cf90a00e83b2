"""Review queue pages. Moderators: the queue (listings waiting, appeals, suspensions; oldest first, filters,
pages), one item with its screening reasons and the two decisions, one appeal with its decision, lifting a
suspension. Sellers: the takedown of their listing with its reason and the appeal form (also loaded into the
listing's own page as a fragment). Views parse, call one service or selector, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.moderation import queue_selectors as selectors
from recirc.moderation import queue_services as services
from recirc.moderation.queue_forms import AppealDecisionForm, AppealForm, LiftForm, QueueFilterForm, TakeDownForm
from recirc.moderation.queue_policy import strike_policy
from recirc.moderation.queue_strikes import suspension_lift

PAGE_SIZE = 25
SIGNALS = {"lexicon": gettext_lazy("word list"), "attribute": gettext_lazy("attribute rule"),
           "semantic": gettext_lazy("similar meaning"), "counterfeit": gettext_lazy("counterfeit signal")}
FIELDS = {"title": gettext_lazy("title"), "description": gettext_lazy("description"),
          "brand": gettext_lazy("brand"), "attributes": gettext_lazy("attributes")}
TABS = ("items", "appeals", "suspensions")


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _category_labels(item: Any, names: dict[str, str]) -> list[str]:
    return [names.get(code, code) for code in item.categories.strip("|").split("|") if code]


def _items(items: list[Any], names: dict[str, str]) -> list[dict[str, Any]]:
    offers = selectors.offers_for(items)
    sellers = {item.pk: selectors.seller_of_offer(offers.get(item.subject_id)) for item in items}
    seller_names = selectors.seller_names(list(sellers.values()))
    return [{"row": item, "offer": offers.get(item.subject_id), "categories": _category_labels(item, names),
             "seller": seller_names.get(sellers[item.pk], "")} for item in items]


def _others(rows: list[Any]) -> list[dict[str, Any]]:
    """Appeals and suspensions, each with its seller's name."""
    keys = {row.pk: (row.decision.seller_kind, row.decision.seller_id) if hasattr(row, "statement")
            else (row.seller_kind, row.seller_id) for row in rows}
    names = selectors.seller_names(list(keys.values()))
    return [{"row": row, "seller": names.get(keys[row.pk], "")} for row in rows]


def _rows(request: HttpRequest, tab: str, form: QueueFilterForm) -> list[Any]:
    user = request.user
    if tab == "appeals":
        rows: Any = selectors.appeals_pending(user)
    elif tab == "suspensions":
        rows = selectors.suspensions_active(user)
    else:
        rows = selectors.queue_list(user, **form.filters())
    return rows


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "items")
    tab = tab if tab in TABS else "items"
    names = selectors.category_names()
    form = QueueFilterForm(request.GET or None, categories=list(names.items()))
    page, query = _page(request, _rows(request, tab, form))
    rows = _items(list(page.object_list), names) if tab == "items" else _others(list(page.object_list))
    return render_page(request, "moderation/queue/queue.html", {
        "tab": tab, "form": form, "page": page, "rows": rows, "query": query, "counts": selectors.queue_counts(
            request.user), "filtered": tab == "items" and any(form.filters().values()), "lift_form": LiftForm()},
        partial="results")


def _item_context(request: HttpRequest, item_id: int, form: TakeDownForm | None = None) -> dict[str, Any]:
    item = selectors.review_item_get(request.user, item_id)
    names = selectors.category_names()
    offer = selectors.offers_for([item]).get(item.subject_id)
    reasons = [{**reason, "name": names.get(reason.get("category", ""), reason.get("category", "")),
                "signal_label": SIGNALS.get(reason.get("signal", ""), reason.get("signal", "")),
                "field_label": FIELDS.get(reason.get("field", ""), reason.get("field", ""))}
               for reason in item.verdict.reasons or []]
    seller = selectors.seller_of_offer(offer)
    return {"item": item, "offer": offer, "reasons": reasons,
            "seller": selectors.seller_names([seller]).get(seller, ""),
            "form": form or TakeDownForm(categories=list(names.items())),
            "decision": getattr(item, "decision", None) if item.state != "open" else None}


@login_required
def review_item_view(request: HttpRequest, item_id: int) -> HttpResponse:
    return render_page(request, "moderation/queue/item.html", _item_context(request, item_id))


@login_required
@require_POST
def review_decide_view(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    if action not in ("approve", "take_down"):
        raise Http404()
    form = TakeDownForm(request.POST, categories=selectors.category_choices())
    form.is_valid()
    try:
        if action == "approve":
            decision = services.review_approve(actor=request.user, item_id=item_id)
        else:
            decision = services.review_take_down(actor=request.user, item_id=item_id,
                                                 category=form.cleaned_data.get("category", ""),
                                                 reason=form.cleaned_data.get("reason", ""))
    except DomainError as error:
        if error.status == 422:
            apply_to_form(form, error)
            return render_page(request, "moderation/queue/item.html", _item_context(request, item_id, form),
                               status=422)
        raise
    messages.success(request, _("Decision %(reference)s recorded.") % {"reference": decision.reference})
    return redirect_after_post(request, reverse("moderation-queue"))


def _appeal_context(request: HttpRequest, appeal_id: int, form: AppealDecisionForm | None = None) -> dict[str, Any]:
    appeal = selectors.appeal_get(request.user, appeal_id)
    offer = selectors.offers_for([appeal.decision]).get(appeal.decision.subject_id)
    return {"appeal": appeal, "decision": appeal.decision, "offer": offer, "form": form or AppealDecisionForm(),
            "category_name": selectors.category_names().get(appeal.decision.category, appeal.decision.category),
            "own_takedown": appeal.decision.moderator_id == request.user.pk}


@login_required
def appeal_view(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return render_page(request, "moderation/queue/appeal.html", _appeal_context(request, appeal_id))


@login_required
@require_POST
def appeal_decide_view(request: HttpRequest, appeal_id: int) -> HttpResponse:
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_decide(actor=request.user, appeal_id=appeal_id,
                                   grant=form.cleaned_data["decision"] == "grant", answer=form.cleaned_data["answer"])
        except DomainError as error:
            if error.status != 422:
                raise
            apply_to_form(form, error)
        else:
            messages.success(request, _("Appeal decided."))
            return redirect_after_post(request, f"{reverse('moderation-queue')}?tab=appeals")
    return render_page(request, "moderation/queue/appeal.html", _appeal_context(request, appeal_id, form),
                       status=422)


@login_required
@require_POST
def suspension_lift_view(request: HttpRequest, suspension_id: int) -> HttpResponse:
    form = LiftForm(request.POST)
    form.is_valid()
    try:
        suspension_lift(actor=request.user, suspension_id=suspension_id, reason=form.cleaned_data.get("reason", ""))
    except DomainError as error:
        if error.status != 422:
            raise
        messages.error(request, _("Say why the suspension is lifted early."))
    else:
        messages.success(request, _("Suspension lifted."))
    return redirect_after_post(request, f"{reverse('moderation-queue')}?tab=suspensions")


def _takedown_context(request: HttpRequest, listing_id: int, form: AppealForm | None = None) -> dict[str, Any]:
    view = selectors.takedown_for_listing(request.user, listing_id)
    return {"view": view, "form": form or AppealForm(), "listing_id": listing_id, "window_days": strike_policy()[1],
            "may_appeal": view.offer.status == "taken_down" and view.appeal is None}


@login_required
def takedown_view(request: HttpRequest, listing_id: int) -> HttpResponse:
    """The seller's view of a takedown (a whole page, or the panel inside the listing's page for htmx)."""
    return render_page(request, "moderation/queue/takedown.html", _takedown_context(request, listing_id),
                       partial="panel")


@login_required
@require_POST
def appeal_file_view(request: HttpRequest, listing_id: int) -> HttpResponse:
    form = AppealForm(request.POST)
    form.is_valid()
    try:
        services.appeal_file(actor=request.user, listing_id=listing_id,
                             statement=form.cleaned_data.get("statement", ""))
    except DomainError as error:
        if error.status != 422:
            raise
        apply_to_form(form, error)
        return render_page(request, "moderation/queue/takedown.html",
                           _takedown_context(request, listing_id, form), partial="panel", status=422)
    messages.success(request, _("Your appeal was filed. Another moderator decides it; you will see the answer "
                                "here."))
    return redirect_after_post(request, reverse("listing-detail", args=[listing_id]))
