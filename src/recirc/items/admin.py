"""Admin for item passports. Events are read-only (append-only); state and ownership change only through
the services, so the admin cannot edit them; description edits are audited. Holds are read-only: the police
place, extend and release them through the services (audited, with their item events)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from recirc.core.audit import audit_record
from recirc.items.models import Item, ItemEvent, ItemHold, ItemIdentifier


class ItemIdentifierInline(admin.TabularInline):
    model = ItemIdentifier
    extra = 0
    fields = ("kind", "value")
    readonly_fields = ("kind", "value")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "category", "state", "owner_operator", "outlet", "created_at")
    list_filter = ("state", "category")
    search_fields = ("code", "title", "brand", "model_name", "identifiers__value")
    readonly_fields = ("code", "category", "state", "owner_operator", "owner_user", "outlet", "attributes",
                       "created_at", "updated_at")
    fields = ("code", "category", "title", "brand", "model_name", "attributes", "state", "owner_operator",
              "owner_user", "outlet", "created_at", "updated_at")
    inlines = [ItemIdentifierInline]
    list_select_related = ("category", "owner_operator", "outlet")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # passports are created by item_register (validation, identifiers, first event)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(actor=request.user, action="item.edited_in_admin", target=obj,
                         operator_id=obj.owner_operator_id, payload={"fields": sorted(form.changed_data)})


@admin.register(ItemIdentifier)
class ItemIdentifierAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "item")
    list_filter = ("kind",)
    search_fields = ("value", "item__code")
    readonly_fields = ("item", "kind", "value")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ItemEvent)
class ItemEventAdmin(admin.ModelAdmin):
    list_display = ("item", "kind", "from_state", "to_state", "operator", "is_public", "occurred_at")
    list_filter = ("kind", "is_public")
    search_fields = ("item__code", "kind")
    list_select_related = ("item", "operator")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ItemHold)
class ItemHoldAdmin(admin.ModelAdmin):
    list_display = ("item", "kind", "order_number", "placed_at", "ends_at", "released_at")
    list_filter = ("kind",)
    search_fields = ("item__code", "order_number", "source_ref")
    list_select_related = ("item",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
