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
        ("the 1990s", "199X", "decade"),
        ("yesterday", "2025-10-23", "day"),
        ("today", "2025-10-24", "day"),
        ("Monday", "2025-10-20", "day"),
        ("last Friday", "2025-10-17", "day"),
        ("three days ago", "2025-10-21", "day"),
        ("last year", "2024", "year"),
        ("next month", "2025-11", "month"),
        ("every day", None, "set"),
        ("the coming decades", "PXY", "duration"),
        ("the sky", None, "unresolved"),
    ],
)
def test_resolve(text: str, value: str | None, resolution: str) -> None:
    assert resolve(text, ANCHOR) == (value, resolution)


def test_without_anchor_year_is_unknown() -> None:
    assert resolve("October 23", None) == ("XXXX-10-23", "day")
    assert resolve("yesterday", None) == (None, "unresolved")


# The expressions issue 15 names, each as TimeML writes it (article dates as in the articles read).
TIMEML = [
    ("August 1", date(2019, 6, 2), "future", "2019-08-01"),  # "will take effect August 1"
    ("September 1", date(2019, 6, 2), "future", "2019-09-01"),
    ("July 1", date(2019, 6, 2), "future", "2019-07-01"),
    ("earlier Monday", date(2025, 10, 24), None, "2025-10-20"),
    ("this past Monday", date(2025, 10, 24), None, "2025-10-20"),
    ("this past Friday", date(2025, 10, 24), None, "2025-10-17"),  # said on a Friday: the week before
    ("Eleven years ago", date(2025, 10, 24), None, "2014"),
    ("the fourth of March", date(2025, 10, 24), None, "2025-03-04"),
    ("mid-2011", date(2011, 1, 10), None, "2011"),
    ("next summer", date(2011, 1, 10), None, "2011-SU"),
    ("next summer", date(2011, 9, 10), None, "2012-SU"),
    ("last fall", date(1999, 5, 7), None, "1998-FA"),
    ("90 days", date(2011, 1, 10), None, "P90D"),
    ("'11", date(2010, 12, 1), None, "2011"),
    ("last financial quarter", date(2011, 1, 10), None, "2010-Q4"),
    ("third-quarter", date(1989, 10, 20), None, "1989-Q3"),
    ("the fourth quarter", date(1998, 1, 20), None, "1997-Q4"),
    ("about two weeks", date(1999, 1, 22), None, "P2W"),
    ("five hours", date(1999, 1, 22), None, "PT5H"),
    ("two-day", date(1999, 1, 22), None, "P2D"),
    ("the past decade", date(1999, 1, 22), None, "P10Y"),
    ("years", date(1999, 1, 22), None, "PXY"),
    ("now", date(1999, 1, 22), None, "PRESENT_REF"),
    ("the future", date(1999, 1, 22), None, "FUTURE_REF"),
    ("several years ago", date(1999, 1, 22), None, "PAST_REF"),
    ("10:35 a.m.", date(1998, 8, 7), None, "1998-08-07T10:35"),
    ("10 p.m.", date(1998, 8, 7), None, "1998-08-07T22:00"),
    ("midday", date(1999, 10, 8), None, "1999-10-08T12:00"),
    ("this morning", date(1998, 1, 8), None, "1998-01-08TMO"),
    ("Sunday night", date(2000, 3, 27), None, "2000-03-26TNI"),
    ("Tuesday", date(2000, 4, 3), "future", "2000-04-04"),  # "will meet Tuesday"
    ("Tuesday", date(2000, 4, 3), "past", "2000-03-28"),  # "met Tuesday"
    ("April", date(1998, 12, 5), "future", "1999-04"),
    ("June last year", date(1998, 3, 1), None, "1997-06"),
    ("last October", date(1999, 2, 6), None, "1998-10"),
    ("Friday, Oct. 23", date(1998, 10, 25), None, "1998-10-23"),
    ("the late 1980s", date(1998, 10, 25), None, "198X"),
    ("last year's", date(1998, 10, 25), None, "1997"),
    ("between 1994 and 1997", date(1998, 10, 25), None, "1994"),
]


@pytest.mark.parametrize(("text", "anchor", "direction", "value"), TIMEML)
def test_timeml_values(text: str, anchor: date, direction: str | None, value: str) -> None:
    assert resolve(text, anchor, direction)[0] == value
