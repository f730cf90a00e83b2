"""Public security: the stolen-goods watchlist, alerts with case notes, and the intake screening log.

Items and operators are referenced by string labels (cross-context foreign keys); no personal data lives here:
a seller is known only by `seller_index`, a keyed pseudonym from the privacy vault.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WatchlistKind(models.TextChoices):
    STOLEN = "stolen", _("Stolen")
    LOST = "lost", _("Lost")
    WANTED = "wanted", _("Wanted by the police")
    SEIZED = "seized", _("Seized or frozen")


class WatchlistStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class WatchlistSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported from a file")
    API = "api", _("Sent through the API")


class WatchlistEntry(models.Model):
    """One article the police look for (a line of a police circular, 通报协查). Withdrawn, never deleted."""

    case_number = models.CharField(_("case number"), max_length=64, db_index=True)
    reporting_unit = models.CharField(_("reporting unit"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=WatchlistKind.choices, default=WatchlistKind.STOLEN)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    category_code = models.CharField(_("category code"), max_length=64, blank=True)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    brand_key = models.CharField(_("canonical brand"), max_length=60, blank=True, db_index=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    match_tokens = models.TextField(_("match tokens"), blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=WatchlistStatus.choices,
                              default=WatchlistStatus.ACTIVE, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=WatchlistSource.choices,
                              default=WatchlistSource.MANUAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    rescreened_at = models.DateTimeField(_("matched against past registrations at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist entries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="withdrawn", withdrawn_at__isnull=False)
                           | models.Q(status="active", withdrawn_at__isnull=True)),
                name="watchlist_withdrawn_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.brand} {self.model_name}".strip()


class WatchlistPhoto(models.Model):
    """A photo of the article the police look for (from the case file), for clerks and officers to compare.
    Re-encoded without metadata on upload; kept with the entry, never deleted."""

    entry = models.ForeignKey(WatchlistEntry, verbose_name=_("watchlist entry"), on_delete=models.PROTECT,
                              related_name="photos")
    image = models.FileField(_("image"), upload_to="watchlist/%Y/%m/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="watchlist/%Y/%m/thumbs/")
    content_type = models.CharField(_("content type"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("watchlist photo")
        verbose_name_plural = _("watchlist photos")
        ordering = ["entry", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.caption or self.sha256[:12]}"


class WatchlistIdentifier(models.Model):
    """A normalised hardware identifier of a watchlist entry (IMEISV stored as its IMEI)."""

    entry = models.ForeignKey(WatchlistEntry, verbose_name=_("watchlist entry"), on_delete=models.CASCADE,
                              related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=16)
    value = models.CharField(_("value"), max_length=40)

    class Meta:
        verbose_name = _("watchlist identifier")
        verbose_name_plural = _("watchlist identifiers")
        indexes = [models.Index(fields=["kind", "value"], name="watchlist_identifier_idx")]
        constraints = [models.UniqueConstraint(fields=["entry", "kind", "value"], name="watchlist_identifier_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class WatchlistToken(models.Model):
    """Inverted index of active entries' description tokens: candidate blocking for fuzzy matching."""

    entry = models.ForeignKey(WatchlistEntry, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("watchlist token")
        verbose_name_plural = _("watchlist tokens")
        constraints = [models.UniqueConstraint(fields=["token", "entry"], name="watchlist_token_once")]

    def __str__(self) -> str:
        return self.token


class WatchlistTokenStat(models.Model):
    """How many active entries carry a token (document frequency): rare tokens weigh more and look up first."""

    token = models.CharField(max_length=40, primary_key=True)
    entries = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("watchlist token frequency")
        verbose_name_plural = _("watchlist token frequencies")

    def __str__(self) -> str:
        return f"{self.token}: {self.entries}"


class AlertKind(models.TextChoices):
    WATCHLIST_EXACT = "watchlist_exact", _("Watchlist: identifier match")
    WATCHLIST_FUZZY = "watchlist_fuzzy", _("Watchlist: description match")
    IMEI_INVALID = "imei_invalid", _("Invalid IMEI")
    TAC_MISMATCH = "tac_mismatch", _("IMEI does not fit the declared brand")
    IMEI_CLONE = "imei_clone", _("Identifier on another item (clone)")
    REPEAT_SELLER = "repeat_seller", _("Seller brings many similar items")
    PRICE_BELOW_VALUE = "price_below_value", _("Price far below value")
    SELLER_MINOR = "seller_minor", _("Seller under age")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


ALERT_TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.OPEN: frozenset({AlertStatus.ACKNOWLEDGED, AlertStatus.CLOSED}),
    AlertStatus.ACKNOWLEDGED: frozenset({AlertStatus.CLOSED}),
    AlertStatus.CLOSED: frozenset(),
}


class AlertResolution(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed: police action taken")
    FALSE_POSITIVE = "false_positive", _("False match")
    NO_ACTION = "no_action", _("Checked, no further action")


class Alert(models.Model):
    """A hit for the police queue: a watchlist match or a suspicion rule, with its score and reason.

    The row itself is the in-app notification queue; `notified_at` records the outgoing webhook."""

    kind = models.CharField(_("kind"), max_length=24, choices=AlertKind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN,
                              db_index=True)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    watchlist_entry = models.ForeignKey(WatchlistEntry, verbose_name=_("watchlist entry"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="alerts")
    source_ref = models.CharField(_("source"), max_length=80, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    reason_code = models.CharField(_("reason code"), max_length=40)
    reason_params = models.JSONField(_("reason details"), default=dict, blank=True)
    hold_id = models.IntegerField(_("hold"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    resolution = models.CharField(_("resolution"), max_length=16, choices=AlertResolution.choices, blank=True)
    notified_at = models.DateTimeField(_("webhook delivered at"), null=True, blank=True)
    notify_attempts = models.IntegerField(_("webhook attempts"), default=0)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="alert_status_created_idx"),
                   models.Index(fields=["operator", "status"], name="alert_operator_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["watchlist_entry", "item", "kind"],
                                    condition=models.Q(watchlist_entry__isnull=False), name="alert_once_per_entry"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=100),
                                   name="alert_score_0_100"),
            models.CheckConstraint(condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                                   name="alert_closed_has_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} item {self.item_id}"


class CaseNote(models.Model):
    """A police officer's note on an alert. Append-only."""

    alert = models.ForeignKey(Alert, verbose_name=_("alert"), on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on alert {self.alert_id}"


class ScreeningOutcome(models.TextChoices):
    CLEAR = "clear", _("Clear")
    ALERT = "alert", _("Alert raised")


class ScreeningRecord(models.Model):
    """One intake screening: feeds the repeat-seller rule and retroactive description matching."""

    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    category_code = models.CharField(_("category code"), max_length=64, blank=True)
    seller_index = models.CharField(_("seller pseudonym"), max_length=128, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)
    match_tokens = models.TextField(_("match tokens"), blank=True)
    source_ref = models.CharField(_("source"), max_length=80, blank=True)
    screened_at = models.DateTimeField(_("screened at"), auto_now_add=True)
    result = models.CharField(_("result"), max_length=8, choices=ScreeningOutcome.choices)

    class Meta:
        verbose_name = _("screening record")
        verbose_name_plural = _("screening records")
        ordering = ["-screened_at", "-id"]
        indexes = [models.Index(fields=["seller_index", "category_code", "screened_at"], name="screening_seller_idx")]

    def __str__(self) -> str:
        return f"screening of item {self.item_id}"
