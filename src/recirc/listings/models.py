"""Listings: one physical item (one passport) offered for sale at a price, with a sealed disclosure composed
from the passport, after-sales terms and photos. The search entry is the published listing's row in the
search index (kept in step with the listing in the same transaction).

Items, categories, operators, outlets are referenced by string labels (cross-context foreign keys). The item's
passport code, title, brand and model are copied when the listing is created, so lists never join another
context's tables. No personal data lives here: a consumer seller is a user id, shown publicly only as
"individual seller, real-name verified".
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RESERVED = "reserved", _("Reserved")
    SOLD = "sold", _("Sold")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TAKEN_DOWN = "taken_down", _("Taken down")


S = ListingStatus
# The state table: every change of `status` is one of these (services check it; tests walk every pair).
LISTING_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PUBLISHED, S.WITHDRAWN}),
    S.PUBLISHED: frozenset({S.RESERVED, S.WITHDRAWN, S.DRAFT, S.TAKEN_DOWN}),
    S.RESERVED: frozenset({S.PUBLISHED, S.SOLD}),
    S.SOLD: frozenset({S.TAKEN_DOWN}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
    # A moderator's takedown hides a published or sold listing; reinstatement (an approval or a granted appeal)
    # returns it to what it was. A reserved listing is mid-checkout: the order finishes or releases it first.
    S.TAKEN_DOWN: frozenset({S.PUBLISHED, S.SOLD}),
}
OPEN_STATUSES = frozenset({S.DRAFT, S.PUBLISHED, S.RESERVED})
PUBLIC_STATUSES = frozenset({S.PUBLISHED, S.RESERVED, S.SOLD})


class SellerKind(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    CONSUMER = "consumer", _("Individual seller")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online, delivered")
    IN_STORE = "in_store", _("In store only")
    BOTH = "both", _("Online and in store")


class Listing(models.Model):
    """An offer of one item at a price. `version` grows with every change of price, terms or disclosure, so a
    buyer's order can detect a stale offer; `code` is public."""

    code = models.CharField(_("listing number"), max_length=20, unique=True)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16, db_index=True)
    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    category_code = models.CharField(_("category code"), max_length=64)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    price = models.DecimalField(_("price (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ListingStatus.choices, default=S.DRAFT,
                              db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    seller_kind = models.CharField(_("seller"), max_length=12, choices=SellerKind.choices)
    seller_operator = models.ForeignKey("operators.Operator", verbose_name=_("selling operator"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    seller_outlet = models.ForeignKey("operators.Outlet", verbose_name=_("outlet"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    seller_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("individual seller"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    district_code = models.CharField(_("district"), max_length=12, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.BOTH)
    warranty_days = models.PositiveIntegerField(_("warranty (days)"), null=True, blank=True)
    return_window_days = models.PositiveIntegerField(_("no-reason return window (days)"), null=True, blank=True)
    terms_text = models.TextField(_("after-sales conditions"), max_length=2000, blank=True)
    known_defects = models.JSONField(_("known defects"), default=list, blank=True)
    no_known_defects = models.BooleanField(_("no defects known"), default=False)
    seller_notes = models.TextField(_("seller's notes"), max_length=2000, blank=True)
    declared_grade = models.CharField(_("condition declared by the seller"), max_length=8, blank=True)
    declared_condition = models.TextField(_("condition in the seller's words"), max_length=1000, blank=True)
    declared_repairs = models.TextField(_("repairs declared by the seller"), max_length=1000, blank=True)
    declared_no_repairs = models.BooleanField(_("seller declares no repairs"), default=False)
    declared_battery_percent = models.PositiveSmallIntegerField(_("battery health declared by the seller (%)"),
                                                                null=True, blank=True)
    platform_inspection_offered = models.BooleanField(_("platform inspection offered"), default=False)
    disclosure_version = models.PositiveIntegerField(_("disclosure version"), default=0)
    disclosure_sha256 = models.CharField(_("disclosure SHA-256"), max_length=64, blank=True)
    order_ref = models.CharField(_("order reference"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    sold_at = models.DateTimeField(_("sold at"), null=True, blank=True)
    # The platform's takedown (moderation): the reason shown to the seller and the moderation decision's number.
    # Cleared on reinstatement; the decisions themselves stay in moderation.
    taken_down_at = models.DateTimeField(_("taken down at"), null=True, blank=True)
    takedown_reason = models.TextField(_("reason for the takedown"), max_length=2000, blank=True)
    takedown_ref = models.CharField(_("takedown decision"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["seller_operator", "status"], name="listing_operator_status_idx"),
                   models.Index(fields=["seller_user", "status"], name="listing_user_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                                    name="listing_one_open_per_item"),
            models.CheckConstraint(
                condition=models.Q(seller_kind=SellerKind.OPERATOR, seller_operator__isnull=False,
                                   seller_user__isnull=True)
                | models.Q(seller_kind=SellerKind.CONSUMER, seller_operator__isnull=True, seller_user__isnull=False),
                name="listing_one_seller_of_its_kind"),
            models.CheckConstraint(condition=models.Q(price__isnull=True) | models.Q(price__gt=0),
                                   name="listing_price_positive"),
            models.CheckConstraint(condition=~models.Q(status__in=sorted(PUBLIC_STATUSES))
                                   | models.Q(price__isnull=False, warranty_days__isnull=False,
                                              return_window_days__isnull=False, disclosure_version__gte=1),
                                   name="listing_public_is_complete"),
            models.CheckConstraint(condition=~models.Q(status__in=[S.RESERVED, S.SOLD]) | ~models.Q(order_ref=""),
                                   name="listing_reserved_names_order"),
            models.CheckConstraint(condition=~models.Q(status=S.TAKEN_DOWN)
                                   | (models.Q(taken_down_at__isnull=False) & ~models.Q(takedown_reason="")
                                      & ~models.Q(takedown_ref="")),
                                   name="listing_taken_down_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_consumer_sale(self) -> bool:
        return self.seller_kind == SellerKind.CONSUMER


class Disclosure(models.Model):
    """One sealed version of a listing's disclosure: the canonical JSON composed from the passport (grade and
    scheme, report, repairs and parts, erasure certificate, battery, the "used" label) plus what the seller
    added (defects, notes), and its SHA-256. Never edited: a change of facts composes a new version."""

    listing = models.ForeignKey(Listing, verbose_name=_("listing"), on_delete=models.PROTECT,
                                related_name="disclosures")
    version = models.PositiveIntegerField(_("version"))
    canonical = models.TextField(_("canonical JSON"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    composed_at = models.DateTimeField(_("composed at"))
    composed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("composed by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["listing", "-version"]
        constraints = [models.UniqueConstraint(fields=["listing", "version"], name="disclosure_version_once")]

    def __str__(self) -> str:
        return f"{self.listing_id} v{self.version}"


def photo_path(instance: ListingPhoto, filename: str) -> str:
    return f"listings/{instance.listing_id}/{uuid.uuid4().hex}.jpg"


def thumbnail_path(instance: ListingPhoto, filename: str) -> str:
    return f"listings/{instance.listing_id}/thumbs/{uuid.uuid4().hex}.jpg"


class ListingPhoto(models.Model):
    """A photo of the listed item: re-encoded as JPEG without its EXIF data (GPS is personal data), with a
    thumbnail. `sha256` is of the stored file."""

    listing = models.ForeignKey(Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to=photo_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=thumbnail_path)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing photo")
        verbose_name_plural = _("listing photos")
        ordering = ["listing", "position", "id"]

    def __str__(self) -> str:
        return f"{self.listing_id} photo {self.position}"


class SearchEntry(models.Model):
    """A published listing in the search index. `text` is the normalised searchable text (NFKC, case-folded,
    spaces collapsed); `grams` the CJK unigrams and bigrams for one- and two-character queries. The id grows
    with every (re)publication, so "newest first" is id order. SQLite indexes both in FTS5 tables kept by
    triggers; PostgreSQL in GIN indexes (pg_trgm and an array of grams). See search.py."""

    # A plain id, not a foreign key: the index is rebuilt and bulk-loaded on its own (bench B2).
    listing_id = models.IntegerField(_("listing"), unique=True)
    text = models.TextField(_("searchable text"))
    grams = models.TextField(_("CJK grams"), blank=True)
    category_id = models.IntegerField(_("category"), db_index=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    price = models.DecimalField(_("price (CNY)"), max_digits=12, decimal_places=2)
    district_code = models.CharField(_("district"), max_length=12, blank=True)
    channel = models.CharField(_("channel"), max_length=12)
    seller_kind = models.CharField(_("seller"), max_length=12)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"search {self.listing_id}"


class PublicListing(models.Model):
    """The public read model of a listing (ADR 0011): its search card and the rest of its public page as JSON,
    language-neutral, projected whenever the listing is (re)indexed. `version` and `disclosure_version` are the
    listing's when projected: a reader uses the row only while both still equal the listing's, so a row that
    a write path failed to refresh is never served (the reader builds the answer from the listing instead)."""

    listing = models.OneToOneField(Listing, verbose_name=_("listing"), primary_key=True, on_delete=models.CASCADE,
                                   related_name="+")
    version = models.PositiveIntegerField(_("version"))
    disclosure_version = models.PositiveIntegerField(_("disclosure version"))
    card = models.TextField(_("search card (JSON)"))
    detail = models.TextField(_("public page (JSON)"))
    projected_at = models.DateTimeField(_("projected at"), auto_now=True)

    class Meta:
        verbose_name = _("public listing")
        verbose_name_plural = _("public listings")

    def __str__(self) -> str:
        return f"public {self.listing_id} v{self.version}"
