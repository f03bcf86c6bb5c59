from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thesisdesk.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from thesisdesk.accounts.signals import connect
        from thesisdesk.accounts.simulator_service import DemoMoodleSimulator
        from thesisdesk.core import background

        connect()
        background.register(DemoMoodleSimulator())
