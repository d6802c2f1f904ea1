"""A wall-clock limit on one piece of work, so one pathological document cannot hold a batch.

Python cannot stop a thread from outside, so the limit is an alarm signal: it interrupts Python
code (trafilatura's table walk, a stage's loops) at its next bytecode and raises
:class:`Overtime` there. Signals reach only the main thread of a process, which is where the CLI
reads and where worker processes analyze; elsewhere (a Dask worker's threads, the web server's
ingest thread) :func:`time_limit` does nothing and the limit is not enforced (docs/reliability.md).
A long call inside C code (one lxml parse) is interrupted when it returns.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Overtime(Exception):  # noqa: N818 - the name says what happened, as TimeoutError does
    """The work under :func:`time_limit` ran past its seconds; the caller turns it into a numbered error."""


def enforceable() -> bool:
    """Whether :func:`time_limit` can interrupt work here (the main thread, a platform with SIGALRM)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in the body once ``seconds`` have passed; 0 or less means no limit.

    Nested limits keep the outer one: the inner limit is the shorter of the two, and the outer
    alarm is set again (less the time spent) on the way out.
    """
    if seconds <= 0 or not enforceable():
        yield
        return
    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_remaining and outer_remaining <= seconds:
        yield  # the outer limit ends first and will interrupt this work too
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Overtime(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        except Overtime:  # the alarm rang as the work ended: it is done, so keep its result
            left = 0.0
        signal.signal(signal.SIGALRM, previous)
        if outer_remaining:
            spent = seconds - left
            signal.setitimer(signal.ITIMER_REAL, max(outer_remaining - spent, 0.001))
