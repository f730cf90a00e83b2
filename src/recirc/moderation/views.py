"""Rules pages. Public: the version in force, the one announced next with its date and changes, the history,
downloads and a print view, and the consultation with its comments. Staff: the versions, editing, the steps of
the state machine (with confirmation), and comment moderation. Views parse, call one service, and render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recirc.core.errors import DomainError
from recirc.core.htmx import redirect_after_post
from recirc.core.http import apply_to_form
from recirc.moderation import comments, policy, selectors, services
from recirc.moderation.documents import diff_lines, markdown_document, render_markdown
from recirc.moderation.errors import CommentModerationForbidden, RulesEditForbidden
from recirc.moderation.forms import (
    CommentForm,
    ConsultationForm,
    ModerateForm,
    PublishForm,
    ReviseForm,
    RulesFilterForm,
    RulesForm,
)
from recirc.moderation.models import TransactionRules

PAGE_SIZE = 25
ACTIONS: dict[str, tuple[Callable[..., Any], Any]] = {
    "open_consultation": (services.rules_consultation_open, gettext_lazy("Public consultation opened.")),
    "revise": (services.rules_revise, gettext_lazy("Returned to draft.")),
    "publish": (services.rules_publish, gettext_lazy("Published.")),
}


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in ("en", "zh-hans") else (get_language() or "zh-hans")


def _document(rules: TransactionRules | None, language: str) -> dict[str, Any] | None:
    if rules is None:
        return None
    return {"rules": rules, "title": rules.title(language), "body": render_markdown(rules.body(language)),
            "summary": rules.summary(language)}


def rules_public_view(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    current, upcoming = selectors.rules_in_force(), selectors.rules_upcoming()
    changes = diff_lines(current.body(language) if current else "", upcoming.body(language)) if upcoming else []
    context = {"current": _document(current, language), "upcoming": _document(upcoming, language),
               "changes": changes, "history": selectors.rules_history(), "language": language,
               "consultations": selectors.rules_in_consultation(), "may_manage": policy.may_see_drafts(request.user),
               "notice_days": services.notice_days()}
    return render(request, "moderation/rules_public.html", context)


def _version_context(request: HttpRequest, rules: TransactionRules, form: forms.Form | None = None) -> dict[str, Any]:
    language = _language(request)
    is_open = comments.consultation_is_open(rules)
    return {"document": _document(rules, language), "rules": rules, "language": language,
            "comments": selectors.comments_shown(rules), "consultation_open": is_open,
            "form": form or (CommentForm() if is_open and policy.may_comment(request.user) else None),
            "may_manage": policy.may_see_drafts(request.user)}


def rules_version_view(request: HttpRequest, version: int) -> HttpResponse:
    rules = selectors.rules_get(request.user, version=version)
    return render(request, "moderation/rules_version.html", _version_context(request, rules))


@login_required
@require_POST
def rules_comment_view(request: HttpRequest, version: int) -> HttpResponse:
    rules = selectors.rules_get(request.user, version=version)
    form, status = CommentForm(request.POST), 422
    if form.is_valid():
        try:
            comments.comment_add(actor=request.user, rules_id=rules.pk, body=form.cleaned_data["body"])
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, _("Thank you. Your comment is shown once a moderator has read it."))
            return redirect_after_post(request, reverse("rules-version", args=[rules.version]))
    return render(request, "moderation/rules_version.html", _version_context(request, rules, form), status=status)


def rules_download_view(request: HttpRequest, version: int) -> HttpResponse:
    """The version as a Markdown (`?format=md`, the default) or plain text (`?format=txt`) file."""
    rules = selectors.rules_get(request.user, version=version)
    language = _language(request)
    as_text = request.GET.get("format") == "txt"
    content_type = "text/plain" if as_text else "text/markdown"
    response = HttpResponse(markdown_document(rules, language), content_type=f"{content_type}; charset=utf-8")
    suffix = "en" if language == "en" else "zh"
    response["Content-Disposition"] = (f'attachment; filename="transaction-rules-v{rules.version}-{suffix}.'
                                       f'{"txt" if as_text else "md"}"')
    return response


def rules_print_view(request: HttpRequest, version: int) -> HttpResponse:
    rules = selectors.rules_get(request.user, version=version)
    return render(request, "moderation/rules_print.html", {"document": _document(rules, _language(request)),
                                                           "rules": rules, "printed_at": timezone.now()})


# --- staff ------------------------------------------------------------------------------------------------------

@login_required
def rules_manage_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_see_drafts(request.user):
        raise RulesEditForbidden()
    form = RulesFilterForm(request.GET or None)
    state = form.cleaned_data.get("state", "") if form.is_valid() else ""
    page = Paginator(selectors.rules_list(request.user, state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "moderation/rules_manage.html", {
        "form": form, "page": page, "may_edit": policy.may_edit(request.user),
        "pending_comments": selectors.pending_comment_count()})


@login_required
@require_http_methods(["GET", "POST"])
def rules_new_view(request: HttpRequest) -> HttpResponse:
    if not policy.may_edit(request.user):
        raise RulesEditForbidden()
    current = selectors.rules_in_force()
    initial = {field: getattr(current, field) for field in services.TEXT_FIELDS if "summary" not in field} \
        if current else {}
    form = RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rules = services.rules_draft_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Version %(version)s drafted.") % {"version": rules.version})
            return redirect_after_post(request, reverse("rules-edit", args=[rules.pk]))
    return render(request, "moderation/rules_new.html", {"form": form}, status=422 if form.errors else 200)


def _edit_context(request: HttpRequest, rules: TransactionRules, bound: dict[str, forms.Form]) -> dict[str, Any]:
    days = services.consultation_days()
    current = selectors.rules_in_force()
    initial = {field: getattr(rules, field) for field in services.TEXT_FIELDS}
    return {"rules": rules, "actions": policy.actions_for(request.user, rules),
            "edit_form": bound.get("edit") or RulesForm(initial=initial),
            "open_consultation_form": bound.get("open_consultation") or ConsultationForm(days=days),
            "publish_form": bound.get("publish") or PublishForm(days=services.notice_days()),
            "revise_form": bound.get("revise") or ReviseForm(),
            "comments": selectors.comments_for_moderation(request.user, rules), "moderate_form": ModerateForm(),
            "may_moderate": policy.may_moderate(request.user), "current": current,
            "changes": diff_lines(current.body_zh, rules.body_zh) if current and current.pk != rules.pk else [],
            "preview": render_markdown(rules.body(_language(request)))}


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit_view(request: HttpRequest, rules_id: int) -> HttpResponse:
    if not policy.may_see_drafts(request.user):
        raise RulesEditForbidden()
    rules = selectors.rules_get_by_id(request.user, rules_id)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        form = RulesForm(request.POST)
        bound["edit"] = form
        if form.is_valid():
            try:
                services.rules_draft_update(actor=request.user, rules_id=rules.pk, **form.cleaned_data)
            except DomainError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect_after_post(request, reverse("rules-edit", args=[rules.pk]))
        rules = selectors.rules_get_by_id(request.user, rules_id)
    return render(request, "moderation/rules_edit.html", _edit_context(request, rules, bound),
                  status=422 if bound else 200)


def _action_form(action: str, data: Any) -> forms.Form:
    if action == "open_consultation":
        return ConsultationForm(data, days=services.consultation_days())
    if action == "publish":
        return PublishForm(data, days=services.notice_days())
    return ReviseForm(data)


@login_required
@require_POST
def rules_action_view(request: HttpRequest, rules_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404()
    rules = selectors.rules_get_by_id(request.user, rules_id)
    form = _action_form(action, request.POST)
    status = 422
    if form.is_valid():
        write, message = ACTIONS[action]
        arguments = {key: value for key, value in form.cleaned_data.items() if key != "confirm"}
        try:
            write(actor=request.user, rules_id=rules.pk, **arguments)
        except DomainError as error:
            apply_to_form(form, error)
            status = error.status
        else:
            messages.success(request, str(message))
            return redirect_after_post(request, reverse("rules-edit", args=[rules.pk]))
    rules = selectors.rules_get_by_id(request.user, rules_id)
    return render(request, "moderation/rules_edit.html", _edit_context(request, rules, {action: form}),
                  status=status)


@login_required
@require_POST
def rules_comment_moderate_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    if not policy.may_moderate(request.user):
        raise CommentModerationForbidden()
    form = ModerateForm(request.POST)
    rules_id = request.POST.get("rules", "")
    if form.is_valid():
        try:
            comment = comments.comment_moderate(actor=request.user, comment_id=comment_id,
                                                approve=form.cleaned_data["decision"] == "approve",
                                                reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.text())
        else:
            rules_id = str(comment.rules_id)
            messages.success(request, _("Comment moderated."))
    else:
        messages.error(request, _("Choose whether to show the comment."))
    target = reverse("rules-edit", args=[rules_id]) if rules_id.isdigit() else reverse("rules-manage")
    return redirect_after_post(request, target)
