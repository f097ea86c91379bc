"""Background sync: rounds on their own thread, with back-off, never in the counter's way.

After a good round the next comes after ``interval`` (or at once when
``sync_now`` wakes it); after a failure the wait grows (exponential back-off
with jitter, so a centre coming back is not hit by every counter at the same
second) up to a ceiling. The thread is a daemon: closing the window never waits
for a network timeout.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Backoff:
    def __init__(
        self,
        first: float = 2.0,
        ceiling: float = 300.0,
        rng: random.Random | None = None,
    ) -> None:
        self.first, self.ceiling = first, ceiling
        self.failures = 0
        self._rng = rng or random.Random()

    def next(self) -> float:
        """The wait after one more failure: half to all of first·2ⁿ, at most the ceiling."""
        delay = min(self.ceiling, self.first * 2**self.failures)
        self.failures += 1
        return self._rng.uniform(delay / 2, delay)

    def reset(self) -> None:
        self.failures = 0


class SyncWorker:
    def __init__(
        self,
        run_round: Callable[[], object],
        *,
        interval: float = 60.0,
        backoff: Backoff | None = None,
        name: str = "motcua-sync",
    ) -> None:
        self._run_round = run_round
        self._interval = interval
        self._backoff = backoff or Backoff()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self.rounds = 0
        self.failures = 0

    def start(self) -> None:
        self._thread.start()

    def sync_now(self) -> None:
        """Run a round as soon as the current one (if any) ends; returns at once."""
        self._wake.set()

    def stop(self, timeout: float | None = 5.0) -> bool:
        """Ask the thread to end; True when it did within ``timeout``."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._run_round()
            except Exception as error:  # recorded by the round; the loop must go on
                self.failures += 1
                delay = self._backoff.next()
                log.info("sync: next try in %.0f s (%s)", delay, type(error).__name__)
            else:
                self._backoff.reset()
                delay = self._interval
            self.rounds += 1
            self._wake.wait(delay)
