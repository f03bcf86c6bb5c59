"""Read-mostly admin: state changes go through the web pages or the API (services)."""

from django.contrib import admin

from thesisdesk.subjects.models import Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "supervisor", "state", "capacity"]
    list_filter = ["state", "campaign"]
    search_fields = ["title", "keywords"]
    raw_id_fields = ["supervisor", "proposed_by", "co_supervisors"]
    readonly_fields = ["state", "approved_at", "published_at"]
