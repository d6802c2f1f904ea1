"""Wire header: leading metadata lines, a byline, the dateline and the agency.

Handles the common dateline forms of wire copy::

    SEOUL, October 24. /TASS/.          WASHINGTON, March 3 (Reuters) -
    PYONGYANG, October 24 (KCNA) --     LONDON (AP) —
    SALVADOR, Feb 26 -                  RICHMOND, Va., March 5 -
    RICHMOND, Va. Feb 26 -              OAKLAND , N.J., March 2 -
    ROME, March 13, Reuter -            CHEVY CHASE, Md., - March 4 -

and the slips of real wire copy: month names in odd case or mistyped ("FEb", "MArch",
"Narch"), no comma before the date, a space before a comma, several region parts. The rules
are about the shape of a dateline, never about particular places. A dateline must end in a
separator (a dash; a colon only after a date), an agency credit, or (after a date) the end of
the line, and a place that is not in capitals needs a date after a comma as well: ordinary
first sentences ("On October 23, a ceremony was held", "Obama said on Monday: ...") are not
datelines. docs/datelines.md lists the forms, the guards and the measured accuracy.

The body starts after the header; later stages parse only the body, so the dateline is never
mistaken for part of the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..record import Article, Dateline, Entity, Mention, Span
from ..resources import agencies, agency_name
from ..stage import Stage
from ._lib.times import fuzzy_month_number, nearest_day, parse_iso, resolve

_LETTER = r"[^\W\d_]"
_WORD = rf"{_LETTER}(?:{_LETTER}|['’.&/-])*"
# A place: up to six words, then up to three more parts after commas ("HAILEY, Idaho, Calif.").
_SEGMENT = rf"{_WORD}(?:[ ]{_WORD}){{0,5}}"
_PLACE = rf"{_SEGMENT}(?:[ ]*,[ ]*{_SEGMENT}){{0,3}}"
# Between place and date: a comma, a space, or either with a stray dash ("Md., - March 4").
_LEAD = r"[ ]*,[ ]*(?:-[ ]*)?|[ ]+(?:-[ ]+)?"
_DAY_SUFFIX = r"(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_DATE = (
    rf"(?P<month>[A-Za-z]{{3,9}})\.?(?:[ ]*,[ ]*|[ ]+)(?P<day>\d{{1,2}}){_DAY_SUFFIX}(?:[ ]*,?[ ]*(?P<year>{_YEAR}))?"
    rf"|(?P<day2>\d{{1,2}}){_DAY_SUFFIX}[ ]+(?P<month2>[A-Za-z]{{3,9}})\.?(?:,?[ ]+(?P<year2>{_YEAR}))?"
)
# A hyphen separates only before a space ("ITAR-TASS of", "FILE--In this" are words); dashes may touch.
_SEP = r"(?:--+|-)(?=\s|$)|[—–](?![—–-])|:(?=\s)"
_AGENCY = (
    r"\((?P<agency>[^()\n]{1,40})\)"
    r"|/(?P<agency_slash>[^/\n]{1,30})/\.?"
    rf"|(?P<agency_credit>{_WORD}(?:[ ]{_WORD}){{0,3}})(?=[ ]*(?:{_SEP}))"
)

DATELINE_RE = re.compile(
    rf"(?P<junk>\*+[ \t]*)?"
    rf"(?P<place>{_PLACE})"
    rf"(?:(?P<lead>{_LEAD})(?P<date>{_DATE}))?"
    rf"[ \t]*,?[ \t]*\.?[ \t]*"
    rf"(?:(?P<agency_block>{_AGENCY})[ \t]*\.?[ \t]*(?P<sep>{_SEP})?"
    rf"|(?P<sep2>{_SEP})"
    rf"|(?P<eol>(?=[ \t]*(?:\r?\n|$))))",
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# First words that start sentences or page furniture, never a dateline place ("On October 23, ...",
# "FILE - In this photo ...", "UPDATE: ...").
NOT_PLACE_WORDS = _words(
    """on in at as by since until till from through before after during over last this next every each
    today yesterday tomorrow tonight earlier later then now but and or so if when while for of to with
    said says according updated update posted published file breaking exclusive analysis opinion editorial
    commentary photo photos video watch correction corrections note advisory editor's editors' editors live
    final latest developing urgent flash bulletin listen read related highlights story fact above below
    warning alert graphic transcript programming monday tuesday wednesday thursday friday saturday sunday"""
)
MONTH_NAMES = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)

# Leading "key value" metadata: the seed starts with "date 2025-10-24" on the dateline's line.
META_DATE_RE = re.compile(
    r"(?i)(?:date|published|pubdate)(?:[ \t]*[:=][ \t]*|[ \t]+)(?P<value>\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]+)?"
    r"|(?i:date|published)[ \t]*:[ \t]*(?P<text>[^\r\n]{6,40}?)[ \t]*(?=\r?\n)"
)
META_FIELD_RE = re.compile(
    r"(?i)(?P<key>title|headline|outlet|source|url|byline|author)[ \t]*[:=][ \t]*(?P<value>[^\r\n]+?)[ \t]*(?:\r?\n|$)"
)
_NAME = r"[A-Z][\w.'’-]*(?:[ ]+(?:[A-Z][\w.'’-]*|de|da|del|der|van|von|bin|al|la|le)){0,4}"
BYLINE_RE = re.compile(
    rf"(?:By|BY)[ ]+(?P<value>{_NAME}(?:(?:[ ]*,[ ]*|[ ]+)(?:and|&|AND)[ ]+{_NAME})*)"
    r"(?:[ ]*(?:,|—|–|-|\|)[ ]*(?P<affiliation>[^\r\n]{1,60}?))?[ \t]*(?:\r?\n|$)"
)


@dataclass(frozen=True)
class DatelineMatch:
    """Where each part of a dateline lies; offsets are code points into the text."""

    start: int  # the dateline (or stray markup before it) starts here
    end: int  # the header ends here: after the separator or agency credit
    place_start: int
    place_end: int
    date_start: int | None
    date_end: int | None
    agency: str | None
    agency_start: int | None
    agency_end: int | None
    place: str  # normalized: "RICHMOND, Va." -> "Richmond, Va."
    date: str | None  # ISO, resolved against the publication date; XXXX-MM-DD without one

    def dateline(self, text: str) -> Dateline:
        end = self.date_end if self.date_end is not None else self.place_end
        return Dateline(
            Span.of(text, self.place_start, end),
            self.place,
            self.date,
            place_span=Span.of(text, self.place_start, self.place_end),
            date_span=Span.of(text, self.date_start, self.date_end)
            if self.date_start is not None and self.date_end is not None
            else None,
        )


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_caps(segment: str) -> bool:
    letters = [c for c in segment if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


_LOWER_PARTICLES = frozenset({"of", "the", "on", "upon", "de", "del", "da", "do", "am", "sur"})


def _title_word(word: str, *, first: bool) -> str:
    """PORT-AU-PRINCE -> Port-Au-Prince, O'HARE -> O'Hare, JOHN'S -> John's, OF -> of (inside a name)."""
    if not first and word in _LOWER_PARTICLES:
        return word
    parts = re.split(r"([-/'’])", word)
    out = []
    for index, part in enumerate(parts):
        after_apostrophe = index > 0 and parts[index - 1] in {"'", "’"}
        out.append(part if after_apostrophe and len(part) == 1 else part.capitalize())
    return "".join(out)


def normalize_place(raw: str) -> str:
    """Readable place name: capitals to title case, ' , ' to ', '; abbreviations kept ("N.J.", "KY")."""
    segments = [s for s in re.split(r"[ ]*,[ ]*", " ".join(raw.split())) if s]
    all_lower = not any(c.isupper() for c in raw)
    out = []
    for index, segment in enumerate(segments):
        words = []
        for position, word in enumerate(segment.split(" ")):
            letters = [c for c in word if c.isalpha()]
            abbreviation = "." in word.rstrip(".") or (index > 0 and len(letters) <= 2)
            if all_lower and not (index > 0 and len(letters) <= 2):
                words.append(_title_word(word, first=position == 0))
            elif len(letters) >= 2 and all(c.isupper() for c in letters) and not abbreviation:
                words.append(_title_word(word.lower(), first=position == 0))
            else:
                words.append(word)
        out.append(" ".join(words))
    return ", ".join(out)


@cache
def _agency_aliases() -> frozenset[str]:
    return frozenset(alias.lower() for alias in agencies())


def _known_agency(name: str) -> bool:
    return name.lower() in _agency_aliases()


def _agency_ok(name: str, *, caps_place: bool, credit: bool) -> bool:
    """A credit after the date must be a known agency; a bracketed one may be any acronym."""
    name = name.strip()
    if not name or any(c.isdigit() for c in name):
        return False
    if _known_agency(name):
        return True
    if credit:
        return False
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return True  # CNN, NBC, KUNA: an outlet's acronym
    return caps_place and re.fullmatch(r"[A-Z][\w .&'-]{0,39}", name) is not None


def _place_ok(place: str, *, lenient: bool) -> bool:
    """Words a place is made of: capitalized, name particles, or (lenient) all lowercase."""
    segments = re.split(r"[ ]*,[ ]*", place)
    first_word = segments[0].split(" ")[0].rstrip(".").lower().replace("’", "'")
    if any(part in NOT_PLACE_WORDS or part in MONTH_NAMES for part in first_word.split("/")):
        return False  # "ANALYSIS/OPINION:" too
    if lenient:
        return True
    for segment in segments:
        head = segment.split(" ")[0]
        if not (head[0].isupper() or head.lower() == "the"):
            return False
    return True


def match_dateline(text: str, pos: int = 0, published: str | None = None) -> DatelineMatch | None:
    """The dateline at ``pos`` with the offsets of its parts, or None when there is none."""
    match = DATELINE_RE.match(text, pos)
    if not match:
        return None
    place = match.group("place")
    first_segment = re.split(r"[ ]*,", place)[0]
    caps = _is_caps(first_segment)
    month_word = match.group("month") or match.group("month2")
    has_date = month_word is not None
    sep = match.group("sep") or match.group("sep2")
    agency = match.group("agency") or match.group("agency_slash") or match.group("agency_credit")
    credit = match.group("agency_credit") is not None
    comma_before_date = has_date and "," in (match.group("lead") or "")

    if match.group("eol") is not None and not (has_date and caps):
        return None  # "SEOUL, October 24" alone on its line; never a bare place
    if credit and not has_date:
        return None
    if match.group("agency") is not None and sep is None:
        return None  # "MBC (Munhwa Broadcasting Corporation) of ...": a bracketed credit needs a dash after
    if sep == ":" and not has_date:
        return None  # "ANALYSIS:", "FACT CHECK:", "ABOVE:" head far more stories than "NEW DELHI:" does
    if agency is not None and not _agency_ok(agency, caps_place=caps, credit=credit):
        return None
    if caps and not has_date and agency is None and sum(c.isalpha() for c in first_segment) < 3:
        return None  # "VO - Vladimir Putin ...": a transcript's voice-over mark, not a place
    if not caps:
        if has_date and not comma_before_date:
            return None  # "On October 23 - ..." has no comma; wire datelines in capitals may omit it
        if has_date and sep is None and agency is None:
            return None
        if not has_date and (agency is None or sep is None or credit):
            return None  # "Washington (CNN) -" yes; "Obama said on Monday:" no
    if not _place_ok(place, lenient=not caps and has_date and comma_before_date and sep is not None):
        return None
    place_end = match.end("place")
    if not has_date:
        # "NEW YORK, April -", "REGGIO CALABRIA, Italy, April l -": a last part that starts with a
        # month name is a date typed without its day, not a region of the place.
        head, comma, last = place.rpartition(",")
        words = last.split()
        if comma and len(words) <= 2 and words[0].rstrip(".").lower() in MONTH_NAMES:
            place = head.rstrip()
            place_end = match.start("place") + len(place)

    resolved = None
    date_start = date_end = None
    if has_date:
        month = fuzzy_month_number(month_word)
        day = int(match.group("day") or match.group("day2"))
        year_text = match.group("year") or match.group("year2")
        if month is None:
            return None
        resolved = nearest_day(month, day, parse_iso(published), int(year_text) if year_text else None)
        if resolved is None:
            return None  # "March 45" is no date
        date_start, date_end = match.start("date"), match.end("date")
    agency_start = agency_end = None
    agency_group = next((g for g in ("agency", "agency_slash", "agency_credit") if match.group(g) is not None), None)
    if agency_group and agency:
        # The mention is the name itself, without the spaces of "( Reuters )".
        agency_start = match.start(agency_group) + len(agency) - len(agency.lstrip())
        agency_end = match.end(agency_group) - (len(agency) - len(agency.rstrip()))
    end = match.end()
    while end > match.start() and text[end - 1] in " \t":
        end -= 1  # the header span ends at its last mark, not in the space after it
    return DatelineMatch(
        start=match.start(),
        end=end,
        place_start=match.start("place"),
        place_end=place_end,
        date_start=date_start,
        date_end=date_end,
        agency=agency.strip() if agency else None,
        agency_start=agency_start,
        agency_end=agency_end,
        place=normalize_place(place),
        date=resolved,
    )


def parse_dateline(text: str, pos: int, published: str | None) -> tuple[Dateline, str | None, int] | None:
    """Dateline at ``pos``: (dateline, agency as written or None, end of the header) or None."""
    found = match_dateline(text, pos, published)
    if found is None:
        return None
    return found.dateline(text), found.agency, found.end


def _meta_date(match: re.Match[str]) -> str | None:
    if match.group("value"):
        return match.group("value")
    value, resolution = resolve(match.group("text"), None)
    return value if resolution == "day" and value and not value.startswith("X") else None


class HeaderStage(Stage):
    """Reads metadata lines, a byline and the dateline; assigns where the body starts."""

    name = "header.v1"
    requires = ("text", "published", "title", "outlet", "url")
    assigns = (
        "published",
        "title",
        "outlet",
        "url",
        "byline",
        "agency",
        "dateline",
        "body_start",
        "header",
        "entities",
    )

    def __call__(self, article: Article) -> None:
        text = article.text
        pos = _skip_space(text, 0)
        while (end := self._metadata(article, pos)) is not None:
            pos = _skip_space(text, end)
        found = match_dateline(text, pos, article.published)
        if found:
            article.dateline = found.dateline(text)
            article.header.append(article.span(found.start, found.end))
            if found.agency and found.agency_start is not None and found.agency_end is not None:
                article.agency = agency_name(found.agency)
                article.entities.append(
                    Entity(
                        id="",
                        name=article.agency,
                        type="ORG",
                        mentions=[Mention(article.span(found.agency_start, found.agency_end), "agency")],
                        roles=["news agency"],
                    )
                )
            pos = _skip_space(text, found.end)
        article.body_start = pos

    def _metadata(self, article: Article, pos: int) -> int | None:
        """Record the metadata line or byline at ``pos`` on the article and return its end, or None."""
        text = article.text
        meta = META_DATE_RE.match(text, pos)
        if meta and (value := _meta_date(meta)):
            if article.published is None:
                article.published = value
            article.header.append(article.span(meta.start(), meta.end()))
            return meta.end()
        field_match = META_FIELD_RE.match(text, pos)
        if field_match:
            key, value = field_match.group("key").lower(), field_match.group("value").strip()
            if key in {"title", "headline"} and article.title is None:
                article.title = value
            elif key in {"outlet", "source"} and article.outlet is None:
                article.outlet = value
            elif key == "url" and article.url is None:
                article.url = value
            elif key in {"byline", "author"}:
                article.byline = value
            article.header.append(article.span(field_match.start(), field_match.end("value")))
            return field_match.end()
        byline = BYLINE_RE.match(text, pos)
        if byline:
            article.byline = byline.group("value")
            affiliation = (byline.group("affiliation") or "").strip()
            if affiliation and _known_agency(affiliation) and article.agency is None:
                article.agency = agency_name(affiliation)
            end = byline.end("affiliation") if byline.group("affiliation") else byline.end("value")
            article.header.append(article.span(byline.start(), end))
            return byline.end()
        return None


__all__ = ["DatelineMatch", "HeaderStage", "match_dateline", "normalize_place", "parse_dateline"]
