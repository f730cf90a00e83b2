"""Police portal pages: the alert queue and an alert's page (acknowledge, close, case notes, hold order), and
the holds list (extend, release). The watchlist pages are in watchlist_views.py. Police only: anonymous users
are sent to sign in, every other role gets 403 and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.catalog.facade import category_get
from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.core.roles import Role
from recirc.items.facade import HoldKind, HoldRef, ItemState, holds_for_item, holds_list, item_get_for
from recirc.operators.facade import operator_choices_for, operator_refs
from recirc.policing import selectors, services
from recirc.policing.errors import HoldNotFound
from recirc.policing.exports import alerts_export
from recirc.policing.forms import (
    AlertCloseForm,
    AlertFilterForm,
    CaseNoteForm,
    HoldExtendForm,
    HoldPlaceForm,
    HoldReleaseForm,
)
from recirc.policing.models import Alert, AlertStatus
from recirc.policing.reasons import reason_text

PAGE_SIZE = 25
HOLD_FIELDS = {"ends_at": "ends_on"}  # items' field names -> the form's
police_only = role_required(Role.POLICE)


def page_of(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def hold_rows(holds: list[HoldRef]) -> list[dict[str, Any]]:
    labels = dict(HoldKind.choices)
    return [{"hold": hold, "kind_label": labels.get(hold.kind, hold.kind)} for hold in holds]


def _alert_rows(alerts: list[Alert]) -> list[dict[str, Any]]:
    names = {pk: ref.name for pk, ref in operator_refs({a.operator_id for a in alerts if a.operator_id}).items()}
    return [{"alert": alert, "operator_name": names.get(alert.operator_id or 0, ""),
             "reason": reason_text(alert.reason_code, alert.reason_params)} for alert in alerts]


@police_only
def alert_list_view(request: HttpRequest) -> HttpResponse:
    form = AlertFilterForm(request.GET or None, operator_choices=operator_choices_for(request.user))
    alerts = selectors.alert_list(request.user, **form.filters())
    if request.GET.get("format") in ("csv", "xlsx"):
        return alerts_export(alerts, request.GET["format"])
    page, query = page_of(request, alerts)
    context = {"form": form, "page": page, "query": query, "rows": _alert_rows(list(page.object_list)),
               "filtered": any(value for value in form.filters().values()),
               "counts": selectors.alert_status_counts(request.user)}
    return render_page(request, "policing/alert_list.html", context, partial="results")


def _detail(request: HttpRequest, alert: Alert, *, status: int = 200, **forms: Any) -> HttpResponse:
    item = item_get_for(request.user, alert.item_id)
    operator = operator_refs([alert.operator_id]).get(alert.operator_id) if alert.operator_id else None
    context = {"alert": alert, "item": item, "operator": operator, "notes": selectors.case_notes(alert),
               "reason": reason_text(alert.reason_code, alert.reason_params),
               "item_state_label": dict(ItemState.choices).get(item.state, item.state),
               "category_name": category_get(item.category_id).display_name,
               "holds": hold_rows(holds_for_item(alert.item_id)),
               "other_alerts": [other for other in selectors.alert_list(request.user, item=alert.item_id)
                                if other.pk != alert.pk],
               "may_acknowledge": alert.status == AlertStatus.OPEN, "is_closed": alert.status == AlertStatus.CLOSED,
               "close_form": forms.get("close_form") or AlertCloseForm(),
               "note_form": forms.get("note_form") or CaseNoteForm(),
               "hold_form": forms.get("hold_form") or HoldPlaceForm()}
    return render_page(request, "policing/alert_detail.html", context, status=status)


@police_only
def alert_detail_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    return _detail(request, selectors.alert_get(request.user, alert_id))


def _to_detail(request: HttpRequest, alert_id: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect_after_post(request, reverse("police-alert-detail", args=[alert_id]))


@police_only
@require_POST
def alert_acknowledge_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = selectors.alert_get(request.user, alert_id)
    try:
        services.alert_acknowledge(actor=request.user, alert_id=alert.pk)
    except DomainError as error:
        messages.error(request, error.text())
        return redirect_after_post(request, reverse("police-alert-detail", args=[alert.pk]))
    return _to_detail(request, alert.pk, _("Alert acknowledged."))


def _form_post(request: HttpRequest, alert_id: int, form_class: type, name: str,
               write: Callable[[Any, Alert], Any], success: str, field_names: dict[str, str] | None = None
               ) -> HttpResponse:
    alert = selectors.alert_get(request.user, alert_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(form, alert)
        except DomainError as error:
            _apply(form, error, field_names or {})
        else:
            return _to_detail(request, alert.pk, success)
    return _detail(request, alert, status=422, **{name: form})


def _apply(form: Any, error: DomainError, field_names: dict[str, str]) -> None:
    """Show a service error on the form, renaming the service's field names to the form's."""
    if isinstance(error, ValidationFailed) and error.errors:
        error = ValidationFailed(code=error.code, errors={field_names.get(field, field): list(texts)
                                                          for field, texts in error.errors.items()})
    elif error.field in field_names:
        error = type(error)(error.text(), code=error.code, field=field_names[error.field])
    apply_to_form(form, error)


@police_only
@require_POST
def alert_close_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    return _form_post(request, alert_id, AlertCloseForm, "close_form", lambda form, alert: services.alert_close(
        actor=request.user, alert_id=alert.pk, **form.cleaned_data), _("Alert closed."))


@police_only
@require_POST
def case_note_add_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    return _form_post(request, alert_id, CaseNoteForm, "note_form", lambda form, alert: services.case_note_add(
        actor=request.user, alert_id=alert.pk, text=form.cleaned_data["text"]), _("Case note added."))


@police_only
@require_POST
def alert_hold_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    return _form_post(request, alert_id, HoldPlaceForm, "hold_form", lambda form, alert: services.alert_hold_place(
        actor=request.user, alert_id=alert.pk, order_number=form.cleaned_data["order_number"],
        ends_at=form.ends_at(), reason=form.cleaned_data["reason"]), _("The item is on hold."), HOLD_FIELDS)


@police_only
def hold_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    holds = holds_list(request.user, active_only=True, kind=kind or None)
    page, query = page_of(request, holds)
    alert_ids = dict(Alert.objects.filter(hold_id__in=[hold.id for hold in page.object_list])
                     .values_list("hold_id", "pk"))
    rows = [{**row, "alert_id": alert_ids.get(row["hold"].id)} for row in hold_rows(list(page.object_list))]
    return render_page(request, "policing/hold_list.html", {
        "page": page, "query": query, "kind": kind, "rows": rows, "kinds": HoldKind.choices}, partial="results")


def _active_hold(request: HttpRequest, hold_id: int) -> HoldRef:
    found = next((hold for hold in holds_list(request.user, active_only=True) if hold.id == hold_id), None)
    if found is None:
        raise HoldNotFound()
    return found


def _hold_change(request: HttpRequest, hold_id: int, form_class: type, action: str,
                 write: Callable[[Any, HoldRef], Any], success: str) -> HttpResponse:
    hold = _active_hold(request, hold_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            write(form, hold)
        except DomainError as error:
            _apply(form, error, HOLD_FIELDS)
        else:
            messages.success(request, success)
            return redirect_after_post(request, reverse("police-holds"))
    status = 422 if request.method == "POST" else 200
    return render_page(request, "policing/hold_confirm.html", {
        "hold": hold, "kind_label": dict(HoldKind.choices).get(hold.kind, hold.kind), "form": form, "action": action},
        status=status)


@police_only
@require_http_methods(["GET", "POST"])
def hold_extend_view(request: HttpRequest, hold_id: int) -> HttpResponse:
    return _hold_change(request, hold_id, HoldExtendForm, "extend", lambda form, hold: services.police_hold_extend(
        actor=request.user, hold_id=hold.id, ends_at=form.ends_at(), reason=form.cleaned_data["reason"]),
        _("The hold is extended."))


@police_only
@require_http_methods(["GET", "POST"])
def hold_release_view(request: HttpRequest, hold_id: int) -> HttpResponse:
    return _hold_change(request, hold_id, HoldReleaseForm, "release", lambda form, hold: services.police_hold_release(
        actor=request.user, hold_id=hold.id, reason=form.cleaned_data["reason"]), _("The hold is released."))


@police_only
def police_home_view(request: HttpRequest) -> HttpResponse:
    return redirect("police-alerts")
