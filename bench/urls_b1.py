"""The project's URLs plus `/bench/plain`: the BL-http baseline view, for the B1 server only."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def plain_view(request: HttpRequest) -> HttpResponse:
    """No database, no session, no user, no template: the cheapest answer Django gives."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/plain", plain_view, name="bench-plain"),
    path("", include("recirc.config.urls")),
]
