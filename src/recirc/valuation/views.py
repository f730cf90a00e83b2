"""Valuation pages: the model registry per category, an estimate (htmx), a model's page with activation, and
training with a confirmation step. Observations and their import are in observation_views.py.

Estimates and the registry: operator staff, regulators, the platform administrator. Training: the platform
administrator and operator managers; forcing or choosing the active model: the platform administrator."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.catalog.facade import CategoryRef, category_get, category_list, grading_scales_for
from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.valuation import estimates, policy, selectors, services
from recirc.valuation.forms import ActivateForm, EstimateForm, TrainForm
from recirc.valuation.registry import category_rows, observation_counts
from recirc.valuation.tasks import model_train_task

estimate_roles = role_required(*policy.ESTIMATE_ROLES)
train_roles = role_required(*policy.TRAIN_ROLES)
DEFAULT_CATEGORY = "mobile-phones"


def leaf_categories() -> list[CategoryRef]:
    return [ref for ref in category_list() if ref.is_leaf]


def category_choices() -> list[tuple[str, str]]:
    return [(str(ref.id), ref.display_name) for ref in leaf_categories()]


def grade_labels(category_ids: Iterable[int]) -> dict[str, str]:
    """"scheme:code" -> the grade as people read it ("成色 · 95新"), for the scales of these categories."""
    labels: dict[str, str] = {}
    for category_id in set(category_ids):
        for scale in grading_scales_for(category_id):
            labels.update({f"{scale.code}:{grade.code}": grade.display for grade in scale.grades})
    return labels


def comparable_rows(result: Any, category: CategoryRef) -> list[dict[str, Any]]:
    labels = grade_labels([category.id])
    return [{"comparable": comparable, "grade": labels.get(f"{comparable.grading_scheme}:{comparable.grade}",
                                                             comparable.grade)}
            for comparable in (result.comparables if result else ())]


def nav_flags(request: HttpRequest) -> dict[str, bool]:
    return {"may_record": policy.may_record(request.user), "may_train": policy.may_train(request.user),
            "may_activate": policy.may_activate(request.user)}


@estimate_roles
def valuation_home_view(request: HttpRequest) -> HttpResponse:
    models = list(selectors.model_list(request.user))
    context = {**nav_flags(request), "rows": category_rows(leaf_categories(), models, observation_counts()),
               "minimum": policy.policy_int("VALUATION_MIN_TRAINING_ROWS")}
    return render_page(request, "valuation/home.html", context)


def _chosen_category(request: HttpRequest) -> CategoryRef | None:
    value = (request.POST or request.GET).get("category") or ""
    try:
        return category_get(int(value)) if value.isdigit() else category_get(DEFAULT_CATEGORY)
    except NotFound:
        return None


@estimate_roles
@require_http_methods(["GET", "POST"])
def estimate_view(request: HttpRequest) -> HttpResponse:
    """GET: the form (htmx: the form again for another category); POST: the estimate (htmx: the result)."""
    category = _chosen_category(request)
    initial = {"category": str(category.id) if category else "", "brand": request.GET.get("brand", ""),
               "model_name": request.GET.get("model_name", "")}
    bound = request.POST if request.method == "POST" else None
    form = EstimateForm(bound, initial=initial, category_choices=category_choices(), category=category)
    context: dict[str, Any] = {**nav_flags(request), "form": form, "category": category,
                               "submitted": request.method == "POST"}
    if request.method == "GET":
        return render_page(request, "valuation/estimate.html", context, partial="estimate-form")
    if form.is_valid() and category is not None:
        context["result"] = estimates.estimate(category_id=category.id, **form.query())
        context["comparables"] = comparable_rows(context["result"], category)
        return render_page(request, "valuation/estimate.html", context, partial="result")
    status = 200 if getattr(request, "htmx", False) else 422  # htmx swaps only successful responses
    return render_page(request, "valuation/estimate.html", context, partial="result", status=status)


@estimate_roles
def model_detail_view(request: HttpRequest, model_id: int) -> HttpResponse:
    model = selectors.model_get(request.user, model_id)
    return _detail(request, model, ActivateForm())


def _detail(request: HttpRequest, model: Any, form: ActivateForm, status: int = 200) -> HttpResponse:
    context = {**nav_flags(request), "model": model, "category": category_get(model.category_id), "form": form,
               "log_metrics": model.metrics.get("log_price", {}), "cny_metrics": model.metrics.get("cny", {}),
               "interval": model.metrics.get("interval", {}), "incumbent": model.metrics.get("incumbent")}
    return render_page(request, "valuation/model_detail.html", context, status=status)


@role_required(*policy.ACTIVATE_ROLES)
@require_http_methods(["POST"])
def model_activate_view(request: HttpRequest, model_id: int) -> HttpResponse:
    model = selectors.model_get(request.user, model_id)
    form = ActivateForm(request.POST)
    if form.is_valid():
        try:
            services.model_activate(actor=request.user, model_id=model.pk)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Version %(version)s is now the active model.") % {"version": model.version})
            return redirect_after_post(request, reverse("valuation-model-detail", args=[model.pk]))
    return _detail(request, model, form, status=422)


def _train_context(request: HttpRequest, form: TrainForm) -> dict[str, Any]:
    counts = observation_counts()
    return {**nav_flags(request), "form": form, "minimum": policy.policy_int("VALUATION_MIN_TRAINING_ROWS"),
            "counts": [(ref.display_name, counts.get(ref.id, 0)) for ref in leaf_categories()
                       if counts.get(ref.id, 0)]}


@train_roles
@require_http_methods(["GET", "POST"])
def model_train_view(request: HttpRequest) -> HttpResponse:
    initial = {"category": request.GET.get("category", "")}
    form = TrainForm(request.POST or None, initial=initial, category_choices=category_choices(),
                     may_force=policy.may_activate(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = model_train_task.delay(int(data["category"]), request.user.pk,
                                             bool(data.get("activate_anyway")), bool(data["quick"]), data["notes"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            return _trained(request, outcome)
    status = 422 if request.method == "POST" else 200
    return render_page(request, "valuation/train.html", _train_context(request, form), status=status)


def _trained(request: HttpRequest, outcome: Any) -> HttpResponse:
    """Eagerly run (the embedded default) the result is here; with a worker the model appears when done."""
    if not outcome.ready():
        messages.success(request, _("Training started; the new version appears in the registry when it is done."))
        return redirect_after_post(request, reverse("valuation-home"))
    result = outcome.get()
    if result["is_active"]:
        text = _("Version %(version)s trained and activated: hold-out R² %(r2)s, RMSE %(rmse)s (log price).")
    else:
        text = _("Version %(version)s trained but not activated: it does not beat the active model on its hold-out "
                 "(R² %(r2)s, RMSE %(rmse)s).")
    messages.success(request, text % {"version": result["version"], "r2": f"{result['r2_log']:.3f}",
                                      "rmse": f"{result['rmse_log']:.3f}"})
    return redirect_after_post(request, reverse("valuation-model-detail", args=[result["model_id"]]))
