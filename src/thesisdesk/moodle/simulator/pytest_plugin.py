"""pytest fixtures for the Moodle simulator (registered in the root conftest.py).

- `moodle_simulator_session`: one simulator for the whole test session (starting one is
  cheap, but sharing it keeps ports and threads down).
- `moodle_sim`: that simulator, reset to the default fixture's state before each test.
- `moodle_client`: a `MoodleClient` on it with the `thesisdesk` manager's token.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from thesisdesk.moodle.simulator import Simulator


@pytest.fixture(scope="session")
def moodle_simulator_session() -> Iterator[Simulator]:
    sim = Simulator.start()
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
def moodle_sim(moodle_simulator_session: Simulator) -> Simulator:
    """A running simulated Moodle 4.5 site, reset for each test."""
    moodle_simulator_session.reset()
    return moodle_simulator_session


@pytest.fixture
def moodle_client(moodle_sim: Simulator) -> Any:
    """A MoodleClient on the simulator, signed in as the `thesisdesk` manager."""
    try:
        from thesisdesk.moodle.client import MoodleClient
    except ImportError as error:  # the client is built in parallel
        pytest.skip(f"thesisdesk.moodle.client is not available: {error}")
    return MoodleClient(moodle_sim.url, moodle_sim.token("thesisdesk"))
