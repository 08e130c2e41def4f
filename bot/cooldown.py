"""A per-user command budget: at most ``rate`` commands in any ``per`` seconds, across commands.

A sliding log rather than discord.py's fixed window: "5 per 10 s" then holds for *any* 10-second
span, so a burst straddling a window edge cannot get 10 through.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

# Forget idle users once this many are tracked, so the table cannot grow without bound.
PRUNE_ABOVE = 1024


class UserCooldowns:
    """Per-user sliding-window rate limit; ``rate <= 0`` turns it off."""

    def __init__(self, rate: int, per: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self.clock = clock
        self._uses: dict[int, deque[float]] = {}

    def hit(self, user_id: int) -> float | None:
        """Count one command for ``user_id``; None if allowed, else seconds until it would be.

        A refused attempt is not counted, so hammering does not push the retry time back.
        """
        if self.rate <= 0:
            return None
        now = self.clock()
        uses = self._uses.get(user_id)
        if uses is None:
            if len(self._uses) >= PRUNE_ABOVE:
                self._prune(now)
            uses = self._uses[user_id] = deque(maxlen=self.rate)
        while uses and now - uses[0] >= self.per:
            uses.popleft()
        if len(uses) >= self.rate:
            return self.per - (now - uses[0])
        uses.append(now)
        return None

    def _prune(self, now: float) -> None:
        idle = [u for u, uses in self._uses.items() if not uses or now - uses[-1] >= self.per]
        for user_id in idle:
            del self._uses[user_id]


def retry_message(retry_after: float) -> str:
    """The one polite sentence a rate-limited user sees."""
    seconds = max(1, math.ceil(retry_after))
    unit = "second" if seconds == 1 else "seconds"
    return (f"You're sending commands faster than I can keep up with; "
            f"please try again in {seconds} {unit}.")
