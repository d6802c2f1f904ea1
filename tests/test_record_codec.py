"""The Article codec: ``Article.from_dict(a.to_dict())`` gives the same record back, for any record.

Hypothesis builds records with every layer filled (spans always slices of the text, as the schema
requires) and checks the round trip through the dict and through JSON text, and that the input
fields survive ``inputs()`` / ``from_inputs()``, the form workers exchange.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.record import (
    ATTRIBUTION_KINDS,
    INPUT_FIELDS,
    Article,
    Attribution,
    Dateline,
    Entity,
    Mention,
    PersuasionSpan,
    Span,
    Speaker,
    StageError,
    TimeExpression,
)

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)
NAME = st.text(min_size=1, max_size=20)
OPTIONAL = st.none() | NAME


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def speakers(draw: st.DrawFn, text: str) -> Speaker:
    return Speaker(
        mention=draw(st.none() | spans(text)),
        entities=draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), max_size=2, unique=True)),
        name=draw(OPTIONAL),
        resolution=draw(st.sampled_from(["name", "description", "pronoun", "unresolved", "continued"])),
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(TEXT)
    article = Article(
        text=text,
        source=draw(OPTIONAL),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        outlet=draw(OPTIONAL),
        url=draw(OPTIONAL),
        agency=draw(OPTIONAL),
        byline=draw(OPTIONAL),
        title=draw(OPTIONAL),
        dateline=draw(st.none() | st.builds(Dateline, spans(text), OPTIONAL, OPTIONAL)),
        header=draw(st.lists(spans(text), max_size=2)),
        own_voice=draw(st.lists(spans(text), max_size=3)),
        stages=draw(st.lists(st.sampled_from(["header.v1", "parse.spacy.v1", "voice.v1"]), max_size=3)),
        errors=draw(st.lists(st.builds(StageError, NAME, NAME, NAME), max_size=1)),
    )
    article.entities = [
        Entity(
            id=f"e{k}",
            name=draw(NAME),
            type=draw(st.sampled_from(["PERSON", "ORG", "GPE"])),
            mentions=draw(st.lists(st.builds(Mention, spans(text), st.sampled_from(["name", "acronym"])), max_size=3)),
            aliases=draw(st.lists(NAME, max_size=2, unique=True)),
            roles=draw(st.lists(NAME, max_size=2)),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    article.attributions = [
        Attribution(
            id=f"a{k}",
            kind=draw(st.sampled_from(ATTRIBUTION_KINDS)),
            speaker=draw(speakers(text)),
            cue=draw(st.none() | spans(text)),
            content=draw(spans(text)),
            content_parts=draw(st.lists(spans(text), max_size=2)),
            via=draw(st.lists(NAME, max_size=3)),
            citing=draw(st.none() | speakers(text)),
            rule=draw(st.sampled_from(["direct.after", "model", ""])),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    article.times = draw(
        st.lists(
            st.builds(TimeExpression, spans(text), OPTIONAL, st.sampled_from(["day", "year"]), st.just("mention")),
            max_size=2,
        )
    )
    article.persuasion = [
        PersuasionSpan(
            technique=draw(st.sampled_from(["Loaded_Language", "Doubt"])),
            score=round(draw(st.floats(0, 1)), 4),
            span=draw(spans(text)),
            voice=draw(st.sampled_from(["outlet", "attributed"])),
            attribution=draw(OPTIONAL),
            speaker=draw(OPTIONAL),
            speaker_entity=draw(OPTIONAL),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    article.persuasion_summary = draw(st.none() | st.just({"by_voice": {}, "by_speaker": {}}))
    return article


@settings(max_examples=200, deadline=None)
@given(articles())
def test_from_dict_inverts_to_dict(article: Article) -> None:
    record = article.to_dict()
    assert Article.from_dict(record).to_dict() == record
    assert Article.from_dict(json.loads(json.dumps(record, ensure_ascii=False))).to_dict() == record
    Article.from_dict(record).check_spans()


@settings(max_examples=100, deadline=None)
@given(articles())
def test_input_fields_survive_the_worker_form(article: Article) -> None:
    rebuilt = Article.from_inputs(article.inputs())
    assert {name: getattr(rebuilt, name) for name in INPUT_FIELDS} == article.inputs()
    assert rebuilt.attributions == [] and rebuilt.stages == []  # the document as read, nothing analyzed
