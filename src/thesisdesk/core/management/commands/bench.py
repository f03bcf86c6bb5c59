"""`thesisdesk bench NAME`: print speed and memory figures for one part of ThesisDesk.

Each benchmark lives with the code it measures, as a module exposing
`main(argv: list[str], out: TextIO) -> int`.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

BENCHES = {
    "web": "thesisdesk.core.bench",
    "client": "thesisdesk.moodle.client.bench",
    "sync": "thesisdesk.moodle.sync.bench",
    "allocation": "thesisdesk.allocation.bench",
}


class Command(BaseCommand):
    help = "Run a benchmark and print its figures: " + ", ".join(BENCHES)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", choices=sorted(BENCHES))
        parser.add_argument("args", nargs="*", help="options passed to the benchmark")

    def run_from_argv(self, argv: list[str]) -> None:
        # Pass unknown --options through to the benchmark itself.
        if len(argv) > 2 and argv[2] in BENCHES:
            self._bench_argv = argv[3:]
            argv = argv[:3]
        super().run_from_argv(argv)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        try:
            module = importlib.import_module(BENCHES[name])
        except ModuleNotFoundError as error:
            raise CommandError(f"The {name} benchmark is not available: {error}") from None
        bench_argv = getattr(self, "_bench_argv", list(options.get("args") or []))
        code = module.main(bench_argv, self.stdout)
        if code:
            raise CommandError(f"The {name} benchmark failed (exit {code}).")
