"""The facts statistics are computed over: transactions (the platform's own and those operators submit from
their own systems), submitted acquisitions and submitted operating entities, with the submissions that carried
them. No personal data: a fact names an operator (a registered entity), a place by GB/T 2260 code, a category,
a channel, a method and amounts; never a buyer or a seller.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    STORE = "store", _("Store")
    MARKET = "market", _("Market")
    ONLINE = "online", _("Online platform")
    COMMUNITY = "community", _("Community")
    TRADE_IN = "trade_in", _("Trade-in")


class Method(models.TextChoices):
    SALE = "sale", _("Sale")
    AUCTION = "auction", _("Auction")
    RENTAL = "rental", _("Rental")
    CONSIGNMENT = "consignment", _("Consignment")
    BUY_BACK = "buy_back", _("Buy-back")
    SWAP = "swap", _("Swap")


class FactSource(models.TextChoices):
    PLATFORM = "platform", _("Recirc platform")
    SUBMISSION = "submission", _("Operator submission")


class AcquisitionKind(models.TextChoices):
    """The register's transaction types, for acquisitions submitted from an operator's own system."""

    PURCHASE = "purchase", _("Purchase")
    TRADE_IN = "trade_in", _("Trade-in")
    CONSIGNMENT_INTAKE = "consignment_intake", _("Consignment intake")
    BULK_PURCHASE = "bulk_purchase", _("Bulk purchase from an organisation")
    DONATION = "donation", _("Donation")
    EXCHANGE = "exchange", _("Exchange")


class SubmissionKind(models.TextChoices):
    TRANSACTIONS = "transactions", _("Transaction records")
    ACQUISITIONS = "acquisitions", _("Acquisitions")
    ENTITIES = "entities", _("Operating entities")


class SubmissionChannel(models.TextChoices):
    API = "api", _("API")
    UPLOAD = "upload", _("File upload")


class Submission(models.Model):
    """One accepted batch of rows from an operator's own system (refused batches leave nothing behind)."""

    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=SubmissionKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=SubmissionChannel.choices)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_created = models.PositiveIntegerField(_("rows added"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows replaced"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows already present"), default=0)

    class Meta:
        verbose_name = _("data submission")
        verbose_name_plural = _("data submissions")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class TransactionRecord(models.Model):
    """One second-hand transaction (a sale, an auction, a rental...), the fact the statistics count.

    `key` is the submitter's own reference, unique per operator and source: sending the same row again changes
    nothing, sending it with other values replaces it (a correction) and raises `revision`.
    """

    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    source = models.CharField(_("source"), max_length=12, choices=FactSource.choices)
    key = models.CharField(_("submission key"), max_length=80)
    submission = models.ForeignKey(Submission, verbose_name=_("submission"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="transactions")
    occurred_at = models.DateTimeField(_("occurred at"))
    day = models.DateField(_("day"), help_text=_("The local date of the transaction."))
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    category_code = models.CharField(_("category"), max_length=64)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount = models.DecimalField(_("value (CNY)"), max_digits=14, decimal_places=2)
    days_to_sell = models.PositiveIntegerField(_("days from acquisition to sale"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("transaction record")
        verbose_name_plural = _("transaction records")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["day"], name="supervision_txn_day_idx"),
                   models.Index(fields=["operator", "day"], name="supervision_txn_operator_idx")]
        constraints = [
            models.UniqueConstraint(fields=["operator", "source", "key"], name="supervision_txn_key_once"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="supervision_txn_amount_not_negative"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="supervision_txn_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id}:{self.key}"


class SubmittedAcquisition(models.Model):
    """An acquisition an operator recorded in its own system and submitted for the statistics (counts only; its
    register with the seller's identity stays with the operator and the police)."""

    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    key = models.CharField(_("submission key"), max_length=80)
    submission = models.ForeignKey(Submission, verbose_name=_("submission"), on_delete=models.PROTECT,
                                   related_name="acquisitions")
    acquired_at = models.DateTimeField(_("acquired at"))
    day = models.DateField(_("day"))
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    category_code = models.CharField(_("category"), max_length=64)
    kind = models.CharField(_("transaction type"), max_length=24, choices=AcquisitionKind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount = models.DecimalField(_("price paid (CNY)"), max_digits=14, decimal_places=2)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("submitted acquisition")
        verbose_name_plural = _("submitted acquisitions")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["day"], name="supervision_acq_day_idx")]
        constraints = [
            models.UniqueConstraint(fields=["operator", "key"], name="supervision_acq_key_once"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="supervision_acq_amount_not_negative"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="supervision_acq_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id}:{self.key}"


class SubmittedEntity(models.Model):
    """An operating entity trading through a submitting operator (a platform's merchants, a market's vendors),
    counted with the registry's operators in "operating entities by type". No names: kind, place, dates and the
    public unified social credit code only."""

    operator = models.ForeignKey("operators.Operator", verbose_name=_("submitted by operator"),
                                 on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("submission key"), max_length=80)
    submission = models.ForeignKey(Submission, verbose_name=_("submission"), on_delete=models.PROTECT,
                                   related_name="entities")
    kind = models.CharField(_("type"), max_length=32)
    district_code = models.CharField(_("district (GB/T 2260)"), max_length=6)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    opened_on = models.DateField(_("trading since"))
    closed_on = models.DateField(_("stopped trading on"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("submitted operating entity")
        verbose_name_plural = _("submitted operating entities")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["operator", "key"], name="supervision_entity_key_once"),
            models.CheckConstraint(condition=models.Q(closed_on__isnull=True)
                                   | models.Q(closed_on__gte=models.F("opened_on")),
                                   name="supervision_entity_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id}:{self.key}"


class DirtyDay(models.Model):
    """A day whose facts changed since the last refresh, written in the same transaction as the change, so a
    refresh never misses one; the refresh deletes exactly the markers it read."""

    day = models.DateField(_("day"))
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        verbose_name = _("day to refresh")
        verbose_name_plural = _("days to refresh")
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return self.day.isoformat()


class RefreshState(models.Model):
    """How far the roll-ups have read the other contexts' records (alerts, holds, register entries)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    watermark = models.DateTimeField(_("read up to"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(_("last run took (ms)"), default=0)
    last_day_count = models.PositiveIntegerField(_("days refreshed in the last run"), default=0)

    class Meta:
        verbose_name = _("refresh state")
        verbose_name_plural = _("refresh states")

    def __str__(self) -> str:
        return self.name
