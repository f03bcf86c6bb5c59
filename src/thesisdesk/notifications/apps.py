from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "thesisdesk.notifications"
    label = "notifications"

    def ready(self) -> None:
        from thesisdesk.core import background
        from thesisdesk.deposits import signals
        from thesisdesk.notifications.periodic import ReminderTimer
        from thesisdesk.notifications.services import on_deposit_recorded

        signals.register(on_deposit_recorded)
        background.register(ReminderTimer())
