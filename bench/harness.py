"""Tiny timing helpers shared by the bench/bench_*.py scripts (standard library only).

A benchmark script measures with `median_seconds` and reports with `emit`; `python3 dev.py
bench` runs every script with the venv's python (cwd = repository root, so `import harness`
works from the script's own folder) and tabulates the JSON lines printed on stdout.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable


def median_seconds(func: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of `repeat` calls; the median ignores the odd slow run (GC, cache)."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    for _ in range(warmup):
        func()
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def emit(name: str, value: float, unit: str, baseline: float | None = None) -> None:
    """Print one result as a JSON line; with a baseline, ratio = value / baseline."""
    record: dict[str, object] = {"name": name, "value": value, "unit": unit}
    if baseline is not None:
        record["baseline"] = baseline
        record["ratio"] = value / baseline if baseline else None
    print(json.dumps(record, ensure_ascii=False), flush=True)
