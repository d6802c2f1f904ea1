"""Shared fixtures: the real shared/ data folder and the loaded pipeline.

Tests that need ``../shared`` fail (never skip) with the missing path named: CI always has it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newstrace.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))


def shared_path(relative: str) -> Path:
    """Path of a file under ../shared, or a test failure that names what is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(
            f"missing shared data: {path} (tests read the real corpora from ../shared; "
            f"set NEWSTRACE_SHARED to its location)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def settings():  # type: ignore[no-untyped-def]
    return load_settings()


# -- corpus store backends -------------------------------------------------------------------------
# Store tests run on SQLite and on PostgreSQL. PostgreSQL comes from NEWSTRACE_TEST_POSTGRES_URL
# (scripts/ci-postgres.sh sets it up); without it the PostgreSQL cases fail under CI and skip
# elsewhere, with the reason shown.

STORE_BACKENDS = ("sqlite", "postgresql")


def postgres_url_or_skip() -> str:
    import os

    url = os.environ.get("NEWSTRACE_TEST_POSTGRES_URL")
    if not url:
        reason = "NEWSTRACE_TEST_POSTGRES_URL is not set: run '. scripts/ci-postgres.sh' to start PostgreSQL and set it"
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL too: {reason}", pytrace=False)
        pytest.skip(reason)
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema of its own, dropped afterwards."""
    import uuid
    from urllib.parse import quote

    import psycopg

    base = postgres_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request, tmp_path):  # type: ignore[no-untyped-def]
    """A fresh, empty store URL on each backend: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/corpus.db"
        return
    with postgres_schema() as url:
        yield url
