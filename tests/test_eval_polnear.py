"""The PolNeAR scorer on tiny hand-made brat files, the conventions mapping, and the dev-set gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.cli import main
from newstrace.errors import EvaluationError
from newstrace.eval.polnear import (
    GoldArticle,
    PolnearResult,
    annotator_agreement,
    evaluate,
    load_gold,
    match_exact,
    match_overlap,
    polnear_spans,
    read_ann,
    score_article,
    select_annotations,
)
from newstrace.record import Article, Attribution, Span, Speaker
from newstrace.settings import load_settings

from .conftest import shared_path

TEXT = "Smith said that taxes will rise. Jones disagreed."


def _write(root: Path, name: str, text: str, anns: dict[str, str]) -> None:
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, body in anns.items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text(body, encoding="utf-8")


ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 31\tthat taxes will rise\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "#1\tAnnotatorNotes T3\tfine\n"
)


def test_read_ann_keeps_the_three_roles_only(tmp_path: Path) -> None:
    _write(tmp_path, "a", TEXT, {"4e07": ANN + "T5\tDiscuss 33 38\tJones\n"})
    spans = read_ann(tmp_path / "attributions" / "a_4e07.ann", TEXT)
    assert spans == {"Source": [(0, 5)], "Cue": [(6, 10)], "Content": [(11, 31)]}


def test_discontinuous_span_runs_from_first_start_to_last_end(tmp_path: Path) -> None:
    # Fragments listed out of text order, and a span text that runs onto a second line.
    ann = "T1\tContent 26 31;11 16\tthat\nrise\nT2\tCue 6 10\tsaid\n"
    _write(tmp_path, "a", TEXT, {"4e07": ann})
    spans = read_ann(tmp_path / "attributions" / "a_4e07.ann", TEXT)
    assert spans["Content"] == [(11, 31)]
    assert spans["Cue"] == [(6, 10)]


def test_a_span_shared_by_two_attributions_counts_once(tmp_path: Path) -> None:
    ann = ANN + "T6\tCue 39 48\tdisagreed\nE2\tContent:T3 Cue:T6 Source:T1\n"
    _write(tmp_path, "a", TEXT, {"4e07": ann})
    spans = read_ann(tmp_path / "attributions" / "a_4e07.ann", TEXT)
    assert spans["Source"] == [(0, 5)] and spans["Cue"] == [(6, 10), (39, 48)]


def test_first_annotator_in_sorted_order_is_scored(tmp_path: Path) -> None:
    _write(tmp_path, "a", TEXT, {"d473": "T1\tCue 6 10\tsaid\n", "4b22": ANN})
    _write(tmp_path, "b", TEXT, {"ef2d": ANN})
    chosen = select_annotations(tmp_path)
    assert [(name, ann.name) for name, _, ann in chosen] == [("a", "a_4b22.ann"), ("b", "b_ef2d.ann")]
    gold = load_gold(tmp_path)
    assert gold[0].spans["Source"] == [(0, 5)]


def test_missing_folder_text_and_bad_offsets_are_reported(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="E040"):
        select_annotations(tmp_path / "nowhere")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "lost_4e07.ann").write_text(ANN, encoding="utf-8")
    with pytest.raises(EvaluationError, match="E046"):
        select_annotations(tmp_path)
    (tmp_path / "text" / "lost.txt").write_text("Too short.", encoding="utf-8")
    with pytest.raises(EvaluationError, match="E045"):
        load_gold(tmp_path)
    (tmp_path / "attributions" / "lost_4e07.ann").write_text("T1\tCue six ten\tsaid\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="E041"):
        load_gold(tmp_path)


def test_exact_needs_both_edges_overlap_needs_a_shared_character() -> None:
    text = "Smith said that taxes will rise."
    gold = [(11, 31)]
    assert match_exact(gold, [(16, 31)]) == []
    assert match_overlap(text, gold, [(16, 31)]) == [((11, 31), (16, 31))]
    assert match_overlap(text, gold, [(0, 5)]) == []
    assert match_overlap(text, [(0, 6)], [(5, 10)]) == []  # only a space is shared


def test_overlap_counts_each_gold_and_each_prediction_once() -> None:
    text = "Smith said that taxes will rise and prices will fall."
    gold = [(11, 52)]
    pred = [(16, 31), (36, 52)]
    pairs = match_overlap(text, gold, pred)
    assert pairs == [((11, 52), (36, 52))]  # the larger shared stretch wins; the other is unmatched
    result = PolnearResult()
    article = GoldArticle("x", text, Path("x.ann"), {"Source": [], "Cue": [], "Content": gold})
    score_article(result, article, {"Source": [], "Cue": [], "Content": pred}, keep_errors=5)
    counts = result.counts["overlap"]["Content"]
    assert (counts.matched, counts.predicted, counts.gold) == (1, 2, 1)
    assert counts.precision == 0.5 and counts.recall == 1.0 and abs(counts.f1 - 2 / 3) < 1e-9
    exact = result.counts["exact"]["Content"]
    assert (exact.matched, exact.f1) == (0, 0.0)
    assert sorted(e.kind for e in result.errors) == ["fn", "fp", "fp"]


def _article(text: str, attributions: list[Attribution]) -> Article:
    article = Article(text=text)
    article.attributions = attributions
    article.check_spans()
    return article


def _att(text: str, speaker: str | None, cue: str, content: str, rule: str = "", after: int = 0) -> Attribution:
    def span(part: str) -> Span:
        start = text.index(part, after)
        return Span.of(text, start, start + len(part))

    return Attribution(
        id="",
        kind="indirect",
        speaker=Speaker(span(speaker) if speaker else None),
        cue=span(cue) if cue else None,
        content=span(content),
        rule=rule,
    )


def test_mapping_adds_the_complementizer_and_widens_the_cue() -> None:
    text = "Smith has also said that taxes will rise."
    spans = polnear_spans(_article(text, [_att(text, "Smith", "said", "taxes will rise")]))
    assert [text[s:e] for s, e in spans["Cue"]] == ["has also said"]
    assert [text[s:e] for s, e in spans["Content"]] == ["that taxes will rise"]
    assert [text[s:e] for s, e in spans["Source"]] == ["Smith"]


def test_mapping_takes_quotation_marks_and_inner_punctuation() -> None:
    cases = {
        '"Taxes will rise," Smith said.': '"Taxes will rise,"',
        "''Taxes will rise,'' Smith said.": "''Taxes will rise,''",
        "“Taxes will rise.” Smith said.": "“Taxes will rise.”",
    }
    for text, expected in cases.items():
        spans = polnear_spans(_article(text, [_att(text, "Smith", "said", "Taxes will rise")]))
        assert [text[s:e] for s, e in spans["Content"]] == [expected]


def test_mapping_closes_an_apposition_with_its_comma() -> None:
    text = "Smith, a senator who leads the panel, said taxes will rise. Jones, 40 said no."
    spans = polnear_spans(
        _article(
            text,
            [
                _att(text, "Smith, a senator who leads the panel", "said", "taxes will rise"),
                _att(text, "Jones", "said", "no", after=55),
            ],
        )
    )
    assert [text[s:e] for s, e in spans["Source"]] == ["Smith, a senator who leads the panel,", "Jones"]


def test_mapping_joins_a_continued_quotation_to_the_attribution_before_it() -> None:
    text = '"Taxes will rise," Smith said. "Prices too."'
    first = _att(text, "Smith", "said", "Taxes will rise")
    continued = _att(text, "Smith", "", "Prices too", rule="direct.continued")
    continued.speaker = first.speaker
    spans = polnear_spans(_article(text, [first, continued]))
    assert [text[s:e] for s, e in spans["Content"]] == [text]
    assert len(spans["Source"]) == 1 and len(spans["Cue"]) == 1


def test_cli_prints_json_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "a", TEXT, {"4e07": ANN})
    assert main(["eval", "polnear", str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 1
    assert out["scores"]["exact"]["Cue"]["gold"] == 1
    assert set(out["scores"]) == {"exact", "overlap"}


def test_cli_table_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "a", TEXT, {"4e07": ANN + "T7\tCue 39 48\tdisagreed\n"})
    assert main(["eval", "polnear", str(tmp_path), "--show-errors", "3", "--attribution", "rules"]) == 0
    out = capsys.readouterr().out
    assert "attribution=rules" in out
    assert "precision" in out and "Content  exact" in out
    assert "false negative Cue" in out and "'disagreed'" in out


def test_agreement_scores_each_pair_of_annotators_once(tmp_path: Path) -> None:
    # Three annotators of one article: two agree in full, the third puts the cue elsewhere.
    other = ANN.replace("Cue 6 10\tsaid", "Cue 0 10\tSmith said")
    _write(tmp_path, "a", TEXT, {"1111": ANN, "2222": ANN, "3333": other})
    _write(tmp_path, "b", TEXT, {"1111": ANN})  # one annotator: not scored
    result = annotator_agreement(tmp_path)
    assert (result.articles, result.pairs) == (1, 3)
    cue = result.counts["exact"]["Cue"]
    assert (cue.matched, cue.predicted, cue.gold) == (1, 3, 3)  # only the pair 1111-2222 agrees on the cue
    assert result.f1("Source") == result.f1("Content") == 1.0
    assert result.counts["overlap"]["Cue"].matched == 3


def test_agreement_scores_the_pipeline_against_every_annotator(tmp_path: Path) -> None:
    other = ANN.replace("Cue 6 10\tsaid", "Cue 0 10\tSmith said")
    _write(tmp_path, "a", TEXT, {"1111": ANN, "2222": other})
    result = annotator_agreement(tmp_path, settings=load_settings(attribution="rules", persuasion="off"))
    assert (result.attribution, result.articles, result.pairs) == ("rules vs annotators", 1, 2)
    cue = result.counts["exact"]["Cue"]
    assert (cue.matched, cue.gold) == (1, 2)  # the rules' cue "said" is one annotator's, not the other's
    assert result.f1("Source") == 1.0


def test_agreement_needs_an_article_annotated_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "a", TEXT, {"1111": ANN})
    assert main(["eval", "polnear", str(tmp_path), "--agreement"]) != 0
    assert "E047" in capsys.readouterr().err


def test_agreement_on_polnear_train_is_far_from_perfect(capsys: pytest.CaptureFixture[str]) -> None:
    # Why it is measured: the exact-match ceiling the gold allows (docs/attribution-model.md).
    assert main(["eval", "polnear", str(shared_path("data/polnear/train")), "--agreement"]) == 0
    out = capsys.readouterr().out
    assert "attribution=annotators" in out and "pairs scored" in out
    result = annotator_agreement(shared_path("data/polnear/train"))
    assert result.articles >= 10 and result.pairs >= result.articles
    for role in ("Source", "Cue", "Content"):
        assert 0.5 < result.f1(role) < result.f1(role, "overlap") < 1.0


# --- the gate: the real PolNeAR dev split ------------------------------------------------------------
# Floors sit about 0.02 under what each extractor reaches under PolNeAR's own conventions (the
# setting conventions=polnear, which `newstrace eval polnear` uses). To re-measure after changing the
# rules or the model, run
#   newstrace eval polnear ../shared/data/polnear/dev --attribution hybrid   (and --attribution rules)
# update docs/evaluation.md and docs/attribution-model.md with the tables, and move these floors to
# ~0.02 under the new numbers. Never lower a floor to make a change pass.
FLOORS = {
    "hybrid": {
        ("exact", "Source"): 0.78,  # measured 0.799 (conventions polnear, 2026-12-07)
        ("exact", "Cue"): 0.70,  # measured 0.716
        ("exact", "Content"): 0.58,  # measured 0.601
        ("overlap", "Source"): 0.82,  # measured 0.842
        ("overlap", "Cue"): 0.80,  # measured 0.823
        ("overlap", "Content"): 0.82,  # measured 0.841
    },
    "rules": {
        ("exact", "Source"): 0.69,  # measured 0.710
        ("exact", "Cue"): 0.63,  # measured 0.647
        ("exact", "Content"): 0.46,  # measured 0.478
        ("overlap", "Source"): 0.73,  # measured 0.753
        ("overlap", "Cue"): 0.71,  # measured 0.729
        ("overlap", "Content"): 0.73,  # measured 0.748
    },
}


@pytest.mark.parametrize("mode", sorted(FLOORS))
def test_polnear_dev_gate(mode: str) -> None:
    settings = load_settings(attribution=mode, persuasion="off", conventions="polnear")
    result = evaluate(shared_path("data/polnear/dev"), settings=settings)
    assert result.articles == 84
    assert not result.failed
    floors = FLOORS[mode]
    measured = {key: round(result.f1(key[1], key[0]), 3) for key in floors}
    below = {key: (measured[key], floor) for key, floor in floors.items() if measured[key] < floor}
    assert not below, f"{mode}: F1 under the floor (measured, floor): {below}; all: {measured}"
