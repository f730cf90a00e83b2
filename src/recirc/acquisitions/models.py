"""The acquisition register (收购登记): one append-only, hash-chained entry per article, a chain per outlet.

Personal values (names, document numbers, addresses, phones, document photos) live in the privacy vault;
an entry keeps their vault tokens and masked forms. The tokens are sealed by the chain, so erasing the
vault values when retention ends leaves every entry verifiable.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.accounts.facade import IdDocumentType, VerificationMethod
from recirc.core.hashchain import ChainedEntry


class TransactionType(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    TRADE_IN = "trade_in", _("Trade-in")
    CONSIGNMENT_INTAKE = "consignment_intake", _("Consignment intake")
    BULK_PURCHASE = "bulk_purchase", _("Bulk purchase from an organisation")
    DONATION = "donation", _("Donation")
    EXCHANGE = "exchange", _("Exchange")


class SellerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class Condition(models.TextChoices):
    """新旧程度 in the words of the trade (market condition scale of the catalog)."""

    NEW = "new", _("New, unused")
    AS_NEW = "99", _("99 % new")
    EXCELLENT = "95", _("95 % new")
    GOOD = "90", _("90 % new")
    FAIR = "80", _("80 % new")
    WORN = "70", _("70 % new or less")
    FOR_PARTS = "for_parts", _("Damaged, for parts")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    WECHAT_PAY = "wechat_pay", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    BANK_CARD = "bank_card", _("Bank card")
    STORE_CREDIT = "store_credit", _("Store credit (trade-in)")
    NONE = "none", _("No payment")


class PhotoKind(models.TextChoices):
    ITEM = "item", _("Item photo")
    DOCUMENT = "document", _("Identity document photo")


class AppendOnly(Exception):
    """Raised when code tries to change or delete a register entry: the register only grows."""


class EntryQuerySet(models.QuerySet["AcquisitionEntry"]):
    """Refuses deletion and updates of sealed fields; only derived, unsealed columns may be updated."""

    def update(self, **kwargs: Any) -> int:
        sealed = AcquisitionEntry.sealed_names()
        touched = sorted(name for name in kwargs if name in sealed)
        if touched:
            raise AppendOnly(f"sealed register fields cannot be updated: {', '.join(touched)}")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("register entries are never deleted")


class AcquisitionEntry(ChainedEntry):
    """One article taken in by an outlet. Never changed: a correction is a new entry that `corrects` it."""

    CHAIN_FIELDS: ClassVar[tuple[str, ...]] = (
        "id", "reference", "operator", "operator_licence", "outlet", "clerk", "transaction_type", "created_at",
        "recorded_at", "corrects", "correction_reason", "bulk_reference",
        "seller_kind", "seller_name_token", "seller_name_masked", "seller_document_type", "seller_document_token",
        "seller_document_masked", "seller_address_token", "seller_address_masked", "seller_phone_token",
        "seller_phone_masked", "seller_birth_year", "seller_age", "identity_check_method", "face_matched",
        "organisation_name", "organisation_credit_code", "handler_name_token", "handler_name_masked",
        "handler_document_type", "handler_document_token", "handler_document_masked", "proof_of_origin",
        "ownership_declared", "account_of_origin",
        "item", "item_code", "category_code", "title", "brand", "model_name", "colour", "quantity",
        "specification", "condition", "distinguishing_features", "identifiers", "attributes", "invoice_details",
        "price_paid", "payment_method", "payment_reference", "checks", "hold_until", "photo_digests",
    )

    reference = models.UUIDField(_("entry reference"), default=uuid.uuid4, unique=True, editable=False)
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    operator_licence = models.CharField(_("operator licence (credit code)"), max_length=40)
    outlet = models.ForeignKey("operators.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT,
                               related_name="+")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("clerk"), on_delete=models.PROTECT,
                              related_name="+")
    transaction_type = models.CharField(_("transaction type"), max_length=24, choices=TransactionType.choices)
    created_at = models.DateTimeField(_("compiled at"), editable=False)
    recorded_at = models.DateTimeField(_("acquired at"), db_index=True)
    corrects = models.ForeignKey("self", verbose_name=_("corrects entry"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    correction_reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)
    bulk_reference = models.UUIDField(_("bulk purchase reference"), null=True, blank=True)

    seller_kind = models.CharField(_("seller kind"), max_length=16, choices=SellerKind.choices)
    seller_name_token = models.CharField(_("seller name (vault token)"), max_length=40, blank=True)
    seller_name_masked = models.CharField(_("seller name (masked)"), max_length=80, blank=True)
    seller_document_type = models.CharField(_("document type"), max_length=20, choices=IdDocumentType.choices,
                                            blank=True)
    seller_document_token = models.CharField(_("document number (vault token)"), max_length=40, blank=True,
                                             db_index=True)
    seller_document_masked = models.CharField(_("document number (masked)"), max_length=40, blank=True)
    # A derived lookup key (the vault's keyed blind index), not a fact: unsealed, cleared when retention ends.
    seller_document_pseudonym = models.CharField(_("document pseudonym"), max_length=64, blank=True,
                                                 db_index=True)
    seller_address_token = models.CharField(_("address (vault token)"), max_length=40, blank=True)
    seller_address_masked = models.CharField(_("address (masked)"), max_length=120, blank=True)
    seller_phone_token = models.CharField(_("phone (vault token)"), max_length=40, blank=True)
    seller_phone_masked = models.CharField(_("phone (masked)"), max_length=32, blank=True)
    seller_birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    seller_age = models.PositiveSmallIntegerField(_("age at intake"), null=True, blank=True)
    identity_check_method = models.CharField(_("how identity was checked"), max_length=20,
                                             choices=VerificationMethod.choices, blank=True)
    face_matched = models.BooleanField(_("face matches the document"), default=False)

    organisation_name = models.CharField(_("organisation name"), max_length=120, blank=True)
    organisation_credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    handler_name_token = models.CharField(_("handler name (vault token)"), max_length=40, blank=True)
    handler_name_masked = models.CharField(_("handler name (masked)"), max_length=80, blank=True)
    handler_document_type = models.CharField(_("handler document type"), max_length=20,
                                             choices=IdDocumentType.choices, blank=True)
    handler_document_token = models.CharField(_("handler document (vault token)"), max_length=40, blank=True,
                                              db_index=True)
    handler_document_masked = models.CharField(_("handler document (masked)"), max_length=40, blank=True)
    handler_document_pseudonym = models.CharField(_("handler document pseudonym"), max_length=64, blank=True,
                                                  db_index=True)
    proof_of_origin = models.TextField(_("proof of origin"), max_length=1000, blank=True)
    ownership_declared = models.BooleanField(_("ownership declared by the seller"), default=False)
    account_of_origin = models.TextField(_("seller's account of origin"), max_length=1000, blank=True)

    item = models.ForeignKey("items.Item", verbose_name=_("item passport"), on_delete=models.PROTECT,
                             related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16)
    category_code = models.CharField(_("category"), max_length=64)
    title = models.CharField(_("name"), max_length=160)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    specification = models.CharField(_("specification"), max_length=200, blank=True)
    condition = models.CharField(_("condition"), max_length=16, choices=Condition.choices)
    distinguishing_features = models.TextField(_("distinguishing features"), max_length=1000, blank=True)
    identifiers = models.JSONField(_("identifiers"), default=list, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    invoice_details = models.CharField(_("invoice details"), max_length=200, blank=True)
    price_paid = models.DecimalField(_("price paid (CNY)"), max_digits=12, decimal_places=2)
    payment_method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    payment_reference = models.CharField(_("payment reference"), max_length=80, blank=True)
    checks = models.JSONField(_("checks at intake"), default=list, blank=True)
    hold_until = models.DateTimeField(_("statutory hold until"), null=True, blank=True)
    photo_digests = models.JSONField(_("photo digests"), default=list, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["outlet", "recorded_at"], name="acq_outlet_recorded_idx"),
            models.Index(fields=["operator", "recorded_at"], name="acq_operator_recorded_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["chain_key", "sequence"], name="acq_chain_sequence_unique"),
            models.CheckConstraint(condition=models.Q(quantity=1), name="acq_one_article_per_entry"),
            models.CheckConstraint(condition=models.Q(price_paid__gte=0), name="acq_price_not_negative"),
            models.CheckConstraint(condition=models.Q(ownership_declared=True), name="acq_ownership_declared"),
        ]

    def __str__(self) -> str:
        return f"{self.chain_key}#{self.sequence} {self.title}"

    @classmethod
    def sealed_names(cls) -> frozenset[str]:
        """Field names and column names (operator, operator_id) of the sealed fields."""
        names = set(cls.CHAIN_FIELDS)
        names.update(str(getattr(cls._meta.get_field(name), "attname", name)) for name in cls.CHAIN_FIELDS)
        return frozenset(names)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("register entries are never changed: record a correction")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("register entries are never deleted")


def photo_path(instance: AcquisitionPhoto, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"acquisitions/{instance.entry_id}/{uuid.uuid4().hex}.{extension}"


class AcquisitionPhoto(models.Model):
    """A photo taken at intake. Item photos are files; document photos are personal data: vault token only.

    Their SHA-256 digests are sealed in the entry (`photo_digests`), so a swapped photo is detectable.
    """

    entry = models.ForeignKey(AcquisitionEntry, verbose_name=_("register entry"), on_delete=models.PROTECT,
                              related_name="photos")
    kind = models.CharField(_("kind"), max_length=16, choices=PhotoKind.choices)
    image = models.ImageField(_("image"), upload_to=photo_path, blank=True)
    vault_token = models.CharField(_("document photo (vault token)"), max_length=40, blank=True)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("intake photo")
        verbose_name_plural = _("intake photos")
        ordering = ["entry", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="item") & models.Q(vault_token=""))
                | (models.Q(kind="document") & ~models.Q(vault_token="") & models.Q(image="")),
                name="acq_document_photos_only_in_vault",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.kind}"
