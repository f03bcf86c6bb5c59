from django.apps import AppConfig


class MoodleConfig(AppConfig):
    name = "thesisdesk.moodle"
    label = "moodle"
