"""Administration of accounts, people and API tokens.

API tokens are created here by an administrator: the token is shown once, in the
confirmation message, and only its hash is stored. "Revoke" is an action on the list.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thesisdesk.people.models import ApiToken, Person, User
from thesisdesk.people.services import api_token_create, api_token_revoke


@admin.register(User)
class ThesisDeskUserAdmin(UserAdmin):
    pass


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user", "moodle_user_id"]
    search_fields = ["last_name", "first_name", "email", "moodle_username"]
    list_filter = ["preferred_language", "notification_channel"]
    raw_id_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "key_prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username"]
    fields = ["name", "user"]
    raw_id_fields = ["user"]
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A token is created, used and revoked; never edited.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        token, raw = api_token_create(actor=request.user, user=obj.user, name=obj.name)
        obj.pk = token.pk
        obj.key_prefix = token.key_prefix
        messages.warning(
            request,
            _("Token created. Copy it now, it will not be shown again: %(token)s") % {"token": raw},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("%(n)d token(s) revoked.") % {"n": queryset.count()})
