"""How long the next sign-in attempt waits after failed ones.

Failed attempts are counted from the audit trail (``db.officers.attempts_since``),
not from a counter of their own, so they are recorded once and cannot be reset
without the trail showing it. Per account, the first few failures are free and
each further one doubles the wait; per counter the same, with more free attempts
(several officers mistype in a day). The wait never exceeds ``MAX_WAIT``: an
attacker who types wrong passwords on purpose can slow an officer by a minute at
most, never lock them out, and a correct password after the wait always signs in.
A successful sign-in clears that account's (and the counter's) count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.officers import Attempt

WINDOW = dt.timedelta(minutes=15)  # failures older than this are forgotten
MAX_WAIT = dt.timedelta(seconds=60)
FREE_PER_ACCOUNT = 3
FREE_PER_COUNTER = 10


@dataclass(frozen=True)
class Throttle:
    account_failures: int
    counter_failures: int
    wait: dt.timedelta  # zero: the attempt may go ahead now

    @property
    def waiting(self) -> bool:
        return self.wait > dt.timedelta(0)

    @property
    def wait_seconds(self) -> int:
        return int(-(-self.wait.total_seconds() // 1))  # rounded up


def throttle_for(attempts: Sequence[Attempt], login: str, now: dt.datetime) -> Throttle:
    """The wait before ``login`` may try at this counter, from the attempts of ``WINDOW``."""
    account = _failures_since_success([a for a in attempts if a.actor == login])
    counter = _failures_since_success(list(attempts))
    wait = max(_wait(account, FREE_PER_ACCOUNT, now), _wait(counter, FREE_PER_COUNTER, now))
    return Throttle(len(account), len(counter), wait)


def _failures_since_success(attempts: Sequence[Attempt]) -> list[dt.datetime]:
    failures: list[dt.datetime] = []
    for attempt in attempts:
        if attempt.succeeded:
            failures.clear()
        else:
            failures.append(attempt.at)
    return failures


def _wait(failures: Sequence[dt.datetime], free: int, now: dt.datetime) -> dt.timedelta:
    beyond = len(failures) - free
    if beyond < 0:
        return dt.timedelta(0)
    delay = min(dt.timedelta(seconds=2**beyond), MAX_WAIT)
    return max(failures[-1] + delay - now, dt.timedelta(0))
