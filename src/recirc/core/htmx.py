"""htmx helpers: one view per page, fragments rendered from template partials."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect


def render_page(request: HttpRequest, template: str, context: dict[str, Any], *, partial: str | None = None,
                status: int = 200) -> HttpResponse:
    """Render the whole page, or only `template#partial` when htmx asks for a fragment."""
    htmx = getattr(request, "htmx", None)
    is_htmx = bool(htmx) and not getattr(htmx, "boosted", False)
    name = f"{template}#{partial}" if partial and is_htmx else template
    return render(request, name, context, status=status)


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful htmx form post, tell htmx to navigate; plain posts get a 303."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    response = HttpResponse(status=303)
    response["Location"] = url
    return response
