from django.contrib import admin

from thesisdesk.milestones.models import Milestone, MilestoneExtension


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "kind", "opens_at", "due_at"]
    list_filter = ["kind", "campaign"]


@admin.register(MilestoneExtension)
class MilestoneExtensionAdmin(admin.ModelAdmin):
    list_display = ["milestone", "thesis", "due_at", "granted_by"]
    raw_id_fields = ["thesis"]
