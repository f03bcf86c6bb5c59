"""`thesisdesk moodle SUBCOMMAND`: talk to (or stand in for) Moodle.

Each part of the Moodle app registers its own subcommands: the client (`check`), the
simulator (`sim`), the sync engine (`link`, `plan`, `apply`, `drift`). A module listed in
SUBCOMMAND_MODULES exposes `register(subparsers) -> dict[str, handler]`, where a handler is
`handler(options: dict, stdout) -> int` (its exit code).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SUBCOMMAND_MODULES = (
    "thesisdesk.moodle.client.commands",
    "thesisdesk.moodle.simulator.commands",
    "thesisdesk.moodle.sync.commands",
)

Handler = Callable[[dict[str, Any], Any], int]


class Command(BaseCommand):
    help = "Moodle: check the configured site, run the simulator, link, plan and apply sync."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True)
        self.handlers: dict[str, Handler] = {}
        for module_name in SUBCOMMAND_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            self.handlers.update(module.register(subparsers))

    def handle(self, *args: Any, **options: Any) -> None:
        handler = self.handlers[options["subcommand"]]
        code = handler(options, self.stdout)
        if code:
            raise CommandError(f"moodle {options['subcommand']} failed.", returncode=code)
