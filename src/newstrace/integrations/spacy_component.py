"""A spaCy component: ``nlp.add_pipe("newstrace")`` puts newstrace's record on the ``Doc``.

The component analyzes ``doc.text`` with newstrace's own pipeline (its pinned parser, tagger and
stages), so the record is exactly what :func:`newstrace.analyze` gives for the same text and
settings, whatever the host pipeline holds; the price is a second parse. It then lays the record
over the host's tokens:

- ``doc._.newstrace``: the :class:`~newstrace.record.Article` record;
- ``doc.spans["newstrace"]``: each attribution's speaker mention, cue, and content (each part of a
  split quote), labelled ``a1 speaker``, ``a1 cue``, ``a1 content`` (the attribution's id first),
  so ``displacy.render(doc, style="span", options={"spans_key": "newstrace"})`` draws who said what;
- ``doc.spans["newstrace_voice"]``: the sentences the outlet asserts in its own voice (``own voice``);
- ``doc.spans["newstrace_persuasion"]``: persuasion spans labelled ``Loaded_Language (outlet)`` or
  ``Loaded_Language (quoted)``.

A span that does not fall on the host's token boundaries is widened to the tokens it touches
(``alignment_mode="expand"``); the record keeps the exact character offsets.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..record import Article
from ..record import Span as TextSpan
from ..run import analyze
from ..settings import load_settings

SPANS_KEY = "newstrace"
VOICE_KEY = "newstrace_voice"
PERSUASION_KEY = "newstrace_persuasion"


class NewstraceComponent:
    """Runs newstrace on each Doc and puts the record's spans on it (see the module's docstring)."""

    def __init__(self, published: str | None, outlet: str | None, settings: dict[str, Any]) -> None:
        self.published = published
        self.outlet = outlet
        self.settings = load_settings(**settings)

    def __call__(self, doc: Doc) -> Doc:
        article = analyze(doc.text, published=self.published, outlet=self.outlet, settings=self.settings)
        return annotate(doc, article)


def annotate(doc: Doc, article: Article) -> Doc:
    """Put ``article`` (a record of ``doc.text``) on ``doc``: the extension and the three span groups."""
    if not Doc.has_extension("newstrace"):
        Doc.set_extension("newstrace", default=None)
    doc._.newstrace = article
    doc.spans[SPANS_KEY] = attribution_spans(doc, article)
    doc.spans[VOICE_KEY] = [s for s in (_span(doc, v, "own voice") for v in article.own_voice) if s is not None]
    persuasion = (_span(doc, p.span, f"{p.technique} ({_voice(p.voice)})") for p in article.persuasion)
    doc.spans[PERSUASION_KEY] = [s for s in persuasion if s is not None]
    return doc


LAYERS = {"attributions": SPANS_KEY, "voice": VOICE_KEY, "persuasion": PERSUASION_KEY}
ROLE_COLOURS = {"speaker": "#7aecec", "cue": "#feca74", "content": "#c7f0b4"}


def render_html(articles: list[Article], layer: str = "attributions") -> str:
    """A standalone HTML page (displaCy's span view) of the articles' attributions, own voice or
    persuasion spans, over a tokenization of each record's text (no parse needed)."""
    from spacy import blank, displacy

    nlp = blank("en")
    docs = [annotate(nlp.make_doc(article.text), article) for article in articles]
    for doc, article in zip(docs, articles, strict=True):
        doc.user_data["title"] = article.title or article.source or article.id
    key = LAYERS[layer]
    labels = {span.label_ for doc in docs for span in doc.spans[key]}
    colours = {label: ROLE_COLOURS.get(label.rsplit(" ", 1)[-1], "#ddd") for label in labels}
    options = {"spans_key": key, "colors": colours}
    return str(displacy.render(docs, style="span", page=True, options=options))


def attribution_spans(doc: Doc, article: Article) -> list[Span]:
    """Speaker, cue and content of every attribution as labelled spans over ``doc``'s tokens."""
    spans: list[Span] = []
    for attribution in article.attributions:
        parts: list[tuple[TextSpan | None, str]] = [
            (attribution.speaker.mention, "speaker"),
            (attribution.cue, "cue"),
            *((part, "content") for part in (attribution.content_parts or [attribution.content])),
        ]
        for text_span, role in parts:
            span = _span(doc, text_span, f"{attribution.id} {role}")
            if span is not None:
                spans.append(span)
    return spans


def _voice(voice: str) -> str:
    return "outlet" if voice == "outlet" else "quoted"


def _span(doc: Doc, text_span: TextSpan | None, label: str) -> Span | None:
    if text_span is None or text_span.start >= text_span.end:
        return None
    return doc.char_span(text_span.start, text_span.end, label=label, alignment_mode="expand")


@Language.factory(
    "newstrace",
    default_config={"published": None, "outlet": None, "settings": {}},
)
def make_newstrace(
    nlp: Language, name: str, published: str | None, outlet: str | None, settings: dict[str, Any]
) -> NewstraceComponent:
    """The factory spaCy calls for ``nlp.add_pipe("newstrace", config={...})``. ``published`` and
    ``outlet`` are recorded for every Doc; ``settings`` are newstrace settings by name
    (``{"persuasion": "off"}``), over the environment and the config file."""
    return NewstraceComponent(published, outlet, settings)
