from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thesisdesk.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from thesisdesk.accounts.signals import connect

        connect()
