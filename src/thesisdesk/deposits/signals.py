"""Listeners told when a deposit is recorded (notifications register one).

    from thesisdesk.deposits import signals
    signals.register(listener)   # listener(deposit: Deposit, is_late: bool) -> None

Listeners are called after the recording transaction commits, once per new or changed
submission (not for a webhook repeating what was already recorded). A listener that raises
is logged and does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thesisdesk.deposits.models import Deposit

logger = logging.getLogger("thesisdesk.deposits")

DepositListener = Callable[["Deposit", bool], None]

_listeners: list[DepositListener] = []


def register(listener: DepositListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unregister(listener: DepositListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def listeners() -> tuple[DepositListener, ...]:
    return tuple(_listeners)


def deposit_recorded(deposit: Deposit, is_late: bool) -> None:
    """Call every listener (the services call this through transaction.on_commit)."""
    for listener in tuple(_listeners):
        try:
            listener(deposit, is_late)
        except Exception:
            logger.exception("Deposit listener %r failed for deposit %s", listener, deposit.pk)
