"""The `thesisdesk` command.

Every subcommand is a Django management command of one of ThesisDesk's apps (`run`,
`worker`, `import`, `export`, `allocate`, `moodle`, `bench`, ...), so each app keeps its own
commands and Django's own (`migrate`, `createsuperuser`, `check`) are there too.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thesisdesk.settings")
    from django.core.management import execute_from_command_line

    from thesisdesk.environment import ConfigurationError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        execute_from_command_line(["thesisdesk", *args])
    except ConfigurationError as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
