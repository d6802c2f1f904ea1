"""Resolve time expressions against an anchor date (the article's publication date).

Values follow TimeML/TIMEX3 conventions: ``2025-10-23`` (day), ``2025-10`` (month), ``2024``
(year), ``2025-W43`` (week), ``199`` (decade); ``XXXX-10-23`` when the year is unknown;
``None`` for sets ("every day") and for what cannot be resolved.
"""

from __future__ import annotations

import re
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
         "year": "year", "years": "year"}  # fmt: skip
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}  # fmt: skip

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_DAY_RE = re.compile(rf"^{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?$")
DAY_MONTH_RE = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?$")
MONTH_YEAR_RE = re.compile(rf"^(?:(?:early|late|mid|mid-)\s*)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?$")
ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
YEAR_RE = re.compile(r"^(?:the\s+)?(?:year\s+)?(?P<year>1[89]\d\d|20\d\d)$")
DECADE_RE = re.compile(r"^(?:the\s+)?(?P<decade>1[89]\d|20\d)0s$")
AGO_RE = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago$"
)
RELATIVE_RE = re.compile(r"^(?P<which>last|next|this|past|coming)\s+(?P<unit>week|month|year|weekend)$")
SET_RE = re.compile(
    r"^(?:every|each)\s+(?:day|week|month|year|morning|evening|night)$|^(?:daily|weekly|monthly|annually|yearly)$"
)


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


def resolve(text: str, anchor: date | None) -> tuple[str | None, str]:
    """(value, resolution) for one expression; resolution names the granularity or why there is none."""
    expr = " ".join(text.strip().split())
    lowered = expr.lower()
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
        return match["decade"], "decade"
    if SET_RE.match(lowered):
        return None, "set"
    if anchor is None:
        return None, "unresolved"
    if lowered in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return anchor.isoformat(), "day"
    if lowered in {"yesterday", "last night"}:
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if lowered == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat(), "day"
    weekday = lowered.removeprefix("last ").removeprefix("on ").removeprefix("this past ")
    if weekday in WEEKDAYS:
        # Wire copy uses bare weekdays for the current week, almost always in the past.
        delta = (anchor.weekday() - WEEKDAYS[weekday]) % 7
        if lowered.startswith("last ") and delta == 0:
            delta = 7
        return (anchor - timedelta(days=delta)).isoformat(), "day"
    match = AGO_RE.match(lowered)
    if match:
        n = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]] or 1
        unit = UNITS[match["unit"]]
        if unit == "day":
            return (anchor - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            iso = (anchor - timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week"
        if unit == "month":
            year, month = _shift_months(anchor, -n)
            return f"{year}-{month:02d}", "month"
        return str(anchor.year - n), "year"
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
