"""Evidence attached to a case: a photo (checked with Pillow) or a PDF, within the size limit, fingerprinted.
Stored as files like other contexts' photos (`MEDIA_ROOT/aftersales/...`), named by their digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.aftersales.models.cases import Dispute, Party, ReturnRequest, ServiceTicket


def evidence_path(instance: Evidence, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"aftersales/{instance.case_kind}/{instance.sha256[:2]}/{instance.sha256}.{extension}"


class Evidence(models.Model):
    """One file in a return request, a service ticket or a dispute (exactly one of them)."""

    return_request = models.ForeignKey(ReturnRequest, verbose_name=_("return request"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="evidence")
    ticket = models.ForeignKey(ServiceTicket, verbose_name=_("service ticket"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="evidence")
    dispute = models.ForeignKey(Dispute, verbose_name=_("dispute"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="evidence")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_request__isnull=False, ticket__isnull=True, dispute__isnull=True)
                | models.Q(return_request__isnull=True, ticket__isnull=False, dispute__isnull=True)
                | models.Q(return_request__isnull=True, ticket__isnull=True, dispute__isnull=False),
                name="evidence_belongs_to_one_case"),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def case_kind(self) -> str:
        if self.return_request_id is not None:
            return "returns"
        return "tickets" if self.ticket_id is not None else "disputes"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
