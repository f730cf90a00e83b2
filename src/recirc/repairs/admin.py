"""Admin for repairs: read-only. Work orders change only through the services (state machine, audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.repairs.models import LabourEntry, QualityCheck, RepairPart, WorkOrder


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PartInline(ReadOnlyInline):
    model = RepairPart
    fields = readonly_fields = ("kind", "is_main_part", "origin", "brand", "producer", "part_number", "cost",
                                "fitted_by", "fitted_at")


class LabourInline(ReadOnlyInline):
    model = LabourEntry
    fields = readonly_fields = ("technician", "minutes", "rate", "note", "recorded_at")


class CheckInline(ReadOnlyInline):
    model = QualityCheck
    fields = readonly_fields = ("checked_by", "repaired_by", "passed", "notes", "checked_at")


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "item_code", "item_title", "operator", "kind", "state", "created_at", "completed_at")
    list_filter = ("state", "kind")
    search_fields = ("number", "item_code", "item_title")
    inlines = (PartInline, LabourInline, CheckInline)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in WorkOrder._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
