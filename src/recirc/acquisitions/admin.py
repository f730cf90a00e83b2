"""Admin of the register: read-only. Entries are appended only by the services and never changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AcquisitionEntry)
class AcquisitionEntryAdmin(ReadOnlyAdmin):
    list_display = ("chain_key", "sequence", "recorded_at", "transaction_type", "title", "item_code",
                    "seller_document_masked", "price_paid")
    list_filter = ("transaction_type", "seller_kind", "category_code")
    search_fields = ("item_code", "title", "brand", "model_name", "organisation_name")
    list_select_related = ("clerk",)
    exclude = ("seller_document_pseudonym", "handler_document_pseudonym")


@admin.register(AcquisitionPhoto)
class AcquisitionPhotoAdmin(ReadOnlyAdmin):
    list_display = ("entry", "kind", "content_type", "size", "uploaded_at")
    exclude = ("vault_token",)
