"""When each statement was made: the time the text gives its speech act, or the article's date.

"The minister said on Monday", "told reporters Thursday", "said in a statement last week": a time
expression that depends on the cue verb — directly, or through a preposition and the noun it
governs ("in a statement last week") — dates the speech act. A time inside what was said ("he said
the bridge would reopen on Monday") dates the content, not the statement, and is never taken. An
attribution without such a time gets the article's date (or its dateline's), marked ``assumed``:
wire copy is written the day things are said, but not always.
"""

from __future__ import annotations

from typing import Any

from ..record import Article, Span, StatementTime, TimeExpression
from ..stage import ENGLISH, Stage
from ._lib.tokens import token_index

# Links a time may pass through on its way up to the cue verb: a preposition ("on Monday"), the
# noun it governs ("in a statement"), an adverbial noun ("Thursday", "last week").
_THROUGH = {"prep", "pobj", "npadvmod", "tmod", "obl", "nmod", "dobj", "advmod", "pcomp"}
MAX_STEPS = 4


class StatementTimeStage(Stage):
    name = "said.v1"
    requires = ("attributions", "times", "doc", "body_start", "published", "dateline")
    assigns = ("attributions.said",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        assumed = article.published or (article.dateline.date if article.dateline else None)
        doc = article.doc
        index = token_index(doc)
        offset = article.body_start
        # a speech act happens at a time, not over a duration ("two months out, observers say"),
        # and a time that cannot be resolved against a known date is no time ("an election year")
        mentions = [
            t
            for t in article.times
            if t.role not in {"published", "dateline"}
            and not (t.value or "").startswith("P")
            and not (assumed and t.resolution == "unresolved")
        ]
        for attribution in article.attributions:
            content = [attribution.content, *attribution.content_parts]
            found = self._stated(attribution.cue, content, mentions, doc, index, offset)
            if found is None:
                attribution.said = StatementTime(assumed, assumed=True)
            else:
                attribution.said = StatementTime(found.value, assumed=False, span=found.span)

    @staticmethod
    def _stated(
        cue: Span | None, content: list[Span], mentions: list[TimeExpression], doc: Any, index: Any, offset: int
    ) -> TimeExpression | None:
        if cue is None or not mentions:
            return None
        cue_tokens = index.starting_within(cue.start - offset, cue.end - offset)
        if not cue_tokens:
            return None
        verbs = {i for i in cue_tokens if doc[i].pos_ in {"VERB", "AUX"}}
        if not verbs:
            return None
        sentence = doc[cue_tokens[0]].sent
        for mention in mentions:
            if any(mention.span.overlaps(part) for part in content):
                continue  # a time in what was said dates the content
            tokens = index.starting_within(mention.span.start - offset, mention.span.end - offset)
            if not tokens or not sentence.start <= tokens[0] < sentence.end:
                continue
            inside = set(tokens)
            head = next((doc[i] for i in tokens if doc[i].head.i not in inside), doc[tokens[0]])
            for _ in range(MAX_STEPS):
                if head.head.i == head.i or head.dep_ not in _THROUGH:
                    break
                head = head.head
                if head.i in verbs:
                    return mention
        return None
