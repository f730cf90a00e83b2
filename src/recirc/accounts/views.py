"""Pages of the accounts context: sign-in, real-name verification, API tokens. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recirc.accounts import selectors, services
from recirc.accounts.forms import ApiTokenForm, RealNameVerificationForm
from recirc.accounts.models import User, VerificationMethod
from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post, render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.core.roles import Role

TOKENS_PER_PAGE = 20
TOKEN_STATUS_CHOICES = [("", gettext_lazy("All")), (selectors.TokenStatus.ACTIVE, gettext_lazy("Active")),
                        (selectors.TokenStatus.EXPIRED, gettext_lazy("Expired")),
                        (selectors.TokenStatus.REVOKED, gettext_lazy("Revoked"))]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "failure_limit": settings.AXES_FAILURE_LIMIT}


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anyone out."""


@role_required(Role.CONSUMER)
def realname_verification_view(request: HttpRequest) -> HttpResponse:
    form = RealNameVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.realname_verify(
                actor=request.user, user=cast(User, request.user), document_type=data["document_type"],
                id_number=data["id_number"], legal_name=data["legal_name"],
                method=VerificationMethod.ONLINE_FACE_MATCH, face_matched=data["face_matched"],
                birth_date=data["birth_date"],
                consent_text_version=services.REALNAME_CONSENT_TEXT_VERSION if data["consent"] else "")
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your identity is verified. You can now sell."))
            return redirect_after_post(request, reverse("account-verification"))
    verification = selectors.current_verification(request.user)
    context = {"form": form, "verification": verification, "status": selectors.status_of(verification),
               "reverify_days": settings.RECIRC_POLICY["REALNAME_REVERIFY_DAYS"],
               "minimum_age": settings.RECIRC_POLICY["MINIMUM_AGE_TO_SELL"]}
    return render_page(request, "accounts/verification.html", context, partial="verification-form")


def _token_list_context(request: HttpRequest) -> dict[str, Any]:
    status, search = request.GET.get("status", ""), request.GET.get("q", "")
    tokens = selectors.api_token_list(actor=request.user, status=status, search=search)
    page = Paginator(tokens, TOKENS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"token": token, "status": selectors.token_status(token)} for token in page.object_list]
    return {"page": page, "rows": rows, "status": status, "q": search, "status_choices": TOKEN_STATUS_CHOICES,
            "filtered": bool(status or search.strip())}


@login_required
def api_token_list_view(request: HttpRequest) -> HttpResponse:
    """List, filter and create tokens. A new secret is rendered once, never stored or redirected with."""
    form = ApiTokenForm(request.POST or None)
    new_secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"],
                expires_in_days=form.cleaned_data["expires_in_days"])
        except DomainError as error:
            apply_to_form(form, error)
        else:
            form = ApiTokenForm()
    context = {"form": form, "new_secret": new_secret, **_token_list_context(request)}
    response = render_page(request, "accounts/tokens.html", context, partial="token-list")
    add_never_cache_headers(response)
    return response


@login_required
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """GET asks for confirmation; POST revokes."""
    if request.method == "POST":
        token = services.api_token_revoke(actor=request.user, token_id=token_id)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect_after_post(request, reverse("account-tokens"))
    token = selectors.api_token_get(actor=request.user, token_id=token_id)
    return render_page(request, "accounts/token_revoke.html",
                       {"token": token, "status": selectors.token_status(token)})
