"""URLs for the role_required tests: the project's URLs plus one clerk-only page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from recirc.config.urls import urlpatterns as project_urlpatterns
from recirc.core.permissions import role_required
from recirc.core.roles import Role

view_calls: list[str] = []


@role_required(Role.CLERK, Role.OPERATOR_MANAGER)
def clerk_only_view(request: HttpRequest) -> HttpResponse:
    view_calls.append(request.user.get_username())
    return HttpResponse("intake desk")


urlpatterns: list[URLPattern | URLResolver] = [
    path("test-only/clerks/", clerk_only_view, name="test-clerk-only"),
    *project_urlpatterns,
]
