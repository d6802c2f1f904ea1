"""Per-document time limits (limits.py): a pathological document fails alone with E121 and the rest
of its batch comes out as if it had not been there; an alarm never outlives its limit."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from newstrace.errors import InputError, PipelineError
from newstrace.limits import Overtime, enforceable, time_limit
from newstrace.pipeline import Pipeline, register_stage
from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.sources.html import extract
from newstrace.stage import Stage


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_limit_interrupts_python_work_and_leaves_no_alarm() -> None:
    started = time.monotonic()
    with pytest.raises(Overtime), time_limit(0.2):
        spin(5)
    assert time.monotonic() - started < 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(0.5):
        spin(0.05)  # finishes in time: nothing raised
    with time_limit(0):
        spin(0.05)  # 0: no limit
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_inner_limit_keeps_the_outer_one() -> None:
    with pytest.raises(Overtime), time_limit(0.6):
        with time_limit(0.1):
            spin(0.05)
        spin(5)  # the outer alarm, set again on the way out, still ends this
    with pytest.raises(Overtime), time_limit(0.1), time_limit(5):
        spin(5)  # the shorter outer limit wins


def test_off_the_main_thread_the_limit_is_not_enforced() -> None:
    seen: list[bool] = []

    def work() -> None:
        seen.append(enforceable())
        with time_limit(0.01):
            spin(0.05)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False]


class _SlowOnCue(Stage):
    """A test stage that spins on a text asking it to (a pathological document) and titles the others."""

    name = "test.slow-on-cue.v1"
    requires = ("text",)
    assigns = ("title",)

    def __call__(self, article: Article) -> None:
        if "SPIN" in article.text:
            spin(30)
        article.title = article.text[:12]


def test_a_slow_document_fails_alone_and_its_batch_goes_on() -> None:
    register_stage(_SlowOnCue)
    pipeline = Pipeline(load_settings(document_seconds=0.3), ["header.v1", "test.slow-on-cue.v1"])
    texts = ["First story text.", "SPIN forever.", "Third story text."]
    started = time.monotonic()
    first, slow, third = pipeline.pipe([Article(t, source=f"doc{n}") for n, t in enumerate(texts)])
    assert time.monotonic() - started < 5
    assert [e.message[:4] for e in slow.errors] == ["E121"] and "doc1" in slow.errors[0].message
    assert (first.errors, third.errors) == ([], [])
    alone = pipeline.pipe([Article(texts[0], source="doc0"), Article(texts[2], source="doc2")])
    assert [a.to_dict() for a in alone] == [first.to_dict(), third.to_dict()]
    strict = Pipeline(load_settings(document_seconds=0.3), ["header.v1", "test.slow-on-cue.v1"], on_error="raise")
    with pytest.raises(PipelineError, match=r"^E121 'doc1'"):
        strict(Article(texts[1], source="doc1"))


def test_html_extraction_past_its_limit_is_e121() -> None:
    """One table row of 200,000 cells costs trafilatura about 100 s; the limit ends it."""
    row = "<td>a</td>" * 200_000
    page = f"<html><body><table><tr>{row}</tr></table><p>The minister said the bridge would reopen.</p></body></html>"
    started = time.monotonic()
    with pytest.raises(InputError, match=r"^E121 'table.html' took longer than 1 s in HTML extraction"):
        extract(page.encode(), source="table.html", max_seconds=1)
    assert time.monotonic() - started < 4
