"""Admin for moderation: read-only. Rules and comments change only through the services (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.moderation.models import RulesComment, TransactionRules


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TransactionRules)
class TransactionRulesAdmin(ReadOnlyAdmin):
    list_display = ("version", "title_zh", "state", "published_at", "effective_from")
    list_filter = ("state",)


@admin.register(RulesComment)
class RulesCommentAdmin(ReadOnlyAdmin):
    list_display = ("rules", "author", "state", "created_at")
    list_filter = ("state",)
