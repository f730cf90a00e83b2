"""Register pages: intake (the counter), list, entry, correction, print, exports, police search, photos."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recirc.acquisitions import pages, policy, search, selectors, services
from recirc.acquisitions.errors import RecordingForbidden
from recirc.acquisitions.exports import register_export
from recirc.acquisitions.forms import (
    CorrectionForm,
    IdentifierSearchForm,
    IdentitySearchForm,
    IntakeForm,
    RegisterFilterForm,
    apply_error,
    photo_inputs,
)
from recirc.acquisitions.models import AcquisitionPhoto, PhotoKind
from recirc.core.errors import DomainError, NotFound
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.permissions import has_role, role_required
from recirc.core.roles import Role
from recirc.privacy.facade import pii_reveal

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def register_intake_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_record(request.user):
        raise RecordingForbidden()
    form = IntakeForm(request.POST or None, category_choices=pages.category_choices(leaf_only=True),
                      category=pages.requested_category(request),
                      outlet_choices=selectors.recording_outlets(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.acquisition_record(
                actor=request.user, outlet_id=form.cleaned_data["outlet_id"],
                transaction_type=form.cleaned_data["transaction_type"], seller=form.seller_input(),
                article=form.article_input(), payment_method=form.cleaned_data["payment_method"],
                payment_reference=form.cleaned_data["payment_reference"],
                recorded_at=form.cleaned_data.get("recorded_at"), photos=photo_inputs(request.FILES))
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Entry #%(sequence)s recorded; item passport %(code)s created.")
                             % {"sequence": entry.sequence, "code": entry.item_code})
            return redirect_after_post(request, reverse("register-entry", args=[entry.pk]) + "?recorded=1")
    context = {"form": form, "category": form.selected_category}
    if request.method == "GET" and "category" in request.GET:
        return render_page(request, "acquisitions/intake.html", context, partial="attribute-fields")
    return render(request, "acquisitions/intake.html", context, status=422 if form.errors else 200)


@login_required
def register_list_view(request: HttpRequest) -> HttpResponse:
    policy.require_reader(request.user)
    form = RegisterFilterForm(request.GET or None, outlet_choices=selectors.register_outlets(request.user),
                              category_choices=pages.category_choices(leaf_only=True, by_code=True))
    filters = form.filters()
    entries = selectors.entry_list(request.user, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": pages.rows(page.object_list), "query": query.urlencode(),
               "filtered": any(filters.values()), "may_record": policy.may_record(request.user),
               "may_reveal": policy.is_police(request.user) or has_role(request.user, Role.OPERATOR_MANAGER)}
    return render_page(request, "acquisitions/entry_list.html", context, partial="results")


@login_required
def register_export_view(request: HttpRequest) -> HttpResponse:
    policy.require_reader(request.user)
    form = RegisterFilterForm(request.GET or None, outlet_choices=selectors.register_outlets(request.user),
                              category_choices=pages.category_choices(leaf_only=True, by_code=True))
    filters = form.filters()
    personal = request.GET.get("personal") in ("1", "true", "on") or None
    return register_export(actor=request.user, entries=selectors.entry_list(request.user, **filters),
                           export_format=request.GET.get("format", "csv"), personal=personal, filters=filters)


@login_required
def register_entry_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    context = pages.entry_context(request.user, entry_id)
    context["just_recorded"] = request.GET.get("recorded") == "1"
    return render(request, "acquisitions/entry_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register_correct_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    original = selectors.entry_get(request.user, entry_id)
    services.recording_outlet(request.user, original.outlet_id)  # only the outlet's own staff may correct
    form = CorrectionForm(request.POST or None, original=original)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.acquisition_correct(actor=request.user, entry_id=original.pk, changes=form.changes(),
                                                 reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Correction recorded as entry #%(sequence)s.") % {"sequence": entry.sequence})
            return redirect_after_post(request, reverse("register-entry", args=[entry.pk]))
    return render(request, "acquisitions/entry_correct.html", {"entry": original, "form": form},
                  status=422 if form.errors else 200)


@login_required
def register_print_view(request: HttpRequest) -> HttpResponse:
    policy.require_reader(request.user)
    return render(request, "acquisitions/register_print.html", pages.print_context(request.user, request.GET))


@role_required(Role.POLICE)
@require_http_methods(["GET", "POST"])
def register_police_search_view(request: HttpRequest) -> HttpResponse:
    by_identifier = IdentifierSearchForm(request.GET if "value" in request.GET else None)
    by_identity = IdentitySearchForm(request.POST or None)
    results, searched = None, False
    try:
        if request.method == "POST" and by_identity.is_valid():
            searched, results = True, search.register_search_by_identity(actor=request.user, **by_identity.cleaned_data)
        elif by_identifier.is_bound and by_identifier.is_valid():
            searched, results = True, search.register_search_by_identifier(
                actor=request.user, value=by_identifier.cleaned_data["value"])
    except DomainError as error:
        apply_error(by_identity if request.method == "POST" else by_identifier, error)
    context = {"by_identifier": by_identifier, "by_identity": by_identity, "searched": searched,
               "rows": pages.rows(results or [])}
    return render(request, "acquisitions/police_search.html", context)


def _photo(request: HttpRequest, photo_id: int, kind: str) -> AcquisitionPhoto:
    photo = AcquisitionPhoto.objects.select_related("entry").filter(pk=photo_id, kind=kind).first()
    if photo is None:
        raise NotFound()
    selectors.entry_get(request.user, photo.entry_id)  # NotFound unless the register entry is readable
    return photo


@login_required
def register_photo_view(request: HttpRequest, photo_id: int) -> FileResponse:
    photo = _photo(request, photo_id, PhotoKind.ITEM)
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def register_document_photo_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    """The identity document photo, revealed from the vault (and logged) for the police or the own manager."""
    photo = _photo(request, photo_id, PhotoKind.DOCUMENT)
    purpose = policy.reveal_purpose(request.user, photo.entry.operator_id)
    if purpose is None:
        raise NotFound()
    content = base64.b64decode(pii_reveal(token=photo.vault_token, actor=request.user, purpose=purpose,
                                          detail=f"register entry {photo.entry.reference}"))
    response = HttpResponse(content, content_type=photo.content_type)
    response["Cache-Control"] = "no-store"
    return response
