"""When and how long to wait before sending a request again.

Only requests that are safe to repeat are retried: reads, and writes that are idempotent
(the plugin's sync functions work by key; some core writes are idempotent by nature). A
request that never reached the server (connection refused) is always safe to repeat.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter.

    attempts: how many times a request is sent at most (1 = no retry).
    Delay before retry n (1-based): uniform(0, min(max_delay, base_delay * 2 ** (n - 1))).
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    retry_statuses: frozenset[int] = field(default=frozenset({500, 502, 503, 504, 429}))
    jitter: bool = True

    @classmethod
    def none(cls) -> RetryPolicy:
        return cls(attempts=1)

    def delay(self, retry_number: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry `retry_number` (1 for the first retry)."""
        cap = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        wait = random.uniform(0, cap) if self.jitter else cap
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait

    def allows(self, attempt: int) -> bool:
        """Whether another attempt may follow attempt number `attempt` (1-based)."""
        return attempt < self.attempts

    def honours(self, retry_after: float | None) -> bool:
        """A Retry-After longer than max_delay (e.g. 300 s of maintenance) is not waited for."""
        return retry_after is None or retry_after <= self.max_delay
