"""Public catalogue pages: the category tree and one category."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from recirc.catalog import selectors


def category_list_view(request: HttpRequest) -> HttpResponse:
    rows = selectors.category_overview()
    general = [scale for scale in selectors.grading_scales_current() if scale.category_id is None]
    return render(request, "catalog/category_list.html", {"rows": rows, "general_scales": general})


def category_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "catalog/category_detail.html", selectors.category_detail(code))
