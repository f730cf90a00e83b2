"""Device data erasure: the owner's consent, one erasure job per storage device, its certificate, and the
re-verification samples (GB 46864-2025; NIST SP 800-88 Rev. 2 / IEEE 2883; R2v3).

Nothing here holds personal data: the person who consented is a pseudonymous reference (a register entry
reference or a form number), staff are user rows, identifiers are hardware identifiers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ConsentChannel(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed paper form")
    IN_APP = "in_app", _("In the app")
    STAFF_WITNESSED = "staff_witnessed", _("Given orally, witnessed by staff")


class ConsentScope(models.TextChoices):
    INTERNAL_STORAGE = "internal_storage", _("All user data on the device's internal storage")
    INTERNAL_AND_REMOVABLE = "internal_and_removable", _("All user data on internal storage, memory cards and SIM")


class ErasureKind(models.TextChoices):
    """What the owner was told will happen: the device stays usable, or its storage is destroyed."""

    SOFTWARE = "software", _("Software erasure (overwrite, block erase or cryptographic erase)")
    DESTRUCTION = "destruction", _("Physical destruction of the storage")


class MediaType(models.TextChoices):
    FLASH_EMBEDDED = "flash_embedded", _("Embedded flash memory (eMMC / UFS)")
    SSD = "ssd", _("Solid-state drive (SATA / NVMe)")
    HDD = "hdd", _("Hard disk drive")
    MEMORY_CARD = "memory_card", _("Removable memory card")
    OTHER = "other", _("Other storage")


class Method(models.TextChoices):
    OVERWRITE = "overwrite", _("Overwrite")
    BLOCK_ERASE = "block_erase", _("Block erase")
    CRYPTO_ERASE = "crypto_erase", _("Cryptographic erase")
    DESTROY = "destroy", _("Physical destruction")


class Level(models.TextChoices):
    """NIST SP 800-88 Rev. 2 sanitisation levels."""

    CLEAR = "clear", _("Clear level")
    PURGE = "purge", _("Purge level")
    DESTROY = "destroy", _("Destroy level")


class VerificationMethod(models.TextChoices):
    FULL_READBACK = "full_readback", _("Full read-back of the media")
    SAMPLED_READBACK = "sampled_readback", _("Sampled read-back of the media")
    PHYSICAL_INSPECTION = "physical_inspection", _("Inspection of the destroyed media")


class Result(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class Destination(models.TextChoices):
    RESALE = "resale", _("Resale")
    EXPORT = "export", _("Export abroad")
    RECYCLING = "recycling", _("Recycling")


class JobState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Erasing")
    ERASED = "erased", _("Erased, waiting for verification")
    VERIFIED = "verified", _("Erasure verified")
    FAILED = "failed", _("Failed")


# The job's state machine. VERIFIED -> FAILED is a failed re-verification; FAILED -> PLANNED a new attempt.
JOB_TRANSITIONS: dict[str, frozenset[str]] = {
    JobState.PLANNED: frozenset({JobState.IN_PROGRESS}),
    JobState.IN_PROGRESS: frozenset({JobState.ERASED, JobState.FAILED}),
    JobState.ERASED: frozenset({JobState.VERIFIED, JobState.FAILED}),
    JobState.VERIFIED: frozenset({JobState.FAILED}),
    JobState.FAILED: frozenset({JobState.PLANNED}),
}
OPEN_STATES = frozenset({JobState.PLANNED, JobState.IN_PROGRESS, JobState.ERASED, JobState.FAILED})


class ErasureConsent(models.Model):
    """The owner's consent to erasure (GB 46864-2025): what they were told (scope, kind, effect), how and when
    they agreed. `subject_reference` names the person pseudonymously (never a name, phone or identity number)."""

    code = models.CharField(_("consent reference"), max_length=16, unique=True)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    subject_reference = models.CharField(_("who consented (reference)"), max_length=80, help_text=_(
        "A register entry reference or the number of the signed form; never a name, phone or identity number."))
    text_version = models.CharField(_("version of the consent text"), max_length=40)
    scope = models.CharField(_("scope of erasure"), max_length=30, choices=ConsentScope.choices)
    erasure_kind = models.CharField(_("kind of erasure agreed"), max_length=20, choices=ErasureKind.choices)
    effect_explained = models.BooleanField(_("effect explained"), default=False, help_text=_(
        "The owner was told that erased data cannot be recovered."))
    channel = models.CharField(_("how consent was given"), max_length=20, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("given at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("erasure consent")
        verbose_name_plural = _("erasure consents")
        ordering = ["-given_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(effect_explained=True), name="erasure_consent_effect_told")]

    def __str__(self) -> str:
        return self.code


class ErasureJob(models.Model):
    """The erasure of one storage device: planned, erased by one person, verified by another (R2v3; the check
    constraint makes a self-verified job impossible even outside the services). The device facts are copied
    when the job is planned, so the certificate says what was erased even if the passport changes later."""

    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    consent = models.ForeignKey(ErasureConsent, verbose_name=_("consent"), on_delete=models.PROTECT,
                                related_name="jobs")
    state = models.CharField(_("state"), max_length=16, choices=JobState.choices, default=JobState.PLANNED,
                             db_index=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    item_code = models.CharField(_("passport code"), max_length=16, db_index=True)
    category_code = models.CharField(_("category"), max_length=60)
    title = models.CharField(_("title"), max_length=160)
    make = models.CharField(_("make"), max_length=60, blank=True)
    model_name = models.CharField(_("model"), max_length=80, blank=True)
    identifiers = models.JSONField(_("device identifiers"), default=list, blank=True)
    identifier_text = models.CharField(_("identifiers (for search)"), max_length=400, blank=True)
    media_type = models.CharField(_("media type"), max_length=20, choices=MediaType.choices)
    storage_serial = models.CharField(_("storage serial number"), max_length=60, blank=True)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT,
                                   related_name="+")
    planned_at = models.DateTimeField(_("planned at"), db_index=True)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("erased by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    tool = models.CharField(_("tool"), max_length=80, blank=True)
    tool_version = models.CharField(_("tool version"), max_length=40, blank=True)
    destination = models.CharField(_("destination"), max_length=12, choices=Destination.choices, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, db_index=True)
    verification_method = models.CharField(_("verification method"), max_length=24,
                                           choices=VerificationMethod.choices, blank=True)
    verification_result = models.CharField(_("verification result"), max_length=8, choices=Result.choices,
                                           blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    failure_reason = models.CharField(_("why it failed"), max_length=500, blank=True)
    history = models.JSONField(_("earlier attempts"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("erasure job")
        verbose_name_plural = _("erasure jobs")
        ordering = ["-planned_at", "-id"]
        indexes = [models.Index(fields=["operator", "state"], name="erasure_job_operator_state_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(verified_by__isnull=True) | Q(erased_by__isnull=True)
                                   | ~Q(verified_by=F("erased_by")), name="erasure_verifier_not_operator"),
            models.CheckConstraint(condition=Q(ended_at__isnull=True) | Q(started_at__isnull=False,
                                                                          ended_at__gt=F("started_at")),
                                   name="erasure_ends_after_start"),
            models.CheckConstraint(condition=~Q(state=JobState.VERIFIED) | Q(
                verified_by__isnull=False, erased_by__isnull=False, verification_result=Result.PASSED),
                name="erasure_verified_is_complete"),
            models.UniqueConstraint(fields=["item"], condition=Q(state__in=sorted(OPEN_STATES)),
                                    name="erasure_one_open_job_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_code} #{self.pk}"


class ErasureCertificate(models.Model):
    """The certificate of one verified erasure: its facts frozen as canonical JSON with their SHA-256, so the
    public verification page can show that nothing was changed. Revoked when a re-verification fails."""

    code = models.CharField(_("certificate number"), max_length=16, unique=True)
    job = models.ForeignKey(ErasureJob, verbose_name=_("erasure job"), on_delete=models.PROTECT,
                            related_name="certificates")
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    content = models.JSONField(_("certified facts"))
    sha256 = models.CharField(_("SHA-256 of the certified facts"), max_length=64)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT,
                                  related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("why it was revoked"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("erasure certificate")
        verbose_name_plural = _("erasure certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["job"], condition=Q(revoked_at__isnull=True),
                                    name="erasure_one_valid_certificate_per_job"),
            models.CheckConstraint(condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                                   name="erasure_revocation_needs_reason"),
        ]

    def __str__(self) -> str:
        return self.code


class ReverificationSample(models.Model):
    """The devices of one operator's period drawn for re-verification (R2v3: at least the policy share,
    5 % by default, re-verified by someone who neither erased nor verified them). Drawn once per period."""

    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    period = models.CharField(_("period"), max_length=7, help_text=_("A month, as YYYY-MM."))
    share = models.DecimalField(_("share drawn"), max_digits=5, decimal_places=4)
    seed = models.BigIntegerField(_("random seed"))
    population = models.PositiveIntegerField(_("verified erasures in the period"))
    size = models.PositiveIntegerField(_("devices drawn"))
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", help_text=_("Empty: the system."))

    class Meta:
        verbose_name = _("re-verification sample")
        verbose_name_plural = _("re-verification samples")
        ordering = ["-period", "operator_id"]
        constraints = [models.UniqueConstraint(fields=["operator", "period"], name="erasure_one_sample_per_period"),
                       models.CheckConstraint(condition=Q(size__lte=F("population")), name="erasure_sample_size")]

    def __str__(self) -> str:
        return f"{self.period} #{self.operator_id}"


class CheckState(models.TextChoices):
    PENDING = "pending", _("Waiting for re-verification")
    PASSED = "passed", _("Re-verified")
    FAILED = "failed", _("Re-verification failed")


CHECK_TRANSITIONS: dict[str, frozenset[str]] = {
    CheckState.PENDING: frozenset({CheckState.PASSED, CheckState.FAILED}),
    CheckState.PASSED: frozenset(),
    CheckState.FAILED: frozenset(),
}


class ReverificationCheck(models.Model):
    """One drawn device. The original operator and verifier are copied here so that a database constraint,
    not only the service, keeps them from re-verifying their own work."""

    sample = models.ForeignKey(ReverificationSample, verbose_name=_("sample"), on_delete=models.PROTECT,
                               related_name="checks")
    job = models.ForeignKey(ErasureJob, verbose_name=_("erasure job"), on_delete=models.PROTECT, related_name="+")
    certificate = models.ForeignKey(ErasureCertificate, verbose_name=_("certificate"), on_delete=models.PROTECT,
                                    related_name="+")
    original_operator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("erased by"),
                                          on_delete=models.PROTECT, related_name="+")
    original_verifier = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"),
                                          on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=CheckState.choices, default=CheckState.PENDING)
    reverified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("re-verified by"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("verification method"), max_length=24, choices=VerificationMethod.choices,
                              blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("re-verification")
        verbose_name_plural = _("re-verifications")
        ordering = ["sample_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "job"], name="erasure_check_once_per_sample"),
            models.CheckConstraint(condition=Q(reverified_by__isnull=True) | (
                ~Q(reverified_by=F("original_operator")) & ~Q(reverified_by=F("original_verifier"))),
                name="erasure_reverifier_is_independent"),
            models.CheckConstraint(condition=Q(state=CheckState.PENDING) | Q(reverified_by__isnull=False),
                                   name="erasure_check_names_reverifier"),
        ]

    def __str__(self) -> str:
        return f"{self.sample} {self.job_id}"
