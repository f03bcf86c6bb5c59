"""Read-mostly admin: state changes go through the web pages or the API (services)."""

from django.contrib import admin

from thesisdesk.theses.models import Thesis


@admin.register(Thesis)
class ThesisAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "state", "grade"]
    list_filter = ["state", "campaign"]
    search_fields = ["title"]
    raw_id_fields = ["subject", "students", "supervisors", "co_supervisors", "readers"]
    readonly_fields = ["state", "started_at", "deposited_at", "defended_at", "graded_at"]
