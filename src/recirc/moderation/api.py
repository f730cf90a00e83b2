"""Moderation API: the published transaction rules, readable by anyone without signing in (E-commerce Law
Art. 33: shown continuously and downloadable), and the approved comments of a consultation; the prohibited-goods
taxonomy in force (public: sellers may read what they may not list) and the screening test bench (moderators).

No `from __future__ import annotations` here: Ninja must see real types.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from recirc.accounts.auth import api_auth
from recirc.moderation import facade, policy, selectors
from recirc.moderation.documents import diff_lines
from recirc.moderation.errors import RulesNotFound
from recirc.moderation.queue_api import router as queue_router
from recirc.moderation.schemas import (
    CommentOut,
    RulesChangeOut,
    RulesDetailOut,
    RulesOut,
    ScreenIn,
    ScreenOut,
    TaxonomyOut,
)
from recirc.moderation.screening_errors import TaxonomyForbidden

router = Router(tags=["moderation"])
router.add_router("", queue_router, auth=api_auth)  # the review queue, takedowns, appeals, suspensions (queue_api.py)


@router.get("/rules", response=list[RulesOut], auth=None)
def rules_history_api(request: HttpRequest) -> Any:
    """Every published version, newest first: superseded, in force and the one announced next."""
    return list(selectors.rules_history())


@router.get("/rules/current", response=RulesDetailOut, auth=None)
def rules_current_api(request: HttpRequest) -> Any:
    rules = selectors.rules_in_force()
    if rules is None:
        raise RulesNotFound()
    return rules


@router.get("/rules/upcoming", response=RulesChangeOut, auth=None)
def rules_upcoming_api(request: HttpRequest) -> Any:
    """The announced version with its date and its changes against the version in force (404 when none)."""
    upcoming, current = selectors.rules_upcoming(), selectors.rules_in_force()
    if upcoming is None:
        raise RulesNotFound()
    return {"upcoming": upcoming, "current_version": current.version if current else None,
            "diff_zh": diff_lines(current.body_zh if current else "", upcoming.body_zh),
            "diff_en": diff_lines(current.body_en if current else "", upcoming.body_en)}


@router.get("/rules/{int:version}", response=RulesDetailOut, auth=None)
def rules_get_api(request: HttpRequest, version: int) -> Any:
    """A version by number: published or in consultation (drafts: moderators and administrators only)."""
    return selectors.rules_get(request.user, version=version)


@router.get("/rules/{int:version}/comments", response=list[CommentOut], auth=None)
def rules_comments_api(request: HttpRequest, version: int) -> Any:
    rules = selectors.rules_get(request.user, version=version)
    return [{"id": comment.id, "version": rules.version, "author": str(comment.author), "body": comment.body,
             "created_at": comment.created_at} for comment in selectors.comments_shown(rules)]


@router.get("/taxonomy", response=TaxonomyOut, auth=None)
def taxonomy_current_api(request: HttpRequest) -> Any:
    """The prohibited-goods taxonomy in force: every category with its legal basis and action."""
    return facade.taxonomy_current()


@router.post("/screen", response=ScreenOut, auth=api_auth)
def listing_screen_api(request: HttpRequest, payload: ScreenIn) -> Any:
    """Moderators' test bench: screen a listing's text against the taxonomy in force; stores nothing."""
    if not policy.may_moderate(request.user):
        raise TaxonomyForbidden()
    return facade.screen_listing(**payload.dict())
