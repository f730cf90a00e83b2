"""Admin for moderation: read-only. Rules, comments, taxonomy versions, verdicts and cases change only through
the services (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.moderation.models import (
    ProhibitedCategory,
    RulesComment,
    ScreeningCase,
    ScreeningVerdict,
    TaxonomyVersion,
    TransactionRules,
)


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


@admin.register(TaxonomyVersion)
class TaxonomyVersionAdmin(ReadOnlyAdmin):
    list_display = ("number", "source", "state", "published_at", "published_by")
    list_filter = ("state",)


@admin.register(ProhibitedCategory)
class ProhibitedCategoryAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_zh", "action", "version")
    list_filter = ("version", "action")


@admin.register(ScreeningVerdict)
class ScreeningVerdictAdmin(ReadOnlyAdmin):
    list_display = ("subject_kind", "subject_id", "outcome", "taxonomy_label", "trigger", "created_at")
    list_filter = ("outcome", "trigger")


@admin.register(ScreeningCase)
class ScreeningCaseAdmin(ReadOnlyAdmin):
    list_display = ("kind", "subject_kind", "subject_id", "state", "opened_at")
    list_filter = ("state", "kind")
