"""What the pages draw, on hand-built records (no model): the article text cut into marked pieces,
charts and the relay layout."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.record import Article, Attribution, Entity, Mention, PersuasionSpan, Span, Speaker
from newstrace.web.render import bar_chart, chain_of, pieces, quoted_counts, relay_layout

TEXT = 'SEOUL, May 1 (TASS) -- "We will win," Kim said. The rally was huge.'


def _article() -> Article:
    article = Article(text=TEXT, agency="TASS")
    quote = TEXT.index("We will win,")
    kim = TEXT.index("Kim said")
    own = TEXT.index("The rally")
    article.entities = [Entity("e1", "Kim Jong Un", "PERSON", [Mention(Span.of(TEXT, kim, kim + 3))])]
    article.attributions = [
        Attribution(
            id="a1",
            kind="direct",
            speaker=Speaker(
                mention=Span.of(TEXT, kim, kim + 3), entities=["e1"], name="Kim Jong Un", resolution="name"
            ),
            cue=Span.of(TEXT, kim + 4, kim + 8),
            content=Span.of(TEXT, quote, quote + 12),
            via=["TASS", "Korean Central News Agency"],
        )
    ]
    article.own_voice = [Span.of(TEXT, own, len(TEXT))]
    article.persuasion = [PersuasionSpan("Loaded_Language", 0.8, Span.of(TEXT, own + 14, own + 18), voice="outlet")]
    return article


def test_pieces_cover_the_text_once_with_their_roles() -> None:
    article = _article()
    cut = pieces(article)
    assert "".join(p.text for p in cut) == TEXT
    by_text = {p.text: p for p in cut}
    assert by_text["Kim"].role == "speaker" and by_text["Kim"].attributions == ["a1"] and by_text["Kim"].entity == "e1"
    assert by_text["said"].role == "cue"
    assert by_text["We will win,"].role == "content"
    assert by_text["huge"].own_voice and by_text["huge"].techniques == ["Loaded_Language"]
    assert "Loaded_Language (outlet, 0.80)" in by_text["huge"].notes
    assert not cut[0].marked and cut[0].text.startswith("SEOUL"), "unmarked text stays plain"


def test_chain_and_counts() -> None:
    article = _article()
    assert chain_of(article, article.attributions[0]) == ["TASS", "Korean Central News Agency", "Kim Jong Un"]
    assert quoted_counts(article) == [("Kim Jong Un", 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=12))
def test_any_spans_give_pieces_that_rebuild_the_text(bounds: list[tuple[int, int]]) -> None:
    article = Article(text=TEXT)
    article.own_voice = [Span.of(TEXT, min(a, b), max(a, b)) for a, b in bounds if a != b]
    cut = pieces(article)
    assert "".join(p.text for p in cut) == TEXT
    assert all(p.start == sum(len(q.text) for q in cut[:i]) for i, p in enumerate(cut))
    for p in cut:
        covered = any(s.start <= p.start and p.start + len(p.text) <= s.end for s in article.own_voice)
        assert p.own_voice == covered


def test_bar_chart_stacks_series_and_scales_to_the_highest_bar() -> None:
    chart = bar_chart([("2011-02", "direct", 2), ("2011-01", "direct", 1), ("2011-01", "indirect", 3)])
    assert [b.label for b in chart.bars] == ["2011-01", "2011-02"] and chart.top == 4
    first = chart.bars[0]
    assert [s[3] for s in first.segments] == [1, 3]
    assert abs(sum(s[2] for s in first.segments) - (chart.height - 20)) < 0.5, "the highest bar fills the plot"


def test_relay_layout_puts_each_hop_one_column_further() -> None:
    nodes, links, _ = relay_layout([("TASS", "KCNA", 5), ("KCNA", "Kim Jong Un", 4), ("KCNA", "Rodong Sinmun", 1)])
    x = {n.name: n.x for n in nodes}
    assert x["TASS"] < x["KCNA"] < x["Kim Jong Un"] == x["Rodong Sinmun"]
    assert len(links) == 3
    # a cycle does not loop forever
    cyc_nodes, _, _ = relay_layout([("A", "B", 1), ("B", "A", 1)])
    assert {n.name for n in cyc_nodes} == {"A", "B"}


def test_untitled_wire_copy_gets_its_agency_and_first_words() -> None:
    from newstrace.record import Dateline
    from newstrace.web.pages import untitled

    text = "SEOUL, October 24. /TASS/. The participation of units demonstrated the ties."
    article = Article(text=text, agency="TASS", dateline=Dateline(Span.of(text, 0, 17), "Seoul", "2025-10-24"))
    assert untitled(article) == "TASS: The participation of units demonstrated the ties.…"
    assert untitled(Article(text="(KCNA) -- Kim spoke.")) == "Kim spoke.…"
