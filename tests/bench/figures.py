"""Shared pieces of the benchmarks: the season's scale, the cache, and the JSON lines.

Every figure is printed as one JSON line on stdout (pytest runs with -s), with the
median and, where the target is a tail, the p95 of repeated runs. The machine is
often shared: medians move with the load, so compare figures of the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

PERSONS = int(os.environ.get("COLDWAVE_BENCH_PERSONS", "100000"))
EVENTS = int(os.environ.get("COLDWAVE_BENCH_EVENTS", "1000000"))
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "bench-cache" / f"season-{PERSONS}-{EVENTS}"
PASSWORD = "benchmark-password"
USER = "bench"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def report(
    figure: str,
    samples_ms: list[float],
    *,
    target_ms: float | None = None,
    p95: bool = False,
    floor_ms: list[float] | None = None,
    **extra: object,
) -> dict[str, object]:
    """Print one figure; `target_ms` is met by the p95 when `p95`, else by the median."""
    line: dict[str, object] = {
        "figure": figure,
        "persons": PERSONS,
        "runs": len(samples_ms),
        "median_ms": round(statistics.median(samples_ms), 2),
    }
    if p95:
        line["p95_ms"] = round(percentile(samples_ms, 0.95), 2)
    if target_ms is not None:
        measured = float(line["p95_ms"] if p95 else line["median_ms"])  # type: ignore[arg-type]
        line["target_ms"] = target_ms
        line["met"] = measured <= target_ms
    if floor_ms:
        floor = statistics.median(floor_ms)
        line["floor_median_ms"] = round(floor, 3)
        line["ratio_to_floor"] = round(statistics.median(samples_ms) / max(floor, 1e-6), 2)
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return line
