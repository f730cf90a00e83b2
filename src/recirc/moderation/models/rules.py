"""The platform's transaction rules (交易规则): numbered versions in Chinese and English, consulted on publicly,
announced at least `RECIRC_RULES_NOTICE_DAYS` before they take effect, in force from their date until the next
version takes over. Exactly one version is in force at a time (a database constraint on the state, and the
public page picks the version by its dates, so it is right even between two runs of the periodic task)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RulesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_CONSULTATION = "in_consultation", _("In public consultation")
    PUBLISHED = "published", _("Published, not yet in force")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


S = RulesState
# Every change of `state` is one of these; policy.VERBS names each one and tests walk every pair.
RULES_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.IN_CONSULTATION}),
    S.IN_CONSULTATION: frozenset({S.DRAFT, S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.IN_FORCE}),
    S.IN_FORCE: frozenset({S.SUPERSEDED}),
    S.SUPERSEDED: frozenset(),
}
ANNOUNCED_STATES = frozenset({S.PUBLISHED, S.IN_FORCE, S.SUPERSEDED})
CONSULTED_STATES = frozenset({S.IN_CONSULTATION, *ANNOUNCED_STATES})


class TransactionRules(models.Model):
    """One version of the platform's transaction rules. Its text is frozen once consultation opens (a revision
    goes back to draft first) and for good once published."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(_("text (Chinese, Markdown)"), max_length=100_000)
    body_en = models.TextField(_("text (English, Markdown)"), max_length=100_000)
    summary_zh = models.TextField(_("summary of changes (Chinese)"), max_length=4000, blank=True)
    summary_en = models.TextField(_("summary of changes (English)"), max_length=4000, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=RulesState.choices, default=S.DRAFT, db_index=True)
    consultation_opened_at = models.DateTimeField(_("consultation opened at"), null=True, blank=True)
    consultation_ends_at = models.DateTimeField(_("consultation ends at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    effective_from = models.DateTimeField(_("in force from"), null=True, blank=True, db_index=True)
    in_force_at = models.DateTimeField(_("recorded in force at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT,
                                   related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("transaction rules version")
        verbose_name_plural = _("transaction rules versions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["state"], condition=models.Q(state=S.IN_FORCE),
                                    name="rules_one_version_in_force"),
            models.UniqueConstraint(fields=["state"], condition=models.Q(state=S.PUBLISHED),
                                    name="rules_one_version_announced"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(ANNOUNCED_STATES))
                                   | models.Q(published_at__isnull=False, effective_from__isnull=False,
                                              published_by__isnull=False),
                                   name="rules_published_has_dates"),
            models.CheckConstraint(condition=models.Q(effective_from__isnull=True)
                                   | models.Q(effective_from__gte=models.F("published_at")),
                                   name="rules_effective_not_before_publication"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(CONSULTED_STATES))
                                   | models.Q(consultation_opened_at__isnull=False,
                                              consultation_ends_at__isnull=False),
                                   name="rules_consulted_has_period"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="rules_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.title_zh}"

    def title(self, language: str | None = None) -> str:
        return self.title_en if _is_english(language) else self.title_zh

    def body(self, language: str | None = None) -> str:
        return self.body_en if _is_english(language) else self.body_zh

    def summary(self, language: str | None = None) -> str:
        return self.summary_en if _is_english(language) else self.summary_zh


def _is_english(language: str | None) -> bool:
    return (language or get_language() or "zh-hans").lower().startswith("en")


class CommentState(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Shown")
    REJECTED = "rejected", _("Not shown")


class RulesComment(models.Model):
    """A signed-in user's comment on a version under public consultation. Shown publicly once a moderator
    approves it; a rejection records why."""

    rules = models.ForeignKey(TransactionRules, verbose_name=_("rules version"), on_delete=models.PROTECT,
                              related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    state = models.CharField(_("state"), max_length=16, choices=CommentState.choices, default=CommentState.PENDING,
                             db_index=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(state=CommentState.PENDING)
                                   | models.Q(moderated_by__isnull=False, moderated_at__isnull=False),
                                   name="rulescomment_moderation_recorded"),
        ]

    def __str__(self) -> str:
        return f"v{self.rules.version} #{self.pk}"
