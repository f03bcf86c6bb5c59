from django.apps import AppConfig


class SubjectsConfig(AppConfig):
    name = "thesisdesk.subjects"
    label = "subjects"
