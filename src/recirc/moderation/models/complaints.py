"""Consumer complaints (投诉) against a listing, an order or a seller (E-commerce Law Art. 59: a convenient,
effective complaint mechanism). The seller concerned answers within `COMPLAINT_ANSWER_DAYS`; the complainant
accepts the answer or rejects it, and a complaint that was rejected or not answered in time goes to market
supervision, which opens a case, may refer it to the police, and closes it with a decision. Every change of
`state` is a row of COMPLAINT_TRANSITIONS, made by one service with an audit event."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintCategory(models.TextChoices):
    NOT_AS_DISCLOSED = "not_as_disclosed", _("Description does not match the disclosure")
    COUNTERFEIT = "counterfeit", _("Suspected counterfeit")
    PROHIBITED = "prohibited", _("Prohibited goods")
    AFTERSALES_REFUSED = "aftersales_refused", _("After-sales service refused")
    PERSONAL_INFORMATION = "personal_information", _("Misuse of personal information")
    OTHER = "other", _("Other")


class ComplaintSubject(models.TextChoices):
    LISTING = "listing", _("A listing")
    ORDER = "order", _("One of my orders")
    SELLER = "seller", _("A seller")


class ComplaintState(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the seller's answer")
    ANSWERED = "answered", _("Answered by the seller")
    RESOLVED = "resolved", _("Resolved")
    ESCALATED = "escalated", _("Escalated to market supervision")
    INVESTIGATING = "investigating", _("Case opened by market supervision")
    REFERRED = "referred", _("Referred to the police")
    CLOSED = "closed", _("Closed with a decision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EscalationReason(models.TextChoices):
    REJECTED = "rejected", _("The complainant rejected the answer")
    OVERDUE = "overdue", _("Not answered in time")


class ComplaintDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


C = ComplaintState
COMPLAINT_TRANSITIONS: dict[str, frozenset[str]] = {
    C.SUBMITTED: frozenset({C.ANSWERED, C.ESCALATED, C.WITHDRAWN}),
    C.ANSWERED: frozenset({C.RESOLVED, C.ESCALATED, C.WITHDRAWN}),
    C.ESCALATED: frozenset({C.INVESTIGATING, C.CLOSED}),
    C.INVESTIGATING: frozenset({C.REFERRED, C.CLOSED}),
    C.REFERRED: frozenset({C.CLOSED}),
    C.RESOLVED: frozenset(),
    C.CLOSED: frozenset(),
    C.WITHDRAWN: frozenset(),
}
COMPLAINT_FINAL = frozenset({C.RESOLVED, C.CLOSED, C.WITHDRAWN})
SUPERVISION_STATES = frozenset({C.ESCALATED, C.INVESTIGATING, C.REFERRED, C.CLOSED})


class Complaint(models.Model):
    """One consumer's complaint. The subject is copied as references (listing code, order number, the seller
    operator or C2C seller) so that scoping needs no join into other contexts; `subject_key` names the subject
    for the one-open-complaint-per-person-and-subject constraint."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("complainant"),
                                    on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=24, choices=ComplaintCategory.choices)
    statement = models.TextField(_("statement"), max_length=4000)
    subject_kind = models.CharField(_("complaint about"), max_length=10, choices=ComplaintSubject.choices)
    subject_key = models.CharField(_("subject key"), max_length=40)
    subject_title = models.CharField(_("subject"), max_length=200)
    listing_id = models.BigIntegerField(_("listing id"), null=True, blank=True)
    listing_code = models.CharField(_("listing number"), max_length=20, blank=True, db_index=True)
    order_id = models.BigIntegerField(_("order id"), null=True, blank=True)
    order_number = models.CharField(_("order number"), max_length=20, blank=True, db_index=True)
    seller_operator = models.ForeignKey("operators.Operator", verbose_name=_("operator complained about"),
                                        null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    seller_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("individual seller complained about"),
                                    null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=ComplaintState.choices, default=C.SUBMITTED,
                             db_index=True)
    answer_due_at = models.DateTimeField(_("answer due by"), db_index=True)
    overdue_at = models.DateTimeField(_("not answered in time, noted at"), null=True, blank=True)
    answer = models.TextField(_("seller's answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rejection_reason = models.TextField(_("why the answer was rejected"), max_length=2000, blank=True)
    escalation_reason = models.CharField(_("escalated because"), max_length=10, choices=EscalationReason.choices,
                                         blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, db_index=True)
    case_opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("case opened by"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    case_opened_at = models.DateTimeField(_("case opened at"), null=True, blank=True)
    findings = models.TextField(_("findings"), max_length=8000, blank=True)
    referral_reason = models.TextField(_("reason for the referral"), max_length=2000, blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("referred by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(_("referred to the police at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=ComplaintDecision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), max_length=4000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["complainant", "subject_key"],
                                    condition=~models.Q(state__in=sorted(COMPLAINT_FINAL)),
                                    name="complaint_one_open_per_subject"),
            models.CheckConstraint(condition=models.Q(seller_operator__isnull=False, seller_user__isnull=True)
                                   | models.Q(seller_operator__isnull=True, seller_user__isnull=False),
                                   name="complaint_one_seller"),
            models.CheckConstraint(condition=~models.Q(state__in=[C.ANSWERED, C.RESOLVED])
                                   | (~models.Q(answer="") & models.Q(answered_at__isnull=False)),
                                   name="complaint_answer_recorded"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(SUPERVISION_STATES))
                                   | (~models.Q(escalation_reason="") & models.Q(escalated_at__isnull=False)),
                                   name="complaint_escalation_recorded"),
            models.CheckConstraint(condition=~models.Q(state=C.REFERRED) | models.Q(referred_at__isnull=False),
                                   name="complaint_referral_recorded"),
            models.CheckConstraint(condition=~models.Q(state=C.CLOSED)
                                   | (~models.Q(decision="") & ~models.Q(decision_reasons="")
                                      & models.Q(decided_by__isnull=False, closed_at__isnull=False)),
                                   name="complaint_decision_recorded"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state not in COMPLAINT_FINAL


def complaint_evidence_path(instance: ComplaintEvidence, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"moderation/complaints/{instance.sha256[:2]}/{instance.sha256}.{extension}"


class ComplaintEvidence(models.Model):
    """A photo (checked and re-encoded without metadata) or a PDF the complainant attached, with its SHA-256."""

    complaint = models.ForeignKey(Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT,
                                  related_name="evidence")
    file = models.FileField(_("file"), upload_to=complaint_evidence_path, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint evidence")
        verbose_name_plural = _("complaint evidence")
        ordering = ["added_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(size__gt=0), name="complaint_evidence_not_empty")]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ComplaintNote(models.Model):
    """A note on a case by market supervision or, on a referred case, by the police (their only write)."""

    complaint = models.ForeignKey(Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT,
                                  related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")
    author_role = models.CharField(_("author's role"), max_length=24)
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.number} {self.author_role}"
