from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thesisdesk.documents"
    label = "documents"
