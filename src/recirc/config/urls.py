"""URL wiring only: each context mounts its own urls; the API has one root."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from recirc.config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
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
    path("aftersales/", include("recirc.aftersales.urls")),
    path("trade/", include("recirc.trade.urls")),
    path("supervision/", include("recirc.supervision.urls")),
    path("", include("recirc.portal.urls")),
]
