"""Admin: districts are editable reference data (audited); everything else is read-only here, because
its changes must go through the services, which validate, enforce the rules and audit (invariant 6)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.core.audit import audit_record
from recirc.operators.models import District, Membership, Operator, Outlet, Stall, StallTenancy


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "parent", "population")
    list_select_related = ("parent",)
    search_fields = ("code", "name", "name_en")
    raw_id_fields = ("parent",)

    def save_model(self, request: HttpRequest, obj: District, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="district.changed" if change else "district.created", target=obj,
                     payload={"code": obj.code, "fields": sorted(form.changed_data)})

    def delete_model(self, request: HttpRequest, obj: District) -> None:
        audit_record(actor=request.user, action="district.deleted", target=obj, payload={"code": obj.code})
        super().delete_model(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # operators and outlets point at districts; a deleted code would orphan statistics


@admin.register(Operator)
class OperatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "credit_code", "district", "status", "licence_valid_until", "registered_on")
    list_filter = ("kind", "status", "is_franchise")
    list_select_related = ("district",)
    search_fields = ("name", "name_en", "credit_code", "licence_number")
    date_hierarchy = "registered_on"


@admin.register(Outlet)
class OutletAdmin(ReadOnlyAdmin):
    list_display = ("name", "operator", "kind", "district", "is_active")
    list_filter = ("kind", "is_active")
    list_select_related = ("operator", "district")
    search_fields = ("name", "address", "operator__name")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "operator", "outlet", "role", "started_on", "ended_on")
    list_filter = ("role",)
    list_select_related = ("user", "operator", "outlet")
    search_fields = ("user__username", "operator__name")


@admin.register(Stall)
class StallAdmin(ReadOnlyAdmin):
    list_display = ("code", "outlet", "market", "area_m2", "monthly_rent")
    list_select_related = ("outlet", "market")
    search_fields = ("code", "market__name", "outlet__name")


@admin.register(StallTenancy)
class StallTenancyAdmin(ReadOnlyAdmin):
    list_display = ("stall", "vendor", "starts_on", "ends_on")
    list_select_related = ("stall__outlet", "vendor")
    search_fields = ("vendor__name", "stall__code")
