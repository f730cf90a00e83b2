"""Watchlist pages of the police portal: list and search, add, import (with per-row errors) and its template,
an entry's page with the alerts it raised and its photos, withdrawal with confirmation. Police only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.catalog.facade import category_list
from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.tables import XLSX
from recirc.policing import imports, photos, selectors, services
from recirc.policing.errors import WatchlistImportInvalid
from recirc.policing.forms import (
    WatchlistEntryForm,
    WatchlistFilterForm,
    WatchlistImportForm,
    WatchlistPhotoForm,
    WatchlistWithdrawForm,
    identifier_lines,
)
from recirc.policing.photos import PhotoUpload
from recirc.policing.views import page_of, police_only


def _category_choices() -> list[tuple[str, str]]:
    return [(ref.code, ref.display_name) for ref in category_list()]


@police_only
def watchlist_list_view(request: HttpRequest) -> HttpResponse:
    form = WatchlistFilterForm(request.GET or None)
    filters = form.filters()
    page, query = page_of(request, selectors.watchlist_list(request.user, **filters))
    context = {"form": form, "page": page, "query": query,
               "filtered": bool(filters["query"] or filters["kind"] or filters["status"] != "active")}
    return render_page(request, "policing/watchlist_list.html", context, partial="results")


@police_only
@require_http_methods(["GET", "POST"])
def watchlist_add_view(request: HttpRequest) -> HttpResponse:
    form = WatchlistEntryForm(request.POST or None, category_choices=_category_choices())
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "identifiers"}
        try:
            entry = services.watchlist_add(actor=request.user, data=data,
                                           identifiers=identifier_lines(form.cleaned_data["identifiers"]))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Watchlist entry %(case)s added; past registrations are being checked.")
                             % {"case": entry.case_number})
            return redirect_after_post(request, reverse("police-watchlist-detail", args=[entry.pk]))
    status = 422 if request.method == "POST" else 200
    return render_page(request, "policing/watchlist_form.html", {"form": form}, status=status)


@police_only
@require_http_methods(["GET", "POST"])
def watchlist_import_view(request: HttpRequest) -> HttpResponse:
    form = WatchlistImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.watchlist_import(actor=request.user, file_name=upload.name, content=upload.read())
        except WatchlistImportInvalid as error:
            row_errors = [str(message) for message in error.errors.get("file", [])]
        else:
            messages.success(request, _("%(count)s watchlist entries imported; past registrations are being "
                                        "checked.") % {"count": result.count})
            return redirect_after_post(request, reverse("police-watchlist"))
    status = 422 if request.method == "POST" else 200
    return render_page(request, "policing/watchlist_import.html", {"form": form, "row_errors": row_errors},
                       status=status)


@police_only
def watchlist_template_view(request: HttpRequest, export_format: str) -> HttpResponse:
    if export_format == "xlsx":
        response = HttpResponse(imports.template_xlsx(), content_type=XLSX)
    elif export_format == "csv":
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise NotFound()
    response["Content-Disposition"] = f'attachment; filename="watchlist-template.{export_format}"'
    return response


@police_only
def watchlist_detail_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.watchlist_get(request.user, entry_id)
    alerts = list(entry.alerts.select_related("item").order_by("-created_at", "-id"))
    return render_page(request, "policing/watchlist_detail.html", {
        "entry": entry, "identifiers": list(entry.identifiers.order_by("kind", "value")), "alerts": alerts,
        "photos": list(entry.photos.all()), "photo_form": WatchlistPhotoForm(),
        "photo_room": photos.MAX_PHOTOS_PER_ENTRY - entry.photos.count()})


@police_only
@require_http_methods(["GET", "POST"])
def watchlist_withdraw_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.watchlist_get(request.user, entry_id)
    form = WatchlistWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.watchlist_withdraw(actor=request.user, entry_id=entry.pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Watchlist entry %(case)s withdrawn.") % {"case": entry.case_number})
            return redirect_after_post(request, reverse("police-watchlist-detail", args=[entry.pk]))
    status = 422 if request.method == "POST" else 200
    return render_page(request, "policing/watchlist_withdraw.html", {"entry": entry, "form": form}, status=status)


@police_only
@require_http_methods(["POST"])
def watchlist_photos_add_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.watchlist_get(request.user, entry_id)
    form = WatchlistPhotoForm(request.POST)
    caption = form.cleaned_data["caption"] if form.is_valid() else ""
    uploads = [PhotoUpload(name=upload.name or "", content=upload.read(), caption=caption)
               for upload in request.FILES.getlist("photos")]
    try:
        saved = photos.watchlist_photos_add(actor=request.user, entry_id=entry.pk, uploads=uploads)
    except DomainError as error:
        for problem in [message for messages_ in getattr(error, "errors", {}).values() for message in messages_] \
                or [error.text()]:
            messages.error(request, problem)
    else:
        messages.success(request, _("%(count)s photo(s) added.") % {"count": len(saved)})
    return redirect_after_post(request, reverse("police-watchlist-detail", args=[entry.pk]))


@police_only
def watchlist_photo_view(request: HttpRequest, photo_id: int, size: str) -> HttpResponse:
    photo = photos.watchlist_photo_get(request.user, photo_id)
    stored = photo.thumbnail if size == "thumb" else photo.image
    with stored.open("rb") as handle:  # at most RECIRC_PHOTO_MAX_BYTES
        response = HttpResponse(handle.read(), content_type="image/jpeg" if size == "thumb" else photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
