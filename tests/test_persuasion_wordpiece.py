"""The pure-Python WordPiece against BERT uncased tokenization (expected pieces and offsets were
produced by the Hugging Face BertTokenizerFast on the same vocabulary)."""

from __future__ import annotations

from newstrace.models.persuasion import RESOURCES
from newstrace.models.wordpiece import WordPiece

TEXT = "The Kursk “liberation” was déjà-vu: Pyongyang’s unbelievable 2,000-strong KPA!"
EXPECTED = [
    ("the", (0, 3)), ("ku", (4, 6)), ("##rsk", (6, 9)), ("“", (10, 11)), ("liberation", (11, 21)),
    ("”", (21, 22)), ("was", (23, 26)), ("de", (27, 29)), ("##ja", (29, 31)), ("-", (31, 32)),
    ("vu", (32, 34)), (":", (34, 35)), ("p", (36, 37)), ("##yon", (37, 40)), ("##gy", (40, 42)),
    ("##ang", (42, 45)), ("’", (45, 46)), ("s", (46, 47)), ("unbelievable", (48, 60)), ("2", (61, 62)),
    (",", (62, 63)), ("000", (63, 66)), ("-", (66, 67)), ("strong", (67, 73)), ("k", (74, 75)),
    ("##pa", (75, 77)), ("!", (77, 78)),
]  # fmt: skip


def test_pieces_and_offsets_match_bert_uncased() -> None:
    tokenizer = WordPiece(RESOURCES / "vocab.txt")
    inverse = {i: tok for tok, i in tokenizer.vocab.items()}
    pieces = tokenizer.tokenize(TEXT)
    assert [(inverse[p.id], (p.start, p.end)) for p in pieces] == EXPECTED


def test_unknown_and_overlong_words_become_one_unk() -> None:
    tokenizer = WordPiece(RESOURCES / "vocab.txt")
    text = "ok " + "x" * 150 + " \u2603"
    pieces = tokenizer.tokenize(text)
    assert [p.id for p in pieces[1:]] == [tokenizer.unk, tokenizer.unk]
    assert (pieces[1].start, pieces[1].end) == (3, 153)


def test_control_characters_are_removed_not_word_breaks() -> None:
    # BERT's text cleaning drops a soft hyphen (U+00AD) inside a word: 'sev\xaden' is 'seven', one
    # piece spanning all six characters; splitting there gave 'sev' '##en' (found on allsides text).
    tokenizer = WordPiece(RESOURCES / "vocab.txt")
    inverse = {i: tok for tok, i in tokenizer.vocab.items()}
    pieces = tokenizer.tokenize("last sev\xaden weeks")
    assert [(inverse[p.id], (p.start, p.end)) for p in pieces] == [
        ("last", (0, 4)),
        ("seven", (5, 11)),
        ("weeks", (12, 17)),
    ]
