from django.apps import AppConfig


class DepositsConfig(AppConfig):
    name = "thesisdesk.deposits"
    label = "deposits"

    def ready(self) -> None:
        from thesisdesk.core import background
        from thesisdesk.deposits.polling import DepositPolling

        background.register(DepositPolling())
