"""The outbox e-mail backend: without EMAIL_URL, mail is stored in the database and shown
on the outbox page instead of leaving the machine (`make run`, demos)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from thesisdesk.notifications.models import StoredEmail

        count = 0
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                for content, mimetype in message.alternatives:
                    if mimetype == "text/html":
                        html = str(content)
            headers: dict[str, Any] = message.extra_headers or {}
            StoredEmail.objects.create(
                from_email=str(message.from_email),
                to=", ".join(message.recipients()),
                subject=str(message.subject)[:255],
                body_text=str(message.body),
                body_html=html,
                message_id=str(headers.get("Message-ID", ""))[:255],
            )
            count += 1
        return count
