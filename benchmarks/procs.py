"""Timing whole processes side by side: wall time, CPU time and the peak memory of the process
tree.

The benchmarks compare fopegui against a baseline measured in the same run, interleaved
(A B A B …) so that a machine busy with something else slows both alike; the medians and
their ratio are what they report.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


def ensure_bytecode(package: Path) -> None:
    """Compile ``package`` to bytecode first, as installing it does (pip writes .pyc files).
    Without them every run would compile the sources again: this machine sets
    PYTHONDONTWRITEBYTECODE, so a checkout never keeps any, and start-up figures would
    measure the compiler."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


@dataclass
class Runs:
    name: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + system, the whole process tree
    peaks_kib: list[int] = field(default_factory=list)
    status: int | None = None

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else 0.0

    @property
    def peak_kib(self) -> int:
        return max(self.peaks_kib) if self.peaks_kib else 0


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def _children_cpu() -> float:
    """CPU seconds of this process's waited-for descendants so far (a process pool's workers
    count too: their parent waits for them before it exits)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: Sequence[str], env: dict[str, str] | None = None,
             watch_memory: bool = False) -> tuple[float, float, int, int]:  # fmt: skip
    """(wall seconds, CPU seconds of the process tree, peak tree RSS KiB or 0, exit status) of
    one run; stdout discarded."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True) if watch_memory else None
    if sampler:
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if sampler:
        stop.set()
        sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{argv[:4]} exited {proc.returncode}: {err.decode()[-2000:]}")
    return wall, cpu, peak, proc.returncode


def side_by_side(commands: dict[str, Sequence[str]], repeat: int, watch_memory: bool = False,
                 env: dict[str, str] | None = None) -> dict[str, Runs]:  # fmt: skip
    """Run each command ``repeat`` times, interleaved, after one warm-up run of each."""
    runs = {name: Runs(name) for name in commands}
    for argv in commands.values():
        run_once(argv, env)  # warm the file cache and the interpreters' bytecode
    for _ in range(repeat):
        for name, argv in commands.items():
            wall, cpu, peak, status = run_once(argv, env, watch_memory)
            runs[name].walls.append(wall)
            runs[name].cpus.append(cpu)
            runs[name].peaks_kib.append(peak)
            runs[name].status = status
    return runs


def other_checkout(argv: Sequence[str], checkout: str) -> list[str]:
    """``argv`` (a Python command line) run with the fopegui package of another checkout (e.g.
    `git archive` of the commit before a change, unpacked outside the repository), compiled
    to bytecode first. -P: `python -m` would otherwise put the current directory, perhaps
    this repository, before PYTHONPATH."""
    ensure_bytecode(Path(checkout) / "fopegui")
    python, *rest = argv
    return ["env", f"PYTHONPATH={Path(checkout).resolve()}", python, "-P", *rest]


def report(runs: dict[str, Runs], baseline: str, goal: float | None = None) -> None:
    base = runs[baseline]
    for r in runs.values():
        ratio = r.wall / base.wall
        memory = f"  peak RSS {r.peak_kib / 1024:7.1f} MiB" if r.peak_kib else ""
        spread = f"{min(r.walls):.2f}–{max(r.walls):.2f}"
        cpu = f"  CPU {r.cpu:5.2f} s" if r.cpus else ""
        line = f"  {r.name:44} {r.wall:7.2f} s (runs {spread}){cpu}{memory}  ×{ratio:.2f}"
        if goal is not None and r is not base:
            line += f"  (goal ≤ {goal}: {'ok' if ratio <= goal else 'NOT MET'})"
        print(line)
