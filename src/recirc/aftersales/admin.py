"""Admin for after-sales: read-only. Records and cases change only through the services (state machines, audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.aftersales.models import Dispute, ReturnRequest, ServiceTicket, Warranty


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Warranty)
class WarrantyAdmin(ReadOnlyAdmin):
    list_display = ("order_number", "item_code", "title", "channel", "warranty_days", "ends_on", "state")
    list_filter = ("state", "channel")
    search_fields = ("order_number", "item_code", "receipt_code")


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "state", "amount", "due_at", "overdue_at")
    list_filter = ("state", "kind")
    search_fields = ("number",)


@admin.register(ServiceTicket)
class ServiceTicketAdmin(ReadOnlyAdmin):
    list_display = ("number", "state", "outcome", "due_at", "overdue_at")
    list_filter = ("state",)
    search_fields = ("number",)


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ("number", "state", "outcome", "refund_amount", "due_at", "overdue_at")
    list_filter = ("state", "outcome")
    search_fields = ("number",)
