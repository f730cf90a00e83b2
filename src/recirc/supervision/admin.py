"""Admin for supervision: read-only. Facts change through submissions, cases and reports through their services
(state machines, audited); roll-ups only through the refresh."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.supervision.models import Case, PilotGoal, PlanReport, RefreshState, Submission, TransactionRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("submitted_at", "operator", "kind", "channel", "rows_total", "rows_created", "rows_updated")
    list_filter = ("kind", "channel")


@admin.register(TransactionRecord)
class TransactionRecordAdmin(ReadOnlyAdmin):
    list_display = ("day", "operator", "source", "key", "district_code", "category_code", "channel", "method",
                    "amount")
    list_filter = ("source", "channel", "method")
    search_fields = ("key",)
    date_hierarchy = "day"


@admin.register(PilotGoal)
class PilotGoalAdmin(ReadOnlyAdmin):
    list_display = ("title", "region_code", "category_code", "measure", "baseline_year", "target_year", "is_active")


@admin.register(PlanReport)
class PlanReportAdmin(ReadOnlyAdmin):
    list_display = ("title", "region_code", "status", "updated_at")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "status", "authority", "opened_at")
    list_filter = ("kind", "status", "authority")
    search_fields = ("reference", "title")


@admin.register(RefreshState)
class RefreshStateAdmin(ReadOnlyAdmin):
    list_display = ("name", "watermark", "last_run_at", "last_duration_ms", "last_day_count")
