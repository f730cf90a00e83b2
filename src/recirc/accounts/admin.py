"""Django admin: users with their role, verifications (masked only), API tokens (no digest)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from recirc.accounts.models import ApiToken, RealNameVerification, User
from recirc.accounts.services import api_tokens_revoke_as_admin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "role", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "display_name", "email"]
    readonly_fields = ["phone_masked", "last_login", "date_joined"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Recirc"), {"fields": ["role", "display_name", "preferred_language", "phone_masked"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Recirc"), {"fields": ["role", "display_name"]}),
    )


@admin.register(RealNameVerification)
class RealNameVerificationAdmin(admin.ModelAdmin):
    """Masked values only; tokens are not shown: reveals go through the vault with a purpose."""

    list_display = ["user", "document_type", "id_masked", "name_masked", "method", "verified_at", "expires_at",
                    "revoked_at"]
    list_filter = ["document_type", "method", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = readonly_fields = ("user", "document_type", "id_masked", "name_masked", "region_code", "birth_year",
                                "method", "face_matched", "verified_at", "expires_at", "verified_by", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Revoke the selected tokens"))
def revoke_tokens(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
    count = api_tokens_revoke_as_admin(actor=request.user, token_ids=list(queryset.values_list("id", flat=True)))
    modeladmin.message_user(request, _("%(count)s token(s) revoked.") % {"count": count})


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owner (the secret is shown once); here they can only be seen and revoked."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), ("expires_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    fields = readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    actions = [revoke_tokens]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
