"""The attribution stages: rules over the parse, the learned tagger alone, or both (the default).

``attribution.rules.v1`` runs the rules of :mod:`newstrace.stages._lib.rules`;
``attribution.model.v1`` groups the tagger's spans (:mod:`newstrace.stages._lib.tagged`);
``attribution.hybrid.v1`` lets the rules guide that grouping and keeps what only the rules find.
The setting ``attribution`` chooses one (docs/settings.md). What they find is then narrowed to what
the chosen annotation conventions count (``stages/conventions.py``).
"""

from __future__ import annotations

import re

from ..formats.polnear import Offsets
from ..models.tagger import load_tagger
from ..record import Article
from ..settings import Settings
from ..stage import ENGLISH, Stage
from ._lib.layout import BLANKED_SPACES, reading_view
from ._lib.rules import RuleBuilder
from ._lib.tagged import (
    missed_by_tagger,
    number,
    tagged_attributions,
    with_antecedent_contents,
    with_introduced,
    with_relays,
    without_phantoms,
    without_unsaid,
)

_BLANKED = re.compile(f" {{{BLANKED_SPACES},}}")
# What every attribution stage reads: the body's parse, its sentences and quotation spans.
REQUIRES = ("text", "body_start", "doc", "quotes", "sentences")


class RuleAttributionStage(Stage):
    name = "attribution.rules.v1"
    requires = REQUIRES
    assigns = ("attributions",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        article.attributions = number(RuleBuilder(article).run())


class _TaggerStage(Stage):
    """Tags each article's body with the learned tagger; each article's spans depend on its text alone."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.tagger = load_tagger()

    def __call__(self, article: Article) -> None:
        self.pipe([article])

    def spans(self, articles: list[Article]) -> list[dict[str, list[Offsets]]]:
        """Tagged spans of each article's body, in article offsets; a hard-wrapped body is read in its
        reading view (same offsets), as the parse reads it, so spans do not stop at wrapped lines."""
        bodies = [reading_view(a.text[a.body_start :]) for a in articles]
        return [
            {
                role: [
                    (s + article.body_start, e + article.body_start) for s, e in (_unblanked(body, f) for f in found)
                ]
                for role, found in spans.items()
            }
            for article, body, spans in zip(articles, bodies, self.tagger.spans_many(bodies), strict=True)
        ]


def _unblanked(body: str, span: Offsets) -> Offsets:
    """A tagged span that runs across a stretch the reading view blanked (a pop-up card scraped
    into the text: 'Speaker Nancy Pelosi [card] (D-Calif.)') keeps its longest piece."""
    start, end = span
    blanks = [m.span() for m in _BLANKED.finditer(body, start, end)]
    if not blanks:
        return span
    pieces, position = [], start
    for blank_start, blank_end in blanks:
        pieces.append((position, blank_start))
        position = blank_end
    pieces.append((position, end))
    first, last = max(pieces, key=lambda piece: len(body[piece[0] : piece[1]].strip()))
    piece = body[first:last]
    return first + len(piece) - len(piece.lstrip()), last - len(piece) + len(piece.rstrip())


class ModelAttributionStage(_TaggerStage):
    name = "attribution.model.v1"
    requires = REQUIRES
    assigns = ("attributions",)
    languages = ENGLISH

    def pipe(self, articles: list[Article]) -> None:
        for article, spans in zip(articles, self.spans(articles), strict=True):
            tagged = tagged_attributions(article, spans, RuleBuilder(article))
            article.attributions = number(with_antecedent_contents(article, tagged))


class HybridAttributionStage(_TaggerStage):
    name = "attribution.hybrid.v1"
    requires = REQUIRES
    assigns = ("attributions",)
    languages = ENGLISH

    def pipe(self, articles: list[Article]) -> None:
        for article, spans in zip(articles, self.spans(articles), strict=True):
            builder = RuleBuilder(article)
            ruled = builder.run()
            tagged = with_introduced(ruled, with_relays(ruled, tagged_attributions(article, spans, builder, ruled)))
            tagged = without_unsaid(article, without_phantoms(tagged))
            article.attributions = number(with_antecedent_contents(article, tagged + missed_by_tagger(ruled, tagged)))
