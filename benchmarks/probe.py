"""The event-loop probe of the GUI benchmarks: a QTimer that asks to fire every ``tick_ms`` on
the GUI thread; the gaps between its ticks are how long the window did not answer."""

from __future__ import annotations

import itertools
import statistics
import time

TICK_MS = 10


class TickProbe:
    def __init__(self, tick_ms: int = TICK_MS) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def gaps(self) -> dict[str, float]:
        """The longest gap between two ticks, the 99th percentile and the median (ms)."""
        gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(self.ticks))
        return {
            "max_gap_ms": gaps[-1] if gaps else 0.0,
            "p99_gap_ms": gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
            "median_gap_ms": statistics.median(gaps) if gaps else 0.0,
        }
