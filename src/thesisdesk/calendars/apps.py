from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "thesisdesk.calendars"
    label = "calendars"
