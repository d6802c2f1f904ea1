"""Who used the machine's CPUs during a timed run: this process tree, other processes, or nobody.

On a shared machine a speed-up can only be judged against the CPU that was free: this reads the
machine's busy and idle time from /proc/stat and this process tree's CPU time from psutil, before
and after. Linux only.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import psutil


def _machine() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since boot."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = (fields[3] + fields[4]) / tick  # idle + iowait
    return sum(fields[:8]) / tick - idle, idle


def _tree() -> float:
    """CPU seconds used so far by this process and its live descendants."""
    total = 0.0
    me = psutil.Process()
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        total += times.user + times.system
    return total


@dataclass
class CpuShare:
    wall: float
    mine: float  # cores used on average by this process tree
    others: float  # cores used by every other process
    idle: float  # cores left idle

    def __str__(self) -> str:
        return (
            f"CPU cores used on average: this run {self.mine:.2f}, "
            f"other processes {self.others:.2f}, idle {self.idle:.2f}"
        )


class CpuMeter:
    """Call :meth:`start` then :meth:`stop` around a run (worker processes must still be alive at stop)."""

    def start(self) -> None:
        self._wall = time.perf_counter()
        self._busy, self._idle = _machine()
        self._mine = _tree()

    def stop(self) -> CpuShare:
        wall = time.perf_counter() - self._wall
        busy, idle = _machine()
        mine = _tree() - self._mine
        busy -= self._busy
        return CpuShare(wall, mine / wall, max(busy - mine, 0.0) / wall, (idle - self._idle) / wall)
