"""The attribution tagger's data and span logic, on hand-built inputs (no model needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newstrace.eval.polnear import polnear_content
from newstrace.models.tagger import TAG_INDEX, TAGS, Transitions, decode, join_split_quotes, viterbi, word_tags
from newstrace.models.wordpiece import Piece
from newstrace.record import Article, Attribution, Span, Speaker
from newstrace.stages._lib.conventions import without_own_attitudes, without_writers_beliefs
from newstrace.stages._lib.tagged import (
    group_spans,
    missed_by_tagger,
    narrow_content,
    narrow_cue,
    narrow_source,
    with_relays,
)
from newstrace.training.attribution_data import Fragment, read_fragments, tag_pieces


def words(text: str) -> list[Piece]:
    """One piece per whitespace- or punctuation-separated word (ids unused here)."""
    pieces, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalnum():
            start = i if start is None else start
            continue
        if start is not None:
            pieces.append(Piece(0, start, i))
            start = None
        if not ch.isspace() and i < len(text):
            pieces.append(Piece(0, i, i + 1))
    return pieces


SPLIT = '"We will win," he said, "and soon."'
FIRST, HE, SAID, SECOND = (0, 14), (15, 17), (18, 22), (24, 35)


def test_tags_mark_a_split_quote_as_one_content_with_a_continuation() -> None:
    pieces = words(SPLIT)
    fragments = [
        Fragment("Content", *FIRST, True),
        Fragment("Source", *HE, True),
        Fragment("Cue", *SAID, True),
        Fragment("Content", *SECOND, False),
    ]
    tags = [TAGS[t] for t in tag_pieces(pieces, fragments)]
    assert tags[0] == "B-Content" and tags[1] == "I-Content"
    starts = {SPLIT[p.start : p.end]: tag for p, tag in zip(pieces, tags, strict=True)}
    assert starts["he"] == "B-Source" and starts["said"] == "B-Cue" and starts["and"] == "I-Content"
    assert tags[-1] == "I-Content"  # the closing quotation mark
    spans = decode([TAG_INDEX[t] for t in tags], pieces, SPLIT)
    assert spans == {"Source": [HE], "Cue": [SAID], "Content": [(0, 35)]}


def test_a_far_continuation_starts_a_new_span() -> None:
    text = "a b " + "x " * 30 + "c"
    pieces = words(text)
    tags = [0] * len(pieces)
    tags[0], tags[1], tags[-1] = TAG_INDEX["B-Content"], TAG_INDEX["I-Content"], TAG_INDEX["I-Content"]
    assert decode(tags, pieces, text)["Content"] == [(0, 3), (len(text) - 1, len(text))]


def test_a_word_takes_the_tag_of_its_first_piece() -> None:
    text = "unbelievable claims"
    pieces = [Piece(0, 0, 2), Piece(0, 2, 12), Piece(0, 13, 19)]
    tags = [TAG_INDEX["B-Cue"], TAG_INDEX["O"], TAG_INDEX["O"]]
    assert [TAGS[t] for t in word_tags(text, pieces, tags)] == ["B-Cue", "I-Cue", "O"]


def test_brat_fragments_are_read_in_text_order(tmp_path: Path) -> None:
    ann = tmp_path / "a_0000.ann"
    ann.write_text("T1\tContent 24 35;0 14\t...\nT2\tCue 18 22\tsaid\nT3\tDiscuss 0 2\tx\n", encoding="utf-8")
    assert read_fragments(ann, SPLIT) == [
        Fragment("Content", *FIRST, True),
        Fragment("Content", *SECOND, False),
        Fragment("Cue", *SAID, True),
    ]


def test_narrowing_to_record_conventions_is_undone_by_the_polnear_mapping() -> None:
    text = 'Officials have also said that the plan failed. "It is over," she added.'
    said = text.index("have also said")
    assert narrow_cue(text, said, said + len("have also said")) == (text.index("said"), text.index("said") + 4)
    that = text.index("that the plan")
    content = narrow_content(text, that, text.index(" failed") + 7)
    assert text[content[0] : content[1]] == "the plan failed"
    quote = (text.index('"It'), text.index(" she"))
    narrowed = narrow_content(text, *quote)
    assert text[narrowed[0] : narrowed[1]] == "It is over"
    for original, ours in (((that, text.index(" failed") + 7), content), (quote, narrowed)):
        attribution = Attribution("a1", "indirect", Speaker(None), None, Article(text=text).span(*ours))
        assert polnear_content(text, attribution) == original
    assert narrow_source("Mr. Smith, an adviser,", 0, 22) == (0, 21)


def test_a_tagged_source_is_made_of_whole_words() -> None:
    """The tagger reads word pieces: a source tagged on a name's last piece takes the whole word, a
    dangling preposition leaves, and a contraction stays out."""

    def source(text: str, start: int, end: int) -> str:
        s, e = narrow_source(text, start, end)
        return text[s:e]

    assert source("Kan'an said so", 4, 6) == "Kan'an"
    assert source("Dr. McGregor-Skinner said", 13, 20) == "McGregor-Skinner"
    assert source("Minju Joson in a commentary says", 0, 14) == "Minju Joson"
    assert source("they're saying", 0, 4) == "they"
    assert source("Trump's aide said", 0, 5) == "Trump"
    # when they spoke is no part of a name: 'Rodong Sinmun Monday stresses', 'Yonhap on Tuesday said'
    assert source("Rodong Sinmun Monday stresses", 0, 20) == "Rodong Sinmun"
    assert source("Yonhap on Tuesday said", 0, 17) == "Yonhap"
    assert source("Officials last week said", 0, 19) == "Officials"
    assert source("Man of the Year said", 0, 15) == "Man of the Year"


def test_each_cue_takes_the_nearest_source_and_content_in_its_paragraph() -> None:
    text = "Smith said the plan failed. Jones argued it worked.\nLater news."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    spans = {
        "Source": [span("Smith"), span("Jones")],
        "Cue": [span("said"), span("argued")],
        "Content": [span("the plan failed"), span("it worked"), span("Later news")],
    }
    groups = group_spans(text, spans)
    triples = [(g.source, g.cue, g.content) for g in groups]
    assert triples == [
        (span("Smith"), span("said"), span("the plan failed")),
        (span("Jones"), span("argued"), span("it worked")),
        (None, None, span("Later news")),
    ]


def test_a_source_after_its_cue_stays_in_the_cues_sentence() -> None:
    # kcna-16611: 'Diplomats implored him to go. Rodong Sinmun says ...' gave the imploring to the paper
    text = "Diplomats implored him to go. They paid. Rodong Sinmun says it is wrong. The U.S. Embassy said it."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    spans = {
        "Source": [span("Rodong Sinmun"), span("Embassy")],
        "Cue": [span("implored"), span("says")],
        "Content": [span("him to go"), span("it is wrong")],
    }
    by_cue = {g.cue: g.source for g in group_spans(text, spans)}
    assert by_cue[span("implored")] is None and by_cue[span("says")] == span("Rodong Sinmun")
    # an initial's stop is no sentence end: 'said the U.S. Embassy' keeps its source
    text = "It is wrong, said the U.S. Embassy."
    spans = {"Source": [span("U.S. Embassy")], "Cue": [span("said")], "Content": [span("It is wrong")]}
    assert [g.source for g in group_spans(text, spans)] == [span("U.S. Embassy")]


def test_this_stands_for_the_claim_before_its_source() -> None:
    from newstrace.record import Article, Attribution, Span, Speaker
    from newstrace.stages._lib.tagged import with_antecedent_contents

    # kcna-20620 (part F): '<claim>.,  Rodong Sinmun Tuesday says this in a bylined article.'
    text = (
        "The cause is sure to win in the end.,  Rodong Sinmun Tuesday says this in an article.\n\nIt goes on:\n\n"
        "Peace matters to all of us now.\n\nKCNA says this in a report.\n\nThe paper says this in a note:"
    )
    article = Article(text=text)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731

    def reading(source: str, cue: str, content: str, n: int = 0) -> Attribution:
        return Attribution("", "indirect", Speaker(span(source, n)), span(cue, n), span(content, n), rule="model")

    lead = reading("Rodong Sinmun Tuesday", "says", "this")
    own_paragraph = reading("KCNA", "says", "this", text.index("KCNA"))
    forward = reading("The paper", "says", "this", text.index("The paper"))
    with_antecedent_contents(article, [lead, own_paragraph, forward])
    assert lead.content.text == "The cause is sure to win in the end"
    assert own_paragraph.content.text == "Peace matters to all of us now"
    assert forward.content.text == "this"  # a colon points forward: the paragraphs after are its words


def test_viterbi_keeps_spans_well_formed() -> None:
    n = len(TAGS)
    pairs = np.zeros((n, n))
    pairs[TAG_INDEX["O"], TAG_INDEX["I-Cue"]] = -50.0  # an I never follows O in the gold
    transitions = Transitions(np.zeros(n), pairs, 1.0)
    logits = np.full((3, n), -5.0)
    logits[0, TAG_INDEX["O"]] = 0.0
    logits[1, TAG_INDEX["I-Cue"]] = 0.0
    logits[1, TAG_INDEX["B-Cue"]] = -0.5
    logits[2, TAG_INDEX["O"]] = 0.0
    assert [TAGS[t] for t in viterbi(logits, None)] == ["O", "I-Cue", "O"]
    assert [TAGS[t] for t in viterbi(logits, transitions)] == ["O", "B-Cue", "O"]
    assert viterbi(np.zeros((0, n)), transitions) == []


def test_split_quotation_halves_around_a_cue_are_joined() -> None:
    text = "“We will win,” he said. “And soon.” Later: “Other.”"
    first = (0, text.index(" he"))
    second = (text.index("“And"), text.index(" Later"))
    other = (text.index("“Other"), len(text))
    said = (text.index("said"), text.index("said") + 4)
    spans = {"Source": [], "Cue": [said], "Content": [first, second, other]}
    assert join_split_quotes(text, spans)["Content"] == [(first[0], second[1]), other]


def test_rules_guide_which_cue_takes_which_content() -> None:
    text = "The participation of the units, he added, confirms the deep roots of solidarity."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    article = Article(text=text)
    guide = Attribution(
        "a1",
        "indirect",
        Speaker(article.span(*span("he"))),
        article.span(*span("added")),
        article.span(span("The")[0], span("solidarity")[1]),
        rule="indirect.parenthetical",
    )
    tagged = {
        "Source": [span("he")],
        "Cue": [span("added"), span("confirms")],
        "Content": [span("The participation of the units"), span("the deep roots of solidarity")],
    }
    unguided = group_spans(text, tagged)
    assert len(unguided) == 2  # by distance alone, 'confirms' takes a content of its own
    (group,) = group_spans(text, tagged, [guide])
    assert group.guide is guide
    assert (group.cue, group.source) == (span("added"), span("he"))
    assert group.content == (span("The")[0], span("solidarity")[1])


def test_rule_quotes_the_tagger_missed_are_kept() -> None:
    text = '"Yes," she said. Officials said no.'
    article = Article(text=text)

    def attribution(kind: str, content: str, cue: str) -> Attribution:
        c, q = text.index(content), text.index(cue)
        return Attribution("", kind, Speaker(None), article.span(q, q + len(cue)), article.span(c, c + len(content)))

    quote = attribution("direct", "Yes", "said")
    indirect = attribution("indirect", "no", "said no")
    tagged = [attribution("indirect", "no", "said no")]
    assert missed_by_tagger([quote, indirect], tagged) == [quote]


def test_rule_attributions_nested_in_a_tagged_content_are_kept() -> None:
    text = "Kim said the harvest was good, according to KCNA."
    article = Article(text=text)
    span = lambda s: article.span(text.index(s), text.index(s) + len(s))  # noqa: E731
    outer = Attribution(
        "", "indirect", Speaker(span("KCNA")), span("according to"), span("Kim said the harvest was good")
    )
    inner = Attribution("", "indirect", Speaker(span("Kim")), span("said"), span("the harvest was good"))
    assert missed_by_tagger([outer, inner], [outer]) == [inner]
    assert missed_by_tagger([outer, inner], [outer, inner]) == []


def test_a_relay_read_by_the_rules_replaces_the_tagged_reading() -> None:
    text = "Interfax quoted Dmitry Peskov as saying that talks would resume."
    article = Article(text=text)
    span = lambda s: article.span(text.index(s), text.index(s) + len(s))  # noqa: E731
    tagged = Attribution(
        "",
        "indirect",
        Speaker(span("Interfax")),
        span("quoted"),
        span("Dmitry Peskov as saying that talks would resume"),
    )
    rule = Attribution(
        "",
        "indirect",
        Speaker(span("Dmitry Peskov")),
        span("saying"),
        span("talks would resume"),
        rule="indirect.ccomp",
    )
    rule.relay = Speaker(span("Interfax"))
    assert with_relays([rule], [tagged]) == [rule]
    unrelated = Attribution("", "indirect", Speaker(None), span("resume"), span("talks"))
    assert with_relays([], [unrelated]) == [unrelated]


def test_a_content_that_runs_over_its_own_cue_is_split_into_its_quotes() -> None:
    from spacy.lang.en import English

    from newstrace.stages._lib.rules import RuleBuilder
    from newstrace.stages._lib.tagged import _quote_parts
    from newstrace.stages.quotes import find_quotes

    # PolNeAR joins a quotation split by its cue into one content; the record keeps the two parts.
    text = '"Our danger is overreaction," Miller told reporters. "I am concerned."'
    article = Article(text=text)
    article.doc = English()(text)
    article.quotes = [article.span(s, e) for s, e in find_quotes(text)]
    cue = article.span(text.index("told"), text.index("told") + 4)
    whole = article.span(1, len(text) - 1)
    joined = Attribution("a1", "direct", Speaker(None), cue, whole)
    parts = _quote_parts(article, joined, RuleBuilder(article))
    assert [p.text for p in parts] == ["Our danger is overreaction", "I am concerned"]
    outside = Attribution("a2", "direct", Speaker(None), cue, article.span(1, text.index(",")))
    assert _quote_parts(article, outside, RuleBuilder(article)) == []


def test_a_participle_after_a_tagged_source_is_no_part_of_it() -> None:
    # 'House Foreign Affairs Committee Chairman Eliot Engel (D., N.Y.), responding to the report, said'
    text = "Chairman Eliot Engel (D., N.Y.), responding to the report, said"
    end = text.index(" to the")
    assert text[slice(*narrow_source(text, 0, end))] == "Chairman Eliot Engel (D., N.Y.)"
    assert narrow_source("Eliot Engel, a chairman,", 0, 23) == (0, 23)


def test_a_content_after_another_ruled_cue_is_that_cues() -> None:
    # kcna-17812: 'The director ... said that the 4th Conference of the WPK decided to hold him ...,
    # adding this clearly demonstrated ...': the rule content of 'said' runs over 'adding'; its own
    # tagged content is the one before 'adding', which keeps what follows (they had been swapped)
    text = (
        "The director said that the conference decided to hold him, adding this clearly showed to the world his idea."
    )
    article = Article(text=text)
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731

    def guide(cue: str, content_from: str) -> Attribution:
        return Attribution(
            "",
            "indirect",
            Speaker(article.span(*span("The director"))),
            article.span(*span(cue)),
            article.span(span(content_from)[0], span("his idea")[1]),
            rule="indirect.ccomp",
        )

    tagged = {
        "Source": [span("The director")],
        "Cue": [span("said"), span("adding")],
        "Content": [span("the conference decided to hold him"), span("this clearly showed to the world his idea")],
    }
    groups = group_spans(text, tagged, [guide("said", "the conference"), guide("adding", "this clearly")])
    contents = {text[g.cue[0] : g.cue[1]]: text[g.content[0] : g.content[1]] for g in groups if g.cue}
    assert contents == {
        "said": "the conference decided to hold him",
        "adding": "this clearly showed to the world his idea",
    }


def test_a_speakers_own_belief_inside_their_words_is_not_another_attribution() -> None:
    # 'Gardner said he believed shareholders might get a better deal': one statement, Gardner's
    # (the conventions annotate a nested attribution only when its speaker differs)
    text = "Gardner said he believed shareholders might get a deal. Analysts believe it."
    article = Article(text=text)
    span = lambda s: article.span(text.index(s), text.index(s) + len(s))  # noqa: E731
    said = Attribution(
        "", "indirect", Speaker(span("Gardner")), span("said"), span("he believed shareholders might get a deal")
    )
    own = Attribution("", "belief", Speaker(span("he")), span("believed"), span("shareholders might get a deal"))
    others = Attribution("", "belief", Speaker(span("Analysts")), span("believe"), span("it"))
    assert without_own_attitudes([said, own, others]) == [said, others]
    # a belief of someone else inside the words stays: 'Gardner said analysts believed ...'
    named = Attribution("", "belief", Speaker(span("Gardner")), span("believed"), span("shareholders might get a deal"))
    assert without_own_attitudes([said, named]) == [said, named]


def test_the_writers_and_the_readers_beliefs_are_the_outlets_voice() -> None:
    # 'I think Obamacare is unconstitutional' in a column: the writer's view, no attribution; 'we
    # expect' inside Smith's words stays for the other conventions to judge
    text = "I think the law is unconstitutional. Smith said we expect a ruling. Judges think it stands."
    article = Article(text=text)
    span = lambda s: article.span(text.index(s), text.index(s) + len(s))  # noqa: E731
    writer = Attribution("", "belief", Speaker(span("I")), span("think"), span("the law is unconstitutional"))
    said = Attribution("", "indirect", Speaker(span("Smith")), span("said"), span("we expect a ruling"))
    quoted = Attribution("", "belief", Speaker(span("we")), span("expect"), span("a ruling"))
    judges = Attribution("", "belief", Speaker(span("Judges")), span("think it"), span("it stands"))
    assert without_writers_beliefs([writer, said, quoted, judges]) == [said, quoted, judges]
    # what the writer says is no belief: it stays
    wrote = Attribution("", "indirect", Speaker(span("I")), span("think"), span("the law is unconstitutional"))
    assert without_writers_beliefs([wrote]) == [wrote]


def test_words_before_their_cue_start_in_the_cues_sentence() -> None:
    from newstrace.stages._lib.tagged import _within_cue_sentence

    text = 'It ran an article titled "Essence". Some people blame us, the article said.'
    article = Article(text=text)
    second = text.index("Some")
    article.sentences = [Span.of(text, 0, second - 1), Span.of(text, second, len(text))]
    content = Span.of(text, text.index('"Essence'), text.index(", the article"))
    cue = Span.of(text, text.index("said"), text.index("said") + 4)
    assert _within_cue_sentence(article, content, cue).text == "Some people blame us"
    # quoted words may run over sentences before their cue
    text = '"We won. They lost," he said.'
    article = Article(text=text)
    article.sentences = [Span.of(text, 0, 8), Span.of(text, 9, len(text))]
    content = Span.of(text, 1, text.index(","))
    cue = Span.of(text, text.index("said"), text.index("said") + 4)
    assert _within_cue_sentence(article, content, cue) == content
