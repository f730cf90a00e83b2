from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from recirc.portal.panels import home_for


def home_view(request: HttpRequest) -> HttpResponse:
    template, context = home_for(request.user)
    return render(request, template, context)


def passport_lookup_view(request: HttpRequest) -> HttpResponse:
    """The look-up form on the home pages: codes are case-insensitive and may carry spaces or dashes."""
    code = "".join(char for char in request.GET.get("code", "").upper() if char.isalnum())[:16]
    if not code:
        return redirect("home")
    return redirect(reverse("item-passport", args=[code]))
