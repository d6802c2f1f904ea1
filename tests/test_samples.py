"""The bundled demo articles: each is read and analyzed by the real pipeline, and they are what
scripts/make_samples.py makes from MEANTIME (so the shipped texts are traceable to their source)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import newstrace
from newstrace.record import Article
from newstrace.schema import validate_record

from .conftest import REPO, shared_path

SAMPLES = resources.files("newstrace").joinpath("samples")
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.name.endswith(".txt"))


def test_four_to_six_samples_with_attribution_file() -> None:
    assert 4 <= len(SAMPLE_NAMES) <= 6
    attribution = SAMPLES.joinpath("ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in attribution and "MEANTIME" in attribution
    for name in SAMPLE_NAMES:
        assert f"`{name}`" in attribution, f"{name} is not credited in ATTRIBUTION.md"


def _all_spans(article: Article) -> list[tuple[int, int, str]]:
    """Every {start, end, text} object in the serialized record."""
    found: list[tuple[int, int, str]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if {"start", "end", "text"} <= value.keys():
                found.append((value["start"], value["end"], value["text"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    record = article.to_dict()
    walk({k: v for k, v in record.items() if k != "text"})
    return found


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_analyzes_with_its_date_title_and_exact_spans(name: str) -> None:
    text = SAMPLES.joinpath(name).read_text(encoding="utf-8")
    first, second, blank = text.split("\n")[:3]
    assert first.startswith("date ") and second.startswith("title: ") and blank == ""
    article = newstrace.analyze(text)
    assert article.published == first.removeprefix("date ") == name[:10]
    assert article.title == second.removeprefix("title: ")
    assert article.dateline is None  # Wikinews bodies have no wire dateline
    assert article.body_start == len(first) + len(second) + 3
    assert [s.text for s in article.header] == [first, second]
    spans = _all_spans(article)
    assert len(spans) > 10
    for start, end, span_text in spans:
        assert text[start:end] == span_text
    article.check_spans()
    validate_record(article.to_dict())
    assert article.attributions, "every sample was chosen for its quotes and reported speech"


def test_samples_are_what_the_script_makes_from_meantime(tmp_path: Path) -> None:
    meantime = shared_path("data/meantime")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_samples.py"), str(meantime), str(tmp_path)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted([*SAMPLE_NAMES, "ATTRIBUTION.md"])
    for name in made:
        assert (tmp_path / name).read_bytes() == SAMPLES.joinpath(name).read_bytes(), name


def test_script_names_a_wrong_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_samples.py"), str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        check=False,
    )
    assert result.returncode != 0
    assert "E044" in result.stderr.decode()
