"""newstrace as a spaCy component: the record on the Doc as span groups, drawn by displaCy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy import displacy

from newstrace.integrations.spacy_component import PERSUASION_KEY, SPANS_KEY, VOICE_KEY, annotate, render_html
from newstrace.record import Article, Attribution, Span, Speaker

from .conftest import shared_path

REPO = Path(__file__).resolve().parent.parent
LABEL = re.compile(r"\b(a\d+) (speaker|cue|content)\b")


def _hand_built() -> Article:
    text = 'The minister said: "We will win." Prices rose.'
    speaker = Speaker(mention=Span(0, 12, "The minister"), name="minister", resolution="description")
    attribution = Attribution(
        id="a1",
        kind="direct",
        speaker=speaker,
        cue=Span(13, 17, "said"),
        content=Span(19, 33, '"We will win."'),
    )
    return Article(text=text, attributions=[attribution], own_voice=[Span(34, 46, "Prices rose.")])


def test_annotate_lays_the_record_over_a_blank_doc() -> None:
    article = _hand_built()
    doc = annotate(spacy.blank("en").make_doc(article.text), article)
    assert doc._.newstrace is article
    assert [(s.label_, s.text) for s in doc.spans[SPANS_KEY]] == [
        ("a1 speaker", "The minister"),
        ("a1 cue", "said"),
        ("a1 content", '"We will win."'),
    ]
    assert [s.text for s in doc.spans[VOICE_KEY]] == ["Prices rose."]
    assert list(doc.spans[PERSUASION_KEY]) == []


def test_a_span_inside_a_token_is_widened_to_it() -> None:
    article = _hand_built()
    article.attributions[0].cue = Span(14, 16, "ai")  # inside 'said'
    doc = annotate(spacy.blank("en").make_doc(article.text), article)
    assert ("a1 cue", "said") in [(s.label_, s.text) for s in doc.spans[SPANS_KEY]]


@pytest.fixture(scope="module")
def seed_doc() -> spacy.tokens.Doc:
    # By its registered name: the 'spacy_factories' entry point finds the component without an import.
    code = "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('newstrace'); print(nlp.pipe_names)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert found.returncode == 0 and "newstrace" in found.stdout, found.stderr
    nlp = spacy.blank("en")
    nlp.add_pipe("newstrace")
    return nlp(shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8"))


def test_displacy_shows_the_seeds_attributions(seed_doc: spacy.tokens.Doc) -> None:
    gold = json.loads(shared_path("seed/tass-2025-10-24-kursk.gold.json").read_text(encoding="utf-8"))
    html = displacy.render(seed_doc, style="span", options={"spans_key": SPANS_KEY})
    shown = {match[0] for match in LABEL.findall(html)}
    assert len(shown) == len(gold["attributions"]) == 11
    record = seed_doc._.newstrace
    assert shown == {a.id for a in record.attributions}
    for attribution in record.attributions:  # every attribution's content is drawn, with its id
        assert f"{attribution.id} content" in html
    contents = [s for s in seed_doc.spans[SPANS_KEY] if s.label_.endswith("content")]
    assert any("bond between the two countries" in s.text for s in contents)
    assert len(seed_doc.spans[VOICE_KEY]) == len(record.own_voice) > 0


def test_render_command_writes_the_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    seed = shared_path("seed/tass-2025-10-24-kursk.txt")
    result = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "render", str(seed), "--output", str(page), "--persuasion", "off"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and len({m[0] for m in LABEL.findall(html)}) == 11


def test_render_html_of_several_articles() -> None:
    html = render_html([_hand_built(), _hand_built()], "voice")
    assert html.count("own voice") >= 2
