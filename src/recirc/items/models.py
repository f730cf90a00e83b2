"""The item passport: one per physical item, with identifiers, attributes, owner, place, state, events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemState(models.TextChoices):
    INTAKE = "intake", _("Being taken in")
    IN_STOCK = "in_stock", _("In stock")
    LISTED = "listed", _("Listed for sale")
    RESERVED = "reserved", _("Reserved")
    SOLD = "sold", _("Sold")
    RENTED_OUT = "rented_out", _("Rented out")
    ON_HOLD = "on_hold", _("On hold")
    RETURNED = "returned", _("Returned to owner")
    SEIZED = "seized", _("Seized")
    SCRAPPED = "scrapped", _("Recycled or scrapped")


ITEM_TRANSITIONS: dict[str, frozenset[str]] = {
    ItemState.INTAKE: frozenset({ItemState.IN_STOCK, ItemState.ON_HOLD, ItemState.RETURNED}),
    ItemState.IN_STOCK: frozenset({ItemState.LISTED, ItemState.ON_HOLD, ItemState.SOLD, ItemState.RENTED_OUT,
                                   ItemState.RETURNED, ItemState.SCRAPPED}),
    ItemState.LISTED: frozenset({ItemState.IN_STOCK, ItemState.RESERVED, ItemState.SOLD, ItemState.ON_HOLD,
                                 ItemState.RENTED_OUT}),
    ItemState.RESERVED: frozenset({ItemState.LISTED, ItemState.SOLD, ItemState.ON_HOLD}),
    ItemState.SOLD: frozenset({ItemState.IN_STOCK}),
    ItemState.RENTED_OUT: frozenset({ItemState.IN_STOCK, ItemState.ON_HOLD}),
    ItemState.ON_HOLD: frozenset({ItemState.IN_STOCK, ItemState.SEIZED, ItemState.RETURNED}),
    ItemState.RETURNED: frozenset(),
    ItemState.SEIZED: frozenset(),
    ItemState.SCRAPPED: frozenset(),
}


class Item(models.Model):
    """A physical item's passport. `code` is public (printed as a QR code); no personal data here."""

    code = models.CharField(_("passport code"), max_length=16, unique=True)
    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField(_("title"), max_length=160)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    owner_operator = models.ForeignKey("operators.Operator", verbose_name=_("owning operator"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owning consumer"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("operators.Outlet", verbose_name=_("location"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=ItemState.choices, default=ItemState.INTAKE,
                             db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner_operator", "state"], name="item_owner_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(owner_operator__isnull=False) & models.Q(owner_user__isnull=False)),
                name="item_single_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class IdentifierKind(models.TextChoices):
    IMEI = "imei", _("IMEI")
    MEID = "meid", _("MEID")
    SERIAL = "serial", _("Serial number")
    MAC = "mac", _("MAC address")
    NETWORK_LICENCE = "network_licence", _("Network-access licence number")


class ItemIdentifier(models.Model):
    """A normalised hardware identifier. Not unique: the same IMEI on two items is a clone signal."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=16, choices=IdentifierKind.choices)
    value = models.CharField(_("value"), max_length=40)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        indexes = [models.Index(fields=["kind", "value"], name="identifier_lookup_idx")]
        constraints = [models.UniqueConstraint(fields=["item", "kind", "value"], name="identifier_once_per_item")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class ItemEvent(models.Model):
    """One step of an item's life. Append-only; `summary` is public text, `data` holds no personal data."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=40)
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(_("from state"), max_length=16, blank=True)
    to_state = models.CharField(_("to state"), max_length=16, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    is_public = models.BooleanField(_("shown on the public passport"), default=True)

    class Meta:
        verbose_name = _("item event")
        verbose_name_plural = _("item events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.item.code} {self.kind}"


class HoldKind(models.TextChoices):
    STATUTORY = "statutory", _("Statutory hold before resale")
    POLICE = "police", _("Police hold order")
    WATCHLIST = "watchlist_match", _("Stolen-goods watchlist match")
    ERASURE = "erasure_pending", _("Data erasure not yet verified")
    COUNTERFEIT = "counterfeit_referral", _("Suspected counterfeit referred to market supervision")


# Police and watchlist holds put the item ON_HOLD; a statutory hold only blocks circulation until it ends.
STATE_CHANGING_HOLD_KINDS = frozenset({HoldKind.POLICE, HoldKind.WATCHLIST})
# Holds of police matters (placed, extended and released by the police). An erasure hold is not one: it is
# placed when a device with storage gets its passport and released only by a verified erasure. Nor is a
# counterfeit hold: the inspection context places it with a referral to market supervision and releases it
# when the referral is closed as cleared.
POLICE_MATTER_HOLD_KINDS = frozenset({HoldKind.POLICE, HoldKind.WATCHLIST, HoldKind.STATUTORY})


class ItemHold(models.Model):
    """A hold on an item: while active, the item may not circulate (be listed, reserved, sold or rented out).

    Police and watchlist holds are active until released; a statutory hold until `ends_at`. `prior_state`
    is the state the item left when a hold moved it to ON_HOLD: releasing the last such hold restores it.
    """

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="holds")
    kind = models.CharField(_("kind"), max_length=20, choices=HoldKind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    order_number = models.CharField(_("police order number"), max_length=60, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("placed by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+", help_text=_("Empty: the system."))
    placed_at = models.DateTimeField(_("placed at"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("Empty: until released."))
    prior_state = models.CharField(_("state before the hold"), max_length=16, choices=ItemState.choices,
                                   blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("released by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    release_reason = models.CharField(_("reason for release"), max_length=500, blank=True)
    source_ref = models.CharField(_("source"), max_length=80, blank=True,
                                  help_text=_("What caused the hold, such as “policing.alert:12”."))

    class Meta:
        verbose_name = _("item hold")
        verbose_name_plural = _("item holds")
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["item", "released_at"], name="hold_item_released_idx"),
                   models.Index(fields=["kind", "released_at"], name="hold_kind_released_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind=HoldKind.POLICE) | ~models.Q(order_number=""),
                                   name="hold_police_needs_order_number"),
            models.CheckConstraint(condition=~models.Q(kind=HoldKind.STATUTORY) | models.Q(ends_at__isnull=False),
                                   name="hold_statutory_needs_end"),
            models.CheckConstraint(condition=models.Q(released_at__isnull=True) | ~models.Q(release_reason=""),
                                   name="hold_release_needs_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.kind}"
