"""The indexes that replaced linear scans answer exactly what the scans answered."""

from __future__ import annotations

import random
import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newstrace.stages._lib.tokens import TokenIndex, token_index
from newstrace.stages.entities import TakenRanges, form_matches

WORDS = ["“", "We", "will", "win", ",", "”", "Kim", "said", ".", "\n\n", "Ünïcode", "😀", "ok"]
SPACES = [False, True, True, False, False, True, True, False, True, False, True, True, False]


def _doc() -> Doc:
    return Doc(Vocab(), words=WORDS, spaces=SPACES)


def test_every_query_matches_a_linear_scan() -> None:
    doc = _doc()
    index = TokenIndex(doc)
    assert index.starts == [t.idx for t in doc]
    assert index.ends == [t.idx + len(t.text) for t in doc]
    for offset in range(-1, len(doc.text) + 2):
        assert index.first_starting_at_or_after(offset) == next((t.i for t in doc if t.idx >= offset), len(doc))
        assert index.count_ending_by(offset) == len([t for t in doc if t.idx + len(t.text) <= offset])
        assert index.starting_at(offset) == next((t.i for t in doc if t.idx == offset), None)
        for end in range(offset, len(doc.text) + 2):
            assert list(index.starting_within(offset, end)) == [t.i for t in doc if offset <= t.idx < end]


def test_index_is_built_once_per_doc_and_handles_an_empty_doc() -> None:
    doc = _doc()
    assert token_index(doc) is token_index(doc)
    empty = TokenIndex(Doc(Vocab(), words=[]))
    assert empty.first_starting_at_or_after(0) == 0
    assert empty.count_ending_by(10) == 0
    assert empty.starting_at(0) is None


# Strings where case-insensitive matching, word boundaries and overlaps are tricky.
TEXTS = [
    "Kim met KIM-Jong and kim's aide; Kimberly and Kim.",
    "ıstanbul İstanbul ISTANBUL istanbul-based Istanbul",
    "U.S. officials, u.s. and U.S.-led; US. U.S.",
    "aaaa aa aaa a-aa aa_aa aa",
    "Straße STRASSE strasse ſtraße",
]
FORMS = ["kim", "istanbul", "u.s.", "aa", "a", "aaa", "straße", "strasse", ".", "kim's"]


def test_form_matches_finds_what_finditer_finds() -> None:
    for text in TEXTS:
        for form in FORMS:
            whole = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.IGNORECASE)
            for pos in (0, 3, len(text) // 2):
                expected = [(m.start(), m.end()) for m in whole.finditer(text, pos)]
                assert list(form_matches(form, text, pos)) == expected, (text, form, pos)


def test_taken_ranges_answer_as_a_scan_does() -> None:
    rng = random.Random(7)
    for _ in range(200):
        ranges = [(rng.randint(-2, 40), rng.randint(-2, 40)) for _ in range(rng.randint(0, 6))]
        taken = TakenRanges(30, ranges)
        scan = list(ranges)
        for _ in range(20):
            start = rng.randint(0, 38)
            end = start + rng.randint(1, 6)
            expected = any(s < end and start < e for s, e in scan)
            assert taken.overlaps(start, end) == expected, (ranges, start, end)
            if rng.random() < 0.3:
                taken.add(start, end)
                scan.append((start, end))
