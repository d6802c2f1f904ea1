"""Resolution of time expressions against an anchor date."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.stages._lib.times import (
    frequency_value,
    is_comparison,
    resolve,
    resolve_anaphoric,
    spoken_year,
    timex_mod,
)

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
    # half units and counts with "more"
    ("2 1/2 years", date(1998, 2, 27), None, "P2Y6M"),
    ("two and a half years", date(1998, 2, 27), None, "P2Y6M"),
    ("5 1/2 hours", date(1998, 8, 17), None, "PT5H30M"),
    ("a minute and a half", date(1998, 1, 14), None, "PT1M30S"),
    ("half an hour", date(1998, 1, 14), None, "PT30M"),
    ("two more weeks", date(2000, 6, 1), None, "P2W"),
    ("at least 20 more years", date(1998, 2, 27), None, "P20Y"),
    ("an additional year", date(1989, 11, 2), None, "P1Y"),
    ("no more than sixty days", date(1998, 2, 22), None, "P60D"),
    # a clock time with its day
    ("10 p.m. Wednesday", date(1998, 2, 13), None, "1998-02-11T22:00"),
    ("noon Thursday", date(1998, 2, 13), None, "1998-02-12T12:00"),
    ("9 a.m. EST Tuesday", date(2000, 4, 3), "future", "2000-04-04T09:00"),
    ("5 p.m. EST Nov. 9", date(1989, 11, 2), "future", "1989-11-09T17:00"),
    # years as broadcast transcripts spell them
    ("nineteen ninety-seven", date(1998, 2, 27), None, "1997"),
    ("January nineteen ninety-seven", date(1998, 2, 27), None, "1997-01"),
    ("the winter of nineteen ninety-four", date(1998, 2, 23), None, "1994-WI"),
    ("the year two thousand", date(1998, 2, 5), None, "2000"),
    # the weekend just gone, or the coming one
    ("the weekend", date(1990, 8, 13), None, "1990-W32-WE"),
    ("the weekend", date(1990, 8, 13), "future", "1990-W33-WE"),
    # a month and day a day before the article in a future sentence is that day, not next year's
    ("Jan. 14", date(2000, 1, 15), "future", "2000-01-14"),
    ("Jan. 3", date(1999, 12, 30), "future", "2000-01-03"),
    # named holidays: the last one, the next one in a future sentence, or the year's
    ("Thanksgiving Day", date(2000, 1, 7), None, "1999-11-25"),
    ("last Thanksgiving", date(2000, 2, 10), None, "1999-11-25"),
    ("Easter", date(2000, 4, 17), "future", "2000-04-23"),
    ("Christmas 1997", date(1998, 1, 1), None, "1997-12-25"),
    ("Labor Day", date(2020, 6, 1), "future", "2020-09-07"),
]


@pytest.mark.parametrize(("text", "anchor", "direction", "value"), TIMEML)
def test_timeml_values(text: str, anchor: date, direction: str | None, value: str) -> None:
    assert resolve(text, anchor, direction)[0] == value


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("that year", "1988-06-02", "1988"),
        ("later that year", "1998-03", "1998"),
        ("Earlier that day", "1998-10-23", "1998-10-23"),
        ("the same month", "1998-10-23", "1998-10"),
        ("the following year", "1995", "1996"),
        ("the following year", "1995-05-22", "1996"),  # a calendar year, not a day a year on
        ("the previous month", "1998-10-23", "1998-09"),
        ("the following week", "2000-01-05", "2000-W02"),
        ("the next day", "2000-02-22", "2000-02-23"),
        ("the next morning", "2000-02-22", "2000-02-23"),
        ("the day before", "2000-02-22", "2000-02-21"),
        ("two days later", "1998-10-23", "1998-10-25"),
        ("three weeks earlier", "1998-10-23", "1998-W40"),
        ("a year earlier", "1989-Q3", "1988-Q3"),  # the reference's own granularity
        ("a year earlier", "1989-11-02", "1988-11-02"),
        ("two days later", "1998", None),  # a year is too coarse to count days from
        ("that year", None, None),  # nothing mentioned before: not guessed from the article's date
    ],
)
def test_times_anchored_to_the_last_mentioned_time(text: str, reference: str | None, value: str | None) -> None:
    resolved = resolve_anaphoric(text, reference)
    assert resolved is not None
    assert resolved[0] == value


@pytest.mark.parametrize("text", ["next week", "last year", "two days", "Monday", "the next two weeks"])
def test_times_of_the_article_are_not_anchored_to_earlier_mentions(text: str) -> None:
    assert resolve_anaphoric(text, "1998-10-23") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("nineteen eighty-nine", "1989"), ("two thousand and one", "2001"), ("nineteen oh five", "1905"),
     ("nineteen", None), ("twenty", None), ("two thousand troops", None)],
)  # fmt: skip
def test_spoken_years(text: str, year: str | None) -> None:
    assert spoken_year(text) == year


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the end of 1990", "1990"),  # the period itself; TimeML puts the part in its mod
        ("the middle of October", "1989-10"),
        ("fiscal 1989", "1989"),
        ("the current fiscal year", "1989"),
        ("Sometime next year", "1990"),
        ("next year or so", "1990"),
        ("year ended Sept. 30", "1989-09-30"),  # the date that ends the period, as TimeBank marks it
        ("quarter ending June 30, 1990", "1990-06-30"),
        ("night of Friday, Oct. 23", "1989-10-23"),
        ("April 24 and 25", "1989-04-24"),
        ("its fourth quarter ended Sept. 30", "1989-Q4"),  # a named quarter stays the quarter
        ("a fourth-quarter", "1989-Q4"),
        ("eight trading days", "P8D"),
        ("the 20th century", "19"),  # TimeML: the hundreds digits
        ("the nineties", "199"),
        ("past", "PAST_REF"),  # "the past", its article dropped by the stage
        ("the first nine months of 1997", "P9M"),  # how long, not when
        ("six months ended Oct. 1", "P6M"),
        ("recent years", "PXY"),  # TimeBank: 7 of 12 "recent ..." are such durations
    ],
)
def test_words_around_a_period_that_do_not_change_it(text: str, value: str) -> None:
    assert resolve(text, date(1989, 11, 2), None)[0] == value


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("a year ago", "1989-Q3", "1988-Q3"),  # a report on a quarter: that quarter a year before
        ("the year-earlier period", "1989-Q3", "1988-Q3"),
    ],
)
def test_a_year_ago_in_a_report_on_a_quarter(text: str, reference: str | None, value: str | None) -> None:
    resolved = resolve_anaphoric(text, reference)
    assert resolved is not None and resolved[0] == value


@pytest.mark.parametrize("text", ["a year ago", "year-ago", "the year-earlier period"])
def test_a_year_ago_without_a_quarter_is_a_year_before_the_article(text: str) -> None:
    assert resolve_anaphoric(text, "1988") is None and resolve_anaphoric(text, None) is None
    assert resolve(text, date(1989, 11, 2), None)[0] == "1988"


def test_the_quarter_is_the_one_under_discussion_and_a_comparison_anchors_nothing() -> None:
    assert resolve_anaphoric("the quarter", "1989-Q3") == ("1989-Q3", "quarter")
    assert resolve_anaphoric("the latest period", "1989-Q3") == ("1989-Q3", "quarter")
    assert resolve_anaphoric("quarter", "1989-11-02") is None  # no quarter discussed: not this one
    # a second "a year ago" is not two years back: comparisons do not become the reference
    assert is_comparison("a year ago") and is_comparison("the year-earlier period")
    assert not is_comparison("last year") and not is_comparison("two years later")


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("year-end", date(1989, 10, 26), "1989"),  # by year-end: this year (mod END)
        ("year's end", date(1989, 10, 26), "1989"),
        ("this past spring", date(1989, 10, 30), "1989-SP"),
        ("the week of March 6", date(2000, 2, 24), "2000-W10"),
        ("the last half of 1989", None, "1989-H2"),
        ("the third quarter of this year", date(2009, 10, 20), "2009-Q3"),
        ("the first quarter of last year", date(2009, 4, 20), "2008-Q1"),
        ("next year's first quarter", date(1989, 10, 31), "1990-Q1"),
        ("the final quarter of 2009", None, "2009-Q4"),
        ("the fiscal-first quarter", date(1989, 10, 26), "1989-Q1"),
        ("18:00 UTC", date(2009, 12, 15), "2009-12-15T18:00Z"),
        ("12:00 UTC Monday", date(2009, 6, 1), "2009-06-01T12:00Z"),
        ("a decade ago", date(1999, 3, 12), "1989"),
        ("Election Day", date(1998, 11, 5), "1998-11-03"),
        ("the previous Friday", date(1989, 10, 27), "1989-10-20"),
        ("both 1990", None, "1990"),
        ("an Aug. 10, 1988", None, "1988-08-10"),
        ("two to three weeks", None, "P2W"),  # the first count (TimeML's mod says the rest)
        ("the latest nine months", None, "P9M"),
        ("six straight days", None, "P6D"),
        ("two consecutive quarters", None, "P2Q"),
        ("a later date", None, "FUTURE_REF"),
        ("mid afternoon", date(1998, 3, 6), "1998-03-06TAF"),
        ("the quarter", date(1989, 10, 26), "1989-Q3"),  # none under discussion: the latest one
    ],
)
def test_more_timeml_values(text: str, anchor: date | None, value: str) -> None:
    assert resolve(text, anchor)[0] == value


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("the year", "1989-Q3", "1989"),  # "for the year": the year under discussion
        ("the full year", "1989-10-26", "1989"),
        ("the beginning of the year", "2008-02-03", "2008"),
        ("the day", "2009-02-23", "2009-02-23"),  # "to end the day at 7,114.3"
        ("the week's", "1989-10-26", "1989-W43"),
        ("that quarter", "1988-Q2", "1988-Q2"),
        ("the year previous", "2009", "2008"),
    ],
)
def test_more_times_anchored_to_the_last_mentioned_time(text: str, reference: str, value: str) -> None:
    resolved = resolve_anaphoric(text, reference)
    assert resolved is not None and resolved[0] == value


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("every day", "P1D"),
        ("daily", "P1D"),
        ("weekly", "P1W"),
        ("annual", "P1Y"),
        ("hourly", "PT1H"),
        ("every other week", "P2W"),
        ("every four years", "P4Y"),
        ("every Monday", "XXXX-WXX-1"),
        ("Mondays", "XXXX-WXX-1"),
        ("Tuesday nights", "XXXX-WXX-2TNI"),
        ("each July", "XXXX-07"),
        ("Monday", None),
        ("the day", None),
    ],
)
def test_sets_have_timeml_values(text: str, frequency: str | None) -> None:
    assert frequency_value(text) == frequency
    assert (resolve(text, ANCHOR)[1] == "set") == (frequency is not None)


@pytest.mark.parametrize(
    ("text", "mod"),
    [
        ("early 1991", "START"),
        ("Earlier this year", "START"),
        ("the beginning of October", "START"),
        ("mid-2011", "MID"),
        ("the middle of October", "MID"),
        ("late November", "END"),
        ("the end of 1990", "END"),
        ("year-end", "END"),
        ("about two weeks", "APPROX"),
        ("a week or so ago", "APPROX"),
        ("more than four hours", "MORE_THAN"),
        ("almost two years ago", "LESS_THAN"),
        ("at least 30 days", "EQUAL_OR_MORE"),
        ("no more than sixty days", "EQUAL_OR_LESS"),
        ("1990 and beyond", "ON_OR_AFTER"),
        ("post-1959", "AFTER"),
        ("since 2024", None),
        ("over the past two years", None),  # "over" the period, not more than it
        ("last week", None),
    ],
)
def test_timeml_mods(text: str, mod: str | None) -> None:
    assert timex_mod(text) == mod


def test_a_bound_on_a_date_is_a_points_mod() -> None:
    assert timex_mod("until at least 2007", point=True) == "ON_OR_AFTER"
    assert timex_mod("more than a year ago", point=True) == "MORE_THAN"  # how long ago: an amount
    assert timex_mod("at least 30 days") == "EQUAL_OR_MORE"
