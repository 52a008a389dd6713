"""DNSBL check time with many lists, one of them dead, against one DNS round trip.

Run: ``python3 benchmarks/bench_dnsbl.py [--lists 20] [--dead 1] [--deadline 2] [--runs 5]``.
Starts the test suite's unbound on 127.0.0.1 (tests/net/conftest.py: Debian's unbound must be
installed), checks 127.0.0.2 on ``--lists`` zones of which ``--dead`` never answer, with the
deadline as the per-query timeout too (as the CLI does), and prints medians as JSON:
``total_s`` should be about the deadline (a dead list costs the deadline, not N × timeout) and
``no_dead_total_ms`` a few round trips. No traffic leaves 127.0.0.0/8.

For the GUI benchmark: :func:`dns_server` (context manager) and :func:`bench_zones` give a
running server and the zones; :func:`timed_check` runs one check and returns its timings.

GUI part (``--gui``, on by default; ``--no-gui`` skips it): the same 20-list check (one dead)
through the real BlacklistTab and DnsWorker, offscreen, while a 5 ms QTimer records the largest
gap between event-loop ticks: ``gui_max_stall_ms`` (target < 50 ms) and ``gui_total_s``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fopegui.core.dnsbl_catalogue import DnsblList  # noqa: E402
from fopegui.net import dnsbl  # noqa: E402
from fopegui.net.resolver import ResolverConfig, make_resolver, query  # noqa: E402


def _fixture_module():
    # The server code lives with the tests (tests/dns_server.py), so the benchmark uses
    # exactly the same zones.
    return importlib.import_module("tests.dns_server")


@contextlib.contextmanager
def dns_server() -> Iterator[object]:
    """A running test unbound (``.port``, ``.config()``, ``.bench``, ``.timeouts`` …)."""
    proc = _fixture_module().UnboundProcess()
    try:
        yield proc.start()
    finally:
        proc.stop()


def bench_zones(server, lists: int = 20, dead: int = 1) -> list[DnsblList]:
    """``lists`` zones: ``dead`` that never answer, the rest answering listing zones."""
    if not 0 <= dead <= len(server.timeouts) or lists - dead > len(server.bench):
        raise ValueError("at most 5 dead and 20 live zones are available")
    names = list(server.bench[: lists - dead]) + list(server.timeouts[:dead])
    return [server.zone_list(z) for z in names]


def timed_check(server, zones: list[DnsblList], deadline_s: float) -> dict:
    """One check of 127.0.0.2 on ``zones``: wall time and the outcome counts."""
    config = ResolverConfig((server.address,), server.port, deadline_s, deadline_s)
    start = time.perf_counter()
    report = asyncio.run(dnsbl.check("127.0.0.2", zones, config))
    return {"total_s": time.perf_counter() - start, "summary": report.summary}


def round_trip_ms(server, runs: int = 20) -> float:
    """Median time of one question answered by the server."""
    config = ResolverConfig((server.address,), server.port, 2.0, 2.0)

    async def once() -> float:
        answer = await query(make_resolver(config), "2.0.0.127.bl00.test", "A")
        return answer.elapsed_ms

    return statistics.median(asyncio.run(once()) for _ in range(runs))


def gui_stall(server, zones: list[DnsblList], deadline_s: float, runs: int = 3) -> dict:
    """Largest event-loop gap while the BlacklistTab checks ``zones`` (median over runs)."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from fopegui.ui import dns_settings
    from fopegui.ui.blacklist_tab import BlacklistTab
    from fopegui.ui.dns_worker import DnsWorker

    app = QApplication.instance() or QApplication([])
    settings = QSettings(
        str(Path(tempfile.mkdtemp(prefix="fopegui-bench-")) / "s.ini"), QSettings.Format.IniFormat
    )
    settings.setValue(dns_settings.NAMESERVER, server.spec)
    settings.setValue(dns_settings.TIMEOUT, deadline_s)
    settings.setValue(dns_settings.DEADLINE, deadline_s)
    worker = DnsWorker()
    tab = BlacklistTab(settings=settings, worker=worker)
    tab.set_zones(zones)
    tab.resize(1300, 600)
    tab.show()
    stalls, totals, summaries = [], [], []
    for _ in range(runs):
        stall, total, summary = _one_gui_check(app, tab, deadline_s)
        stalls.append(stall)
        totals.append(total)
        summaries.append(summary)
    worker.shutdown()
    tab.close()
    return {
        "gui_max_stall_ms": round(statistics.median(stalls), 2),
        "gui_max_stall_worst_ms": round(max(stalls), 2),
        "gui_total_s": round(statistics.median(totals), 4),
        "gui_summary": summaries[-1],
        "gui_target_ms": 50,
    }


def _one_gui_check(app, tab, deadline_s: float) -> tuple[float, float, dict | None]:
    """(largest tick gap ms, total s, summary) of one tab check, a 5 ms timer ticking."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    app.processEvents()
    clock, since = QElapsedTimer(), QElapsedTimer()
    gaps: list[float] = []
    outcome: list = []
    loop = QEventLoop()

    def tick() -> None:
        gaps.append(since.nsecsElapsed() / 1e6)
        since.restart()

    def finished(result) -> None:
        outcome.append(result)
        loop.quit()

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    tab.checkFinished.connect(finished)
    QTimer.singleShot(int(deadline_s * 1000 * 3), loop.quit)  # never hang the benchmark
    clock.start()
    since.start()
    ticker.start()
    # A public-looking address (a loopback target is refused by the tab): every live bench
    # zone answers NXDOMAIN for it, the dead one times out at the deadline.
    tab.check("65.55.88.14")
    loop.exec()
    ticker.stop()
    tab.checkFinished.disconnect(finished)
    summary = outcome[0].summary if outcome else None
    return (max(gaps) if gaps else float("inf")), clock.nsecsElapsed() / 1e9, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=20)
    parser.add_argument("--dead", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gui", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)
    with dns_server() as server:
        zones = bench_zones(server, args.lists, args.dead)
        live = bench_zones(server, args.lists, 0)
        runs = [timed_check(server, zones, args.deadline) for _ in range(args.runs)]
        clean = [timed_check(server, live, args.deadline) for _ in range(args.runs)]
        result = {
            "lists": args.lists,
            "dead": args.dead,
            "deadline_s": args.deadline,
            "server_startup_s": round(server.startup_s, 4),
            "one_round_trip_ms": round(round_trip_ms(server), 3),
            "total_s": round(statistics.median(r["total_s"] for r in runs), 4),
            "summary": runs[-1]["summary"],
            "no_dead_total_ms": round(statistics.median(r["total_s"] for r in clean) * 1000, 3),
            "sequential_worst_case_s": args.dead * args.deadline,
        }
        if args.gui:
            result.update(gui_stall(server, zones, args.deadline, runs=min(3, args.runs)))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
