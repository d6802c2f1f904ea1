"""Clean edges: the Python API refuses a wrong argument with a numbered error (E120) before any work,
a document that cannot be analyzed fails alone, and query commands refuse a store that does not exist
(E119) instead of creating an empty one and answering "0 of 0"."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import newstrace
from newstrace.cli import main
from newstrace.errors import InputError
from newstrace.record import Article
from newstrace.sources import Failed
from newstrace.validate import check_date

BAD_ANALYZE_CALLS = [
    ((None,), {}, "text must be str"),
    ((b"He said so.",), {}, "decode the bytes"),
    ((42,), {}, "text must be str"),
    (("Bad \ud800 said.",), {}, "lone surrogate"),
    (("He said so.",), {"published": 20200101}, "published must be a date"),
    (("He said so.",), {"published": "yesterday"}, "published is not a date"),
    (("He said so.",), {"outlet": 5}, "outlet must be str"),
    (("He said so.",), {"byline": "x\udfff"}, "lone surrogate"),
]


@pytest.mark.parametrize(("args", "kwargs", "reason"), BAD_ANALYZE_CALLS)
def test_analyze_refuses_a_wrong_argument_with_a_numbered_error(args: tuple, kwargs: dict, reason: str) -> None:
    with pytest.raises(InputError, match=r"^E120 analyze\(\) got") as caught:
        newstrace.analyze(*args, **kwargs)
    assert reason in str(caught.value)


@pytest.mark.parametrize("sources", [None, 5, b"corpus.jsonl", [None], ["a.txt", 3.5]])
def test_analyze_corpus_and_ingest_refuse_what_is_not_a_source(sources: object, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^E120 analyze_corpus\(\) got sources="):
        list(newstrace.analyze_corpus(sources))  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^E120 ingest\(\) got sources="):
        newstrace.ingest(sources, db=tmp_path / "s.db")  # type: ignore[arg-type]
    assert not (tmp_path / "s.db").exists()


def test_ingest_refuses_bad_counts_and_a_bad_store(tmp_path: Path) -> None:
    for kwargs in ({"commit_every": 0}, {"commit_every": True}, {"max_redirects": -1}, {"db": 5}):
        with pytest.raises(InputError, match=r"^E120 ingest\(\)"):
            newstrace.ingest([], **kwargs)
    with pytest.raises(InputError, match=r"^E120 analyze_corpus\(\) got workers=-1"):
        list(newstrace.analyze_corpus([], workers=-1))


def test_dates_are_accepted_in_the_forms_people_pass_them() -> None:
    assert check_date("f", "published", date(2025, 10, 24)) == "2025-10-24"
    assert check_date("f", "published", datetime(2025, 10, 24, 13, 5)) == "2025-10-24"
    assert check_date("f", "published", "October 24, 2025") == "2025-10-24"
    assert check_date("f", "published", "") is None


def test_an_article_with_unencodable_text_fails_alone() -> None:
    bad = Article(text="Broken \ud800 text.", source="bad")
    items = list(newstrace.analyze_corpus([bad], workers=1))
    assert len(items) == 1 and isinstance(items[0], Failed) and items[0].code == "E120"


@pytest.mark.parametrize(
    "command",
    [
        ["quotes"],
        ["speakers"],
        ["entities"],
        ["outlets"],
        ["stories"],
        ["relays"],
        ["identities"],
        ["export", "--output", "OUT"],
        ["retry", "--list"],
    ],
)
def test_a_query_on_a_store_that_does_not_exist_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "mistyped.db"
    argv = [str(tmp_path / "out") if part == "OUT" else part for part in command]
    assert main([*argv, "--db", str(missing)]) != 0
    assert "E119 There is no store at" in capsys.readouterr().err
    assert not missing.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["quotes", "--limit", "-1"],
        ["quotes", "--limit", "99999999999999999999"],
        ["quotes", "--offset", "-5"],
        ["quotes", "--min-confidence", "2"],
        ["quotes", "--min-confidence", "nan"],
        ["speakers", "--limit", "x"],
        ["stories", "--min-articles", "0"],
        ["relays", "--min-count", "-1"],
        ["identities", "--limit", "-2"],
        ["ingest", "f.txt", "--timeout", "-1"],
        ["ingest", "f.txt", "--commit-every", "0"],
        ["ingest", "f.txt", "--max-redirects", "101"],
        ["analyze", "f.txt", "--workers", "-1"],
        ["serve", "--port", "99999"],
    ],
)
def test_every_numeric_cli_option_is_range_checked(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Before: a huge --limit reached SQLite as OverflowError, a negative --offset was taken silently."""
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "E124" in capsys.readouterr().err
