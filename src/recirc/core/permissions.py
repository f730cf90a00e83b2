"""Role checks shared by every context. Scoping of querysets lives in each context's selectors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from recirc.core.errors import PermissionDenied
from recirc.core.roles import CITY_WIDE_ROLES, OPERATOR_STAFF_ROLES, Role


def role_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "role", None)


def has_role(user: Any, *roles: str | Role) -> bool:
    return role_of(user) in {str(role) for role in roles}


def is_operator_staff(user: Any) -> bool:
    return role_of(user) in OPERATOR_STAFF_ROLES


def sees_whole_city(user: Any) -> bool:
    return role_of(user) in CITY_WIDE_ROLES


def require_role(user: Any, roles: Iterable[str | Role]) -> None:
    """Raise PermissionDenied unless the user holds one of the roles."""
    if role_of(user) not in {str(role) for role in roles}:
        raise PermissionDenied()


def role_required(*roles: str | Role) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: anonymous users go to the login page, the wrong role gets 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_role(request.user, roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
