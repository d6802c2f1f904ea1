"""Pairing quotation marks."""

from __future__ import annotations

from newstrace.stages.quotes import find_quotes


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotes(text)]


def test_curly_and_straight() -> None:
    assert _texts('He said “yes, we will,” and she said "no."') == ["yes, we will,", "no."]


def test_split_quote_gives_two_parts() -> None:
    assert _texts('"We won," he said, "and we will win again."') == ["We won,", "and we will win again."]


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph," she said.'
    assert _texts(text) == ['First paragraph of the quote.\n\n"Second paragraph,']


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He said "this never closes.\n\nA new paragraph without quotes.'
    assert _texts(text) == ["this never closes."]


def test_apostrophes_are_not_quotes() -> None:
    assert _texts("Korea’s leader didn’t say it.") == []


def test_single_curly_quotes_when_no_double_quotes() -> None:
    assert _texts("The minister said ‘we are ready’ on Monday.") == ["we are ready"]


def test_an_unclosed_quote_after_a_named_speakers_quote_ends_before_a_new_speakers_paragraph() -> None:
    # reuters21578-2475: the second paragraph's quote has a cue of its own, so the unclosed quote
    # that went on with Crandell's words ends with his paragraph
    text = (
        '    "They are concerned," said James Crandell.\n"Apparently they will talk, I don\'t know.\n'
        '    "It\'s getting confusing," said James Carroll.'
    )
    assert _texts(text) == [
        "They are concerned,",
        "Apparently they will talk, I don't know.",
        "It's getting confusing,",
    ]
    # with no quote of its own before it, the unclosed quote goes on into the next paragraph
    text = '    He spoke.\n"Apparently they will talk.\n    "It\'s getting confusing," said James Carroll.'
    assert _texts(text) == ["Apparently they will talk.\n    \"It's getting confusing,"]
