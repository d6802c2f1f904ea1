"""``newstrace eval timeml``: TimeML read with exact offsets, TempEval-3 matching, and the gate on
TBAQ's dev split (floors pinned at the measured baseline, never lowered)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.eval.timeml import (
    Timex,
    _match,
    evaluate,
    read_meantime,
    read_tml,
    same_value,
    split_of,
)
from newstrace.record import timex_type

from .conftest import shared_path

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It was a bad <TIMEX3 tid="t1" type="DURATION" value="P1W">week</TIMEX3> for <EVENT eid="e1">Asia</EVENT>. \
In <TIMEX3 tid="t2" type="DATE" value="1997-10">October </TIMEX3>prices fell.
</TEXT>
</TimeML>
"""


def test_read_tml_gives_plain_text_and_exact_offsets(tmp_path: Path) -> None:
    path = tmp_path / "X1.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_tml(path)
    assert document.dct == "1998-01-08"
    assert [(t.type, t.value, t.text) for t in document.timexes] == [
        ("DURATION", "P1W", "week"),
        ("DATE", "1997-10", "October"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text  # trailing space trimmed from the extent
    assert "<" not in document.text and "Asia" in document.text


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    gold = [Timex(0, 10, "DATE", "x", ""), Timex(20, 25, "DATE", "y", "")]
    found = [(2, 8, None, ""), (0, 10, None, ""), (21, 30, None, "")]
    assert sorted(_match(gold, found)) == [(0, 1), (1, 2)]


def test_types_are_read_off_values() -> None:
    assert timex_type("P3D", "unresolved") == "DURATION"
    assert timex_type("1998-01-08T10:35", "day") == "TIME"
    assert timex_type("1998-01-08TMO", "day") == "DATE"
    assert timex_type(None, "set") == "SET"
    assert timex_type("XXXX-WXX-1", "set") == "SET"
    assert timex_type("1998-W02", "week") == "DATE"
    assert timex_type("PRESENT_REF", "reference") == "DATE" and timex_type(None, "unresolved") == "DATE"


def test_a_one_digit_iso_week_is_the_same_week() -> None:
    assert same_value("2000-W07", "2000-W7") and same_value("2000-W07-WE", "2000-W7-WE")
    assert not same_value("2000-W07", "2000-W17") and not same_value("2000-W17", "2000-W1")
    assert same_value(None, None) and not same_value("2000", None)


def test_the_split_is_fixed_by_name() -> None:
    assert {split_of(f"doc{n}") for n in range(50)} == {"dev", "test"}
    assert split_of("ABC19980108.1830.0711") == split_of("ABC19980108.1830.0711")


# Measured on TBAQ's dev split (206 documents): relaxed extent F1 0.923, value F1 0.801, type
# accuracy 0.957 (docs/times.md; the scorer landed at value 0.432). Floors only ever go up.
FLOORS = {"relaxed": 0.92, "value": 0.80, "type": 0.95}


@pytest.mark.model
def test_timeml_dev_gate() -> None:
    score = evaluate(shared_path("data/timeml/tbaq"), split="dev")
    assert score.documents == 206
    measured = {"relaxed": score.relaxed_prf()[2], "value": score.value_prf()[2], "type": score.type_accuracy}
    for name, floor in FLOORS.items():
        assert measured[name] >= floor, f"{name} {measured[name]:.3f} under its floor {floor}"


# MEANTIME, never tuned on (its errors were read once, 2026-12-07): relaxed 0.908, value 0.806.
MEANTIME_FLOORS = {"relaxed": 0.90, "value": 0.80}


@pytest.mark.model
def test_meantime_gate() -> None:
    score = evaluate(shared_path("data/meantime/intra-doc_annotation"), split="all")
    measured = {"relaxed": score.relaxed_prf()[2], "value": score.value_prf()[2]}
    for name, floor in MEANTIME_FLOORS.items():
        assert measured[name] >= floor, f"MEANTIME {name} {measured[name]:.3f} under its floor {floor}"


MEANTIME = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Plant</token><token number="1" sentence="0" t_id="2">closes</token>
<token number="2" sentence="1" t_id="3">May</token><token number="3" sentence="1" t_id="4">14</token>
<token number="4" sentence="1" t_id="5">,</token><token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">It</token><token number="7" sentence="2" t_id="8">closed</token>
<token number="8" sentence="2" t_id="9">(</token><token number="9" sentence="2" t_id="10">last</token>
<token number="10" sentence="2" t_id="11">week</token><token number="11" sentence="2" t_id="12">)</token>
<token number="12" sentence="2" t_id="13">.</token>
<Markables>
<TIMEX3 m_id="16" type="DATE" value="2009-05-14" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="17" type="DATE" value="2009-W19" functionInDocument="NONE"><token_anchor t_id="10"/>
<token_anchor t_id="11"/></TIMEX3>
</Markables></Document>
"""


def test_read_meantime_joins_tokens_back_into_text(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text(MEANTIME, encoding="utf-8")
    document = read_meantime(path)
    assert document.text == "Plant closes\nMay 14, 2009\nIt closed (last week)."
    assert document.dct == "2009-05-14"
    assert [(t.text, t.value) for t in document.timexes] == [("May 14, 2009", "2009-05-14"), ("last week", "2009-W19")]
    assert document.annotated_until == len(document.text)  # three sentences: all annotated
