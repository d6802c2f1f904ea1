"""Resolve time expressions against an anchor date (the article's publication date).

Values follow TimeML/TIMEX3 conventions as TimeBank writes them: ``2025-10-23`` (day), ``2025-10``
(month), ``2024`` (year), ``2025-W43`` (week), ``199X`` (decade), ``2025-SU`` (season),
``2025-10-23TNI`` (a part of a day), ``2025-10-23T10:35`` (a time), ``P2W`` / ``PT5H`` / ``PXY``
(durations), ``PRESENT_REF``; ``XXXX-10-23`` when the year is unknown; ``None`` for sets ("every
day") and for what cannot be resolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTHS.update({k.capitalize(): v for k, v in list(MONTHS.items())})
MONTHS.update({k.upper(): v for k, v in list(MONTHS.items()) if k.islower()})

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year", "decade": "decade", "decades": "decade"}  # fmt: skip
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}  # fmt: skip

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_DAY_RE = re.compile(rf"^{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?$")
DAY_MONTH_RE = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?$")
MONTH_YEAR_RE = re.compile(rf"^(?:(?:early|late|mid|mid-)\s*)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?$")
ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
YEAR_RE = re.compile(r"^(?:the\s+)?(?:year\s+)?(?P<year>1[89]\d\d|20\d\d)$")
DECADE_RE = re.compile(r"^(?:the\s+)?(?P<decade>1[89]\d|20\d)0s$")
RELATIVE_RE = re.compile(r"^(?P<which>last|next|this|past|coming)\s+(?P<unit>week|month|year|weekend)$")
# How far back a month and day may lie from the article's date and still be this year's in a
# sentence about the future.
FUTURE_GRACE_DAYS = 14


# Words around an expression that do not change its value: "about two weeks", "early 1997",
# "last year's", "mid-2011", "late-November", "earlier this week".
_QUALIFIERS = re.compile(
    r"^(?:(?:about|around|nearly|almost|only|just|some|roughly|approximately|at least|at most|up to|as long as|"
    r"as much as|no more than|no less than|more than|less than|over|under|barely|fully|another|sometime|both)\s+)+"
)
# "the end of 1990", "the middle of October", "the start of next week": the period itself (TimeML
# puts the part in the mod); "fiscal 1989" is the year; "the current fiscal year" is this one.
_PART_OF = re.compile(r"^(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?=\S)")
_FISCAL = re.compile(r"^fiscal\s+(?=\d{4}$)")
_CURRENT_YEAR = re.compile(r"^(?:the\s+)?current\s+(?:fiscal\s+|calendar\s+)?year$")
# "the year ended Sept. 30", "the quarter ending June 30, 1990": the date that ends it (TimeBank marks
# that date); "the night of Oct. 23", "the early hours of Thursday morning": the day.
_ENDED = re.compile(r"^(?:the\s+)?(?:fiscal\s+)?(?:year|quarter|half|period)\s+(?:ended|ending)\s+(?=\S)")
_PART_OF_DAY = re.compile(r"^(?:the\s+)?(?:early\s+hours|night|morning|evening|afternoon)\s+of\s+(?=\S)")
# "year-ago", "the year-earlier period" with no quarter under discussion: a year before the article
_YEAR_AGO_ADJECTIVE = re.compile(r"^(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter|level|results?))?$")
# "its fourth quarter ended Sept. 30", "a fourth-quarter": the quarter
_ORDINAL_QUARTER = re.compile(
    r"^(?:its\s+|their\s+|a\s+)?(?P<q>(?:first|second|third|fourth)[\s-]quarter)(?:\s+(?:ended|ending)\s+.+)?$"
)
# "the first nine months of 1997", "the six months ended Oct. 1": how long, P9M
_MONTHS_OF = re.compile(r"^(?:the\s+)?(?:first\s+)?(?P<d>\S+\s+months)\s+(?:ended|ending|of)\s+.+$")
# "eight trading days": days all the same
_DAY_KIND = re.compile(
    r"\s+(?:trading|business|working|calendar|straight|consecutive)\s+(?=(?:days?|weeks?|months?|quarters?|years?)$)"
)
# "the 20th century" is 19 in TimeML (the hundreds digits), "the nineties" 199
_CENTURY = re.compile(r"^(?:the\s+|a\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century$")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
# "April 24 and 25": the first day (TimeBank marks the two apart)
_AND_DAY = re.compile(r"^(.*\d)\s+and\s+\d{1,2}$")
# "two more weeks", "an additional year", "20 further years": the count is the duration
_MORE = re.compile(r"^(\S+)\s+(?:more|additional|further|extra)\s+(?=\S)")
# "two to three weeks", "the next 12 to 18 months": the first count (TimeML's mod says the rest)
_RANGE_COUNT = re.compile(r"(\S+)\s+(?:to|or)\s+\S+\s+(?=(?:days|weeks|months|years|hours|minutes)$)")
_MODIFIER = re.compile(r"^(?:early|late|mid|earlier|later)(?:\s+|-)(?=\S)")
_NUMBERS = {
    **{k: v for k, v in NUMBER_WORDS.items() if v is not None},
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_VAGUE = {"several", "few", "a few", "many", "a couple of", "couple of", "a number of", "some"}
# unit -> (TIMEX3 designator, multiplier, is a time unit)
_DURATION_UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}  # fmt: skip
_NUMBER = r"\d+|" + "|".join(sorted((re.escape(w) for w in [*_NUMBERS, *_VAGUE]), key=len, reverse=True))
_UNIT_WORDS = r"(?:days?|weeks?|months?|years?|decades?)"
AGO_RE = re.compile(
    rf"^(?P<n>\d+|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})\s+"
    r"(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago$"
)
DURATION_RE = re.compile(
    rf"^(?:the\s+)?(?:(?P<span>past|last|latest|next|first|coming|previous|following|final)\s+)?"
    rf"(?:(?P<n>{_NUMBER})\s*-?\s*)?(?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|"
    r"years?|decades?|century|centuries)(?:\s*-?\s*(?:long|old))?$"
)
PART_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI"}
WEEKDAY_PART_RE = re.compile(
    r"^(?:(?P<which>last|this past|this|next|on|previous|the previous)\s+)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$"
)
CLOCK_RE = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>a\.?\s?m\.?|p\.?\s?m\.?)(?:\s+[a-z]{2,4}t)?$"
)
# A clock time with its day: "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9".
# "18:00 UTC", "14:58": a 24-hour clock (with a zone, the UTC TimeML writes as Z)
CLOCK_24_RE = re.compile(r"^(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s+(?P<zone>utc|gmt))?$")
CLOCK_DAY_RE = re.compile(
    r"^(?P<clock>(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)(?:\s+[a-z]{2,4}t)?)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s+(?:utc|gmt))?|noon|midnight),?\s+"
    r"(?:on\s+)?(?P<day>(?:last\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|today|yesterday|tomorrow|[a-z]{3,9}\.?\s+\d{1,2})$"
)
HALF_OF_YEAR_RE = re.compile(r"^(?:the\s+)?(?P<which>first|second|last)\s+half\s+of\s+(?P<year>\d{4})$")  # 1989-H2
WEEK_OF_RE = re.compile(r"^(?:the\s+)?week\s+of\s+(?P<day>.+\d.*)$")  # "the week of March 6": that ISO week
SPOKEN_PART_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<season>spring|summer|fall|autumn|winter)\s+of|(?P<month>[a-z]{3,9})(?:\s+of)?)"
    r"\s+(?P<rest>[a-z -]+)$"
)
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_CENTURIES = {"seventeen": 1700, "eighteen": 1800, "nineteen": 1900, "twenty": 2000}


def _spoken_below_100(words: list[str]) -> int | None:
    """'ninety-seven' (as ['ninety', 'seven']), 'twelve', 'oh five' -> 97, 12, 5."""
    if len(words) == 1:
        return _ONES.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] == "oh" and words[1] in _ONES and _ONES[words[1]] < 10:
        return _ONES[words[1]]
    if len(words) == 2 and words[0] in _TENS and words[1] in _ONES and _ONES[words[1]] < 10:
        return _TENS[words[0]] + _ONES[words[1]]
    return None


def spoken_year(expr: str) -> str | None:
    """A year as broadcast transcripts write it: "nineteen ninety-seven" 1997, "the year two thousand"
    2000, "two thousand and one" 2001; None for anything else."""
    words = re.sub(r"^(?:the\s+)?year\s+", "", expr).replace("-", " ").split()
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        rest = words[3:] if len(words) > 2 and words[2] == "and" else words[2:]
        if not rest:
            return "2000"
        below = _spoken_below_100(rest)
        return str(2000 + below) if below is not None else None
    if len(words) >= 2 and words[0] in _CENTURIES:
        below = _spoken_below_100(words[1:])
        if below is not None and (below >= 10 or words[1] == "oh"):
            return str(_CENTURIES[words[0]] + below)
    return None


SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_RE = re.compile(r"^(?:(?P<which>last|this|next|past|coming)\s+)?(?P<season>spring|summer|fall|autumn|winter)$")
MONTH_RELATIVE_YEAR_RE = re.compile(rf"^{_MONTH_RE}\s+(?:of\s+)?(?P<which>this|last|next)\s+year$")
LAST_MONTH_RE = re.compile(rf"^(?P<which>last|next|this)\s+{_MONTH_RE}$")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
QUARTER_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<year>\d{4})\s+|(?P<which>this|last|next)\s+year(?:'s|’s)\s+)?(?:(?:fiscal|financial)[\s-]+)?"
    r"(?P<nth>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    r"[\s-]+(?:(?:fiscal|financial)\s+)?quarter(?:\s+of\s+(?:(?P<of>\d{4})|(?P<which_of>this|last|next)\s+year))?$"
)
OTHER_QUARTER_RE = re.compile(
    r"^(?:the\s+)?(?P<which>latest|last|previous|most recent|past|this|current|next|coming)\s+"
    r"(?:(?:fiscal|financial)\s+)?quarter$"
)
DAY_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}  # fmt: skip
ORDINAL_DAY_RE = re.compile(rf"^(?:the\s+)?(?P<day>[a-z-]+)\s+of\s+{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?$")
SHORT_YEAR_RE = re.compile(r"^(?:'|’)(?P<yy>\d\d)$")
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "the present": "PRESENT_REF",
    "present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "a later date": "FUTURE_REF", "a later time": "FUTURE_REF", "future years": "FUTURE_REF",
    "future quarters": "FUTURE_REF", "future months": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the past": "PAST_REF", "past": "PAST_REF",
    "recently": "PAST_REF",
    "once": "PAST_REF", "formerly": "PAST_REF", "recent years": "PXY", "recent months": "PXM",
    "recent weeks": "PXW", "recent days": "PXD",
}  # fmt: skip


def normalize_expression(text: str) -> str:
    """The words that carry an expression's value: lower case, one space, without qualifiers ("about"),
    modifiers ("early", "mid-"), a possessive ("last year's") or a closing period."""
    expr = " ".join(text.strip().split()).lower()
    expr = re.sub(r"(?:'s|’s|')$", "", expr).rstrip(".,;:")
    expr = _QUALIFIERS.sub("", expr)
    expr = re.sub(r"^this\s+past\s+(?=(?:spring|summer|fall|autumn|winter|week|weekend|month|year)$)", "last ", expr)
    # "by year-end": this year (mod END); "an Aug. 10, 1988, agreement": the date
    expr = re.sub(r"^(?:the\s+)?(?:year[\s-]end|year's\s+end|year’s\s+end)$", "this year", expr)
    expr = re.sub(rf"^an?\s+(?={_MONTH_RE}\s+\d)", "", expr)
    expr = _RANGE_COUNT.sub(r"\1 ", expr)
    expr = _MORE.sub(r"\1 ", expr)
    expr = re.sub(r"^the\s+(?=(?:early|late|mid)\b)", "", expr)
    expr = _MODIFIER.sub("", expr)
    expr = re.sub(r"\s+or\s+so\b", "", expr)  # "next year or so", "a week or so ago"
    expr = _FISCAL.sub("", _PART_OF.sub("", _PART_OF_DAY.sub("", _ENDED.sub("", expr))))
    expr = _AND_DAY.sub(r"\1", expr)
    expr = _ORDINAL_QUARTER.sub(r"\g<q>", expr)
    expr = _MONTHS_OF.sub(r"\g<d>", expr)
    expr = _DAY_KIND.sub(" ", expr)
    expr = _CURRENT_YEAR.sub("this year", expr)
    expr = _YEAR_AGO_ADJECTIVE.sub("a year ago", expr)
    # "Friday, Oct. 23": the date says it all; "between 1994 and 1997": the range's start
    expr = re.sub(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?=[a-z]+\.?\s+\d)", "", expr)
    range_start = re.match(r"^(?:between|from)?\s*(\d{4})\s*(?:and|to|-|–|through)\s*\d{4}$", expr)
    return range_start.group(1) if range_start else expr


# Half a unit in the next smaller one, as TimeML writes "2 1/2 years" (P2Y6M) or "an hour and a half"
# (PT1H30M).
_HALVES = {"year": ("6M", False), "month": ("15D", False), "week": ("3DT12H", False), "day": ("T12H", False),
           "hour": ("30M", True), "minute": ("30S", True)}  # fmt: skip
HALF_RE = re.compile(
    rf"^(?:(?P<n>{_NUMBER})\s+(?:1/2|½|and\s+a\s+half)\s+(?P<unit>\w+?)s?"
    rf"|(?P<n2>a|an|one)\s+(?P<unit2>\w+?)\s+and\s+a\s+half|half\s+an?\s+(?P<unit3>\w+))$"
)


def _half_duration(expr: str) -> str | None:
    """``P2Y6M`` for "2 1/2 years" or "two and a half years", ``PT30M`` for "half an hour"."""
    match = HALF_RE.match(expr)
    if not match:
        return None
    unit = match["unit"] or match["unit2"] or match["unit3"]
    if unit not in _HALVES:
        return None
    designator, _, is_time = _DURATION_UNITS[unit]
    half, half_is_time = _HALVES[unit]
    raw = match["n"] or match["n2"]
    if raw is None:  # "half an hour"
        return ("PT" if half_is_time else "P") + half
    if raw in _VAGUE:
        return None
    number = int(raw) if raw.isdigit() else _NUMBERS[raw]
    whole = f"{number}{designator}"
    if is_time:
        return f"PT{whole}{half}"
    return f"P{whole}{half}"


def duration_value(expr: str) -> str | None:
    """``P2W``, ``PT5H``, ``P10Y`` ("a decade"), ``PXY`` ("years", "several years"), ``P2Y6M``
    ("2 1/2 years"), or None."""
    half = _half_duration(expr)
    if half is not None:
        return half
    match = DURATION_RE.match(expr)
    if not match:
        return None
    unit = "century" if match["unit"] == "centuries" else match["unit"].removesuffix("s")
    designator, multiplier, is_time = _DURATION_UNITS[unit]
    plural = match["unit"].endswith("s") or match["unit"] == "centuries"
    raw = match["n"]
    if raw is None:
        if not plural and not match["span"]:
            return None  # a bare "year", "day": not a duration on its own
        if not plural and match["span"] and not expr.startswith("the ") and unit in {"day", "week", "month", "year"}:
            return None  # "last year", "next week": a date, resolved elsewhere ("past decade" is a duration)
        amount: str = "X" if plural else str(multiplier)
    elif raw in _VAGUE:
        amount = "X"
    else:
        number = int(raw) if raw.isdigit() else _NUMBERS[raw]
        amount = str(number * multiplier)
    return f"P{'T' if is_time else ''}{amount}{designator}"


def month_number(name: str) -> int | None:
    return MONTHS.get(name.rstrip("."), MONTHS.get(name.rstrip(".").lower()))


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    match = ISO_RE.match(value[:10])
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _closest_year(month: int, day: int, anchor: date) -> int:
    """News dates without a year are recent: take the anchor's year unless that lands well after it."""
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    if candidate - anchor > timedelta(days=31):
        return anchor.year - 1
    return anchor.year


# Month names and the abbreviations wire copy uses, the targets of :func:`fuzzy_month_number`.
_MONTH_FORMS: dict[str, int] = {name: number for name, number in MONTHS.items() if name.islower()}


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def fuzzy_month_number(word: str) -> int | None:
    """Month of a month word as typed on the wire: any case, and one slip tolerated.

    Wire copy has "FEb", "MArch", "Narch", "Macrh", "Apri", "Juen": exact names match in any case;
    otherwise a word of three letters or more that is one edit (insert, delete, substitute, swap)
    from exactly one month's name or abbreviation gets that month. Ambiguous slips ("Mat": March
    or May) get None. Only meant where a month is expected (the date slot of a dateline).
    """
    lowered = word.rstrip(".").lower()
    if lowered in _MONTH_FORMS:
        return _MONTH_FORMS[lowered]
    if len(lowered) < 3 or not lowered.isalpha():
        return None
    found = {
        number for form, number in _MONTH_FORMS.items() if len(form) >= 3 and _edit_distance_at_most_one(lowered, form)
    }
    return found.pop() if len(found) == 1 else None


def nearest_day(month: int, day: int, anchor: date | None, year: int | None = None) -> str | None:
    """ISO date of a month and day, in the year that puts it nearest the anchor (or None if no such day).

    A dateline's date is within days of publication, so "December 31" on a story published on
    January 1 is the day before, last year, and "January 1" published on December 31 is next year's.
    Without a year or an anchor the year is unknown: ``XXXX-MM-DD``.
    """
    if year is not None:
        candidates = [year]
    elif anchor is not None:
        candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    else:
        try:
            date(2000, month, day)  # a leap year: February 29 is a valid day without a year
        except ValueError:
            return None
        return f"XXXX-{month:02d}-{day:02d}"
    best: date | None = None
    for candidate_year in candidates:
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if best is None or anchor is None or abs(candidate - anchor) < abs(best - anchor):
            best = candidate
    return best.isoformat() if best else None


def _day_value(month: int, day: int, year: str | None, anchor: date | None) -> str | None:
    if year:
        return f"{int(year):04d}-{month:02d}-{day:02d}"
    if anchor:
        return f"{_closest_year(month, day, anchor):04d}-{month:02d}-{day:02d}"
    return f"XXXX-{month:02d}-{day:02d}"


def _shift_months(anchor: date, months: int) -> tuple[int, int]:
    total = anchor.year * 12 + (anchor.month - 1) + months
    return total // 12, total % 12 + 1


def _weekday(anchor: date, weekday: int, which: str | None, direction: str | None) -> date:
    """The day of that weekday the text means: the past one by default (wire copy reports what
    happened), the coming one after "next" or in a future sentence, today when it is that day."""
    if which == "next" or (which in {None, "on", "this"} and direction == "future"):
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if which == "next" else 0))
    behind = (anchor.weekday() - weekday) % 7
    if which in {"last", "this past", "previous", "the previous"} and behind == 0:
        behind = 7
    return anchor - timedelta(days=behind)


def clock_of_day(expr: str) -> str | None:
    """The time part of a clock time ("10:35 a.m." T10:35, "noon" T12:00, "midnight" T24:00), or None."""
    match = CLOCK_RE.match(expr)
    if match and 1 <= int(match["hour"]) <= 12:
        hour = int(match["hour"]) % 12 + (12 if match["half"].startswith("p") else 0)
        return f"T{hour:02d}:{int(match['minute'] or 0):02d}"
    match = CLOCK_24_RE.match(expr)
    if match:
        return f"T{int(match['hour']):02d}:{match['minute']}" + ("Z" if match["zone"] else "")
    return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}.get(expr)


def resolve(text: str, anchor: date | None, direction: str | None = None) -> tuple[str | None, str]:
    """(value, resolution) for one expression; resolution names the granularity or why there is none.

    ``direction`` ('past' or 'future', from the tense of the verb the expression belongs to)
    decides which way a bare weekday or month points: "will meet on Monday" is the next Monday.
    """
    raw = " ".join(text.strip().split())
    if is_set(raw):
        # a frequency, not a date: no value (the seed's reference analysis); `frequency_value` gives
        # TimeML's (P1D)
        return None, "set"
    lowered = normalize_expression(raw)
    expr = raw if lowered == raw.lower() else lowered
    if lowered in REFERENCES:
        value = REFERENCES[lowered]
        return value, ("reference" if value.endswith("_REF") else "duration")  # "recent years" PXY
    if match := _CENTURY.match(lowered):
        return f"{int(match['n']) - 1:02d}", "century"
    if (decade := _DECADE_WORDS.get(lowered.removeprefix("the "))) is not None:
        return f"19{decade}", "decade"  # "the nineties": the 1990s, as TimeBank reads them
    duration = duration_value(lowered)
    if duration is not None:
        return duration, "duration"
    match = CLOCK_DAY_RE.match(lowered)
    if match:
        day_value, _ = resolve(match["day"], anchor, direction)
        clock = clock_of_day(match["clock"])
        if day_value and _DAY_VALUE.fullmatch(day_value) and clock:
            return day_value + clock, "time"
    spoken = spoken_year(lowered)
    if spoken is not None:
        return spoken, "year"
    match = HALF_OF_YEAR_RE.match(raw.lower())
    if match:
        return f"{match['year']}-H{1 if match['which'] == 'first' else 2}", "half"
    match = WEEK_OF_RE.match(lowered)
    if match:
        day_value, _ = resolve(match["day"], anchor, direction)
        if day_value and (day := parse_iso(day_value)) is not None and _DAY_VALUE.fullmatch(day_value):
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}", "week"
    holiday = holiday_value(lowered, anchor, direction)
    if holiday is not None:
        return holiday, "day"
    match = SPOKEN_PART_RE.match(lowered)
    if match and (spoken_in := spoken_year(match["rest"])) is not None:
        if match["season"]:
            return f"{spoken_in}-{SEASONS[match['season']]}", "season"
        if (month := month_number(match["month"])) is not None:
            return f"{spoken_in}-{month:02d}", "month"
    clock = clock_of_day(lowered)
    if clock and anchor is not None:
        return anchor.isoformat() + clock, "time"
    if lowered in {"morning", "afternoon", "evening"} and anchor is not None:  # "by mid afternoon"
        return anchor.isoformat() + PART_OF_DAY[lowered], "part of day"
    if lowered in {"this morning", "this afternoon", "this evening", "tonight"} and anchor is not None:
        return anchor.isoformat() + PART_OF_DAY[lowered.removeprefix("this ")], "part of day"
    match = WEEKDAY_PART_RE.match(lowered)
    if match and anchor is not None:
        day = _weekday(anchor, WEEKDAYS[match["weekday"]], match["which"], direction)
        if match["part"]:
            return day.isoformat() + PART_OF_DAY[match["part"]], "part of day"
        return day.isoformat(), "day"
    match = QUARTER_RE.match(lowered)
    if match and (match["year"] or match["of"] or anchor is not None):
        nth = _ORDINALS[match["nth"]]
        if match["year"] or match["of"]:
            year = int(match["year"] or match["of"])
        elif which := match["which"] or match["which_of"]:  # "next year's first quarter"
            assert anchor is not None
            year = anchor.year + {"this": 0, "last": -1, "next": 1}[which]
        else:
            assert anchor is not None
            current = (anchor.month - 1) // 3 + 1
            year = anchor.year - (1 if nth > current and direction != "future" else 0)
        return f"{year}-Q{nth}", "quarter"
    # "the quarter" with none under discussion: the latest one reported, as "the latest quarter"
    match = OTHER_QUARTER_RE.match("the latest quarter" if lowered in {"quarter", "the quarter"} else lowered)
    if match and anchor is not None:
        step = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(match["which"], -1)
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{index // 4}-Q{index % 4 + 1}", "quarter"
    match = ORDINAL_DAY_RE.match(lowered)
    if match and match["day"] in DAY_ORDINALS and (month := month_number(match["month"])):
        return _day_value(month, DAY_ORDINALS[match["day"]], match["year"], anchor), "day"
    match = SHORT_YEAR_RE.match(lowered)
    if match:
        century = (anchor.year // 100) * 100 if anchor else 2000
        year = century + int(match["yy"])
        if anchor and year > anchor.year + 10:
            year -= 100
        return str(year), "year"
    if re.match(rf"^(?:several|a few|few|many|some)\s+{_UNIT_WORDS}\s+ago$", lowered):
        return "PAST_REF", "reference"
    match = SEASON_RE.match(lowered)
    if match and anchor is not None:
        season = SEASONS[match["season"]]
        now = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(anchor.month, "FA")
        order = ["WI", "SP", "SU", "FA"]
        year = anchor.year
        if match["which"] in {"last", "past"}:
            year -= 1 if order.index(season) >= order.index(now) else 0
        elif match["which"] in {"next", "coming"}:
            year += 1 if order.index(season) <= order.index(now) else 0
        return f"{year}-{season}", "season"
    match = MONTH_RELATIVE_YEAR_RE.match(lowered)
    if match and anchor is not None and (month := month_number(match["month"])):
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match["which"]]
        return f"{year}-{month:02d}", "month"
    if lowered.startswith("last ") and anchor is not None:
        match = MONTH_DAY_RE.match(lowered[5:]) or DAY_MONTH_RE.match(lowered[5:])
        if match and not match["year"] and (month := month_number(match["month"])):
            return _day_value(month, int(match["day"]), None, anchor), "day"
    match = LAST_MONTH_RE.match(lowered)
    if match and anchor is not None and (month := month_number(match["month"])):
        if match["which"] == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif match["which"] == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
        return f"{year}-{month:02d}", "month"
    if direction == "future" and anchor is not None:
        match = MONTH_DAY_RE.match(expr) or DAY_MONTH_RE.match(expr)
        if match and not match["year"] and (month := month_number(match["month"])):
            try:
                this_year = date(anchor.year, month, int(match["day"]))
                # a day just gone is that day, whatever the tense ("to return the child by Jan. 14",
                # written on January 15); further back, the coming year's
                if this_year >= anchor - timedelta(days=FUTURE_GRACE_DAYS):
                    return this_year.isoformat(), "day"
                return date(anchor.year + 1, month, int(match["day"])).isoformat(), "day"
            except ValueError:
                return None, "unresolved"
        match = MONTH_YEAR_RE.match(expr)
        if match and not match["year"] and (month := month_number(match["month"])):
            return f"{anchor.year if month >= anchor.month else anchor.year + 1}-{month:02d}", "month"
    for pattern in (MONTH_DAY_RE, DAY_MONTH_RE):
        match = pattern.match(expr)
        if match:
            month = month_number(match["month"])
            if month is None:
                break
            return _day_value(month, int(match["day"]), match["year"], anchor), "day"
    match = ISO_RE.match(expr)
    if match:
        return expr, "day"
    match = MONTH_YEAR_RE.match(expr)
    if match and (month := month_number(match["month"])):
        if match["year"]:
            return f"{match['year']}-{month:02d}", "month"
        if anchor:
            year = anchor.year if month <= anchor.month + 1 else anchor.year - 1
            return f"{year}-{month:02d}", "month"
        return f"XXXX-{month:02d}", "month"
    match = YEAR_RE.match(lowered)
    if match:
        return match["year"], "year"
    match = DECADE_RE.match(lowered)
    if match:
        return match["decade"] + "X", "decade"
    if anchor is None:
        return None, "unresolved"
    if lowered in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return anchor.isoformat(), "day"
    if lowered in {"weekend", "the weekend", "this weekend"}:
        # the weekend just gone (the coming one in a sentence about the future, or "this weekend")
        ahead = direction == "future" or lowered == "this weekend" or anchor.weekday() >= 5
        year, week, _ = (anchor if ahead else anchor - timedelta(days=anchor.weekday() + 1)).isocalendar()
        return f"{year}-W{week:02d}-WE", "week"
    if lowered in {"yesterday", "last night"}:
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if lowered == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat(), "day"
    match = AGO_RE.match(lowered)
    if match:
        n = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"]]
        unit = UNITS[match["unit"]]
        if unit == "day":
            return (anchor - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            iso = (anchor - timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week"
        if unit == "month":
            year, month = _shift_months(anchor, -n)
            return f"{year}-{month:02d}", "month"
        return str(anchor.year - n * (10 if unit == "decade" else 1)), "year"
    match = RELATIVE_RE.match(lowered)
    if match:
        step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[match["which"]]
        unit = match["unit"]
        if unit in {"week", "weekend"}:
            iso = (anchor + timedelta(weeks=step)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else ""), "week"
        if unit == "month":
            year, month = _shift_months(anchor, step)
            return f"{year}-{month:02d}", "month"
        return str(anchor.year + step), "year"
    return None, "unresolved"


# --- times anchored to a time mentioned earlier -------------------------------------------------
# "that year", "two days later", "the following month", "earlier that day": TimeML resolves them
# against the time the text last mentioned (its reference time), not the article's date.

_ANAPHOR_UNIT = r"(?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)"
SAME_TIME_RE = re.compile(
    rf"^(?:(?:earlier|later)\s+(?:in\s+)?)?(?:that|the\s+same|that\s+same|the)\s+{_ANAPHOR_UNIT}$"
    r"|^(?:earlier|later)\s+in\s+the\s+(?P<unit2>day|week|month|year)$"
)
NEXT_TIME_RE = re.compile(
    rf"^(?:the\s+)?(?P<which>following|previous|preceding)\s+{_ANAPHOR_UNIT}$"
    r"|^(?:the\s+)?(?P<which2>next)\s+(?P<unit2>day|morning|afternoon|evening|night)$"
    r"|^(?:the\s+)?(?P<unit3>day|week|month|year)\s+(?P<which3>before|after|previous|earlier|later)$"
)
SHIFT_TIME_RE = re.compile(
    rf"^(?P<n>\d+|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})\s+(?P<unit>days?|weeks?|months?|years?)\s+"
    r"(?P<which>later|earlier|after|before)$"
)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# "a year ago", "the year-earlier period": in a report on a quarter, the same quarter a year before
# (TimeBank: "a year ago" after "the third quarter" of 1989 is 1988-Q3).
YEAR_AGO_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<ago>(?:a|one)\s+year\s+ago)|year-(?:ago|earlier))(?:\s+(?:period|quarter|level|results?))?$"
)


def _shift_value(reference: str, unit: str, steps: int) -> str | None:
    """``reference`` moved by ``steps`` units, at the reference's own granularity where it has one
    ("a year earlier" than 1989-Q3 is 1988-Q3), or None when the reference is too coarse."""
    if unit in {"morning", "afternoon", "evening", "night"}:
        unit = "day"
    day = parse_iso(reference) if _DAY_VALUE.match(reference) else None
    if unit == "day":
        return (day + timedelta(days=steps)).isoformat() if day else None
    if unit == "week":
        if day is None:
            return None
        year, week, _ = (day + timedelta(weeks=steps)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        match = re.match(r"^(\d{4})-(\d{2})", reference)
        if not match or reference[5:6] in {"Q", "W"}:
            return None
        total = int(match[1]) * 12 + int(match[2]) - 1 + steps
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    match = re.match(r"^(\d{4})(.*)$", reference)
    if not match:
        return None
    rest = match[2]
    if day is not None:
        rest = reference[4:10]  # the same day of the month, a year off (time of day dropped)
        if rest == "-02-29":
            rest = "-02-28"
    elif re.match(r"^-W\d", rest):
        return str(int(match[1]) + steps)
    return f"{int(match[1]) + steps:04d}{rest}"


def _at_granularity(reference: str, unit: str) -> str | None:
    """The reference's year, month, week or day ("that year" after 1998-10-23 is 1998)."""
    if unit in {"morning", "afternoon", "evening", "night"}:
        unit = "day"
    if unit == "quarter":
        return reference if re.match(r"^\d{4}-Q\d$", reference) else None
    if unit == "year":
        return reference[:4] if re.match(r"^\d{4}", reference) else None
    if unit == "month":
        return reference[:7] if re.match(r"^\d{4}-\d{2}", reference) else None
    if unit == "week":
        day = parse_iso(reference) if _DAY_VALUE.match(reference) else None
        if day is None:
            return reference if re.match(r"^\d{4}-W\d{2}$", reference) else None
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return reference[:10] if _DAY_VALUE.match(reference) else None


# "The quarter", "the latest period" in a report on a quarter: that quarter.
THE_QUARTER_RE = re.compile(r"^(?:the\s+)?(?:latest\s+|same\s+)?(?:quarter|period)$")
# "for the year", "the full year", "the fiscal year": the year under discussion
THE_YEAR_RE = re.compile(r"^(?:the\s+)?(?:(?:full|fiscal|whole|entire|calendar)\s+)*year$")


def _anaphor_words(text: str) -> str:
    lowered = re.sub(r"(?:'s|’s)$", "", " ".join(text.strip().lower().split()).rstrip(".,;:"))
    lowered = re.sub(r"^(?:on|in|by|at|during)\s+", "", lowered)
    return _PART_OF.sub("", lowered)  # "the beginning of the year": the year (TimeML's mod says START)


def is_comparison(text: str) -> bool:
    """'A year ago', 'the year-earlier period': a period the text compares with, which later
    expressions do not count from (a second 'a year ago' is not two years back)."""
    return bool(YEAR_AGO_RE.match(_anaphor_words(text)))


def resolve_anaphoric(text: str, reference: str | None) -> tuple[str | None, str] | None:
    """(value, granularity) for an expression that points at the text's last-mentioned time, or None
    when ``text`` is not such an expression. Without a reference the value is None ('unresolved'):
    the article's date would be a guess."""
    lowered = _anaphor_words(text)
    value: str | None
    if THE_QUARTER_RE.match(lowered):
        if not (reference and re.match(r"^\d{4}-Q\d$", reference)):
            return None
        value = reference
    elif THE_YEAR_RE.match(lowered):
        if not (reference and re.match(r"^\d{4}", reference)):
            return None
        value = reference[:4]
    elif match := YEAR_AGO_RE.match(lowered):
        if not (reference and re.match(r"^\d{4}-Q\d$", reference)):
            return None  # no quarter under discussion: a year before the article (resolve)
        value = _shift_value(reference, "year", -1)
    elif match := SAME_TIME_RE.match(lowered):
        value = _at_granularity(reference, match["unit"] or match["unit2"]) if reference else None
    elif match := NEXT_TIME_RE.match(lowered):
        which = match["which"] or match["which2"] or match["which3"]
        step = 1 if which in {"following", "next", "after", "later"} else -1
        unit = match["unit"] or match["unit2"] or match["unit3"]
        shifted = _shift_value(reference, unit, step) if reference else None
        # "the following year" names a calendar year (1996), not a day a year on: the unit's own
        # granularity; "a year later" (below) keeps the reference's, as TimeBank writes it.
        value = _at_granularity(shifted, unit) if shifted else None
    elif match := SHIFT_TIME_RE.match(lowered):
        n = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"]]
        step = n if match["which"] in {"later", "after"} else -n
        value = _shift_value(reference, match["unit"].rstrip("s"), step) if reference else None
    else:
        return None
    return value, (granularity(value) if value else "unresolved")


def granularity(value: str) -> str:
    """The ``resolution`` name of a calendar value: 'day', 'week', 'month', 'quarter', 'season', 'year'."""
    if _DAY_VALUE.match(value):
        return "day"
    if re.match(r"^\d{4}-W\d", value):
        return "week"
    if re.match(r"^\d{4}-Q\d", value):
        return "quarter"
    if re.match(r"^\d{4}-H\d", value):
        return "half"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.match(r"^\d{4}-\d{2}", value):
        return "month"
    return "year"


def can_anchor(value: str | None, resolution: str) -> bool:
    """Whether a resolved expression can serve later ones as their reference time: a calendar value
    (day, week, month, quarter, season, year), not a duration, a reference or a recurrence."""
    return bool(value) and resolution not in {"duration", "reference", "set"} and bool(re.match(r"^\d{4}", value or ""))


# --- holidays ------------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 the last) given weekday (Monday 0) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    return date(year, month, (h + l - 7 * m + 114) % 31 + 1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "easter": _easter,
    "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),  # the Tuesday after the first Monday
    "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
}
HOLIDAY_RE = re.compile(
    r"^(?:(?P<which>last|next|this)\s+)?(?P<name>"
    + "|".join(re.escape(name) for name in sorted(HOLIDAYS, key=len, reverse=True))
    + r")(?:,?\s+(?P<year>\d{4}))?$"
)


def holiday_value(expr: str, anchor: date | None, direction: str | None) -> str | None:
    """The day of a named holiday: in the year given, else the last one on or before the article's
    date (the next one after "next" or in a sentence about the future)."""
    match = HOLIDAY_RE.match(expr)
    if not match:
        return None
    day_of = HOLIDAYS[match["name"]]
    if match["year"]:
        return day_of(int(match["year"])).isoformat()
    if anchor is None:
        return None
    if match["which"] == "next" or (match["which"] != "last" and direction == "future"):
        this_year = day_of(anchor.year)
        return (this_year if this_year >= anchor else day_of(anchor.year + 1)).isoformat()
    this_year = day_of(anchor.year)
    past = this_year if this_year <= anchor else day_of(anchor.year - 1)
    if match["which"] == "last" and past == anchor:
        past = day_of(anchor.year - 1)
    return past.isoformat()


# --- TIMEX3 type, mod and the value of a set -------------------------------------------------------

_PARTS_OF_DAY_PLURAL = {"mornings": "TMO", "afternoons": "TAF", "evenings": "TEV", "nights": "TNI"}
_SET_PERIODS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
    "hour": "PT1H", "day": "P1D", "night": "P1D", "morning": "P1D", "evening": "P1D", "week": "P1W",
    "month": "P1M", "quarter": "P3M", "year": "P1Y", "decade": "P10Y",
}  # fmt: skip
EVERY_RE = re.compile(r"^(?:every|each)\s+(?:(?P<other>other|second)\s+)?(?P<what>.+)$")
WEEKDAY_PLURAL_RE = re.compile(
    r"^(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
    r"(?:\s+(?P<part>mornings|afternoons|evenings|nights))?$"
    r"|^(?P<weekday2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?P<part2>mornings|afternoons|evenings|nights)$"
)


def _weekday_pattern(weekday: str, part: str | None) -> str:
    return f"XXXX-WXX-{WEEKDAYS[weekday] + 1}" + (_PARTS_OF_DAY_PLURAL.get(part or "", ""))


def frequency_value(text: str) -> str | None:
    """TimeML's value of a set, an expression of what recurs: ``P1D`` for "every day" and "daily",
    ``P1W`` for "weekly", ``XXXX-WXX-1`` for "every Monday" and "Mondays", ``XXXX-WXX-2TNI`` for
    "Tuesday nights", ``XXXX-07`` for "each July"; None for anything else."""
    expr = " ".join(text.strip().split()).lower()
    if expr in _SET_PERIODS and (expr.endswith("ly") or expr == "annual"):
        return _SET_PERIODS[expr]
    match = WEEKDAY_PLURAL_RE.match(expr)
    if match:
        return _weekday_pattern(match["weekday"] or match["weekday2"], match["part"] or match["part2"])
    match = EVERY_RE.match(expr)
    if not match:
        return None
    what = match["what"]
    if what in WEEKDAYS:
        return _weekday_pattern(what, None)
    if (month := month_number(what)) is not None:
        return f"XXXX-{month:02d}"
    period = _SET_PERIODS.get(what)
    if period is None:
        period = duration_value(what) if re.search(r"\d|\b(?:two|three|four|five|six|ten)\b", what) else None
        return period if period is not None and "X" not in period else None  # "every four years": P4Y
    if match["other"]:  # "every other day": P2D
        number = re.match(r"^(PT?)(\d+)(\D)$", period)
        return f"{number[1]}{int(number[2]) * 2}{number[3]}" if number else None
    return period


def is_set(text: str) -> bool:
    """Whether an expression names a recurrence ("every day", "weekly", "Tuesday nights")."""
    return frequency_value(text) is not None


# TimeML's mod: the words that place a time within, before or around the period its value names.
_MODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), mod)
    for pattern, mod in (
        (r"^(?:the\s+)?(?:early|earlier)\b|^(?:the\s+)?(?:beginning|start|dawn|first\s+half)\s+of\b", "START"),
        (r"^(?:the\s+)?mid\b|^(?:the\s+)?mid-|^(?:the\s+)?middle\s+of\b", "MID"),
        (
            r"^(?:the\s+)?late\b|^(?:the\s+)?(?:end|close|last\s+half|second\s+half)\s+of\b|^later\b|^year[\s-]end$",
            "END",
        ),
        (r"^(?:no\s+more\s+than|at\s+most|up\s+to|within)\b", "EQUAL_OR_LESS"),
        (r"^(?:at\s+least|no\s+less\s+than|no\s+fewer\s+than)\b", "EQUAL_OR_MORE"),
        (r"^(?:less\s+than|fewer\s+than|under|almost|nearly|barely)\b", "LESS_THAN"),
        (r"^(?:more\s+than|upwards\s+of)\b|^over\s+(?!the\b)", "MORE_THAN"),
        (r"^(?:about|around|roughly|approximately|some|circa)\b|\bor\s+so\b", "APPROX"),
        (r"\b(?:and|or)\s+(?:beyond|later|after)$", "ON_OR_AFTER"),
        (r"\bor\s+(?:earlier|before)$", "ON_OR_BEFORE"),
        (r"^post-", "AFTER"),
        (r"^pre-", "BEFORE"),
    )
)


# A bound on a date is a point's mod, not an amount's: 'until at least 2007' is ON_OR_AFTER 2007.
_POINT_MODS = {
    "EQUAL_OR_MORE": "ON_OR_AFTER",
    "MORE_THAN": "AFTER",
    "EQUAL_OR_LESS": "ON_OR_BEFORE",
    "LESS_THAN": "BEFORE",
}


def timex_mod(text: str, *, point: bool = False) -> str | None:
    """TimeML's mod of an expression: ``START`` for "early 1991", ``MID`` for "mid-2011", ``END`` for
    "the end of 1990", ``APPROX`` for "about two weeks", ``MORE_THAN`` for "more than four hours",
    ``EQUAL_OR_MORE`` for "at least 30 days" (``ON_OR_AFTER`` for "at least 2007", a ``point`` in
    time); None when its words say nothing of the kind."""
    expr = " ".join(text.strip().split()).lower()
    expr = re.sub(r"^(?:since|until|till|through)\s+", "", expr)
    for pattern, mod in _MODS:
        if pattern.search(expr):
            return _POINT_MODS.get(mod, mod) if point and not expr.endswith(" ago") else mod
    return None
