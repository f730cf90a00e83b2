"""URLs for the role_required tests: the project's URLs plus one clerk-only page.

Until the accounts context names its "login" and "logout" URLs, placeholders stand in for them so that
base.html (which links to both) can render the 403 page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, URLPattern, URLResolver, path, reverse

from recirc.config.urls import urlpatterns as project_urlpatterns
from recirc.core.permissions import role_required
from recirc.core.roles import Role

view_calls: list[str] = []


@role_required(Role.CLERK, Role.OPERATOR_MANAGER)
def clerk_only_view(request: HttpRequest) -> HttpResponse:
    view_calls.append(request.user.get_username())
    return HttpResponse("intake desk")


def placeholder_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("placeholder")


def _missing_project_names(*names: str) -> list[str]:
    missing = []
    for name in names:
        try:
            reverse(name, urlconf="recirc.config.urls")
        except NoReverseMatch:
            missing.append(name)
    return missing


urlpatterns: list[URLPattern | URLResolver] = [
    path("test-only/clerks/", clerk_only_view, name="test-clerk-only"),
    *project_urlpatterns,
    *[path(f"test-only/{name}/", placeholder_view, name=name) for name in _missing_project_names("login", "logout")],
]
