"""Certificates (list, page, print view, JSON), the public verification page behind the QR code, and the
re-verification samples."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.erasure import exports, pages, policy, sampling, selectors
from recirc.erasure.certificates import canonical_json, certificate_facts, is_intact, label
from recirc.erasure.errors import CertificateNotFound, CheckNotFound, ErasureForbidden
from recirc.erasure.facade import certificate_public
from recirc.erasure.forms import CertificateFilterForm, CheckForm, DrawForm
from recirc.erasure.models import Level, Method, ReverificationSample
from recirc.operators.facade import operator_choices_for


def _require_certificate_reader(request: HttpRequest) -> None:
    if not policy.may_read_certificates(request.user):
        raise ErasureForbidden()


@login_required
def certificate_list_view(request: HttpRequest) -> HttpResponse:
    _require_certificate_reader(request)
    form = CertificateFilterForm(request.GET or None)
    filters = form.filters()
    certificates = selectors.certificate_list(request.user, **filters)
    page = Paginator(certificates, pages.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    names = {pk: ref.name for pk, ref in pages.operator_refs({c.operator_id for c in page.object_list}).items()}
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": any(filters.values()),
               "rows": [{"certificate": c, "operator_name": names.get(c.operator_id, ""),
                         "method_label": label(Method, c.content["erasure"]["method"]),
                         "level_label": label(Level, c.content["erasure"]["level"])} for c in page.object_list],
               "is_staff": policy.may_read_jobs(request.user)}
    return render_page(request, "erasure/certificate_list.html", context, partial="results")


@login_required
def certificate_export_view(request: HttpRequest) -> HttpResponse:
    _require_certificate_reader(request)
    filters = CertificateFilterForm(request.GET or None).filters()
    return exports.certificates_export(actor=request.user, certificates=selectors.certificate_list(
        request.user, **filters), export_format=request.GET.get("format", "csv"), filters=filters)


def _certificate_context(request: HttpRequest, code: str) -> dict[str, object]:
    _require_certificate_reader(request)
    certificate = selectors.certificate_get(request.user, code)
    public_url = request.build_absolute_uri(reverse("erasure-verify-public", args=[certificate.code]))
    return {"certificate": certificate, "content": certificate.content, "job": certificate.job,
            "intact": is_intact(certificate), "public_url": public_url,
            "qr_svg": pages.qr_svg(public_url, certificate.code),
            "facts": certificate_facts(certificate.content, public=False),
            "canonical": canonical_json(certificate.content), "printed_by": request.user}


@login_required
def certificate_view(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "erasure/certificate.html", _certificate_context(request, code))


@login_required
def certificate_print_view(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "erasure/certificate_print.html", _certificate_context(request, code))


@login_required
def certificate_json_view(request: HttpRequest, code: str) -> HttpResponse:
    """The certified facts exactly as hashed: anyone holding them can recompute the SHA-256."""
    _require_certificate_reader(request)
    certificate = selectors.certificate_get(request.user, code)
    response = HttpResponse(canonical_json(certificate.content), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="erasure-certificate-{certificate.code}.json"'
    return response


def public_verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: whoever scans the certificate's QR code sees whether it is valid, revoked or altered."""
    try:
        certificate = certificate_public(code)
    except CertificateNotFound as error:
        return render(request, "erasure/public_verify.html", {"error": error, "code": code}, status=404)
    url = request.build_absolute_uri(reverse("erasure-verify-public", args=[certificate.code]))
    if request.GET.get("format") == "json":
        return JsonResponse({"code": certificate.code, "status": certificate.status, "sha256": certificate.sha256,
                             "issued_at": certificate.issued_at.isoformat()})
    return render(request, "erasure/public_verify.html", {"certificate": certificate, "url": url,
                                                          "qr_svg": pages.qr_svg(url, certificate.code)})


def public_lookup_view(request: HttpRequest) -> HttpResponse:
    """Public: type the number printed under the QR code."""
    code = " ".join(request.GET.get("code", "").split())
    if code:
        return redirect("erasure-verify-public", code=code.replace(" ", ""))
    return render(request, "erasure/public_lookup.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def sample_list_view(request: HttpRequest) -> HttpResponse:
    """Re-verification samples of the actor's operators; managers draw a month's sample here."""
    if not policy.may_read_jobs(request.user):
        raise ErasureForbidden()
    may_draw = policy.may_draw(request.user)
    choices = operator_choices_for(request.user) if may_draw else []
    form = DrawForm(request.POST or None, operator_choices=choices,
                    initial={"period": sampling.previous_period(), "operator": choices[0][0] if choices else None})
    if request.method == "POST" and form.is_valid():
        try:
            sample = sampling.sample_draw(actor=request.user, operator_id=form.cleaned_data["operator"],
                                          period=form.cleaned_data["period"], seed=form.cleaned_data.get("seed"))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(size)s of %(population)s devices drawn for re-verification.")
                             % {"size": sample.size, "population": sample.population})
            return redirect_after_post(request, reverse("erasure-sample", args=[sample.pk]))
    samples = selectors.samples_visible_to(request.user)
    page = Paginator(samples, pages.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "may_draw": may_draw, "page": page, "share": policy.reverify_share() * 100}
    return render_page(request, "erasure/sample_list.html", context, partial="results",
                       status=422 if form.errors else 200)


@login_required
def sample_view(request: HttpRequest, sample_id: int) -> HttpResponse:
    sample = selectors.sample_get(request.user, sample_id)
    return render(request, "erasure/sample.html", _sample_context(request, sample))


def _sample_context(request: HttpRequest, sample: ReverificationSample, forms: dict[int, CheckForm] | None = None
                    ) -> dict[str, object]:
    checks = selectors.sample_checks(sample)
    may_verify = policy.may_verify(request.user)
    rows = [{"check": check, "form": (forms or {}).get(check.pk) or CheckForm(prefix=f"check{check.pk}"),
             "independent": request.user.pk not in (check.original_operator_id, check.original_verifier_id)}
            for check in checks]
    return {"sample": sample, "rows": rows, "may_verify": may_verify,
            "operator_name": pages.operator_name(sample.operator_id)}


@login_required
@require_POST
def check_record_view(request: HttpRequest, sample_id: int, check_id: int) -> HttpResponse:
    sample = selectors.sample_get(request.user, sample_id)
    if not sample.checks.filter(pk=check_id).exists():
        raise CheckNotFound()
    form = CheckForm(request.POST, prefix=f"check{check_id}")
    if form.is_valid():
        try:
            sampling.check_record(actor=request.user, check_id=check_id, **form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Re-verification recorded."))
            return redirect_after_post(request, reverse("erasure-sample", args=[sample_id]))
    return render(request, "erasure/sample.html", _sample_context(request, sample, {check_id: form}), status=422)
