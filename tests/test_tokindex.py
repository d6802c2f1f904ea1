"""The token-offset index answers exactly what a scan over every token answers."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newstrace.stages.tokindex import TokenIndex, token_index

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
