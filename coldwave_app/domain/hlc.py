"""Hybrid logical clock (HLC) stamps for per-field last-writer-wins merges.

A stamp is `WWWWWWWWWWWWWWW-CCCCC-NODE`: wall-clock milliseconds, a counter and
the device id, fixed width so that comparing the strings compares the stamps.
The clock never goes backwards and always moves past any stamp it has seen, so an
edit made after seeing another one sorts after it even when this laptop's clock is
wrong by days (Kulkarni et al., 2014). The node id breaks exact ties the same way
on every replica.

Hazard: a device whose clock runs far ahead drags every replica's clock forward
once its stamps are seen; ordering stays correct, only the wall part stops
meaning "real time". Nothing here rejects such stamps.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_WALL_WIDTH = 15
_COUNTER_WIDTH = 5
_COUNTER_MAX = 10**_COUNTER_WIDTH - 1


@dataclass(frozen=True, order=True)
class Stamp:
    """One HLC reading. Ordered by (wall_ms, counter, node)."""

    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_WIDTH}d}-{self.counter:0{_COUNTER_WIDTH}d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        """Parse an encoded stamp; raises ValueError on anything malformed."""
        parts = text.split("-", 2)
        if len(parts) != 3 or len(parts[0]) != _WALL_WIDTH or len(parts[1]) != _COUNTER_WIDTH:
            raise ValueError(f"not an HLC stamp: {text!r}")
        if not (parts[0].isdigit() and parts[1].isdigit()) or not parts[2]:
            raise ValueError(f"not an HLC stamp: {text!r}")
        return cls(int(parts[0]), int(parts[1]), parts[2])


def _system_ms() -> int:
    return int(time.time() * 1000)


class HybridClock:
    """A thread-safe HLC for one device.

    `physical_ms` is injectable so tests can simulate a skewed or frozen clock.
    """

    def __init__(self, node: str, *, physical_ms: Callable[[], int] = _system_ms) -> None:
        if not node:
            raise ValueError("an HLC node id must be a non-empty device id")
        self._node = node
        self._physical_ms = physical_ms
        self._wall = 0
        self._counter = 0
        self._lock = threading.Lock()

    @property
    def node(self) -> str:
        return self._node

    def now(self) -> str:
        """A new stamp, later than every stamp issued or observed before."""
        with self._lock:
            physical = self._physical_ms()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._advance_counter()
            return Stamp(self._wall, self._counter, self._node).encode()

    def observe(self, remote: str) -> None:
        """Move past a stamp received from another replica."""
        other = Stamp.decode(remote)
        with self._lock:
            physical = self._physical_ms()
            wall = max(self._wall, other.wall_ms, physical)
            if wall == self._wall == other.wall_ms:
                self._counter = max(self._counter, other.counter)
                self._advance_counter()
            elif wall == self._wall:
                self._advance_counter()
            elif wall == other.wall_ms:
                self._wall, self._counter = wall, other.counter
                self._advance_counter()
            else:
                self._wall, self._counter = wall, 0

    def _advance_counter(self) -> None:
        if self._counter >= _COUNTER_MAX:
            # Spill into the wall part rather than wrap: order must never break.
            self._wall += 1
            self._counter = 0
        else:
            self._counter += 1
