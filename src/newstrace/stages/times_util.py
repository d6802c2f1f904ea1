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
AGO_RE = re.compile(r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago$")
RELATIVE_RE = re.compile(r"^(?P<which>last|next|this|past|coming)\s+(?P<unit>week|month|year|weekend)$")
SET_RE = re.compile(r"^(?:every|each)\s+(?:day|week|month|year|morning|evening|night)$|^(?:daily|weekly|monthly|annually|yearly)$")


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


def resolve_month_day(text: str, published: str | None) -> str | None:
    value, _ = resolve(text, parse_iso(published))
    return value


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
