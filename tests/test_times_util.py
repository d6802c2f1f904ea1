"""Resolution of time expressions against an anchor date."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.stages._lib.times import resolve

ANCHOR = date(2025, 10, 24)  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "resolution"),
    [
        ("October 23", "2025-10-23", "day"),
        ("Oct. 23", "2025-10-23", "day"),
        ("23 October", "2025-10-23", "day"),
        ("December 30", "2024-12-30", "day"),  # well after the anchor: last year
        ("March 3, 2019", "2019-03-03", "day"),
        ("2024", "2024", "year"),
        ("October", "2025-10", "month"),
        ("June 2023", "2023-06", "month"),
        ("the 1990s", "199", "decade"),
        ("yesterday", "2025-10-23", "day"),
        ("today", "2025-10-24", "day"),
        ("Monday", "2025-10-20", "day"),
        ("last Friday", "2025-10-17", "day"),
        ("three days ago", "2025-10-21", "day"),
        ("last year", "2024", "year"),
        ("next month", "2025-11", "month"),
        ("every day", None, "set"),
        ("the coming decades", None, "unresolved"),
    ],
)
def test_resolve(text: str, value: str | None, resolution: str) -> None:
    assert resolve(text, ANCHOR) == (value, resolution)


def test_without_anchor_year_is_unknown() -> None:
    assert resolve("October 23", None) == ("XXXX-10-23", "day")
    assert resolve("yesterday", None) == (None, "unresolved")
