"""Pilot goals (targets per city and category against the 2024 baseline) and the pilot implementation plan
report with the five parts of the plan's attachment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalMeasure(models.TextChoices):
    TRANSACTION_VALUE = "transaction_value", _("Transaction value")
    TRANSACTION_COUNT = "transaction_count", _("Number of transactions")
    OPERATING_ENTITIES = "operating_entities", _("Operating entities")


class PilotGoal(models.Model):
    """A target for a city (or province or district) and optionally one category: growth in per cent of the
    target year over the baseline year, or an absolute level (e.g. the number of operating entities)."""

    title = models.CharField(_("title"), max_length=120)
    region_code = models.CharField(_("region (GB/T 2260)"), max_length=6,
                                   help_text=_("A province, city or district code; a city covers its districts."))
    category_code = models.CharField(_("category"), max_length=64, blank=True,
                                     help_text=_("Empty: every category."))
    measure = models.CharField(_("measure"), max_length=24, choices=GoalMeasure.choices)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), default=2024)
    target_year = models.PositiveSmallIntegerField(_("target year"), default=2027)
    target_growth_percent = models.DecimalField(_("target growth (%)"), max_digits=7, decimal_places=2, null=True,
                                                blank=True)
    target_level = models.DecimalField(_("target level"), max_digits=18, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("pilot goal")
        verbose_name_plural = _("pilot goals")
        ordering = ["region_code", "category_code", "measure", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(target_year__gt=models.F("baseline_year")),
                                   name="supervision_goal_target_after_baseline"),
            models.CheckConstraint(condition=(models.Q(target_growth_percent__isnull=False, target_level__isnull=True)
                                              | models.Q(target_growth_percent__isnull=True,
                                                         target_level__isnull=False)),
                                   name="supervision_goal_one_target"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.FINAL}),
    ReportStatus.FINAL: frozenset({ReportStatus.DRAFT}),
}

REPORT_PARTS = ("basic_situation", "main_goals", "pilot_areas", "work_content", "support_measures")


class PlanReport(models.Model):
    """The pilot implementation plan (试点实施方案) in the five parts of the plan's attachment. The text is
    pre-filled from the statistics and edited by the regulator; `figures` is the snapshot of the tables taken
    when the figures were last refreshed. A final report is not edited until it is reopened."""

    title = models.CharField(_("title"), max_length=160)
    region_code = models.CharField(_("region (GB/T 2260)"), max_length=6)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), default=2024)
    target_year = models.PositiveSmallIntegerField(_("target year"), default=2027)
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    basic_situation = models.TextField(_("1. Basic situation"), max_length=20000, blank=True)
    main_goals = models.TextField(_("2. Main goals"), max_length=20000, blank=True)
    pilot_areas = models.TextField(_("3. Pilot areas"), max_length=20000, blank=True)
    work_content = models.TextField(_("4. Pilot work content"), max_length=20000, blank=True)
    support_measures = models.TextField(_("5. Support measures"), max_length=20000, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    figures_as_of = models.DateTimeField(_("figures as of"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementation plan report")
        verbose_name_plural = _("implementation plan reports")
        ordering = ["-updated_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=~models.Q(status="final") | models.Q(finalised_at__isnull=False),
            name="supervision_report_final_has_time")]

    def __str__(self) -> str:
        return self.title
