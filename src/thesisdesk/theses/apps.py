from django.apps import AppConfig


class ThesesConfig(AppConfig):
    name = "thesisdesk.theses"
    label = "theses"
