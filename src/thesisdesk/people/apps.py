from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "thesisdesk.people"
    label = "people"
