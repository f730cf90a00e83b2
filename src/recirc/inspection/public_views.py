"""The public face of a report: the verification page (no sign-in, public facts only, the hash recomputed
on every view) and the report document as a JSON download. Also the shared report context of the staff
report page and the print view."""

from __future__ import annotations

from typing import Any

import segno
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.core.errors import NotFound
from recirc.inspection import selectors
from recirc.inspection.models import InspectionReport
from recirc.inspection.reports import verify

VERDICTS = {"match": "ok", "mismatch": "bad", "unverified": "warn"}


def qr_svg(url: str, title: str, *, scale: int = 4) -> str:
    """segno's inline SVG of the URL; segno escapes the title, and no other user text goes in."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=scale, dark="#1d2329", title=title))


def _pick(entry: dict[str, Any], key: str, chinese: bool) -> str:
    return str(entry.get(key) if chinese else entry.get(f"{key}_en", entry.get(key)) or "")


def report_view(document: dict[str, Any]) -> dict[str, Any]:
    """The document's bilingual fields in the reader's language, for the templates."""
    chinese = (get_language() or "zh-hans").startswith("zh")
    item = document.get("item") or {}
    return {
        "item": item, "category": _pick(item, "category_name", chinese),
        "checklist": _pick(document.get("checklist") or {}, "name", chinese),
        "checklist_version": (document.get("checklist") or {}).get("version"),
        "answers": [{"label": _pick(row, "label", chinese), "answer": _pick(row, "answer_label", chinese),
                     "section": row.get("section")} for row in document.get("answers", [])],
        "findings": [{"reason": _pick(row, "reason", chinese), "refuse": row.get("refuse"),
                      "counterfeit": row.get("counterfeit"), "cap": row.get("cap")}
                     for row in document.get("findings", [])],
        "grades": [{"name": _pick(row, "name", chinese), "label": _pick(row, "label", chinese),
                    "standard": row.get("standard"), "internal": row.get("internal")}
                   for row in document.get("grades", [])],
        "indicators": [_pick(row, "reason", chinese) for row in document.get("counterfeit_indicators", [])],
        "identification": document.get("identification") or {}, "verdict_classes": VERDICTS,
        "refused": document.get("outcome") == "refused", "operator": document.get("operator"),
        "price_estimate": document.get("price_estimate"), "issued_at": document.get("issued_at"),
    }


def report_context(request: HttpRequest, report: InspectionReport) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("inspection-verify", args=[report.code]))
    return {"report": report, "view": report_view(report.payload), "verify_url": url,
            "verification": verify(report.code, report.payload, report.sha256), "qr_svg": qr_svg(url, report.code)}


def inspection_verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone who scans the report's QR code or types its code."""
    try:
        report = selectors.report_public(code)
    except NotFound as error:
        return render(request, "inspection/verify_not_found.html", {"error": error, "code": code[:40]}, status=404)
    return render(request, "inspection/verify.html", report_context(request, report))


def inspection_verify_lookup_view(request: HttpRequest) -> HttpResponse:
    """Public: the verification page's form (a typed report code)."""
    code = request.GET.get("code", "")
    return inspection_verify_view(request, code) if code.strip() else render(
        request, "inspection/verify_not_found.html", {"code": "", "error": None})


def inspection_report_json_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: the report document exactly as hashed, with its registered hash, for anyone to check offline."""
    report = selectors.report_public(code)
    response = JsonResponse({"report": report.payload, "sha256": report.sha256,
                             "canonical_form": _("UTF-8 JSON, keys sorted, no spaces, non-ASCII kept")},
                            json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{report.code}.json"'
    return response
