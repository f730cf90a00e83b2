"""The PII vault: encrypted values, blind indexes for exact lookup, and the log of every reveal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PiiKind(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity number")
    PASSPORT = "passport", _("Passport number")
    OTHER_ID = "other_id", _("Other identity document number")
    PHONE = "phone", _("Phone number")
    ADDRESS = "address", _("Address")
    NAME = "name", _("Personal name")
    BIRTH_DATE = "birth_date", _("Date of birth")
    ID_PHOTO = "id_photo", _("Identity document photo")
    FACE_PHOTO = "face_photo", _("Face photo")


class Purpose(models.TextChoices):
    """Why a plain value is revealed. Every reveal names one; the reveal log keeps it."""

    POLICE_REQUEST = "police_request", _("Request from public security")
    REALNAME_CHECK = "realname_check", _("Real-name verification check")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("Request from the person concerned")
    ACQUISITION_REGISTER = "acquisition_register", _("Acquisition register duty")
    LEGAL_OBLIGATION = "legal_obligation", _("Other legal obligation")
    REGULATOR_INSPECTION = "regulator_inspection", _("Inspection by a regulator")
    ORDER_FULFILMENT = "order_fulfilment", _("Delivering an order")
    SUPPORT = "support", _("Customer support")


class VaultRecord(models.Model):
    """One personal value, AES-GCM encrypted under a named key. Others hold only its token."""

    token = models.CharField(_("token"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PiiKind.choices)
    key_id = models.CharField(_("key id"), max_length=32)
    nonce = models.BinaryField(_("nonce"), max_length=12, null=True, blank=True)
    ciphertext = models.BinaryField(_("ciphertext"), null=True, blank=True)
    blind_index = models.CharField(_("blind index"), max_length=64, blank=True, db_index=True)
    masked = models.CharField(_("masked value"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    erasure_reason = models.CharField(_("erasure reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vault record")
        verbose_name_plural = _("vault records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(erased_at__isnull=True, ciphertext__isnull=False)
                | models.Q(erased_at__isnull=False, ciphertext__isnull=True),
                name="vault_erased_has_no_ciphertext",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.token}"


class RevealLog(models.Model):
    """Every reveal of a plain value: who, why, when. Kept even after the value is erased."""

    record = models.ForeignKey(VaultRecord, verbose_name=_("record"), on_delete=models.PROTECT,
                               related_name="reveals")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True,
                              on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    revealed_at = models.DateTimeField(_("revealed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reveal log entry")
        verbose_name_plural = _("reveal log")
        ordering = ["-revealed_at"]

    def __str__(self) -> str:
        return f"{self.record.token} {self.purpose}"


class ConsentPurpose(models.TextChoices):
    """Purposes that need the person's separate consent (PIPL arts. 23, 29)."""

    SENSITIVE_PERSONAL_INFORMATION = "sensitive_pi", _("Processing of my identity document for real-name verification")
    THIRD_PARTY_TRANSFER = "third_party_transfer", _("Giving my personal information to another processor")
    DEVICE_DATA_ACCESS = "device_data_access", _("Access to the data on my device")
    DEVICE_DATA_ERASURE = "device_data_erasure", _("Erasure of the data on my device")


class Consent(models.Model):
    """A separate consent given by a person (a user, or a vault token for people without an account)."""

    subject_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person (user)"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="consents")
    subject_token = models.CharField(_("person (vault token)"), max_length=40, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the consent text"), max_length=40)
    granted_at = models.DateTimeField(_("granted at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_user__isnull=False) | ~models.Q(subject_token=""),
                name="consent_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.text_version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
