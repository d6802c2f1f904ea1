"""Shared fixtures: the real shared/ data folder and the loaded pipeline.

Tests that need ``../shared`` fail (never skip) with the missing path named: CI always has it.
"""

from __future__ import annotations

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
