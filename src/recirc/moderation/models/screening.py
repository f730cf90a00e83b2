"""The prohibited-goods taxonomy (禁售商品目录) as versioned data, and the screening verdicts and counterfeit cases
it produces (REGULATIONS.md sections 3 and 6).

A `TaxonomyVersion` is loaded as a draft (from the data file shipped with the app, `data/taxonomy.toml`), then
published by a platform moderator: it comes into force at once and the previous one is superseded. Exactly one
version is in force (a partial unique index); a published version is never edited, a change is a new version.
Until the first version is published, screening uses the data file itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaxonomyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


TAXONOMY_TRANSITIONS: dict[str, frozenset[str]] = {
    TaxonomyState.DRAFT: frozenset({TaxonomyState.IN_FORCE}),
    TaxonomyState.IN_FORCE: frozenset({TaxonomyState.SUPERSEDED}),
    TaxonomyState.SUPERSEDED: frozenset(),
}


class ScreeningAction(models.TextChoices):
    BLOCK = "block", _("Block")
    REVIEW = "review", _("Send to review")


class Outcome(models.TextChoices):
    ALLOW = "allow", _("Allowed")
    REVIEW = "review", _("Sent to review")
    BLOCK = "block", _("Blocked")


class TermKind(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")
    PINYIN = "pinyin", _("Pinyin")
    HOMOPHONE = "homophone", _("Homophone or variant spelling")
    PATTERN = "pattern", _("Regular expression")
    EXCEPTION = "exception", _("Exception (clean phrase)")


class TaxonomyVersion(models.Model):
    """One numbered version of the prohibited-goods taxonomy; its categories, terms and rules hang off it."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    source = models.CharField(_("source"), max_length=120, help_text=_("The data file and its version label."))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    state = models.CharField(_("state"), max_length=16, choices=TaxonomyState.choices, default=TaxonomyState.DRAFT,
                             db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("loaded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("loaded at"), default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("prohibited-goods taxonomy version")
        verbose_name_plural = _("prohibited-goods taxonomy versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["state"], condition=models.Q(state=TaxonomyState.IN_FORCE),
                                    name="taxonomy_one_version_in_force"),
            models.CheckConstraint(condition=models.Q(state=TaxonomyState.DRAFT)
                                   | models.Q(published_at__isnull=False, published_by__isnull=False),
                                   name="taxonomy_published_has_publisher"),
        ]

    def __str__(self) -> str:
        return f"taxonomy v{self.number} ({self.state})"


class ProhibitedCategory(models.Model):
    """A category of goods that may not be listed (or only after review), with its legal basis."""

    version = models.ForeignKey(TaxonomyVersion, verbose_name=_("taxonomy version"), on_delete=models.CASCADE,
                                related_name="categories")
    code = models.SlugField(_("code"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    legal_basis = models.TextField(_("legal basis"), max_length=1000)
    action = models.CharField(_("action"), max_length=8, choices=ScreeningAction.choices)
    opens_case = models.BooleanField(_("opens a counterfeit case"), default=False)
    books_exempt = models.BooleanField(_("not screened in books"), default=False)
    prototypes = models.JSONField(_("prototype sentences (semantic pass)"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("prohibited category")
        verbose_name_plural = _("prohibited categories")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="prohibited_category_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} (v{self.version.number})"


class LexiconTerm(models.Model):
    """A word, spelling or pattern of a category; `action` may be milder or stronger than the category's."""

    category = models.ForeignKey(ProhibitedCategory, verbose_name=_("category"), on_delete=models.CASCADE,
                                 related_name="terms")
    text = models.CharField(_("term"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=TermKind.choices)
    action = models.CharField(_("action"), max_length=8, choices=ScreeningAction.choices)

    class Meta:
        verbose_name = _("lexicon term")
        verbose_name_plural = _("lexicon terms")
        ordering = ["category", "id"]
        constraints = [models.UniqueConstraint(fields=["category", "text", "kind", "action"],
                                               name="lexicon_term_unique")]

    def __str__(self) -> str:
        return f"{self.text} ({self.kind})"


class AttributeRule(models.Model):
    """A rule on a listing's catalogue attributes in one catalogue category (e.g. phones need a licence number)."""

    version = models.ForeignKey(TaxonomyVersion, verbose_name=_("taxonomy version"), on_delete=models.CASCADE,
                                related_name="attribute_rules")
    catalog_category = models.CharField(_("catalogue category code"), max_length=60)
    attribute = models.CharField(_("attribute"), max_length=60)
    op = models.CharField(_("test"), max_length=16, choices=[("missing", _("is missing")),
                                                             ("not_matches", _("does not match")),
                                                             ("equals", _("equals"))])
    value = models.CharField(_("value"), max_length=200, blank=True)
    category = models.ForeignKey(ProhibitedCategory, verbose_name=_("prohibited category"),
                                 on_delete=models.CASCADE, related_name="attribute_rules")
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attribute rule")
        verbose_name_plural = _("attribute rules")
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return f"{self.catalog_category}.{self.attribute} {self.op}"


class BrandFloor(models.Model):
    """The lowest price a genuine used item of a brand sells for: asking less is a counterfeit signal."""

    version = models.ForeignKey(TaxonomyVersion, verbose_name=_("taxonomy version"), on_delete=models.CASCADE,
                                related_name="brand_floors")
    names = models.JSONField(_("brand names"), default=list)
    floor = models.DecimalField(_("price floor (yuan)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("brand price floor")
        verbose_name_plural = _("brand price floors")
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return f"{self.names[0] if self.names else '?'} >= {self.floor}"


class ScreeningVerdict(models.Model):
    """One screening of one subject (a listing at create or edit, or at a re-screen). Reasons are structured:
    category, action, signal (lexicon | attribute | semantic | counterfeit), term, normalised span, field."""

    subject_kind = models.CharField(_("subject kind"), max_length=30)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    version = models.ForeignKey(TaxonomyVersion, verbose_name=_("taxonomy version"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    taxonomy_label = models.CharField(_("taxonomy"), max_length=60)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    trigger = models.CharField(_("trigger"), max_length=16, choices=[("save", _("Created or edited")),
                                                                     ("rescreen", _("Taxonomy changed"))])
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("screened for"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("screened at"), default=timezone.now)

    class Meta:
        verbose_name = _("screening verdict")
        verbose_name_plural = _("screening verdicts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_kind", "subject_id", "-created_at"], name="verdict_subject_idx")]

    def __str__(self) -> str:
        return f"{self.subject_kind} {self.subject_id}: {self.outcome}"


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ScreeningCase(models.Model):
    """A suspected-counterfeit case opened by screening (高仿, A货, 复刻, a brand far below its market price). The
    review queue works it; at most one open case per subject and kind."""

    kind = models.CharField(_("kind"), max_length=20, default="counterfeit")
    subject_kind = models.CharField(_("subject kind"), max_length=30)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    verdict = models.ForeignKey(ScreeningVerdict, verbose_name=_("verdict"), on_delete=models.PROTECT,
                                related_name="cases")
    state = models.CharField(_("state"), max_length=8, choices=CaseState.choices, default=CaseState.OPEN,
                             db_index=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening case")
        verbose_name_plural = _("screening cases")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_kind", "subject_id"],
                                    condition=models.Q(state=CaseState.OPEN), name="case_one_open_per_subject"),
            models.CheckConstraint(condition=models.Q(state=CaseState.OPEN, closed_at__isnull=True)
                                   | models.Q(state=CaseState.CLOSED, closed_at__isnull=False),
                                   name="case_closed_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} case on {self.subject_kind} {self.subject_id} ({self.state})"
