"""Moderation errors with stable codes "moderation.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class RulesNotFound(NotFound):
    code = "moderation.rules_not_found"
    default_message = _("No such version of the transaction rules.")


class CommentNotFound(NotFound):
    code = "moderation.comment_not_found"
    default_message = _("No such comment.")


class RulesEditForbidden(PermissionDenied):
    code = "moderation.rules_edit_forbidden"
    default_message = _("Only platform administrators may draft, consult on and publish the transaction rules.")


class CommentModerationForbidden(PermissionDenied):
    code = "moderation.comment_moderation_forbidden"
    default_message = _("Only platform moderators and administrators may moderate comments.")


class CommentForbidden(PermissionDenied):
    code = "moderation.comment_forbidden"
    default_message = _("Sign in to comment on the transaction rules.")


class TransitionNotAllowed(Conflict):
    code = "moderation.transition_not_allowed"
    default_message = _("A version that is “%(from_state)s” cannot become “%(to_state)s”.")


class NotEditable(Conflict):
    code = "moderation.rules_not_editable"
    default_message = _("Only a draft can be edited. Return the version to draft to revise it.")


class DraftExists(Conflict):
    code = "moderation.rules_draft_exists"
    default_message = _("Version %(version)s is still being prepared. Finish or revise it first.")


class AnnouncedExists(Conflict):
    code = "moderation.rules_announced_exists"
    default_message = _("Version %(version)s is already announced and not yet in force. Wait until it takes effect.")


class NoticeTooShort(Conflict):
    code = "moderation.notice_too_short"
    default_message = _("Changed rules must be published at least %(days)s days before they take effect: choose "
                        "%(earliest)s or later.")


class ConsultationOpen(Conflict):
    code = "moderation.consultation_not_over"
    default_message = _("The public consultation runs until %(ends)s. Publish after it ends.")


class ConsultationClosed(Conflict):
    code = "moderation.consultation_closed"
    default_message = _("This version is not open for comments.")


class CommentAlreadyModerated(Conflict):
    code = "moderation.comment_already_moderated"
    default_message = _("This comment has already been moderated.")


class TooManyComments(Conflict):
    code = "moderation.too_many_comments"
    default_message = _("You have already left %(count)s comments on this version.")


class RulesInvalid(ValidationFailed):
    code = "moderation.invalid"
    default_message = _("Some fields are not valid.")
