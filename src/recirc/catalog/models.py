"""Categories with attribute schemas, versioned grading scales, and carbon factors with sources."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A node of the category tree. `attribute_schema` lists the attributes its items carry.

    Each schema entry: {"key", "type": text|integer|decimal|choice|boolean, "required", "label",
    "label_en", "choices": [...], "min", "max", "unit"}; validated by catalog.attributes.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    attribute_schema = models.JSONField(_("attribute schema"), default=list, blank=True)
    has_storage = models.BooleanField(_("device with data storage"), default=False,
                                      help_text=_("Items must be erased and verified before sale."))
    requires_hardware_identifier = models.BooleanField(_("needs a hardware identifier"), default=False)
    high_risk = models.BooleanField(_("high theft risk"), default=False,
                                    help_text=_("No low-value exemption from identity checks."))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class GradingScale(models.Model):
    """A versioned grading scheme for a category, mapped to the standard it follows."""

    category = models.ForeignKey(Category, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="grading_scales",
                                 help_text=_("Empty: the scale applies to every category. A scale also applies to "
                                             "the descendants of its category."))
    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=120)
    standard = models.CharField(_("standard followed"), max_length=80)
    standard_zh = models.CharField(_("standard followed, in Chinese"), max_length=80, blank=True,
                                   help_text=_("Empty: the standard's name reads the same in Chinese."))
    description = models.TextField(_("English description"), blank=True,
                                   help_text=_("What the scale measures and how its grades map to the standard."))
    description_zh = models.TextField(_("Chinese description"), blank=True,
                                      help_text=_("The description in Simplified Chinese, shown to Chinese "
                                                  "readers."))
    grades = models.JSONField(_("grades"), default=list,
                              help_text=_('Ordered best first: [{"code", "label", "label_en", "description", '
                                          '"description_zh"}]; "description" is English.'))
    effective_from = models.DateField(_("effective from"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    class Meta:
        verbose_name = _("grading scale")
        verbose_name_plural = _("grading scales")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="grading_scale_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class GradingChecklist(models.Model):
    """A versioned inspection checklist for a category (and its descendants): the questions an inspector
    answers, the rules that cap the grade, and how the internal grade maps onto standard scales. A published
    version is never edited: a change is a new version (catalog.checklists validates every definition)."""

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="grading_checklists")
    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=120)
    scale = models.ForeignKey(GradingScale, verbose_name=_("internal grading scale"), on_delete=models.PROTECT,
                              related_name="+", help_text=_("The scale the checklist grades on; standard scales "
                                                            "are reached through the mappings."))
    items = models.JSONField(_("checklist items"), default=list)
    rules = models.JSONField(_("grading rules"), default=list, blank=True)
    mappings = models.JSONField(_("mappings to standard scales"), default=list, blank=True)
    effective_from = models.DateField(_("effective from"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    class Meta:
        verbose_name = _("grading checklist")
        verbose_name_plural = _("grading checklists")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="grading_checklist_version_unique"),
            models.CheckConstraint(condition=models.Q(retired_on__isnull=True)
                                   | models.Q(retired_on__gte=models.F("effective_from")),
                                   name="grading_checklist_retired_after_effective"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class CarbonFactor(models.Model):
    """CO2e avoided when one item of a category is reused instead of bought new, with its source."""

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="carbon_factors")
    kg_co2e_per_item = models.DecimalField(_("kg CO2e avoided per item"), max_digits=9, decimal_places=2)
    source = models.CharField(_("source"), max_length=500)
    is_estimate = models.BooleanField(_("estimate"), default=True,
                                      help_text=_("Derived by Recirc from the source rather than quoted from it."))
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("carbon factor")
        verbose_name_plural = _("carbon factors")
        ordering = ["category", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "valid_from"], name="carbon_factor_unique_per_date"),
            models.CheckConstraint(condition=models.Q(kg_co2e_per_item__gte=0), name="carbon_factor_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.kg_co2e_per_item} kg"


class TacEntry(models.Model):
    """A Type Allocation Code (the first 8 digits of an IMEI) and the device it was allocated to, from an
    imported TAC database (e.g. Osmocom's, CC-BY-SA). Used to check a declared brand against the IMEI."""

    tac = models.CharField(_("TAC"), max_length=8, unique=True)
    brand = models.CharField(_("brand"), max_length=80)
    model = models.CharField(_("model"), max_length=120, blank=True)
    aka = models.TextField(_("also known as"), blank=True, help_text=_("Other names of the model, comma-separated."))
    source = models.CharField(_("source"), max_length=40)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        verbose_name = _("TAC entry")
        verbose_name_plural = _("TAC entries")
        ordering = ["tac"]
        constraints = [models.CheckConstraint(condition=models.Q(tac__regex=r"^[0-9]{8}$"), name="tac_eight_digits")]

    def __str__(self) -> str:
        return f"{self.tac} {self.brand} {self.model}"
