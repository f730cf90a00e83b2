"""Read-only admin views: erasure records change only through the services (audited, validated)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.erasure.models import ErasureCertificate, ErasureConsent, ErasureJob, ReverificationSample


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ErasureJob)
class ErasureJobAdmin(ReadOnlyAdmin):
    list_display = ("item_code", "title", "state", "attempt", "method", "level", "operator", "planned_at")
    list_filter = ("state", "method", "level", "destination")
    search_fields = ("item_code", "title", "identifier_text", "storage_serial")


@admin.register(ErasureCertificate)
class ErasureCertificateAdmin(ReadOnlyAdmin):
    list_display = ("code", "operator", "issued_at", "revoked_at")
    search_fields = ("code",)


@admin.register(ErasureConsent)
class ErasureConsentAdmin(ReadOnlyAdmin):
    list_display = ("code", "operator", "erasure_kind", "channel", "given_at")
    search_fields = ("code", "subject_reference")


@admin.register(ReverificationSample)
class ReverificationSampleAdmin(ReadOnlyAdmin):
    list_display = ("period", "operator", "population", "size", "drawn_at")
