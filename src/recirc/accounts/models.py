"""Users with one role each, real-name verification (identity numbers live in the vault), API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.core.roles import Role


class User(AbstractUser):
    """A person who signs in. `role` decides what they may do; staff also hold an operator membership."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CONSUMER,
                            db_index=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    phone_token = models.CharField(_("phone (vault token)"), max_length=40, blank=True)
    phone_masked = models.CharField(_("phone (masked)"), max_length=32, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, default="zh-hans",
                                          choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGNER_PERMIT = "foreigner_permit", _("Foreigner's permanent residence ID card")


class VerificationMethod(models.TextChoices):
    ID_CARD_READER = "id_card_reader", _("ID card reader")
    MANUAL_DOCUMENT = "manual_document", _("Document inspected by staff")
    ONLINE_FACE_MATCH = "online_face_match", _("Online document and face match")


class RealNameStatus(models.TextChoices):
    """Where a user stands: verified, verified once but due again, or never verified."""

    VERIFIED = "verified", _("Verified")
    EXPIRED = "expired", _("Verification expired")
    NONE = "none", _("Not verified")


class RealNameVerification(models.Model):
    """A consumer's verified identity. The number itself is in the vault; here only token and mask."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT,
                             related_name="verifications")
    document_type = models.CharField(_("document type"), max_length=20, choices=IdDocumentType.choices)
    id_token = models.CharField(_("identity number (vault token)"), max_length=40)
    id_masked = models.CharField(_("identity number (masked)"), max_length=40)
    name_token = models.CharField(_("legal name (vault token)"), max_length=40)
    name_masked = models.CharField(_("legal name (masked)"), max_length=80, blank=True)
    region_code = models.CharField(_("region code"), max_length=6, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    method = models.CharField(_("verification method"), max_length=20, choices=VerificationMethod.choices)
    face_matched = models.BooleanField(_("face matches document"), default=False)
    verified_at = models.DateTimeField(_("verified at"))
    expires_at = models.DateTimeField(_("re-verify by"))
    verified_by = models.ForeignKey(User, verbose_name=_("verified by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("real-name verification")
        verbose_name_plural = _("real-name verifications")
        ordering = ["-verified_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="realname_user_current_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.id_masked}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the secret is shown once."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
