"""Peak memory of a process tree (this process or a command, and every worker it starts). Linux only.

Each process's peak comes from the kernel's high-water mark (``VmHWM`` in /proc/PID/status), so it
is exact for the process, whatever the sampling rate; the sampler only has to see each process once
before it exits. The total is the largest sum of current RSS seen at one sampling instant.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import psutil


def _hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


@dataclass
class TreePeak:
    """Per-process peaks (MiB) by pid and command, and the peak simultaneous total."""

    per_process: dict[int, tuple[str, float]] = field(default_factory=dict)
    total_mib: float = 0.0

    def root_mib(self, pid: int) -> float:
        return self.per_process.get(pid, ("", 0.0))[1]

    def workers_mib(self, root: int) -> list[float]:
        return sorted((mib for pid, (_, mib) in self.per_process.items() if pid != root), reverse=True)


class TreeSampler:
    """Samples a process and its descendants in a background thread; use as a context manager."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak = TreePeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = 0.0
        for process in processes:
            try:
                rss = process.memory_info().rss / 2**20
                name = " ".join(process.cmdline()[:4])[-60:]
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            total += rss
            hwm = _hwm_kib(process.pid)
            if hwm is not None:
                old = self.peak.per_process.get(process.pid, ("", 0.0))[1]
                self.peak.per_process[process.pid] = (name, max(old, hwm / 1024))
        self.peak.total_mib = max(self.peak.total_mib, total)
