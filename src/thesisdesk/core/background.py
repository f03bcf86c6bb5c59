"""Services `thesisdesk run` starts beside the web server, and stops after it.

An app adds one by registering it in its AppConfig.ready():

    from thesisdesk.core import background

    class MoodleSimulatorService:
        name = "Moodle simulator"
        order = 10                     # lower starts first, stops last

        def wanted(self) -> bool:      # e.g. only when MOODLE_URL is not set
            ...
        def start(self) -> str:        # returns one line for the console
            ...
        def stop(self) -> None:
            ...

    background.register(MoodleSimulatorService())

`start` may set environment or settings that later services and the web process read
(the simulator's URL for the Moodle client, for example).
"""

from __future__ import annotations

import logging
from typing import Protocol

logger = logging.getLogger(__name__)


class BackgroundService(Protocol):
    name: str
    order: int

    def wanted(self) -> bool: ...

    def start(self) -> str: ...

    def stop(self) -> None: ...


_services: list[BackgroundService] = []


def register(service: BackgroundService) -> None:
    if all(existing.name != service.name for existing in _services):
        _services.append(service)


def registered() -> list[BackgroundService]:
    return sorted(_services, key=lambda service: service.order)


class Running:
    """Starts the wanted services in order; `stop_all` stops them in reverse order."""

    def __init__(self) -> None:
        self.started: list[BackgroundService] = []

    def start_all(self, report: list[str]) -> None:
        for service in registered():
            if not service.wanted():
                continue
            line = service.start()
            self.started.append(service)
            report.append(f"{service.name}: {line}")

    def stop_all(self) -> None:
        while self.started:
            service = self.started.pop()
            try:
                service.stop()
            except Exception:  # keep stopping the others
                logger.exception("Stopping %s failed", service.name)
