"""The seam where a domain change says "this campaign needs a Moodle sync".

Services call `campaign_changed(campaign_id, reason=...)` inside their transaction. The
sync app registers a listener (in its AppConfig.ready) that records a sync request in the
same transaction, so the need to sync is committed together with the change, or not at
all. Without listeners this is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[int, str], None]

_listeners: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unregister(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def campaign_changed(campaign_id: int, *, reason: str = "") -> None:
    """Tell every listener that what Moodle shows for `campaign_id` may have changed."""
    for listener in list(_listeners):
        listener(campaign_id, reason)
