"""Hybrid logical clock: order, causality under clock skew, encoding."""

from __future__ import annotations

import pytest

from coldwave_app.domain.hlc import HybridClock, Stamp

DAY_MS = 86_400_000


class FakeTime:
    """A settable wall clock in milliseconds."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_from_one_clock_strictly_increase_even_when_time_stands_still() -> None:
    clock = HybridClock("device-a", physical_ms=FakeTime(1_000))
    stamps = [clock.now() for _ in range(1000)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 1000


def test_clock_never_goes_backwards_when_the_wall_clock_does() -> None:
    time = FakeTime(5 * DAY_MS)
    clock = HybridClock("device-a", physical_ms=time)
    before = clock.now()
    time.ms -= 3 * DAY_MS  # the laptop's clock is reset three days back
    after = clock.now()
    assert after > before


def test_edit_after_seeing_a_remote_stamp_sorts_after_it_despite_a_slow_clock() -> None:
    office = HybridClock("office", physical_ms=FakeTime(10 * DAY_MS))
    laptop = HybridClock("laptop", physical_ms=FakeTime(7 * DAY_MS))  # three days behind
    remote = office.now()
    laptop.observe(remote)
    local = laptop.now()
    assert local > remote
    assert Stamp.decode(local).wall_ms == 10 * DAY_MS


def test_observing_an_older_stamp_does_not_move_the_clock_back() -> None:
    laptop = HybridClock("laptop", physical_ms=FakeTime(10 * DAY_MS))
    first = laptop.now()
    laptop.observe(Stamp(1, 0, "old").encode())
    assert laptop.now() > first


def test_same_instant_on_two_devices_is_ordered_by_node_the_same_everywhere() -> None:
    a = HybridClock("aaaa", physical_ms=FakeTime(1_000)).now()
    b = HybridClock("bbbb", physical_ms=FakeTime(1_000)).now()
    assert a < b
    assert Stamp.decode(a) < Stamp.decode(b)


def test_string_order_matches_stamp_order() -> None:
    stamps = [Stamp(w, c, n) for w in (5, 50, 500) for c in (0, 9, 10) for n in ("a", "b")]
    encoded = sorted(s.encode() for s in stamps)
    assert [Stamp.decode(e) for e in encoded] == sorted(stamps)


def test_counter_overflow_spills_into_the_wall_part() -> None:
    clock = HybridClock("n", physical_ms=FakeTime(1_000))
    clock.observe(Stamp(1_000, 99_999, "m").encode())
    stamp = Stamp.decode(clock.now())
    assert (stamp.wall_ms, stamp.counter) == (1_001, 1)


@pytest.mark.parametrize("text", ["", "12-3-x", "000000000001000-0000a-n", "abc"])
def test_malformed_stamps_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Stamp.decode(text)
