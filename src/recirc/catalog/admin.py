"""Admin for the reference data. Saves are validated like the services and recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from recirc.catalog.attributes import schema_validate
from recirc.catalog.errors import SchemaInvalid
from recirc.catalog.models import CarbonFactor, Category, GradingChecklist, GradingScale, TacEntry
from recirc.core.audit import audit_record


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("code", "name", "name_en", "parent", "attribute_schema", "has_storage",
                  "requires_hardware_identifier", "high_risk", "sort_order", "is_active")

    def clean_attribute_schema(self) -> Any:
        try:
            return schema_validate(self.cleaned_data.get("attribute_schema"))
        except SchemaInvalid as error:
            raise forms.ValidationError(error.errors.get("attribute_schema", [error.text()])) from error


class AuditedAdmin(admin.ModelAdmin):
    """Every admin change of reference data writes an audit event in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = f"catalog.{obj._meta.model_name}_{'updated' if change else 'created'}_in_admin"
            audit_record(actor=request.user, action=action, target=obj,
                         payload={"fields": sorted(form.changed_data)})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(actor=request.user, action=f"catalog.{obj._meta.model_name}_deleted_in_admin", target=obj)
            super().delete_model(request, obj)


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    form = CategoryAdminForm
    list_display = ("code", "name", "name_en", "parent", "has_storage", "requires_hardware_identifier",
                    "high_risk", "is_active", "sort_order")
    list_filter = ("is_active", "has_storage", "high_risk")
    search_fields = ("code", "name", "name_en")


@admin.register(GradingScale)
class GradingScaleAdmin(AuditedAdmin):
    list_display = ("code", "version", "name", "standard", "category", "effective_from", "retired_on")
    list_filter = ("standard",)
    search_fields = ("code", "name", "name_en", "standard")


@admin.register(GradingChecklist)
class GradingChecklistAdmin(admin.ModelAdmin):
    """Read-only: a published version is never edited (inspections name it); publish a new version with
    catalog.services.grading_checklist_publish, which validates the whole definition."""

    list_display = ("code", "version", "name", "category", "scale", "effective_from", "retired_on")
    list_filter = ("category",)
    search_fields = ("code", "name", "name_en")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CarbonFactor)
class CarbonFactorAdmin(AuditedAdmin):
    list_display = ("category", "kg_co2e_per_item", "is_estimate", "valid_from")
    list_filter = ("is_estimate",)
    search_fields = ("category__code", "category__name", "source")


@admin.register(TacEntry)
class TacEntryAdmin(AuditedAdmin):
    """Imported with `import_tac`; an administrator may correct an entry (audited)."""

    list_display = ("tac", "brand", "model", "source", "imported_at")
    list_filter = ("source",)
    search_fields = ("=tac", "brand", "model", "aka")
    readonly_fields = ("imported_at",)
