from django.apps import AppConfig


class MilestonesConfig(AppConfig):
    name = "thesisdesk.milestones"
    label = "milestones"
