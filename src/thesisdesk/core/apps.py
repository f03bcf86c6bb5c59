from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thesisdesk.core"
    label = "core"
    verbose_name = "ThesisDesk"
