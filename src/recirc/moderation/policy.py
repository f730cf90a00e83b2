"""The rules' state machine by verb, and who may do what. Services call these; views never decide.

- Everyone, signed in or not, reads the versions that were published (in force, announced, superseded) and
  the versions under public consultation with their approved comments.
- Platform administrators draft, edit, open the consultation, return a version to draft and publish.
- Platform moderators (and administrators) moderate comments and see drafts, read-only.
- Any signed-in user may comment while a version is in consultation.
"""

from __future__ import annotations

from typing import Any

from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.moderation.models import RULES_TRANSITIONS, RulesState, TransactionRules

S = RulesState
VERBS: dict[str, dict[str, str]] = {
    "open_consultation": {S.DRAFT: S.IN_CONSULTATION},
    "revise": {S.IN_CONSULTATION: S.DRAFT},
    "publish": {S.IN_CONSULTATION: S.PUBLISHED},
    "bring_into_force": {S.PUBLISHED: S.IN_FORCE},
    "supersede": {S.IN_FORCE: S.SUPERSEDED},
}
EDITOR_ROLES = frozenset({Role.PLATFORM_ADMIN})
MODERATOR_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.MODERATOR})
PUBLIC_STATES = frozenset({S.IN_CONSULTATION, S.PUBLISHED, S.IN_FORCE, S.SUPERSEDED})
MAX_COMMENTS_PER_USER = 5


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in RULES_TRANSITIONS.get(from_state, frozenset())


def target_of(verb: str, from_state: str) -> str | None:
    return VERBS[verb].get(from_state)


def can_edit(rules: TransactionRules) -> bool:
    return rules.state == S.DRAFT


def can_open_consultation(rules: TransactionRules) -> bool:
    return target_of("open_consultation", rules.state) is not None


def can_revise(rules: TransactionRules) -> bool:
    return target_of("revise", rules.state) is not None


def can_publish(rules: TransactionRules) -> bool:
    return target_of("publish", rules.state) is not None


def may_edit(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *EDITOR_ROLES)


def may_moderate(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, *MODERATOR_ROLES)


def may_see_drafts(actor: Any) -> bool:
    return may_moderate(actor)


def may_comment(actor: Any) -> bool:
    return is_signed_in(actor)


def actions_for(actor: Any, rules: TransactionRules) -> list[str]:
    """The editor's steps on this version now (for buttons and the API)."""
    if not may_edit(actor):
        return []
    checks = {"edit": can_edit, "open_consultation": can_open_consultation, "revise": can_revise,
              "publish": can_publish}
    return [action for action, predicate in checks.items() if predicate(rules)]
