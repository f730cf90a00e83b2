"""Errors of the review queue, takedowns, appeals and suspensions, with stable codes "moderation.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied


class QueueForbidden(PermissionDenied):
    code = "moderation.queue_forbidden"
    default_message = _("Only platform moderators and administrators may review listings and decide appeals.")


class AppealForbidden(PermissionDenied):
    code = "moderation.appeal_forbidden"
    default_message = _("Only the listing's seller may appeal its takedown.")


class SameModerator(PermissionDenied):
    code = "moderation.same_moderator"
    default_message = _("Another moderator decides this appeal: you took the listing down.")


class ReviewItemNotFound(NotFound):
    code = "moderation.review_item_not_found"
    default_message = _("No such item in the review queue.")


class TakedownNotFound(NotFound):
    code = "moderation.takedown_not_found"
    default_message = _("This listing has no takedown that stands.")


class AppealNotFound(NotFound):
    code = "moderation.appeal_not_found"
    default_message = _("No such appeal.")


class SuspensionNotFound(NotFound):
    code = "moderation.suspension_not_found"
    default_message = _("No such suspension.")


class AlreadyDecided(Conflict):
    code = "moderation.already_decided"
    default_message = _("Another moderator has already decided this item (%(state)s). Reload the queue.")


class AppealExists(Conflict):
    code = "moderation.appeal_exists"
    default_message = _("This takedown has already been appealed: a takedown can be appealed once.")


class AppealAlreadyDecided(Conflict):
    code = "moderation.appeal_already_decided"
    default_message = _("This appeal has already been decided (%(state)s).")


class SuspensionNotActive(Conflict):
    code = "moderation.suspension_not_active"
    default_message = _("This suspension is no longer in effect.")

