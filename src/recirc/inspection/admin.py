"""Admin: serial-number formats are data an administrator maintains (audited); inspections, reports, grades
and referrals are records, shown read-only (reports are sealed, referrals change through their services)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.inspection.models import CounterfeitReferral, GradeRecord, Inspection, InspectionReport, SerialFormat


class SerialFormatForm(forms.ModelForm):
    class Meta:
        model = SerialFormat
        fields = ("brand", "category_code", "pattern", "description", "description_en", "example", "is_active")

    def clean_pattern(self) -> str:
        pattern = str(self.cleaned_data.get("pattern") or "")
        try:
            re.compile(pattern)
        except re.error as error:
            raise forms.ValidationError(_("Not a valid regular expression.")) from error
        return pattern

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        example, pattern = str(cleaned.get("example") or ""), str(cleaned.get("pattern") or "")
        if example and pattern and not self.errors and not re.fullmatch(pattern, example.upper()):
            self.add_error("example", _("The example does not match the pattern."))
        return cleaned


@admin.register(SerialFormat)
class SerialFormatAdmin(admin.ModelAdmin):
    form = SerialFormatForm
    list_display = ("brand", "category_code", "pattern", "example", "is_active")
    list_filter = ("is_active", "brand")
    search_fields = ("brand", "pattern", "description", "description_en")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(actor=request.user, action=f"inspection.serial_format_{'updated' if change else 'created'}",
                         target=obj, payload={"brand": obj.brand, "pattern": obj.pattern, "fields": form.changed_data})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(actor=request.user, action="inspection.serial_format_deleted", target=obj,
                         payload={"brand": obj.brand, "pattern": obj.pattern})
            super().delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "item", "status", "outcome", "operator", "queued_at", "completed_at")
    list_filter = ("status", "outcome")
    search_fields = ("item__code",)


@admin.register(InspectionReport)
class InspectionReportAdmin(ReadOnlyAdmin):
    list_display = ("code", "inspection", "issued_at", "sha256")
    search_fields = ("=code", "sha256")


@admin.register(GradeRecord)
class GradeRecordAdmin(ReadOnlyAdmin):
    list_display = ("report", "scale_code", "scale_version", "grade", "is_internal")
    list_filter = ("scale_code",)


@admin.register(CounterfeitReferral)
class CounterfeitReferralAdmin(ReadOnlyAdmin):
    list_display = ("pk", "item", "status", "outcome", "operator", "opened_at", "closed_at")
    list_filter = ("status", "outcome")
    search_fields = ("item__code", "case_number")
