from django.contrib import admin

from thesisdesk.accounts.models import MoodleRoleGrant, SignInRoleMapping


@admin.register(SignInRoleMapping)
class SignInRoleMappingAdmin(admin.ModelAdmin):
    list_display = ["campaign", "mapping", "updated_at"]


@admin.register(MoodleRoleGrant)
class MoodleRoleGrantAdmin(admin.ModelAdmin):
    list_display = ["person", "campaign", "role", "moodle_roles", "source", "synced_at"]
    list_filter = ["role", "source"]
    readonly_fields = ["campaign", "person", "role", "moodle_roles", "membership_created", "source"]
