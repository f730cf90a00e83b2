"""URL wiring only: each context mounts its own urls; the API has one root."""

from typing import Any

from django.contrib import admin
from django.urls import URLPattern, include, path
from django.views.i18n import JavaScriptCatalog

from recirc.config.api import api


def by_router(urls: tuple[list[Any], str, str]) -> tuple[list[Any], str, str]:
    """Ninja's URL patterns nested by their first segment ("listings/search" under "listings/"), in their order:
    a request is matched against its router's few patterns, not against all of the API's two hundred. Names,
    the namespace and every path stay the same."""
    patterns, app_name, namespace = urls
    nested: list[Any] = []
    groups: dict[str, list[Any]] = {}
    for pattern in patterns:
        head, slash, rest = str(pattern.pattern).partition("/")
        if not slash or not isinstance(pattern, URLPattern):
            nested.append(pattern)
            continue
        if head not in groups:
            groups[head] = []
            nested.append(path(f"{head}/", include(groups[head])))
        groups[head].append(path(rest, pattern.callback, pattern.default_args, pattern.name or ""))
    return nested, app_name, namespace


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", by_router(api.urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("recirc.accounts.urls")),
    path("privacy/", include("recirc.privacy.urls")),
    path("operators/", include("recirc.operators.urls")),
    path("catalog/", include("recirc.catalog.urls")),
    path("items/", include("recirc.items.urls")),
    path("police/", include("recirc.policing.urls")),
    path("register/", include("recirc.acquisitions.urls")),
    path("valuation/", include("recirc.valuation.urls")),
    path("inspection/", include("recirc.inspection.urls")),
    path("erasure/", include("recirc.erasure.urls")),
    path("repairs/", include("recirc.repairs.urls")),
    path("listings/", include("recirc.listings.urls")),
    path("market/", include("recirc.listings.public_urls")),
    path("rules/", include("recirc.moderation.urls")),
    path("complaints/", include("recirc.moderation.complaint_urls")),
    path("moderation/", include("recirc.moderation.queue_urls")),
    path("aftersales/", include("recirc.aftersales.urls")),
    path("trade/", include("recirc.trade.urls")),
    path("auctions/", include("recirc.auctions.urls")),
    path("supervision/", include("recirc.supervision.urls")),
    path("", include("recirc.portal.urls")),
]
