"""`thesisdesk lti register|show`: register a Moodle site as an LTI 1.3 platform."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from lti_tool.models import LtiRegistration

from thesisdesk.accounts.registration import ensure_tool_key, lti_platform_register, tool_urls


class Command(BaseCommand):
    help = "Register a Moodle site as an LTI 1.3 platform, or show what Moodle needs to know."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        register = sub.add_parser("register", help="register (or update) a Moodle platform")
        register.add_argument("--moodle-url", required=True, help="the Moodle site's address")
        register.add_argument(
            "--client-id", required=True, help="the client id Moodle shows for the tool"
        )
        register.add_argument(
            "--deployment-id",
            action="append",
            required=True,
            help="the deployment id Moodle shows (repeat for several)",
        )
        register.add_argument("--name", default="")
        sub.add_parser("show", help="list registrations and the URLs to give Moodle")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "register":
            if not options["moodle_url"].startswith(("https://", "http://")):
                raise CommandError("--moodle-url must start with https:// (or http:// in tests)")
            registration = lti_platform_register(
                moodle_url=options["moodle_url"],
                client_id=options["client_id"],
                deployment_ids=options["deployment_id"],
                name=options["name"],
            )
            self.stdout.write(
                f"Registered {registration.issuer} (client id {registration.client_id})."
            )
            self._show(registration)
            return
        ensure_tool_key()
        self._moodle_side()
        registrations = LtiRegistration.objects.order_by("issuer")
        if not registrations:
            self.stdout.write(
                "\nNo platform registered yet: once Moodle shows the tool's client id and "
                "deployment id, run `thesisdesk lti register --moodle-url ... --client-id ... "
                "--deployment-id ...`."
            )
        for registration in registrations:
            self._show(registration)

    def _moodle_side(self) -> None:
        urls = tool_urls()
        self.stdout.write(
            "Moodle side (Site administration > Plugins > Activity modules > External tool >"
            " Manage tools > configure a tool manually):\n"
            f"  Tool URL:             {urls.tool_url}\n"
            "  LTI version:          LTI 1.3\n"
            "  Public key type:      Keyset URL\n"
            f"  Public keyset:        {urls.keyset_url}\n"
            f"  Initiate login URL:   {urls.login_url}\n"
            f"  Redirection URI(s):   {urls.redirect_uri}\n"
            "  Default launch container: New window\n"
            "  Privacy: share launcher's name and e-mail with the tool: Always"
        )

    def _show(self, registration: LtiRegistration) -> None:
        deployments = ", ".join(
            f"{d.deployment_id}{'' if d.is_active else ' (inactive)'}"
            for d in registration.deployments.all()
        )
        self.stdout.write(
            f"\nRegistered platform {registration.name}: issuer {registration.issuer}, client id "
            f"{registration.client_id}, deployments {deployments or '-'}, keyset URL "
            f"{registration.keyset_url}"
        )
