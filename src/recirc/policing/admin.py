"""Admin for policing: read-only. Entries, alerts and notes change only through the services (police only,
audited); screening records and the description index are derived data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.policing.models import Alert, CaseNote, ScreeningRecord, WatchlistEntry, WatchlistIdentifier


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class WatchlistIdentifierInline(admin.TabularInline):
    model = WatchlistIdentifier
    extra = 0
    fields = readonly_fields = ("kind", "value")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "kind", "brand", "model_name", "reporting_unit", "status", "created_at")
    list_filter = ("status", "kind", "source")
    search_fields = ("case_number", "reporting_unit", "brand", "model_name", "identifiers__value")
    exclude = ("match_tokens",)
    inlines = [WatchlistIdentifierInline]


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "status", "score", "item", "operator", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("item__code", "source_ref")
    list_select_related = ("item", "operator")


@admin.register(CaseNote)
class CaseNoteAdmin(ReadOnlyAdmin):
    list_display = ("alert", "author", "created_at")


@admin.register(ScreeningRecord)
class ScreeningRecordAdmin(ReadOnlyAdmin):
    list_display = ("item", "operator", "category_code", "price", "result", "screened_at")
    list_filter = ("result",)
    exclude = ("seller_index", "match_tokens")
