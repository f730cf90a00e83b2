"""Roll-ups: the facts summed per day, then per month, so that dashboards and the API read a few thousand rows
instead of millions. They hold exact counts and sums (suppression of small cells happens when they are read);
refresh.py rebuilds a day from the facts and a month from its days, so a roll-up always equals the raw
aggregate of the same cells.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityMeasure(models.TextChoices):
    ACQUISITION = "acquisition", _("Acquisitions")
    FLAGGED_ACQUISITION = "flagged_acquisition", _("Flagged acquisitions")
    ALERT = "alert", _("Alerts")
    HOLD = "hold", _("Holds")


class _TransactionCells(models.Model):
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    category_code = models.CharField(_("category"), max_length=64)
    channel = models.CharField(_("channel"), max_length=12)
    method = models.CharField(_("method"), max_length=12)
    source = models.CharField(_("source"), max_length=12)
    records = models.PositiveIntegerField(_("transactions"), default=0)
    items = models.PositiveIntegerField(_("items"), default=0)
    value = models.DecimalField(_("value (CNY)"), max_digits=18, decimal_places=2, default=0)

    class Meta:
        abstract = True


class TransactionDaily(_TransactionCells):
    """Transactions per day, district, category, channel, method and source."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily transaction roll-up")
        verbose_name_plural = _("daily transaction roll-ups")
        constraints = [models.UniqueConstraint(fields=["day", "district_code", "category_code", "channel", "method",
                                                       "source"], name="supervision_txn_daily_cell")]

    def __str__(self) -> str:
        return f"{self.day} {self.district_code} {self.category_code}"


class TransactionMonthly(_TransactionCells):
    """Transactions per month (its first day), district, category, channel, method and source."""

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("monthly transaction roll-up")
        verbose_name_plural = _("monthly transaction roll-ups")
        constraints = [models.UniqueConstraint(fields=["month", "district_code", "category_code", "channel", "method",
                                                       "source"], name="supervision_txn_monthly_cell")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.district_code} {self.category_code}"


class _OperatorCells(models.Model):
    operator_id = models.BigIntegerField(_("operator"))
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    category_code = models.CharField(_("category"), max_length=64)
    records = models.PositiveIntegerField(_("transactions"), default=0)
    items = models.PositiveIntegerField(_("items"), default=0)
    value = models.DecimalField(_("value (CNY)"), max_digits=18, decimal_places=2, default=0)

    class Meta:
        abstract = True


class OperatorDaily(_OperatorCells):
    """Transactions per day, operator, district and category: the drill-down from districts to operators."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily operator roll-up")
        verbose_name_plural = _("daily operator roll-ups")
        constraints = [models.UniqueConstraint(fields=["day", "operator_id", "district_code", "category_code"],
                                               name="supervision_operator_daily_cell")]

    def __str__(self) -> str:
        return f"{self.day} {self.operator_id}"


class OperatorMonthly(_OperatorCells):
    """Transactions per month, operator, district and category (top sellers per quarter)."""

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("monthly operator roll-up")
        verbose_name_plural = _("monthly operator roll-ups")
        constraints = [models.UniqueConstraint(fields=["month", "operator_id", "district_code", "category_code"],
                                               name="supervision_operator_monthly_cell")]
        indexes = [models.Index(fields=["month", "operator_id"], name="supervision_operator_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.operator_id}"


class _SellThroughCells(models.Model):
    category_code = models.CharField(_("category"), max_length=64)
    channel = models.CharField(_("channel"), max_length=12)
    days = models.PositiveIntegerField(_("days from acquisition to sale"))
    records = models.PositiveIntegerField(_("transactions"), default=0)

    class Meta:
        abstract = True


class SellThroughDaily(_SellThroughCells):
    """A histogram of sell-through times (whole days) per day of sale, category and channel: percentiles read
    from it are exactly those of the raw times."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily sell-through roll-up")
        verbose_name_plural = _("daily sell-through roll-ups")
        constraints = [models.UniqueConstraint(fields=["day", "category_code", "channel", "days"],
                                               name="supervision_sell_daily_cell")]

    def __str__(self) -> str:
        return f"{self.day} {self.category_code} {self.days}"


class SellThroughMonthly(_SellThroughCells):
    """The sell-through histogram per month of sale, category and channel."""

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("monthly sell-through roll-up")
        verbose_name_plural = _("monthly sell-through roll-ups")
        constraints = [models.UniqueConstraint(fields=["month", "category_code", "channel", "days"],
                                               name="supervision_sell_monthly_cell")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category_code} {self.days}"


class ActivityDaily(models.Model):
    """Acquisitions, flagged acquisitions, alerts and holds per day, district, category and kind (the register's
    transaction type, the alert's or the hold's kind), from the register, policing, items and submissions."""

    day = models.DateField(_("day"))
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    category_code = models.CharField(_("category"), max_length=64)
    measure = models.CharField(_("measure"), max_length=24, choices=ActivityMeasure.choices)
    kind = models.CharField(_("kind"), max_length=24)
    source = models.CharField(_("source"), max_length=12)
    records = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily activity roll-up")
        verbose_name_plural = _("daily activity roll-ups")
        constraints = [models.UniqueConstraint(fields=["day", "district_code", "category_code", "measure", "kind",
                                                       "source"], name="supervision_activity_daily_cell")]
        indexes = [models.Index(fields=["measure", "day"], name="supervision_activity_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.measure} {self.records}"
