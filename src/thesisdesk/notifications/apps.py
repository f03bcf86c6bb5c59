from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "thesisdesk.notifications"
    label = "notifications"
