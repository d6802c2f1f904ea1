"""The spaCy parse of the article body, batched through ``nlp.pipe``.

Only the body (after the wire header) is parsed; token offsets are shifted by
``article.body_start`` when stages turn tokens into spans, through
:func:`newstrace.stages._lib.tokens.token_span`. A hard-wrapped body is parsed in its reading view
(:func:`newstrace.stages._lib.layout.reading_view`: wrapping line breaks read as spaces, same
offsets), so a sentence broken across lines is parsed whole.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, cast

from ..errors import ConfigError, Errors
from ..record import Article
from ..stage import ENGLISH, Stage
from ._lib.layout import reading_view
from ._lib.tokens import token_span


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Any:
    """Load an installed spaCy pipeline once per process; never downloads anything."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(Errors.E010.format(name=name, reason=str(exc).splitlines()[0])) from exc


class ParseStage(Stage):
    name = "parse.spacy.v1"
    requires = ("text", "body_start")
    assigns = ("doc", "sentences")
    languages = ENGLISH

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.nlp = load_spacy(settings.spacy_model)

    def memory_zone(self) -> AbstractContextManager[object]:
        return cast(AbstractContextManager[object], self.nlp.memory_zone())

    def _finish(self, article: Article, doc: Any) -> None:
        article.doc = doc
        article.sentences = []
        for sent in doc.sents:
            # The first and last non-space tokens, found from both ends (no pass over every token).
            first, last = sent.start, sent.end - 1
            while first <= last and doc[first].is_space:
                first += 1
            while last >= first and doc[last].is_space:
                last -= 1
            if first <= last:
                article.sentences.append(token_span(article, doc[first], doc[last]))

    def __call__(self, article: Article) -> None:
        self._finish(article, self.nlp(reading_view(article.text[article.body_start :])))

    def pipe(self, articles: list[Article]) -> None:
        texts = (reading_view(a.text[a.body_start :]) for a in articles)
        for article, doc in zip(articles, self.nlp.pipe(texts, batch_size=self.settings.batch_size), strict=True):
            self._finish(article, doc)
