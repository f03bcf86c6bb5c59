"""`thesisdesk run`'s Moodle simulator, seeded with the demo's people.

Wanted when no real Moodle is configured (no MOODLE_URL): the simulator then stands in for
Moodle, its state kept in var/moodle-simulator.sqlite3, and the demo's people sign in with
their username and the simulated Moodle password (`DEMO_MOODLE_PASSWORD`).
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8045


class DemoMoodleSimulator:
    name = "Moodle simulator"
    order = 10  # before the worker, which reads MOODLE_URL and MOODLE_TOKEN

    def __init__(self) -> None:
        self.sim: Any = None

    def wanted(self) -> bool:
        from django.conf import settings

        return not settings.MOODLE_URL

    def start(self) -> str:
        from django.conf import settings

        from thesisdesk.accounts.demo_moodle import DEMO_MOODLE_PASSWORD, demo_moodle_start

        db_path = str(settings.VAR_DIR / "moodle-simulator.sqlite3")
        port = settings.MOODLE_SIMULATOR_PORT
        try:
            self.sim = demo_moodle_start(db_path=db_path, port=port)
        except OSError:  # the port is taken: any free one will do
            self.sim = demo_moodle_start(db_path=db_path, port=0)
        return (
            f"simulated Moodle on {self.sim.url}; the demo's people also sign in with their "
            f"username and the Moodle password {DEMO_MOODLE_PASSWORD} (students deposit at "
            f"{self.sim.url}/simulator/, teachers edit courses by hand at "
            f"{self.sim.url}/simulator/teacher)"
        )

    def stop(self) -> None:
        if self.sim is not None:
            self.sim.stop()
            self.sim = None
