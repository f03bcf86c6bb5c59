from django.contrib import admin

from thesisdesk.campaigns.models import Campaign, Membership


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "academic_year", "programme", "is_archived"]
    search_fields = ["name", "programme", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "campaign"]
    list_filter = ["role", "campaign"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["person"]
