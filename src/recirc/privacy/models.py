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
    purpose = models.CharField(_("purpose"), max_length=40)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    revealed_at = models.DateTimeField(_("revealed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reveal log entry")
        verbose_name_plural = _("reveal log")
        ordering = ["-revealed_at"]

    def __str__(self) -> str:
        return f"{self.record.token} {self.purpose}"
