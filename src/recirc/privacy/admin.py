"""Read-only admin for the vault: tokens, kinds, keys and masked values; never ciphertext or plain values."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from recirc.privacy.models import Consent, RevealLog, VaultRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VaultRecord)
class VaultRecordAdmin(ReadOnlyAdmin):
    list_display = ["token", "kind", "masked", "key_id", "created_at", "erased_at"]
    list_filter = ["kind", "key_id", ("erased_at", admin.EmptyFieldListFilter)]
    search_fields = ["token"]
    # Ciphertext, nonce and blind index are deliberately absent: nothing here can leak or be correlated.
    fields = readonly_fields = ("token", "kind", "masked", "key_id", "created_at", "erased_at", "erasure_reason")


@admin.register(RevealLog)
class RevealLogAdmin(ReadOnlyAdmin):
    list_display = ["revealed_at", "record", "actor", "purpose", "detail"]
    list_filter = ["purpose"]
    search_fields = ["record__token", "actor__username"]
    list_select_related = ["record", "actor"]
    fields = readonly_fields = ("record", "actor", "purpose", "detail", "revealed_at")


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["granted_at", "subject_user", "subject_token", "purpose", "text_version", "withdrawn_at"]
    list_filter = ["purpose", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject_user__username", "subject_token"]
    fields = readonly_fields = ("subject_user", "subject_token", "purpose", "text_version", "granted_at",
                                "withdrawn_at", "recorded_by")
