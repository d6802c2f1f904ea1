"""The spaCy parse of the article body, batched through ``nlp.pipe``.

Only the body (after the wire header) is parsed; token offsets are shifted by
``article.body_start`` when stages turn tokens into spans, through
:func:`newstrace.stages._lib.tokens.token_span`. A hard-wrapped body is parsed in its reading view
(:func:`newstrace.stages._lib.layout.reading_view`: wrapping line breaks read as spaces, same
offsets), so a sentence broken across lines is parsed whole. A line break that is left ends a
sentence: the parser is told so before it runs (``line_starts``), since on its own it joins a
tweet's signature line to the paragraph after it, and the subject of the joined "sentence" then
answered for a pronoun in the next one.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, cast

from ..errors import ConfigError, Errors
from ..record import Article
from ..stage import ENGLISH, Stage
from ._lib.layout import reading_view
from ._lib.tokens import token_index, token_span

LINE_STARTS = "newstrace_line_starts"
# A quote mark between a sentence's final stop and the next word, with no space ('... of the
# law."Giuliani suggested', where a feed glued its paragraphs together): split off, so the name
# after it is a word of its own (the tokenizer kept '"Giuliani' whole, untagged, and the speaker
# unresolved).
GLUED_QUOTE = r"(?<=[.!?])[\"“”](?=[A-Za-z])"
_NEWLINE = re.compile("\n")


def line_starts(doc: Any) -> Any:
    """Mark the token after a line break as a sentence start, before the parser runs (the parser
    keeps boundaries set before it). In the reading view only paragraph and heading breaks are
    left: wrapping breaks already read as spaces. A headline joined to the lead with '.,' ends
    there too (``_joined_headline_starts``)."""
    text = doc.text
    if ".," in text:
        _joined_headline_starts(doc)
    if "\n" not in text:
        return doc
    index = token_index(doc)
    after = -1
    for position in (m.start() for m in _NEWLINE.finditer(text)):
        if position < after:
            continue  # the same run of whitespace
        following = index.first_starting_at_or_after(position + 1)
        while following < len(doc) and doc[following].is_space:
            following += 1
        if 0 < following < len(doc):
            doc[following].is_sent_start = True
            after = doc[following].idx
    return doc


def _joined_headline_starts(doc: Any) -> None:
    """'Personages of the Socialist Party of Benin lauded leader Kim Jong Il's feats.,  Ali Houdou,
    president of the party, said ...': a feed that joins the headline to the first paragraph with
    '.,' leaves one sentence for the parser, whose subject then speaks the lead's words. A full stop
    the tokenizer keeps apart ('feats.', not 'Corp.' or 'U.S.') and a comma straight after it end
    a sentence: the next word, when it is capitalized, starts one."""
    for token in doc[:-2]:
        if token.text != "." or token.whitespace_ or doc[token.i + 1].text != ",":
            continue
        following = token.i + 2
        while following < len(doc) and doc[following].is_space:
            following += 1
        if following < len(doc) and doc[following].text[:1].isupper():
            doc[following].is_sent_start = True


def split_glued_quotes(nlp: Any) -> None:
    """Have ``nlp``'s tokenizer split off a quote mark glued between two sentences (``GLUED_QUOTE``)."""
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    if GLUED_QUOTE not in pattern:
        nlp.tokenizer.infix_finditer = re.compile(pattern + "|" + GLUED_QUOTE).finditer


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Any:
    """Load an installed spaCy pipeline once per process, with ``line_starts`` before its parser
    and a quote glued between sentences split off (``GLUED_QUOTE``); never downloads anything."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(Errors.E010.format(name=name, reason=str(exc).splitlines()[0])) from exc
    split_glued_quotes(nlp)
    if not Language.has_factory(LINE_STARTS):
        Language.component(LINE_STARTS, func=line_starts)
    if "parser" in nlp.pipe_names and LINE_STARTS not in nlp.pipe_names:
        nlp.add_pipe(LINE_STARTS, before="parser")
    return nlp


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
