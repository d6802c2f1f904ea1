"""Sentence starts set before the parser runs (``parse.line_starts``), on the blank tokenizer."""

from __future__ import annotations

from spacy.lang.en import English

from newstrace.stages.parse import GLUED_QUOTE, line_starts, split_glued_quotes

TOKENIZE = English()


def _starts(text: str) -> list[str]:
    doc = line_starts(TOKENIZE(text))
    return [token.text for token in doc if token.is_sent_start and token.i > 0]


def test_a_headline_joined_by_a_full_stop_and_a_comma_ends_there() -> None:
    # KCNA's feed: 'Personages ... lauded leader Kim Jong Il's feats.,  Ali Houdou, president of the
    # party, said'
    assert _starts("Personages of the party lauded his feats.,  Ali Houdou, president of the party, said:") == ["Ali"]
    assert _starts("It was held in Shenzhen, China., Jang Ung spoke.") == ["Jang"]


def test_an_abbreviation_before_a_comma_ends_nothing() -> None:
    assert _starts("Sharp Corp., Fujitsu Ltd. and Sony lost money.") == []
    assert _starts("Buyers were the U.S., Argentina and Uruguay.") == []
    assert _starts("He lauded the feats., and others.") == []  # no capital after it
    assert _starts("He was in Hartford, Conn., Dr. Gerard said.") == []


def test_a_line_break_starts_a_sentence() -> None:
    assert _starts("Thank you @user\nThe next paragraph") == ["The"]


def test_a_quote_glued_between_two_sentences_is_split_off() -> None:
    # a feed that glued its paragraphs: '... of the law."Giuliani suggested' kept '"Giuliani' one
    # untagged word, and the speaker unresolved
    nlp = English()
    split_glued_quotes(nlp)
    assert [t.text for t in nlp('of the law."Giuliani suggested')] == [
        "of",
        "the",
        "law",
        ".",
        '"',
        "Giuliani",
        "suggested",
    ]
    assert [t.text for t in nlp("is racism.”In the wake")] == ["is", "racism", ".", "”", "In", "the", "wake"]
    # a quote that opens after a space, or a word in quotes, is as before
    assert [t.text for t in nlp('He said "Yes" to it.')] == ["He", "said", '"', "Yes", '"', "to", "it", "."]
    split_glued_quotes(nlp)  # once is enough: the pattern is not added twice
    assert nlp.tokenizer.infix_finditer.__self__.pattern.count(GLUED_QUOTE) == 1
