"""Read-only admin: the ledger is append-only and orders change only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.trade.models import Account, LedgerEntry, LedgerTransaction, Order, Payment, Refund


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnly):
    list_display = ("code", "kind", "balance")
    list_filter = ("kind",)
    search_fields = ("code",)


class EntryInline(admin.TabularInline):  # type: ignore[type-arg]
    model = LedgerEntry
    extra = 0
    can_delete = False
    readonly_fields = ("account", "amount")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnly):
    list_display = ("pk", "kind", "memo", "created_at")
    list_filter = ("kind",)
    inlines = [EntryInline]


@admin.register(Order)
class OrderAdmin(ReadOnly):
    list_display = ("number", "state", "channel", "total", "paid_total", "refunded_total", "created_at")
    list_filter = ("state", "channel")
    search_fields = ("number", "receipt_code")


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("number", "method", "provider", "amount", "state", "created_at")
    list_filter = ("state", "method")


@admin.register(Refund)
class RefundAdmin(ReadOnly):
    list_display = ("number", "order", "amount", "from_escrow", "created_at")
