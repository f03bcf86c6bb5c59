"""`thesisdesk apitoken create USERNAME NAME | list | revoke ID`: API tokens for other systems.

The token acts with the permissions of USERNAME. It is printed once; only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thesisdesk.people.models import ApiToken, User
from thesisdesk.people.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create, list or revoke API tokens (an administrator's task)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="create a token acting as USERNAME")
        create.add_argument("username")
        create.add_argument("name", help="what the token is for, e.g. 'Student records'")
        sub.add_parser("list", help="list tokens (never their value)")
        revoke = sub.add_parser("revoke", help="revoke a token by id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "create":
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No account named {options['username']!r}.")
            token, raw = api_token_create(actor=None, user=user, name=options["name"])
            self.stdout.write(f"Token {token.pk} for {user.username} ({token.name}):")
            self.stdout.write(raw)
            self.stdout.write("Copy it now: it cannot be shown again.")
        elif verb == "list":
            for token in ApiToken.objects.select_related("user").order_by("pk"):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(
                    f"{token.pk:>4}  {token.key_prefix}…  {token.user.username:<16} "
                    f"{state:<18} last used {used}  {token.name}"
                )
        else:
            token_row = ApiToken.objects.filter(pk=options["id"]).first()
            if token_row is None:
                raise CommandError(f"No token with id {options['id']}.")
            api_token_revoke(actor=None, token=token_row)
            self.stdout.write(f"Token {token_row.pk} revoked.")
