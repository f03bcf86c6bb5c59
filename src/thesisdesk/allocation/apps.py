from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "thesisdesk.allocation"
    label = "allocation"
