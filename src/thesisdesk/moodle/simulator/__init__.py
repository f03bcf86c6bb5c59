"""A Moodle stand-in speaking Moodle's web service protocol, for tests and the demo.

    from thesisdesk.moodle.simulator import Simulator

    sim = Simulator.start()                 # a real HTTP server on 127.0.0.1, free port
    token = sim.token("thesisdesk")         # the manager's token on the thesisdesk service
    ... talk to sim.url with any Moodle client ...
    sim.site.hide_section(3)                # change things "by hand" in Moodle
    sim.reset()                             # back to the fixture's starting data
    sim.stop()

See docs/moodle-simulator.md.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from thesisdesk.moodle import catalogue

from .server import SimulatorHTTPServer
from .site import Site, default_fixture
from .storage import Storage

__all__ = ["Simulator", "Site", "default_fixture"]


def load_fixture(fixture: str | Path | dict[str, Any] | None) -> dict[str, Any]:
    if fixture is None:
        return default_fixture()
    if isinstance(fixture, dict):
        return fixture
    data: dict[str, Any] = json.loads(Path(fixture).read_text(encoding="utf-8"))
    return data


class Simulator:
    """A running simulated Moodle site (HTTP server in a background thread)."""

    def __init__(
        self, site: Site, server: SimulatorHTTPServer, thread: threading.Thread | None
    ) -> None:
        self.site = site
        self._server = server
        self._thread = thread
        host, port = server.server_address[:2]
        self.host = str(host)
        self.port = int(port)
        self.url = f"http://{self.host}:{self.port}"
        site.base_url = self.url

    @classmethod
    def start(
        cls,
        fixture: str | Path | dict[str, Any] | None = None,
        version: str = "4.5",
        db_path: str | Path | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
    ) -> Simulator:
        """Start a simulator; `port=0` picks a free port (see `sim.url`)."""
        sim = cls.create(fixture=fixture, version=version, db_path=db_path, port=port, host=host)
        thread = threading.Thread(
            target=sim._server.serve_forever, name="moodle-simulator", daemon=True
        )
        thread.start()
        sim._thread = thread
        return sim

    @classmethod
    def create(
        cls,
        fixture: str | Path | dict[str, Any] | None = None,
        version: str = "4.5",
        db_path: str | Path | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
    ) -> Simulator:
        """Build the site and bind the server without serving yet (`serve_forever` serves)."""
        storage = Storage(db_path) if db_path else None
        site = Site(load_fixture(fixture), version=version, storage=storage)
        server = SimulatorHTTPServer((host, port), site)
        return cls(site, server, None)

    def serve_forever(self) -> None:
        """Serve in the calling thread until `stop()` (used by `thesisdesk moodle sim`)."""
        self._server.serve_forever()

    def token(self, username: str, service: str = catalogue.SERVICE) -> str:
        """The user's token on `service`, created (as an admin would) when missing."""
        with self.site.lock:
            user = self.site.user_by_username(username)
            if user is None:
                raise KeyError(f"No user {username!r} in the simulated site")
            if service not in self.site.data["services"]:
                raise KeyError(f"No service {service!r} in the simulated site")
            existing = self.site.token_for(user["id"], service)
            return existing or self.site.create_token(user["id"], service)

    def reset(self) -> None:
        """Back to the fixture's starting state (tokens included)."""
        self.site.reset()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.site.close()

    def __enter__(self) -> Simulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
