"""Template context shared by every page: the navigation for the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from recirc.core.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"nav_items": navigation_for(user), "user_role": getattr(user, "role", None)}
