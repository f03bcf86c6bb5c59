from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "thesisdesk.campaigns"
    label = "campaigns"
