"""Circulation entities, their outlets, staff memberships, and market stalls with their vendors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.core.roles import Role
from recirc.operators.validation import validate_credit_code_format, validate_district_code_format


class District(models.Model):
    """An administrative division by its GB/T 2260 six-digit code (province, city or district)."""

    code = models.CharField(_("GB/T 2260 code"), max_length=6, unique=True,
                            validators=[validate_district_code_format])
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class OperatorKind(models.TextChoices):
    TRANSACTION_MARKET = "transaction_market", _("Second-hand transaction market")
    RURAL_TRADE_CENTRE = "rural_trade_centre", _("Rural trade centre")
    ONLINE_PLATFORM = "online_platform", _("Online platform")
    ENTERPRISE = "enterprise", _("Circulation enterprise")
    INDIVIDUAL_OPERATOR = "individual_operator", _("Individual operator")
    COMMUNITY_CONSIGNMENT_SHOP = "community_consignment_shop", _("Community consignment shop")


class OperatorStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


OPERATOR_TRANSITIONS: dict[str, frozenset[str]] = {
    OperatorStatus.ACTIVE: frozenset({OperatorStatus.SUSPENDED, OperatorStatus.CLOSED}),
    OperatorStatus.SUSPENDED: frozenset({OperatorStatus.ACTIVE, OperatorStatus.CLOSED}),
    OperatorStatus.CLOSED: frozenset(),
}


class Operator(models.Model):
    """A circulation entity of a type the pilot policy names, identified by its credit code."""

    kind = models.CharField(_("type"), max_length=32, choices=OperatorKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code_format])
    licence_number = models.CharField(_("business licence number"), max_length=40, blank=True)
    licence_valid_from = models.DateField(_("licence valid from"), null=True, blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True,
                                           help_text=_("Leave empty for a licence without an end date."))
    # The legal representative is a natural person: the name lives in the privacy vault (invariant 1).
    legal_representative_token = models.CharField(_("legal representative (vault token)"), max_length=40,
                                                  blank=True)
    legal_representative_masked = models.CharField(_("legal representative (masked)"), max_length=40,
                                                   blank=True)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="operators")
    registered_address = models.CharField(_("registered address"), max_length=200, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("chain or franchise parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="branches")
    is_franchise = models.BooleanField(_("franchise (not directly owned)"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=OperatorStatus.choices,
                              default=OperatorStatus.ACTIVE)
    registered_on = models.DateField(_("registered in Recirc on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The last re-check of the merchant's identity and licence (REGULATIONS.md section 3); history in
    # MerchantRecheck. Never checked: the first re-check is due counted from `registered_on`.
    identity_checked_at = models.DateTimeField(_("identity last re-checked at"), null=True, blank=True)
    identity_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("identity last re-checked by"),
                                            null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="operator_not_own_parent"),
            models.CheckConstraint(condition=models.Q(licence_valid_from__isnull=True)
                                   | models.Q(licence_valid_until__isnull=True)
                                   | models.Q(licence_valid_until__gte=models.F("licence_valid_from")),
                                   name="operator_licence_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="operator_status_kind_idx")]

    def __str__(self) -> str:
        return self.name


class OutletKind(models.TextChoices):
    STORE = "store", _("Store")
    MARKET = "market", _("Market hall")
    WAREHOUSE = "warehouse", _("Warehouse or inspection centre")
    COMMUNITY_SHOP = "community_shop", _("Community shop")
    ONLINE = "online", _("Online shop")
    COLLECTION_POINT = "collection_point", _("Collection point")


class Outlet(models.Model):
    """A place where an operator trades: a store, a market hall, a warehouse, a community shop."""

    operator = models.ForeignKey(Operator, verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="outlets")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=OutletKind.choices, default=OutletKind.STORE)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="outlets")
    address = models.CharField(_("address"), max_length=200)
    floor_area_m2 = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["operator__name", "name"]

    def __str__(self) -> str:
        return self.name


STAFF_MEMBERSHIP_ROLES = [(role.value, role.label) for role in
                          (Role.CLERK, Role.INSPECTOR, Role.TECHNICIAN, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER)]


class Membership(models.Model):
    """A staff member's place at an operator (and optionally one outlet), with the role held there.

    Ended memberships stay as history; a user holds at most one open membership at a time.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT,
                             related_name="memberships")
    operator = models.ForeignKey(Operator, verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="memberships")
    outlet = models.ForeignKey(Outlet, verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=STAFF_MEMBERSHIP_ROLES)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(ended_on__isnull=True),
                                    name="membership_one_open_per_user"),
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True)
                                   | models.Q(ended_on__gte=models.F("started_on")),
                                   name="membership_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.operator}"


class Stall(models.Model):
    """A numbered stall in a market or rural trade centre, let to vendors."""

    market = models.ForeignKey(Operator, verbose_name=_("market"), on_delete=models.PROTECT,
                               related_name="stalls")
    outlet = models.ForeignKey(Outlet, verbose_name=_("market hall"), on_delete=models.PROTECT,
                               related_name="stalls")
    code = models.CharField(_("stall number"), max_length=20)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=2, null=True, blank=True)
    monthly_rent = models.DecimalField(_("monthly rent (CNY)"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("stall")
        verbose_name_plural = _("stalls")
        ordering = ["outlet", "code"]
        constraints = [models.UniqueConstraint(fields=["outlet", "code"], name="stall_code_unique_per_outlet")]

    def __str__(self) -> str:
        return f"{self.outlet} {self.code}"


class StallTenancy(models.Model):
    """Who trades from a stall and when: a vendor operator (often an individual operator)."""

    stall = models.ForeignKey(Stall, verbose_name=_("stall"), on_delete=models.PROTECT, related_name="tenancies")
    vendor = models.ForeignKey(Operator, verbose_name=_("vendor"), on_delete=models.PROTECT,
                               related_name="stall_tenancies")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("stall tenancy")
        verbose_name_plural = _("stall tenancies")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__isnull=True)
                                   | models.Q(ends_on__gte=models.F("starts_on")),
                                   name="tenancy_ends_after_start"),
            models.UniqueConstraint(fields=["stall"], condition=models.Q(ends_on__isnull=True),
                                    name="tenancy_one_open_per_stall"),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.stall}"


class MerchantRecheck(models.Model):
    """One periodic re-check of an operator's identity and business licence by a platform moderator: the licence
    was seen (or not), until when it is valid, and a note. Append-only; the operator keeps the latest."""

    operator = models.ForeignKey(Operator, verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="rechecks")
    checked_at = models.DateTimeField(_("re-checked at"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("re-checked by"), on_delete=models.PROTECT,
                                   related_name="+")
    licence_seen = models.BooleanField(_("licence seen"))
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("merchant re-check")
        verbose_name_plural = _("merchant re-checks")
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["operator", "-checked_at"], name="recheck_operator_idx")]

    def __str__(self) -> str:
        return f"{self.operator_id} {self.checked_at:%Y-%m-%d}"
