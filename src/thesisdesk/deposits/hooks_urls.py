"""`/hooks/`: calls from other systems (Moodle's deposit webhook)."""

from django.urls import path

from thesisdesk.deposits.webhook import moodle_webhook

app_name = "hooks"

urlpatterns = [path("moodle/", moodle_webhook, name="moodle")]
