"""Persuasion pieces that need no model: voice assignment, summary, WordPiece offsets, head batching, split."""

from __future__ import annotations

import numpy as np

from newstrace.formats.semeval import fold, is_dev, paragraphs
from newstrace.models.encoder import chunk_pieces
from newstrace.models.persuasion import Detection, Head
from newstrace.models.wordpiece import Piece
from newstrace.record import Article, Attribution, Speaker
from newstrace.stages.persuasion import assign_voice, summarize

TEXT = (
    'Rebels, the outlet wrote, are "vile traitors who betray our sacred homeland," the minister said. '
    "The brave soldiers crushed the invaders."
)


def _article() -> Article:
    article = Article(text=TEXT)
    quote_start = TEXT.index("vile")
    quote_end = TEXT.index(',"')
    speaker_start = TEXT.index("the minister")
    speaker = Speaker(article.span(speaker_start, speaker_start + 12), ["e1"], "The Minister", "name")
    article.attributions = [
        Attribution(
            "a1",
            "direct",
            speaker,
            article.span(speaker_start + 13, speaker_start + 17),
            article.span(quote_start, quote_end),
        )
    ]
    second = TEXT.index("The brave")
    article.own_voice = [article.span(second, len(TEXT))]
    return article


def test_span_inside_quote_is_attributed_to_its_speaker() -> None:
    article = _article()
    start = TEXT.index("vile traitors")
    found = assign_voice(article, Detection("Name_Calling-Labeling", 0.9, start, start + len("vile traitors")))
    assert (found.voice, found.attribution, found.speaker, found.speaker_entity) == (
        "attributed",
        "a1",
        "The Minister",
        "e1",
    )
    assert found.span.text == "vile traitors"


def test_span_outside_every_content_is_outlet_voice() -> None:
    article = _article()
    start = TEXT.index("invaders")
    found = assign_voice(article, Detection("Name_Calling-Labeling", 0.8, start, start + 8))
    assert (found.voice, found.attribution, found.speaker) == ("outlet", None, None)


def test_span_mostly_outside_the_quote_stays_outlet() -> None:
    article = _article()
    start = TEXT.index("Rebels")
    end = TEXT.index("vile") + 2  # two characters inside the quote
    assert assign_voice(article, Detection("Loaded_Language", 0.5, start, end)).voice == "outlet"


def test_summary_counts_by_voice_and_own_voice_share() -> None:
    article = _article()
    q = TEXT.index("vile traitors")
    o = TEXT.index("invaders")
    b = TEXT.index("brave")
    article.persuasion = [
        assign_voice(article, Detection("Name_Calling-Labeling", 0.9, q, q + 13)),
        assign_voice(article, Detection("Name_Calling-Labeling", 0.8, o, o + 8)),
        assign_voice(article, Detection("Flag_Waving", 0.6, b, b + 5)),
    ]
    summary = summarize(article)
    assert summary["by_voice"] == {
        "outlet": {"Flag_Waving": 1, "Name_Calling-Labeling": 1},
        "attributed": {"Name_Calling-Labeling": 1},
    }
    assert summary["by_speaker"] == {"The Minister": {"Name_Calling-Labeling": 1}}
    assert (summary["own_voice_sentences"], summary["own_voice_loaded_sentences"]) == (1, 1)
    assert summary["own_voice_loaded_share"] == 1.0


def test_summary_without_own_voice_has_no_share() -> None:
    article = _article()
    article.own_voice = []
    assert summarize(article)["own_voice_loaded_share"] is None


def test_batched_head_equals_naive_per_chunk_convolution() -> None:
    rng = np.random.default_rng(0)
    dims, hidden, out, kernel = 6, 4, 3, 5
    weights = {
        "inp.weight": rng.normal(size=(hidden, dims)).astype(np.float32),
        "inp.bias": rng.normal(size=hidden).astype(np.float32),
        "conv.weight": rng.normal(size=(hidden, hidden, kernel)).astype(np.float32),
        "conv.bias": rng.normal(size=hidden).astype(np.float32),
        "out.weight": rng.normal(size=(out, 2 * hidden)).astype(np.float32),
        "out.bias": rng.normal(size=out).astype(np.float32),
    }
    head = Head(weights)
    chunks = [rng.normal(size=(n, dims)).astype(np.float32) for n in (1, 7, 3)]
    batched = head(chunks)

    def gelu(x: np.ndarray) -> np.ndarray:
        return 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))

    projected = head([head.project(f) for f in chunks], projected=True)
    for a, b in zip(batched, projected, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    for features, got in zip(chunks, batched, strict=True):
        h = gelu(features @ weights["inp.weight"].T + weights["inp.bias"])
        padded = np.vstack([np.zeros((2, hidden)), h, np.zeros((2, hidden))])
        conv = np.array(
            [
                sum(weights["conv.weight"][:, :, k] @ padded[i + k] for k in range(kernel)) + weights["conv.bias"]
                for i in range(len(features))
            ]
        )
        logits = np.hstack([h, gelu(conv)]) @ weights["out.weight"].T + weights["out.bias"]
        np.testing.assert_allclose(got, 1 / (1 + np.exp(-logits)), rtol=1e-4, atol=1e-5)


def test_chunks_keep_lines_together_and_respect_the_limit() -> None:
    text = "aa bb.\ncc dd ee.\nff"
    pieces = [Piece(i, m.start(), m.end()) for i, m in enumerate(__import__("re").finditer(r"\w+|\.", text))]
    chunks = chunk_pieces(text, pieces, 0, max_pieces=4)
    assert [[text[p.start : p.end] for p in c.pieces] for c in chunks] == [
        ["aa", "bb", "."],
        ["cc", "dd", "ee", "."],
        ["ff"],
    ]
    long_line = chunk_pieces(text.replace("\n", " "), pieces, 0, max_pieces=4)
    assert all(len(c.pieces) <= 4 for c in long_line)
    assert sum(len(c.pieces) for c in long_line) == len(pieces)


def test_dev_split_is_a_fixed_function_of_the_id() -> None:
    assert fold("111111111") == fold("111111111")
    ids = [str(n) for n in range(1000)]
    share = sum(is_dev(i) for i in ids) / len(ids)
    assert 0.15 < share < 0.25


def test_paragraphs_are_non_blank_lines() -> None:
    text = "Title\n\n  \nBody one.\nBody two."
    assert [text[a:b] for a, b in paragraphs(text)] == ["Title", "Body one.", "Body two."]


def test_runs_finds_each_stretch() -> None:
    from newstrace.models.persuasion import runs

    assert runs(np.array([1, 1, 0, 0, 1, 0, 1, 1, 1], dtype=bool)) == [(0, 1), (4, 4), (6, 8)]
    assert runs(np.zeros(4, dtype=bool)) == []


def test_lexical_rules_on_hand_made_text() -> None:
    from newstrace.models.persuasion import rule_detections

    text = (
        "The regime sent foreign mercenaries. Soldiers loyal to the cause fought the Western invaders "
        "with heroic courage; it was sacred and eternal. Police arrested people."
    )
    found = {(d.technique, text[d.start : d.end]) for d in rule_detections(text)}
    assert ("Name_Calling-Labeling", "Western invaders") in found
    assert ("Appeal_to_Values", "loyal to the cause") in found
    assert ("Loaded_Language", "heroic courage") in found
    assert ("Loaded_Language", "sacred") in found  # a function word after the adjective is not taken
    assert not any("Police" in t or "people" in t for _, t in found)


def test_cross_validation_subsets_renumber_chunks_to_their_articles() -> None:
    """Each fold's chunks must point at that fold's articles: a chunk left pointing into the whole
    corpus would score one article's probabilities against another's gold."""
    from newstrace.formats.semeval import CorpusArticle, fold
    from newstrace.models.encoder import Chunk
    from newstrace.models.wordpiece import Piece
    from newstrace.training.persuasion import _subset

    articles = [CorpusArticle(str(n), f"text {n}") for n in range(40)]
    chunks = [Chunk(doc, [Piece(1, 0, 4)]) for doc in range(40) for _ in range(2)]
    for k in range(5):
        subset_chunks, subset_articles = _subset(chunks, articles, {k})
        assert subset_articles == [a for a in articles if fold(a.id) == k]
        assert len(subset_chunks) == 2 * len(subset_articles)
        assert {c.doc for c in subset_chunks} == set(range(len(subset_articles)))
        assert all(chunks[2 * int(subset_articles[c.doc].id)].pieces == c.pieces for c in subset_chunks)
    assert chunks[0].doc == 0 and chunks[-1].doc == 39  # the corpus's own chunks are untouched
