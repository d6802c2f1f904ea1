"""Attribution by rules over the dependency parse.

Rules, in the order they claim words (a cue or a quote is used by one attribution only):

1. direct quotes attached to a verb of saying after the quote (``"...," Kim said``, ``"...,"
   said Kim``) or before it (``Kim said: "..."``); a quote split by its attribution
   (``"...," he said, "..."``) is one attribution with two content parts;
2. ``according to X, ...`` and ``..., according to X``;
3. indirect speech, beliefs and findings: a verb from the lexicon with a clausal complement
   (``noted that ...``), or a verb of saying that follows its content (``..., he added``);
4. speech acts: a communicative verb with an object and no clause (``praised the courage``,
   ``conveyed his greetings``);
5. a quote paragraph with no attribution of its own continues the last direct speaker.

Speakers are only mentions here; ``speakers.v1`` links them to entities.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..pipeline import Stage, register_stage
from ..record import Article, Attribution, Span, Speaker
from .lexicon import (
    BELIEF_VERBS,
    CITING_VERBS,
    COMMUNICATIVE_OBJECTS,
    EVIDENCE_NOUNS,
    FINDING_VERBS,
    LIGHT_SPEECH_VERBS,
    SPEECH_ACT_VERBS,
    SPEECH_VERBS,
)
from .parse import token_span

EDGE_PUNCT = set(",.;:—–-\"'“”‘’()[] \n\t")
QUOTE_MARKS = set("\"“”‘’")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEECH_ACT_OBJECT_DEPS = {"dobj", "dative", "prep", "npadvmod", "attr", "oprd", "acomp"}
MAX_CUE_DISTANCE = 12  # tokens between a closing quote mark and its verb of saying


class _Builder:
    """Collects attributions for one article, making sure no cue or quote is used twice."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc = article.doc
        self.offset = article.body_start
        self.used_cues: set[int] = set()
        self.used_quotes: set[int] = set()
        self.found: list[Attribution] = []
        self.quote_ranges = [(q.start - self.offset, q.end - self.offset) for q in article.quotes]

    # --- spans -------------------------------------------------------------------------------
    def span_of_tokens(self, tokens: Iterable[Any], *, drop_that: bool = True) -> Span | None:
        toks = sorted(tokens, key=lambda t: t.i)
        while toks and (toks[0].is_punct or toks[0].is_space or (drop_that and toks[0].dep_ == "mark")):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        if not toks:
            return None
        return self.trim(token_span(self.article, toks[0], toks[-1]))

    def trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        text = self.article.text
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCT:
            end -= 1
        # Keep a closing bracket or quote that pairs with one inside the span.
        return self.article.span(start, end) if end > start else None

    def quote_index(self, token: Any) -> int | None:
        for n, (s, e) in enumerate(self.quote_ranges):
            if s <= token.idx < e:
                return n
        return None

    def in_quote(self, token: Any) -> bool:
        return self.quote_index(token) is not None

    def cue_span(self, verb: Any) -> Span:
        last = verb
        for child in verb.children:
            if child.dep_ == "prt" and child.i == last.i + 1:
                last = child
        return token_span(self.article, verb, last)

    def subject(self, verb: Any) -> Any | None:
        node = verb
        for _ in range(3):
            for child in node.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
            if node.dep_ in {"conj", "xcomp"} and node.head is not node:
                node = node.head
            else:
                break
        # Inverted order: '"...," said Kim' may parse Kim as a direct object or attribute.
        for child in verb.children:
            if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.pos_ == "PROPN":
                return child
        return None

    def speaker_mention(self, head: Any | None) -> Span | None:
        if head is None:
            return None
        tokens = [t for t in head.subtree if not self.in_quote(t)]
        # A relative clause or a trailing 'citing ...' does not belong to the name.
        cut = [t for t in head.children if t.dep_ in {"relcl", "acl"} and t.i > head.i]
        if cut:
            tokens = [t for t in tokens if t.i < cut[0].left_edge.i]
        return self.span_of_tokens(tokens, drop_that=False)

    def add(
        self,
        kind: str,
        verb: Any | None,
        speaker_head: Any | None,
        content: Span,
        rule: str,
        *,
        parts: list[Span] | None = None,
        cue: Span | None = None,
    ) -> Attribution:
        if verb is not None:
            self.used_cues.add(verb.i)
        mention = self.speaker_mention(speaker_head)
        attribution = Attribution(
            id="",
            kind=kind,
            speaker=Speaker(mention),
            cue=cue if cue is not None else (self.cue_span(verb) if verb is not None else None),
            content=content,
            content_parts=parts or [],
            rule=rule,
        )
        if verb is not None:
            attribution.citing = self.citing(verb)
        self.found.append(attribution)
        return attribution

    def citing(self, verb: Any) -> Speaker | None:
        """'..., KCNA reported, citing the country's leader Kim Jong Un': Kim is the origin."""
        for child in verb.children:
            if child.lemma_ in CITING_VERBS and child.dep_ in {"advcl", "xcomp", "conj", "prep", "pcomp"}:
                obj = next((g for g in child.children if g.dep_ in {"dobj", "pobj"}), None)
                if obj is not None:
                    return Speaker(self.span_of_tokens(obj.subtree, drop_that=False))
        return None

    # --- rule 1: direct quotes ------------------------------------------------------------------
    def direct_quotes(self) -> None:
        doc = self.doc
        verb_for_quote: dict[int, Any] = {}
        for n, (qs, qe) in enumerate(self.quote_ranges):
            verb = self._verb_after(qe) or self._verb_before(qs)
            if verb is not None:
                verb_for_quote[n] = verb
        by_verb: dict[int, list[int]] = {}
        for n, verb in verb_for_quote.items():
            by_verb.setdefault(verb.i, []).append(n)
        for verb_i, quote_ids in sorted(by_verb.items()):
            verb = doc[verb_i]
            parts = [p for p in (self.trim(self.article.quotes[n]) for n in quote_ids) if p is not None]
            if not parts:
                continue
            content = parts[0] if len(parts) == 1 else self.article.span(parts[0].start, parts[-1].end)
            kind = "belief" if verb.lemma_ in BELIEF_VERBS else "direct"
            self.add(kind, verb, self.subject(verb), content, "direct.quote", parts=parts if len(parts) > 1 else None)
            self.used_quotes.update(quote_ids)

    def _is_cue(self, token: Any) -> bool:
        return (
            token.lemma_ in SPEECH_VERBS or token.lemma_ in BELIEF_VERBS
        ) and token.pos_ in {"VERB", "AUX"} and not self.in_quote(token)

    def _verb_after(self, quote_end: int) -> Any | None:
        doc = self.doc
        start = next((t.i for t in doc if t.idx >= quote_end and t.text not in QUOTE_MARKS), None)
        if start is None:
            return None
        # Only punctuation may separate the quote from its attribution: '"...," he said'.
        prev = doc[start - 1] if start > 0 else None
        between = self.article.text[self.offset + quote_end : self.offset + doc[start].idx]
        if prev is not None and not set(between) <= set(",.!?;:—–- \n\"”’'"):
            return None
        for token in doc[start : start + MAX_CUE_DISTANCE]:
            if token.text in {".", "!", "?", ";"} or token.text in QUOTE_MARKS or self.in_quote(token):
                break
            if self._is_cue(token):
                subject = self.subject(token)
                if subject is None or not self.in_quote(subject):
                    return token
        return None

    def _verb_before(self, quote_start: int) -> Any | None:
        doc = self.doc
        before = [t for t in doc if t.idx + len(t.text) <= quote_start - 1]
        if not before:
            return None
        last = before[-1]
        # The attribution must end right before the quote: 'Kim said: "...' or 'Kim said, "...'.
        if not (last.text in {":", ","} or self._is_cue(last) or last.lower_ == "that"):
            return None
        for token in reversed(before[-MAX_CUE_DISTANCE:]):
            if token.text in {".", "!", "?", ";"} or self.in_quote(token):
                break
            if self._is_cue(token) and token.i not in self.used_cues:
                return token
        return None

    # --- rule 2: according to -------------------------------------------------------------------
    def according_to(self) -> None:
        for token in self.doc:
            if token.lower_ != "according" or self.in_quote(token):
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None:
                continue
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            phrase = {t.i for t in token.subtree}
            sent = token.sent
            before = [t for t in sent if t.i < min(phrase)]
            after = [t for t in sent if t.i > max(phrase)]
            content_tokens = after if len([t for t in after if not t.is_punct]) >= len(before) else before
            content = self.span_of_tokens(content_tokens, drop_that=False)
            if content is None:
                continue
            cue = token_span(self.article, token, to)
            self.used_cues.add(token.i)
            self.add("indirect", None, source, content, "indirect.according_to", cue=cue)

    # --- rule 3: indirect speech, beliefs, findings ---------------------------------------------
    def indirect(self) -> None:
        for verb in self.doc:
            lemma = verb.lemma_
            if verb.i in self.used_cues or verb.pos_ not in {"VERB", "AUX"} or self.in_quote(verb):
                continue
            if lemma not in SPEECH_VERBS and lemma not in BELIEF_VERBS and lemma not in FINDING_VERBS:
                continue
            subject = self.subject(verb)
            if subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubjpass":
                subject = None  # 'it was reported that ...': no named source
            if lemma in FINDING_VERBS and lemma not in SPEECH_VERBS and lemma not in BELIEF_VERBS:
                if subject is None or subject.lemma_.lower() not in EVIDENCE_NOUNS:
                    continue
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            content: Span | None = None
            rule = "indirect.ccomp"
            if clause is not None:
                content = self.span_of_tokens(clause.subtree)
            elif verb.dep_ in {"ccomp", "parataxis"} and verb.head.i < verb.i and subject is not None:
                # '..., he added.': the content is the clause the verb follows.
                own = {t.i for t in verb.subtree}
                tokens = [t for t in verb.head.subtree if t.i not in own and t.i < verb.i]
                content = self.span_of_tokens(tokens)
                rule = "indirect.postposed"
            if content is None or subject is None and rule == "indirect.postposed":
                continue
            if subject is None and lemma in BELIEF_VERBS:
                continue
            kind = "indirect"
            if lemma in BELIEF_VERBS:
                kind = "belief"
            elif subject is not None and subject.lemma_.lower() in EVIDENCE_NOUNS and lemma in FINDING_VERBS:
                kind = "belief"
            if subject is not None and subject.lower_ in {"i", "we", "you"} and self.in_quote(subject):
                continue
            self.add(kind, verb, subject, content, rule)

    # --- rule 4: speech acts --------------------------------------------------------------------
    def speech_acts(self) -> None:
        for verb in self.doc:
            if verb.i in self.used_cues or verb.pos_ != "VERB" or self.in_quote(verb):
                continue
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is None or any(c.dep_ == "ccomp" for c in verb.children):
                continue
            if verb.lemma_ in SPEECH_ACT_VERBS:
                pass
            elif verb.lemma_ in LIGHT_SPEECH_VERBS and obj.lemma_.lower() in COMMUNICATIVE_OBJECTS:
                pass
            else:
                continue
            subject = self.subject(verb)
            if subject is None or subject.lower_ in {"it", "this", "that", "which", "what"}:
                continue
            keep = [c for c in verb.children if c.dep_ in SPEECH_ACT_OBJECT_DEPS and c.i > verb.i]
            tokens = [t for c in keep for t in c.subtree]
            content = self.span_of_tokens(tokens, drop_that=False)
            if content is None:
                continue
            self.add("speech_act", verb, subject, content, "speech_act.object")

    # --- rule 5: quote paragraphs that continue a speaker ---------------------------------------
    def continued_quotes(self) -> None:
        directs = sorted((a for a in self.found if a.kind == "direct"), key=lambda a: a.content.start)
        sentences = self.article.sentences
        for n, quote in enumerate(self.article.quotes):
            if n in self.used_quotes:
                continue
            content = self.trim(quote)
            if content is None or len(content.text.split()) < 4:
                continue  # scare quotes and titles are not speech
            starts_sentence = any(abs(s.start - (quote.start - 1)) <= 1 for s in sentences)
            if not starts_sentence:
                continue
            previous = [a for a in directs if a.content.end <= quote.start]
            if not previous:
                continue
            last = previous[-1]
            between = [s for s in sentences if last.content.end <= s.start < quote.start - 1]
            if len(between) > 2:
                continue
            self.found.append(
                Attribution(
                    id="",
                    kind="direct",
                    speaker=Speaker(last.speaker.mention),
                    cue=None,
                    content=content,
                    rule="direct.continued",
                )
            )
            self.used_quotes.add(n)

    def run(self) -> list[Attribution]:
        self.direct_quotes()
        self.according_to()
        self.indirect()
        self.speech_acts()
        self.continued_quotes()
        self.found.sort(key=lambda a: (a.content.start, a.cue.start if a.cue else 0))
        for number, attribution in enumerate(self.found, 1):
            attribution.id = f"a{number}"
        return self.found


@register_stage
class RuleAttributionStage(Stage):
    name = "attribution.rules.v1"
    requires = ("doc", "quotes", "sentences")
    assigns = ("attributions",)

    def __call__(self, article: Article) -> None:
        article.attributions = _Builder(article).run()
