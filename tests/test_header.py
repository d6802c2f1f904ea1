"""The header stage: metadata lines, bylines, every dateline form promised, and what is not a dateline."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.stages._lib.times import fuzzy_month_number, nearest_day
from newstrace.stages.header import HeaderStage, match_dateline, normalize_place, parse_dateline

STAGE = HeaderStage(load_settings())


def _header(text: str, published: str | None = None) -> Article:
    article = Article(text=text, published=published)
    STAGE(article)
    article.check_spans()
    return article


# text, publication date, place as written, place normalized, date text, resolved date, agency, body starts with
FORMS = [
    ("SEOUL, October 24. /TASS/. The participation of", "2025-10-24",
     "SEOUL", "Seoul", "October 24", "2025-10-24", "TASS", "The participation"),
    ("WASHINGTON, March 3 (Reuters) - The senator said", "2020-03-04",
     "WASHINGTON", "Washington", "March 3", "2020-03-03", "Reuters", "The senator"),
    ("PYONGYANG, October 24 (KCNA) -- Kim Jong Un said", "2025-10-24",
     "PYONGYANG", "Pyongyang", "October 24", "2025-10-24", "Korean Central News Agency", "Kim Jong Un"),
    ("LONDON (AP) — The prime minister said", None,
     "LONDON", "London", None, None, "Associated Press", "The prime minister"),
    ("SALVADOR, Feb 26 - Showers continued", "1987-02-26",
     "SALVADOR", "Salvador", "Feb 26", "1987-02-26", None, "Showers"),
    ("RICHMOND, Va., March 5 - Investors said", "1987-03-05",
     "RICHMOND, Va.", "Richmond, Va.", "March 5", "1987-03-05", None, "Investors"),
    ("RICHMOND, Va. Feb 26 - Qtly div", "1987-02-26",
     "RICHMOND, Va.", "Richmond, Va.", "Feb 26", "1987-02-26", None, "Qtly"),
    ("JOHANNESBURG March 13 - Shr 516 cts", "1987-03-13",
     "JOHANNESBURG", "Johannesburg", "March 13", "1987-03-13", None, "Shr"),
    ("OAKLAND , N.J., March 2 - Diagnostic", "1987-03-02",
     "OAKLAND , N.J.", "Oakland, N.J.", "March 2", "1987-03-02", None, "Diagnostic"),
    ("NEW YORK, FEb 26 - Coca-Cola", "1987-02-26",
     "NEW YORK", "New York", "FEb 26", "1987-02-26", None, "Coca-Cola"),
    ("PITTSBURGH, MArch 2 - Bayer", "1987-03-02",
     "PITTSBURGH", "Pittsburgh", "MArch 2", "1987-03-02", None, "Bayer"),
    ("NEW YORK, Narch 2 - Qtr ended", "1987-03-02",
     "NEW YORK", "New York", "Narch 2", "1987-03-02", None, "Qtr"),
    ("ROSEMONT, Ill., Macrh 31 - LyphoMed", "1987-03-31",
     "ROSEMONT, Ill.", "Rosemont, Ill.", "Macrh 31", "1987-03-31", None, "LyphoMed"),
    ("BUENOS AIRES, ABR 7 - Argentine grain", "1987-04-07",
     "BUENOS AIRES", "Buenos Aires", "ABR 7", "1987-04-07", None, "Argentine"),
    ("ROME, March 13, Reuter - Italy's rate", "1987-03-13",
     "ROME", "Rome", "March 13", "1987-03-13", "Reuters", "Italy's"),
    ("CHEVY CHASE, Md., - March 4 - Geico said", "1987-03-04",
     "CHEVY CHASE, Md.", "Chevy Chase, Md.", "March 4", "1987-03-04", None, "Geico"),
    ("EVANDALE, Ohio, April, 13 - CFM", "1987-04-13",
     "EVANDALE, Ohio", "Evandale, Ohio", "April, 13", "1987-04-13", None, "CFM"),
    ("GEORGETOWN, Grand Cayman, British West Indies, March 25 - Shr", "1987-03-25",
     "GEORGETOWN, Grand Cayman, British West Indies", "Georgetown, Grand Cayman, British West Indies",
     "March 25", "1987-03-25", None, "Shr"),
    ("****SANTO DOMINGO, March 4 - The Dominican", "1987-03-04",
     "SANTO DOMINGO", "Santo Domingo", "March 4", "1987-03-04", None, "The Dominican"),
    ("La paz, march 4 - about 1,000", "1987-03-04",
     "La paz", "La paz", "march 4", "1987-03-04", None, "about"),
    ("sioux falls, april 7 - slaughter cattle", "1987-04-07",
     "sioux falls", "Sioux Falls", "april 7", "1987-04-07", None, "slaughter"),
    ("WOODBRIDGE, N.J. - Supermarkets General", None,
     "WOODBRIDGE, N.J.", "Woodbridge, N.J.", None, None, None, "Supermarkets"),
    ("NEW YORK, April - Rich Inc", "1987-04-07",
     "NEW YORK", "New York", None, None, None, "Rich"),
    ("Washington (CNN) -- One week past the conventions", None,
     "Washington", "Washington", None, None, "CNN", "One week"),
    ("MANCHESTER, N.H.—Former mayor", None,
     "MANCHESTER, N.H.", "Manchester, N.H.", None, None, None, "Former"),
    ("LONDON, 24 October (Reuters) - Shares fell", "2025-10-24",
     "LONDON", "London", "24 October", "2025-10-24", "Reuters", "Shares"),
    ("PARIS, Oct. 5, 2024 (AFP) - The president", "2025-10-24",
     "PARIS", "Paris", "Oct. 5, 2024", "2024-10-05", "Agence France-Presse", "The president"),
    ("SEOUL, October 24\nNorth Korea said", "2025-10-24",
     "SEOUL", "Seoul", "October 24", "2025-10-24", None, "North Korea"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "raw_place", "place", "date_text", "resolved", "agency", "body"),
    FORMS,
    ids=[f[0][:24] for f in FORMS],
)
def test_dateline_forms(
    text: str,
    published: str | None,
    raw_place: str,
    place: str,
    date_text: str | None,
    resolved: str | None,
    agency: str | None,
    body: str,
) -> None:
    article = _header(text, published)
    dateline = article.dateline
    assert dateline is not None
    assert dateline.place_span is not None and dateline.place_span.text == raw_place
    assert dateline.place == place
    assert (dateline.date_span.text if dateline.date_span else None) == date_text
    assert dateline.date == resolved
    assert article.agency == agency
    assert article.text[article.body_start :].startswith(body)
    assert dateline.span.start == dateline.place_span.start
    assert dateline.span.end == (dateline.date_span.end if dateline.date_span else dateline.place_span.end)
    if agency:
        mention = next(e for e in article.entities if e.roles == ["news agency"]).mentions[0]
        assert mention.span.text in article.text[dateline.span.end : article.body_start]


NOT_DATELINES = [
    "On October 23, a ceremony was held in the capital.",
    "On October 23 - the day of the vote - crowds gathered.",
    "Obama said on Monday that he would veto the bill.",
    "Obama said on Monday: we will not back down.",
    "Sunday, October 23 - the day of the vote.",
    "FILE - In this Jan. 30, 2010, file photo, the vice president speaks.",
    "ANALYSIS/OPINION:\n\nLike millions of other Americans",
    "FACT CHECK: Did he really say that?",
    "ITAR-TASS of Russia on Dec. 7 introduced an article.",
    "DPRK-made goods enjoyed popularity at the fair.",
    "MBC (Munhwa Broadcasting Corporation) of south Korea Tuesday ridiculed the plan.",
    "Sen. Dianne Feinstein (D-Calif.) - a veteran of the committee - said no.",
    "In a New York press conference at 16:15 UTC, June 1st, the chief executive spoke.",
    "Mexico City, April 29 The government said",
    "LONDON\nThe prime minister said",
    "VO - Vladimir Putin has declared",
    "PARIS, Room 12 - The meeting began.",
    "APRIL 7  - 1000 hrs cdt",
    "The DPRK will take all self-defensive countermeasures.",
]


@pytest.mark.parametrize("text", NOT_DATELINES, ids=[t[:30] for t in NOT_DATELINES])
def test_not_a_dateline(text: str) -> None:
    assert match_dateline(text, 0, "2025-10-24") is None
    article = _header(text, "2025-10-24")
    assert article.dateline is None and article.agency is None
    assert article.body_start == 0


def test_parse_dateline_keeps_its_public_shape() -> None:
    text = "PYONGYANG, October 24 (KCNA) -- Kim Jong Un said"
    found = parse_dateline(text, 0, "2025-10-24")
    assert found is not None
    dateline, agency, end = found
    assert (dateline.span.text, dateline.place, dateline.date, agency) == (
        "PYONGYANG, October 24",
        "Pyongyang",
        "2025-10-24",
        "KCNA",
    )
    assert text[end:] == " Kim Jong Un said"
    assert parse_dateline("On October 23, a ceremony was held", 0, None) is None
    # pos: a dateline after leading text.
    assert parse_dateline("xx LONDON (AP) — Text", 3, None) is not None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("MOSCOW, December 31 (Reuters) - Text", "2026-01-01", "2025-12-31"),
        ("MOSCOW, January 1 (Reuters) - Text", "2025-12-31", "2026-01-01"),
        ("MOSCOW, December 30 (Reuters) - Text", "2025-12-31", "2025-12-30"),
        ("MOSCOW, December 31 (Reuters) - Text", None, "XXXX-12-31"),
        ("MOSCOW, February 29 (Reuters) - Text", "2025-03-01", "2024-02-29"),
        ("MOSCOW, December 31, 2019 (Reuters) - Text", "2026-01-01", "2019-12-31"),
    ],
)
def test_date_resolved_against_publication_across_year_boundary(
    text: str, published: str | None, expected: str
) -> None:
    article = _header(text, published)
    assert article.dateline is not None and article.dateline.date == expected


def test_impossible_day_is_no_dateline() -> None:
    assert match_dateline("MOSCOW, February 30 (Reuters) - Text", 0, "2025-03-01") is None
    assert match_dateline("MOSCOW, March 45 - Text", 0, None) is None


@pytest.mark.parametrize(
    ("word", "month"),
    [("FEb", 2), ("MArch", 3), ("Narch", 3), ("Macrh", 3), ("Mach", 3), ("Marchg", 3), ("Apri", 4), ("ABR", 4),
     ("Juen", 6), ("Jne", 6), ("Junee", 6), ("OCt", 10), ("Sept.", 9), ("Mat", None), ("Ma", None),
     ("Monday", None), ("Room", None)],
)  # fmt: skip
def test_fuzzy_month_number(word: str, month: int | None) -> None:
    assert fuzzy_month_number(word) == month


def test_nearest_day() -> None:
    anchor = date(2025, 10, 24)
    assert nearest_day(10, 23, anchor) == "2025-10-23"
    assert nearest_day(1, 2, date(2025, 12, 30)) == "2026-01-02"
    assert nearest_day(2, 30, anchor) is None
    assert nearest_day(3, 3, anchor, 2019) == "2019-03-03"


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("NEW YORK", "New York"),
        ("OAKLAND , N.J.", "Oakland, N.J."),
        ("WASHINGTON, D.C.", "Washington, D.C."),
        ("LEXINGTON, KY", "Lexington, KY"),
        ("FORT WAYNE, IND.", "Fort Wayne, Ind."),
        ("KING OF PRUSSIA, Penn.", "King of Prussia, Penn."),
        ("TORONTO/ST JOHN’S, Newfoundland", "Toronto/St John’s, Newfoundland"),
        ("WINSTON-SALEM, N.C.", "Winston-Salem, N.C."),
        ("ST. LOUIS", "St. Louis"),
        ("des moines", "Des Moines"),
        ("DÜSSELDORF, Germany", "Düsseldorf, Germany"),
    ],
)
def test_normalize_place(raw: str, normalized: str) -> None:
    assert normalize_place(raw) == normalized


def test_seed_style_metadata_on_the_dateline_line() -> None:
    text = " date 2025-10-24 SEOUL, October 24. /TASS/. The participation of KPA units"
    article = _header(text)
    assert article.published == "2025-10-24"
    assert [s.text for s in article.header] == ["date 2025-10-24", "SEOUL, October 24. /TASS/."]
    assert article.dateline is not None and article.dateline.span.text == "SEOUL, October 24"
    assert article.dateline.date == "2025-10-24"
    assert article.agency == "TASS"
    assert article.text[article.body_start :].startswith("The participation")


def test_metadata_lines_then_body_without_dateline() -> None:
    text = "date 2009-06-04\ntitle: CEO of GM outlines plan\n\nIn a New York press conference, he spoke."
    article = _header(text)
    assert article.published == "2009-06-04"
    assert article.title == "CEO of GM outlines plan"
    assert article.dateline is None
    assert article.text[article.body_start :].startswith("In a New York")
    assert [s.text for s in article.header] == ["date 2009-06-04", "title: CEO of GM outlines plan"]


def test_textual_date_and_other_fields() -> None:
    text = "Date: October 24, 2025\nHeadline: Talks resume\nSource: Example Wire\nurl: https://example.org/a\n\nBody."
    article = _header(text)
    assert article.published == "2025-10-24"
    assert (article.title, article.outlet, article.url) == ("Talks resume", "Example Wire", "https://example.org/a")
    assert article.text[article.body_start :] == "Body."


def test_caller_publication_date_wins_over_metadata() -> None:
    article = _header("date 2025-10-24\nBody text.", "2025-10-25")
    assert article.published == "2025-10-25"


def test_byline_then_dateline() -> None:
    text = "By Jane Doe\nWASHINGTON (AP) — The senator said the bill would pass."
    article = _header(text)
    assert article.byline == "Jane Doe"
    assert [s.text for s in article.header] == ["By Jane Doe", "WASHINGTON (AP) —"]
    assert article.agency == "Associated Press"
    assert article.text[article.body_start :].startswith("The senator")


def test_byline_with_two_names_and_agency() -> None:
    text = "By JANE DOE and JOHN VAN DER BERG, Associated Press\n\nLONDON, March 3 - Shares fell."
    article = _header(text, "2025-03-03")
    assert article.byline == "JANE DOE and JOHN VAN DER BERG"
    assert article.agency == "Associated Press"
    assert article.dateline is not None and article.dateline.place == "London"


@pytest.mark.parametrize(
    "text",
    ["By the end of the year, prices rose.\nMore text.", "By Monday the talks had failed.", "Bystanders said"],
)
def test_not_a_byline(text: str) -> None:
    article = _header(text)
    assert article.byline is None and article.body_start == 0
