from django.apps import AppConfig


class DepositsConfig(AppConfig):
    name = "thesisdesk.deposits"
    label = "deposits"
