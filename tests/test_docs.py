"""Documentation stays true to the code: every setting and every stage is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.settings import SETTINGS
from newstrace.stages import BUILTIN_STAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_setting_is_documented(spec) -> None:  # type: ignore[no-untyped-def]
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert f"`{spec.env}`" in text, f"{spec.env} missing from docs/settings.md"


def test_every_builtin_stage_is_documented() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for name in BUILTIN_STAGES:
        assert f"`{name}`" in text, f"stage {name} missing from docs/architecture.md"
