"""What the annotation conventions count as an attribution, kept apart from what the stages find.

The attribution stages find every reading they can; this stage keeps those that the real-news
conventions (``../shared/data/realnews-dev/README.md``, "Nesting" and "Not annotated") count as
who said what. The setting ``conventions`` chooses it ('realnews', the default) or PolNeAR's wider
conventions ('polnear': PolNeAR also annotates acts and events such as "passed the bill" or
"declined to", and ``newstrace eval polnear`` scores under them).
"""

from __future__ import annotations

from ..record import Article
from ..stage import ENGLISH, Stage
from ._lib.conventions import (
    without_acts,
    without_anonymity_requests,
    without_displays,
    without_forecasts,
    without_hypothetical,
    without_negated,
    without_own_attitudes,
    without_pronoun_contents,
    without_scare_quotes,
    without_self_revealing,
    without_teasers,
    without_titles,
    without_unspoken,
    without_writers_beliefs,
)
from ._lib.tagged import number


class RealnewsConventionsStage(Stage):
    """Who said what as the real-news gold counts it: no speaker's belief about itself inside its own
    words, no belief of the writer's or the reader's ('I think', 'you want'), no acts or knowledge,
    no negated or hypothetical speech, no scare quotes, no sourceless forecast, no lone-pronoun
    contents, no titles, no request not to be named, no link to another story, no picture's
    description, nothing one reveals of oneself, no tagged cue without a word of saying, thinking or
    finding."""

    name = "conventions.realnews.v1"
    requires = ("text", "body_start", "doc", "attributions")
    assigns = ("attributions",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        kept = without_acts(article, without_writers_beliefs(without_own_attitudes(article.attributions)))
        kept = without_pronoun_contents(without_forecasts(article, without_negated(article, kept)))
        kept = without_hypothetical(article, kept)
        kept = without_anonymity_requests(without_titles(article, without_scare_quotes(article, kept)))
        kept = without_displays(article, without_teasers(article, kept))
        kept = without_self_revealing(article, kept)
        article.attributions = number(without_unspoken(article, kept))


class PolnearConventionsStage(Stage):
    """PolNeAR's wider conventions: acts and events with a source stay; only a speaker's belief about
    itself inside its own reported words goes (PolNeAR dev exact 0.794 / 0.711 / 0.598 with it kept,
    0.799 / 0.716 / 0.601 without)."""

    name = "conventions.polnear.v1"
    requires = ("attributions",)
    assigns = ("attributions",)

    def __call__(self, article: Article) -> None:
        article.attributions = number(without_own_attitudes(article.attributions))
