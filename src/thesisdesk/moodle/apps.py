from django.apps import AppConfig


class MoodleConfig(AppConfig):
    name = "thesisdesk.moodle"
    label = "moodle"

    def ready(self) -> None:
        from thesisdesk.core import outbox
        from thesisdesk.moodle.services import sync_request_record

        # Domain services call outbox.campaign_changed() inside their transaction: record
        # the need to sync in that same transaction.
        outbox.register(sync_request_record)
