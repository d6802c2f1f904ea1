"""The outlet's own voice: the sentences it asserts on its own authority.

A body sentence is own voice when no part of any attribution (speaker, cue, content, cited
source) falls inside it. A sentence with a speech act ("Putin praised the courage ...") is not
own voice: its content belongs to the speaker, even though the outlet reports the act.
"""

from __future__ import annotations

from ..record import Article
from ..stage import ENGLISH, Stage


class OwnVoiceStage(Stage):
    name = "voice.v1"
    requires = ("sentences", "attributions", "quotes")
    assigns = ("own_voice",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        attributed = [span for a in article.attributions for span in a.spans()]
        quoted = article.quotes
        own = []
        for sentence in article.sentences:
            if not any(c.isalpha() for c in sentence.text):
                continue
            if any(sentence.overlaps(span) for span in attributed):
                continue
            if any(q.contains(sentence) for q in quoted):
                continue
            own.append(sentence)
        article.own_voice = own
