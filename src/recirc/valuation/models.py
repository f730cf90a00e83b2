"""Price evaluation: past prices (the training data and the comparables) and the registry of trained models.

No personal data lives here: an observation names a category, a brand, a model, attributes, a grade and a
price; at most the operator whose sale it was. Categories and operators are string-label foreign keys.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ObservationSource(models.TextChoices):
    SALE = "sale", _("Sale")
    APPRAISAL = "appraisal", _("Appraisal")
    IMPORT = "import", _("Imported")


class PriceObservation(models.Model):
    """One past price of a second-hand article: a sale (fed in by trade, auctions...), an appraisal, or a row
    imported from a file. Recorded once, never edited: a wrong price is outweighed, not rewritten."""

    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    grade = models.CharField(_("grade"), max_length=16, blank=True)
    grading_scheme = models.CharField(_("grading scheme"), max_length=40, blank=True)
    price = models.DecimalField(_("price (CNY)"), max_digits=12, decimal_places=2)
    observed_on = models.DateField(_("observed on"), db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=ObservationSource.choices)
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True,
                                  help_text=_("e.g. trade.order:55; unique per source when given"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("price observation")
        verbose_name_plural = _("price observations")
        ordering = ["-observed_on", "-id"]
        indexes = [
            models.Index(fields=["category", "brand", "model_name", "observed_on"], name="valuation_obs_model_idx"),
            models.Index(fields=["category", "observed_on"], name="valuation_obs_category_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="valuation_observation_price_positive"),
            models.UniqueConstraint(fields=["source", "source_ref"], condition=~models.Q(source_ref=""),
                                    name="valuation_observation_source_once"),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.model_name} {self.price} ({self.observed_on})".strip()


class ValuationModel(models.Model):
    """A trained price model of one category: what it was trained on, how it did on data it never saw, and the
    fitted estimator itself (joblib bytes, loaded only when their SHA-256 matches). At most one is active per
    category; older versions stay for the record."""

    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    version = models.PositiveIntegerField(_("version"))
    algorithm = models.CharField(_("algorithm"), max_length=120)
    hyperparameters = models.JSONField(_("hyper-parameters"), default=dict)
    features = models.JSONField(_("features"), default=dict)
    data_from = models.DateField(_("data from"))
    data_to = models.DateField(_("data to"))
    rows_train = models.PositiveIntegerField(_("training rows"))
    rows_test = models.PositiveIntegerField(_("hold-out rows"))
    metrics = models.JSONField(_("hold-out metrics"), default=dict)
    artifact = models.BinaryField(_("fitted model"), editable=False)
    artifact_sha256 = models.CharField(_("SHA-256 of the fitted model"), max_length=64, editable=False)
    trained_at = models.DateTimeField(_("trained at"), default=timezone.now)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trained by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(_("active"), default=False)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("valuation model")
        verbose_name_plural = _("valuation models")
        ordering = ["category_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["category", "version"], name="valuation_model_version_once"),
            models.UniqueConstraint(fields=["category"], condition=models.Q(is_active=True),
                                    name="valuation_one_active_model_per_category"),
            models.CheckConstraint(condition=models.Q(data_from__lte=models.F("data_to")),
                                   name="valuation_model_window_ordered"),
            models.CheckConstraint(condition=~models.Q(is_active=True) | models.Q(activated_at__isnull=False),
                                   name="valuation_active_model_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} v{self.version}"

