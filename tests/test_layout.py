"""Hard-wrapped text read whole without moving an offset (stages/_lib/layout.py), on hand-built and real text."""

from __future__ import annotations

import gzip
import json

from hypothesis import given
from hypothesis import strategies as st

from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.stages._lib.layout import is_hard_wrapped, paragraphs, reading_view

from .conftest import shared_path

WRAPPED = (
    "WASHINGTON, March 3 - The Agriculture Department said\n"
    "it would review the program, which costs 2.4 mln\n"
    "dlrs a year.\n"
    "    The decision follows a request by\n"
    "12 states, officials said.\n"
    "\n"
    "Table:\n"
    " Wheat 2.55\n"
)


def test_wrapped_lines_read_as_spaces_and_paragraphs_stay() -> None:
    assert is_hard_wrapped(WRAPPED)
    view = reading_view(WRAPPED)
    assert len(view) == len(WRAPPED)
    assert "said it would review" in view and "2.4 mln dlrs a year" in view
    assert "year.\n    The decision" in view  # an indented line starts a paragraph
    assert [WRAPPED[s:e] for s, e in paragraphs(WRAPPED)] == [
        WRAPPED[: WRAPPED.index("\n    ")],
        "The decision follows a request by\n12 states, officials said.",
        "Table:",
        "Wheat 2.55",
    ]


def test_text_with_a_paragraph_per_line_is_left_alone() -> None:
    text = "Kim Jong Hun told KCNA:\n\nThe election is a fortune.\nAlways he guided us.\nPyongyang, May 3"
    assert not is_hard_wrapped(text)
    assert reading_view(text) is text
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "Kim Jong Hun told KCNA:",
        "The election is a fortune.",
        "Always he guided us.",
        "Pyongyang, May 3",
    ]


@given(st.text(alphabet=st.sampled_from(list('ab .,\n\t"A1')), max_size=300))
def test_the_view_changes_only_wrapping_line_breaks(text: str) -> None:
    view = reading_view(text)
    assert len(view) == len(text)
    for at, (mine, theirs) in enumerate(zip(view, text, strict=True)):
        stray_comma = theirs == "," and text[max(0, at - 2) : at] in {". ", "! ", "? "}
        assert mine == theirs or (theirs == "\n" and mine == " ") or (stray_comma and mine == " ")


def test_a_stray_comma_between_kcnas_lead_and_body_reads_as_a_space() -> None:
    text = "Paek is suppressed, according to Genuine World on June 7. ,  The police issued summons."
    view = reading_view(text)
    assert view == text.replace(". ,", ".  ") and len(view) == len(text)
    assert reading_view("He said, yes. , no") == "He said, yes.   no"
    assert reading_view("the U.S., Japan and China") == "the U.S., Japan and China"
    for start, end in paragraphs(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()


def test_hard_wrapped_reuters_story_gets_whole_attributions() -> None:
    # Reuters-21578 16852 (James Miller on the Fed): parsed line by line it gave 22 attributions, 11
    # of them speakerless fragments, and one of Miller's quotes went to his spokesman.
    with gzip.open(shared_path("data/corpora/reuters21578.jsonl.gz"), "rt", encoding="utf-8") as lines:
        record = next(json.loads(line) for line in lines if '"reuters21578-16852"' in line)
    from newstrace.run import analyze

    article = analyze(record["text"], settings=load_settings(persuasion="off"))
    assert isinstance(article, Article)
    article.check_spans()
    speakerless = [a for a in article.attributions if a.speaker.mention is None]
    assert len(article.attributions) >= 10 and len(speakerless) <= 3
    miller = [a for a in article.attributions if a.speaker.name == "James Miller"]
    assert len(miller) >= 7  # his name is one name, although the text wraps it ('James\nMiller')
    quote = next(a for a in article.attributions if a.content.text.startswith("Our greatest danger"))
    assert quote.speaker.name == "James Miller"
    assert [p.text.split()[0] for p in quote.content_parts] == ["Our", "I'm"]  # not 'Miller told' inside
    assert not any(a.speaker.name == "Edwin Dale" and "Fed's" in a.content.text for a in article.attributions)


def test_angle_brackets_around_names_read_as_spaces() -> None:
    # Reuters-21578 marks company names: '<Qintex Ltd> of Brisbane said' parsed Brisbane as the subject.
    text = "NEW YORK, March 20 - <Qintex Ltd> of Brisbane said it has\narranged a loan for\nits unit."
    view = reading_view(text)
    assert len(view) == len(text)
    assert " Qintex Ltd  of Brisbane said it has arranged a loan for its unit." in view
    assert reading_view("a < b and c > d") == "a < b and c > d"  # not a name tag


def test_a_name_tag_wrapped_onto_the_next_line_reads_as_spaces_too() -> None:
    # reuters21578-1902: 'to build two hulls for <Onomichi Dockyard\nCo Ltd>, was a success': the
    # brackets left in, the parser made 'Ltd' a subject and missed 'He told Reuters ... that ...'
    text = "He told Reuters that a venture, to build\nhulls for <Onomichi Dockyard\nCo Ltd>, was a success.\nIt grew."
    view = reading_view(text)
    assert len(view) == len(text)
    assert "hulls for  Onomichi Dockyard\nCo Ltd , was a success." in view and "<" not in view
    blank = "A <Kim\n\nLtd> b and c\nd."
    assert "<" in reading_view(blank)  # never over a blank line: a paragraph break is no wrap


def test_a_stock_symbol_after_a_name_reads_as_spaces() -> None:
    # 'Westdeutsche Landesbank Girozentrale <WELG.F> said': the parser took 'F' for the speaker.
    text = "DUESSELDORF - Westdeutsche Landesbank Girozentrale\n<WELG.F> said its\nunit posted a loss\nof 12 mln marks."
    view = reading_view(text)
    assert len(view) == len(text)
    assert "Girozentrale          said its unit posted a loss of 12 mln marks." in view  # the wrap is a space too
    assert reading_view("NEW YORK - <IBM> said") == "NEW YORK -  IBM  said"  # a name in brackets, not a symbol
    assert reading_view("Chrysler Corp <C> and <AMC> said") == "Chrysler Corp     and  AMC  said"


def test_a_pop_up_card_after_a_name_reads_as_spaces() -> None:
    # The Hill, scraped with its pop-up cards: the name, the full name glued to its headlines, 'MORE'.
    text = (
        "Speaker Nancy Pelosi Nancy PelosiOvernight Health Care: Trump officials making changes | House panel"
        " advances ban | Senators press FDA MORE (D-Calif.) asked President Trump to delay it."
    )
    view = reading_view(text)
    assert len(view) == len(text)
    assert view.startswith("Speaker Nancy Pelosi ") and view.endswith(" (D-Calif.) asked President Trump to delay it.")
    assert "MORE" not in view and "Overnight" not in view
    # a name said twice, or capitals and 'MORE' in plain prose, stay
    plain = "Kim Jong Un met Kim Jong Un's envoy. MORE talks followed."
    assert reading_view(plain) == plain


def test_a_tagged_span_across_a_blanked_card_keeps_its_longest_piece() -> None:
    from newstrace.stages.attribution import _unblanked

    body = "Speaker Nancy Pelosi" + " " * 40 + "(D-Calif.) asked"
    assert _unblanked(body, (0, body.index(" asked"))) == (0, len("Speaker Nancy Pelosi"))
    assert _unblanked(body, (0, 7)) == (0, 7)


def test_a_pop_up_card_leaves_no_trace_in_speakers_or_entities() -> None:
    from newstrace.run import analyze

    from .test_realnews_classes import corpus_text

    # allsides-COo2jpM3vLJsffS1 (part H): the speaker had been 'Speaker Nancy Pelosi Nancy
    # PelosiOvernight Health Care: ... MORE (D-Calif.)', an entity of that name
    record = corpus_text("allsides-12k.jsonl.gz", "allsides-COo2jpM3vLJsffS1")
    article = analyze(record["text"], settings=load_settings(persuasion="off"))
    article.check_spans()
    assert not any("MORE" in e.name or "|" in e.name for e in article.entities)
    mentions = [a.speaker.mention.text for a in article.attributions if a.speaker.mention]
    assert "Speaker Nancy Pelosi" in mentions and not any("MORE" in m for m in mentions)
