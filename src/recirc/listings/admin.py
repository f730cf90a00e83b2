"""Admin: read-only views of listings, sealed disclosures and photos. Changes go through the services (the
seller's pages and the API), so the state machine, the seal and the audit trail hold."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.listings.models import Disclosure, Listing, ListingPhoto


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DisclosureInline(admin.TabularInline):
    model = Disclosure
    fields = ("version", "sha256", "composed_at", "composed_by")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Listing)
class ListingAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "status", "version", "price", "seller_kind", "seller_operator", "published_at")
    list_filter = ("status", "seller_kind", "channel")
    search_fields = ("code", "item_code", "title")
    inlines = [DisclosureInline]


@admin.register(ListingPhoto)
class ListingPhotoAdmin(ReadOnlyAdmin):
    list_display = ("listing", "position", "width", "height", "size", "uploaded_at")
