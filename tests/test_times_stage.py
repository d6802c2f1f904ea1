"""The times stage on parsed sentences: which way a bare weekday points, time words the parser does
not tag, and times anchored to the one the text mentioned before."""

from __future__ import annotations

import pytest

import newstrace

pytestmark = pytest.mark.model


def values(text: str, published: str) -> dict[str, str | None]:
    article = newstrace.analyze(text, published=published)
    return {t.span.text: t.value for t in article.times if t.role != "published"}


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # 2000-04-03 is a Monday
        ("The father could come to the U.S. as early as Tuesday.", "Tuesday", "2000-04-04"),  # a modal: ahead
        ("The group met on Tuesday.", "Tuesday", "2000-03-28"),
        ("Relatives vowed to fight Wednesday's ruling in court.", "Wednesday", "2000-03-29"),  # possessive: past
        ("Officials staged celebrations to mark the entry into NATO on Friday.", "Friday", "2000-03-31"),
        ("Officials plan to mark the entry into NATO on Friday.", "Friday", "2000-04-07"),  # planned: ahead
    ],
)
def test_the_verb_decides_which_way_a_weekday_points(sentence: str, expression: str, value: str) -> None:
    assert values(sentence, "2000-04-03")[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # 1989-11-02: a month and day ahead when something is payable, scheduled or to be done by it
        ("The dividend is payable Dec. 7 to holders of record.", "Dec. 7", "1989-12-07"),
        ("The deal is scheduled for completion by Dec. 10.", "Dec. 10", "1989-12-10"),
        ("They expect the transaction to be completed by Dec. 15.", "Dec. 15", "1989-12-15"),
        ("The company paid a dividend on Oct. 7.", "Oct. 7", "1989-10-07"),
    ],
)
def test_what_is_due_or_scheduled_points_ahead(sentence: str, expression: str, value: str) -> None:
    assert values(sentence, "1989-11-02")[expression] == value


def test_time_words_the_parser_does_not_tag() -> None:
    found = values(
        "Prices are now higher than in the past, and the paper is published daily. Now that it is over, "
        "nobody knows what the future holds. The bank recently raised its rates.",
        "2000-04-03",
    )
    assert found["now"] == "PRESENT_REF"
    assert found["recently"] == "PAST_REF"  # TimeBank marks 12 of its 20
    assert found["daily"] is None  # found, a frequency: no date
    assert "Now" not in found  # "now that" is a conjunction


def test_times_anchored_to_the_one_mentioned_before() -> None:
    found = values(
        "The agreement was signed on March 3, 1998. Two days later, the parliament ratified it, "
        "and later that year the border opened.",
        "2000-04-03",
    )
    assert found["March 3, 1998"] == "1998-03-03"
    assert found["Two days later"] == "1998-03-05"
    assert found["later that year"] == "1998"


def test_holidays_are_found_and_dated() -> None:
    found = values("Stores were crowded after Thanksgiving Day, and easter eggs sold out.", "2000-01-07")
    assert found["Thanksgiving Day"] == "1999-11-25"
    assert not any("easter" in text for text in found)  # not a name when not capitalized
