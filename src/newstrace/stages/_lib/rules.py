"""Attribution by rules over the dependency parse (stage ``attribution.rules.v1``; the hybrid stage reads them too).

Rules, in the order they claim words (a cue or a quote is used by one attribution only):

1. direct quotes attached to a verb of saying after the quote (``"...," Kim said``, ``"...,"
   said Kim``) or before it (``Kim said: "..."``); a quote split by its attribution
   (``"...," he said, "..."``) is one attribution with two content parts;
2. ``according to X, ...`` and ``..., according to X``;
3. indirect speech, beliefs and findings: a verb from the lexicon with a clausal complement
   (``noted that ...``), or a verb of saying that follows its content (``..., he added``);
4. speech acts: a communicative verb with an object and no clause (``praised the courage``,
   ``conveyed his greetings``);
5. a quotation with no attribution of its own that follows a direct quote (in the same or the next
   sentences) continues its speaker: an attribution with no cue, rule ``direct.continued``;
6. (first of all) a paragraph that ends with a verb of saying and a colon ('Kim Jong Hun told KCNA:',
   'the article goes on:', 'it said, adding:') introduces the paragraphs after it as its speaker's
   words: one ``direct`` attribution, rule ``direct.introduced``, with a content part per paragraph,
   until narration resumes or the next introducer;
0. (before that) a paragraph that is a post a web page embeds ('... — Adam Serwer (@AdamSerwer)
   October 11, 2019') is its author's words: one ``direct`` attribution, rule
   ``direct.embedded_post``, the dash its cue and the display name its speaker's mention.

Speakers are only mentions here; ``speakers.v1`` links them to entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ...record import Article, Attribution, Span, Speaker
from .layout import BLANKED_SPACES, PARAGRAPH_BREAK, is_hard_wrapped, paragraphs
from .lexicon import (
    ARGUMENT_PREPS,
    BELIEF_VERBS,
    CITING_VERBS,
    COMMUNICATIVE_OBJECTS,
    COMMUNICATIVE_STANCE,
    EVIDENCE_NOUNS,
    FINDING_OBJECT_VERBS,
    FINDING_VERBS,
    LIGHT_SPEECH_VERBS,
    MENTAL_STANCE,
    NAMING_VERBS,
    NORM_NOUNS,
    OBJECT_VERBS,
    ORG_WORDS,
    PASSIVE_RAISING_VERBS,
    PREP_VERBS,
    RAISING_VERBS,
    SPEAKING_NOUNS,
    SPEECH_ACT_VERBS,
    SPEECH_VERBS,
    XCOMP_VERBS,
    is_profession,
    word_set,
)
from .tokens import token_index, token_span

EDGE_PUNCT = set(",.;:—–-\"'“”‘’()[] \n\t")
QUOTE_MARKS = set('"“”‘’')
QUOTE_TOKENS = {*QUOTE_MARKS, "''", "``"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Verbs whose object is the person spoken to, never the speaker.
ADDRESSEE_VERBS = word_set("tell ask inform remind assure warn urge advise brief notify caution thank")
SPEECH_ACT_OBJECT_DEPS = {"dobj", "dative", "prep", "npadvmod", "attr", "oprd", "acomp"}
# A word whose final period is part of it: 'N.Y.', 'Jr.', 'D-Minn.' (not 'the meeting.').
ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.[A-Za-z]|\b(?:Jr|Sr|Inc|Corp|Co|Ltd|St|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen)|[-(][A-Z][a-z]{1,4}"
    r"|, (?:[A-Z][a-z]{1,2}|Fla|Tex|Ind|Ill|Nev|Ark|Kan|Neb|Ore|Wis|Mich|Mass|Conn|Wash|Minn|Ariz|Colo|Okla|Tenn"
    r"|Calif))$"
)
# The signature that ends a post a web page embeds, as its text comes out: a dash, the author's
# display name (and emoji), the handle in brackets and the date ('... — Donald J. Trump
# (@realDonaldTrump) October 14, 2018'). Searched for at a paragraph's end only, so that a long
# paragraph costs one pass.
POST_SIGNATURE = re.compile(
    r"\s(?P<dash>[—–]|--)\s+(?P<name>[^\W_][^()@\n—–]{0,60}?)[^\w()\n]*\(@\w{1,30}\)\s+"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*$"
)
MAX_SIGNATURE_CHARS = 200  # a signature's length at most: dash, name, emoji, handle and date
# Words that end a post's text before its signature: links, an ellipsis, a zero-width space.
POST_LINKS = ("http://", "https://", "pic.twitter.com/")
# Lines a web page puts between paragraphs: no one's words.
PAGE_FURNITURE = word_set("advertisement advertisements ad sponsored")
# Verbs by which an outlet narrates in the present what a document it quotes says ('it says', 'it
# adds'); any other verb of saying with 'it' in the present ('It comprehensively indicates the
# principle') is the document's own words about its subject.
NARRATING_VERBS = word_set("say add note stress continue go")
# Verbs by which a newly named person takes the floor in KCNA's narration ('expressed his towering
# resentment', 'called for', 'branded ... as').
STANCE_CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | SPEECH_ACT_VERBS | LIGHT_SPEECH_VERBS | OBJECT_VERBS | NAMING_VERBS
# A paragraph opening that only the outlet's narration uses.
NARRATION_OPENER = re.compile(r"(?:Meanwhile|In the meantime)\b")
# Speech events reported inside someone's words, annotated on their own ('Kjeldsen said Copa had
# urged the ministers to pursue ...'): requests and proposals, never beliefs.
NESTED_SPEECH_VERBS = word_set("urge propose request demand recommend appeal")
# How far into a paragraph a colon may stand and still end its opening 'He said:'.
MAX_OPENER_CHARS = 80
# Documents whose saying in a paragraph of someone's introduced words is the outlet's narration.
INTRODUCED_DOCUMENTS = word_set("article paper report statement editorial commentary")
# A quotation that is a work's title ('an article titled "Library of the revolution"'): no one's
# words (the gold's conventions leave titles out), and its verb is the article's saying.
TITLE_BEFORE = re.compile(r"\b(?:titled|entitled|headlined|captioned)\s+(?:the\s+)?[\"“‘]?$", re.IGNORECASE)
# 'Name: text' at the start of a line; the name is one to four capitalized words.
COLON_LINE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][\w.’'&-]*(?: (?:[A-Z][\w.’'&-]*|of|the|de)){0,3}):[ \t]+(?P<content>\S[^\n]*)$"
)
# Line labels that are not speakers.
COLON_STOP = word_set(
    """
    update updated related photo photos video watch read note editor's editor’s source sources credit caption
    correction clarification follow see also listen more image images file warning disclosure advertisement
    subscribe sign share click tags topics
    """
)
CLOSING_QUOTES = {'"': '"', "”": "“", "’": "‘"}
MAX_CUE_DISTANCE = 12  # tokens between a closing quote mark and its verb of saying


def _writers_comment(verb: Any, subject: Any | None) -> bool:
    """'It is needless to say that ...', 'it is fair to say', 'Needless to say': an infinitive of
    saying under an adjective, with no subject but an empty 'it', is the writer's own voice."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    under_adjective = head.pos_ == "ADJ" or any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.children)
    return under_adjective and (subject is None or subject.lower_ == "it")


class RuleBuilder:
    """Collects attributions for one article, making sure no cue or quote is used twice."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc = article.doc
        self.offset = article.body_start
        self.used_cues: set[int] = set()
        self.used_quotes: set[int] = set()
        self.found: list[Attribution] = []
        self.quote_ranges = [(q.start - self.offset, q.end - self.offset) for q in article.quotes]
        self._wrapped: bool | None = None
        # Indexes (performance only, same answers): token offsets, and quote starts for a binary
        # search when the quotes are in order and disjoint, as quotes.marks.v1 makes them.
        self.index = token_index(self.doc)
        self._quote_starts = [s for s, _ in self.quote_ranges]
        self._quotes_disjoint = all(
            s1 <= s2 and e1 <= s2 for (s1, e1), (s2, _) in zip(self.quote_ranges, self.quote_ranges[1:], strict=False)
        )

    # --- spans -------------------------------------------------------------------------------
    def span_of_tokens(self, tokens: Iterable[Any], *, drop_that: bool = True) -> Span | None:
        toks = sorted(tokens, key=lambda t: t.i)
        while toks and (toks[0].is_punct or toks[0].is_space or (drop_that and toks[0].dep_ == "mark")):
            toks = toks[1:]
        while toks and ((toks[-1].is_punct and toks[-1].text != "%") or toks[-1].is_space):
            toks = toks[:-1]
        if not toks:
            return None
        return self.trim(token_span(self.article, toks[0], toks[-1]))

    def span_of_subtree(self, *roots: Any, drop_that: bool = True) -> Span | None:
        """The span of the subtrees under ``roots``, from their left to their right edge.

        The same span as :meth:`span_of_tokens` over the subtrees' tokens, without listing them: in
        a chain of nested clauses ('He said "He said ...') every clause's subtree holds the rest of
        the chain, and listing each made 10,000 quotation marks cost minutes.
        """
        doc = self.doc
        start_at, end_at = self._edges
        first = start_at[drop_that][min(root.left_edge.i for root in roots)]
        last = end_at[max(root.right_edge.i for root in roots)]
        if first > last:
            return None
        return self.trim(token_span(self.article, doc[first], doc[last]))

    @cached_property
    def _edges(self) -> tuple[tuple[list[int], list[int]], list[int]]:
        """For each token, where a span from it may start (the next token that is not punctuation,
        space, or with drop_that a 'mark'), and where a span to it may end: found once per document,
        so trimming the ends of a span is not a walk over every mark at its edge."""
        doc = self.doc
        n = len(doc)
        plain: list[int] = [n] * (n + 1)
        no_mark: list[int] = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            token = doc[i]
            skip = token.is_punct or token.is_space
            plain[i] = plain[i + 1] if skip else i
            no_mark[i] = no_mark[i + 1] if skip or token.dep_ == "mark" else i
        end_at: list[int] = [-1] * n
        for i in range(n):
            token = doc[i]
            skip = (token.is_punct and token.text != "%") or token.is_space
            end_at[i] = (end_at[i - 1] if i else -1) if skip else i
        return (plain, no_mark), end_at

    def trim(self, span: Span) -> Span | None:
        """Strip punctuation and spaces at both edges, but keep a closing bracket or quotation mark that
        pairs with one inside the span ('Sen. Bernie Sanders (I-Vt.)', 'a win and "not a handful."')
        and an abbreviation's period ('N.Y.')."""
        start, end = span.start, span.end
        text = self.article.text
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCT:
            inner = text[start : end - 1]
            closing = text[end - 1]
            if closing == ")" and inner.count("(") > inner.count(")"):
                break
            if closing == "]" and inner.count("[") > inner.count("]"):
                break
            if closing == "." and ABBREVIATION.search(inner):
                break
            if closing in CLOSING_QUOTES and _opens_quote(inner, closing):
                break
            end -= 1
        return self.article.span(start, end) if end > start else None

    def paragraph_break(self, between: str) -> bool:
        """Whether text between two words ends a paragraph: a blank or indented line, or any line break
        in a text that is not hard-wrapped."""
        if "\n" not in between:
            return False
        if self._wrapped is None:
            self._wrapped = is_hard_wrapped(self.article.text[self.offset :])
        return not self._wrapped or PARAGRAPH_BREAK.search(between + "x") is not None

    def quote_index(self, token: Any) -> int | None:
        if self._quotes_disjoint:
            n = bisect_right(self._quote_starts, token.idx) - 1
            return n if n >= 0 and token.idx < self.quote_ranges[n][1] else None
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
        """The verb's subject, or the subject it shares: conjoined verbs ('sent out ... and accused'),
        infinitives ('are likely to say'), participles ('..., adding that', 'by saying'), and the
        noun a participle describes ('a press release saying ...')."""
        quoting = _quoting_verb(verb)
        if quoting is not None:
            # 'Interfax quoted Peskov as saying ...' / 'Peskov was quoted as saying ...': Peskov speaks.
            quoted = next((c for c in quoting.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if quoted is not None:
                return quoted
        agent = _passive_agent(verb)
        if agent is not None:
            # 'Ministers ... were told by New Zealand that ...': who told them speaks, not they
            return agent
        node = verb
        for _ in range(4):
            for child in node.children:
                if child.dep_ in SUBJECT_DEPS and not child.is_punct:  # '.,' in scraped copy parses as a subject
                    return child
            head = node.head
            if head is node:
                break
            if node.dep_ == "conj" and (self._is_cue(node) or _going_on(node) is not None):
                # 'Kim Jong Il was the thinker ..., the article said, and went on:': the parser joins
                # 'went on' to the reported clause; it goes on with the verb of saying between them
                said = self._parenthetical_subject(head, node)
                if said is not None:
                    return said
            shares = node.dep_ in {"conj", "xcomp"} or (node.dep_ == "acomp" and head.pos_ in {"AUX", "VERB"})
            participle = node.dep_ == "advcl" and node.tag_ == "VBG" and not _has_mark(node)
            if participle and node.lemma_ in GOING_ON_PARTICIPLES and head.dep_ == "ccomp" and self._is_cue(head.head):
                # 'X said that the conference decided ..., adding this demonstrated ...': the parser
                # hangs 'adding' on the reported verb; whoever said it goes on, not the conference
                node = head.head
                continue
            if participle and (owner := _preposition_object_before(node)) is not None:
                # 'passed the bill despite Senate Republicans and President Trump declaring it
                # dead': the participle's subject is the object before it, not the main clause's
                return owner
            if participle and head.i > node.i and head.dep_ == "conj" and head.head.i < node.i:
                # 'Gros defended the record, noting inflation slowed ..., the surplus rose and ...':
                # the parser hangs the participle on a later conjunct of what it reports; it goes on
                # with the verb before it, whose subject is its own
                node = head.head
                continue
            if (
                node.dep_ == "conj"
                and self._is_cue(node)
                and not self._is_cue(head)
                and (inherited := self._reporting_subject_above(head)) is not None
            ):
                # 'Gros said he wished the rule was more flexible and said he would ...': the parser
                # joins the second 'said' to the reported clause, whose subject is no one who speaks
                # ('the rule'); the verb of saying above it says who goes on
                own = next((c for c in head.children if c.dep_ in SUBJECT_DEPS and not c.is_punct), None)
                if own is None or not self._may_speak(own):
                    return inherited
            if shares or participle:
                node = head
            elif node.dep_ == "pcomp" and node.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ == "VERB":
                blamed = next((c for c in head.head.children if c.dep_ == "dobj"), None)
                if head.lower_ == "for" and blamed is not None and blamed.pos_ in {"PROPN", "PRON"}:
                    # 'Trump blasts Clinton for saying ...', 'praised him for saying ...': the one
                    # blamed or praised said it, not who blames or praises
                    return blamed
                node = head.head
            elif node.dep_ == "acl" and node.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
                return head
            else:
                break
        # Inverted order: '"...," said Kim' may parse Kim as a direct object or attribute; but the
        # object of 'tell' or 'ask' is who is spoken to.
        if verb.lemma_ not in ADDRESSEE_VERBS:
            for child in verb.children:
                if child.dep_ in {"dobj", "attr", "npadvmod"} and child.i > verb.i and child.pos_ == "PROPN":
                    return child
        # '..., the statement noted, added:': the parser makes 'added' the root and the verb before
        # it, with the subject both share, a parataxis
        for child in verb.children:
            if child.dep_ == "parataxis" and child.i < verb.i and self._is_cue(child):
                shared = next((c for c in child.children if c.dep_ in SUBJECT_DEPS and not c.is_punct), None)
                if shared is not None and all(t.is_punct for t in self.doc[child.i + 1 : verb.i]):
                    return shared
        return None

    def _reporting_subject_above(self, clause: Any) -> Any | None:
        """The subject of the nearest verb of saying whose reported clause holds ``clause``, or None."""
        node = clause
        while node.dep_ in {"ccomp", "conj"} and node.head is not node:
            node = node.head
            if node.pos_ in {"VERB", "AUX"} and self._is_cue(node):
                return next((c for c in node.children if c.dep_ in SUBJECT_DEPS and not c.is_punct), None)
        return None

    def _may_speak(self, subject: Any) -> bool:
        """Whether a subject can be someone who speaks: a name, a pronoun for people or bodies, or a
        noun the entity stage tagged or that names a person or body ('the bankers', 'officials'),
        not a thing ('the 90-day rule', 'the trade surplus')."""
        if subject.pos_ in {"PROPN", "PRON"} or subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            return True
        lemma = subject.lemma_.lower()
        if lemma in ORG_WORDS or lemma in SPEAKING_NOUNS or is_profession(subject):
            return True
        return lemma.endswith(("er", "or", "ist", "ian"))  # 'bankers', 'investors', 'economists'

    def _parenthetical_subject(self, head: Any, conjoined: Any) -> Any | None:
        """The subject of a verb of saying set in as a parenthesis between ``head`` and a verb
        conjoined to it ('..., the article said, and went on'), or None. The parser may hang the
        parenthesis lower, on a word of the clause ('..., the issue of the conservative regime's stay
        in power, ..., the bylined commentary of the paper says, and goes on:'): the nearest counts."""
        between = [t for t in head.subtree if head.i < t.i < conjoined.i]
        for child in reversed(between):
            if child.dep_ == "parataxis" and self._is_cue(child):
                subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS and not c.is_punct), None)
                if subject is not None:
                    return subject
        return None

    def speaker_mention(self, head: Any | None) -> Span | None:
        """The whole noun phrase of the speaker, appositions and relative clauses included (as PolNeAR
        draws sources), less focusing adverbs ('Even Lindsey Graham'), a 'citing ...' phrase, and
        anything on another line (a headline run into the first sentence) or past a stretch the
        reading view blanked (a web page's pop-up card)."""
        if head is None:
            return None
        tokens = [t for t in head.subtree if not self.in_quote(t)]
        cut = [t for t in head.children if t.dep_ == "acl" and t.lemma_ in CITING_VERBS and t.i > head.i]
        if cut:
            tokens = [t for t in tokens if t.i < cut[0].left_edge.i]
        breaks = [t.i for t in tokens if _breaks_phrase(t) and t.i < head.i]
        if breaks:
            tokens = [t for t in tokens if t.i > breaks[-1]]
        after = [t.i for t in tokens if _breaks_phrase(t) and t.i >= head.i]
        if after:
            tokens = [t for t in tokens if t.i < after[0] or (t.i == after[0] and not t.is_space)]
        while len(tokens) > 1 and tokens[0].pos_ == "ADV" and tokens[0].head.i != tokens[0].i:
            tokens = tokens[1:]
        tokens = _without_trailing_date(_with_misattached_name(tokens))
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
            attribution.relay = self.relay(verb)
        self.found.append(attribution)
        return attribution

    def relay(self, verb: Any) -> Speaker | None:
        """'Interfax quoted Peskov as saying ...': Interfax relays Peskov's words."""
        quoting = _quoting_verb(verb)
        if quoting is None:
            return None
        for child in quoting.children:
            if child.dep_ == "nsubj":
                return Speaker(self.speaker_mention(child))
            if child.dep_ == "agent":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    return Speaker(self.speaker_mention(agent))
        return None

    def citing(self, verb: Any) -> Speaker | None:
        """'..., KCNA reported, citing the country's leader Kim Jong Un': Kim is the origin."""
        for child in verb.children:
            if child.lemma_ in CITING_VERBS and child.dep_ in {"advcl", "xcomp", "conj", "prep", "pcomp"}:
                obj = next((g for g in child.children if g.dep_ in {"dobj", "pobj"}), None)
                if obj is not None:
                    return Speaker(self.span_of_subtree(obj, drop_that=False))
        return None

    # --- rule 1: direct quotes ------------------------------------------------------------------
    def direct_quotes(self) -> None:
        doc = self.doc
        verb_for_quote: dict[int, Any] = {}
        for n, (qs, qe) in enumerate(self.quote_ranges):
            if n in self.used_quotes:
                continue
            if is_title(self.article.text, self.article.quotes[n].start):
                continue
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
            (token.lemma_ in SPEECH_VERBS or token.lemma_ in BELIEF_VERBS)
            and token.pos_ in {"VERB", "AUX"}
            and not self.in_quote(token)
        )

    def _verb_after(self, quote_end: int) -> Any | None:
        doc = self.doc
        first = self.index.first_starting_at_or_after(quote_end)
        start = next(
            (i for i in range(first, len(doc)) if doc[i].text not in QUOTE_TOKENS and not doc[i].is_space), None
        )
        if start is None:
            return None
        # Only punctuation may separate the quote from its attribution: '"...," he said'.
        prev = doc[start - 1] if start > 0 else None
        between = self.article.text[self.offset + quote_end : self.offset + doc[start].idx]
        if prev is not None and not set(between) <= set(",.!?;:—–- \n\"”’'"):
            return None
        if self.paragraph_break(between):
            return None  # '…supply."\n    Edwin Dale, Miller's spokesman, said': a new paragraph, a new speaker
        ends_sentence = self.article.text[: self.offset + quote_end].rstrip().endswith(".")
        for token in doc[start : start + MAX_CUE_DISTANCE]:
            if token.text in {".", "!", "?", ";"} or token.text in QUOTE_TOKENS or self.in_quote(token):
                break
            if self._is_cue(token):
                subject = self.subject(token)
                if subject is not None and self.in_quote(subject):
                    continue
                if ends_sentence and any(s > token.idx and s < token.sent.end_char for s, _ in self.quote_ranges):
                    return None  # '"... ." He added, "..."': the verb introduces the next quote
                return token
        return None

    def _verb_before(self, quote_start: int) -> Any | None:
        doc = self.doc
        # Only the last MAX_CUE_DISTANCE tokens before the quote are ever looked at.
        n_before = self.index.count_ending_by(quote_start - 1)
        before = list(doc[max(0, n_before - MAX_CUE_DISTANCE) : n_before])
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

    # --- rule 0: posts a web page embeds ('... — Name (@handle) May 27, 2020') ------------------
    def embedded_posts(self) -> None:
        """A post a web page embeds, as its text comes out: the post's words, any links, then '—',
        the author's display name, the handle in brackets and the date ('... pic.twitter.com/Hh —
        NBC News (@NBCNews) October 13, 2018'). The words are the author's, quoted directly, with
        the dash for a cue and the display name, less any emoji, for the speaker."""
        text = self.article.text
        for start, end in paragraphs(text, self.offset):
            post = POST_SIGNATURE.search(text, max(start, end - MAX_SIGNATURE_CHARS), end)
            if post is None or post.start() <= start:
                continue
            body = self.trim(self.article.span(start, _before_links(text, start, post.start())))
            name = self.article.span(*post.span("name"))
            if body is None or not name.text:
                continue
            cue = self.article.span(*post.span("dash"))
            attribution = Attribution(
                id="", kind="direct", speaker=Speaker(name), cue=cue, content=body, rule="direct.embedded_post"
            )
            self.found.append(attribution)
            for n, (qs, qe) in enumerate(self.quote_ranges):
                if qs + self.offset - 1 <= body.start and body.end <= qe + self.offset + 1:
                    self.used_quotes.add(n)  # a post that is all one quotation: the post's words

    # --- rule 6: paragraphs introduced by 'X said:' ----------------------------------------------
    def introduced_paragraphs(self) -> None:
        """'A department director, Kim Jong Hun, told KCNA:' and the paragraphs after it, quoted or
        not: the speaker's own words (KCNA's commonest way of quoting a speech or a paper).

        The run ends at the next introducer, at the end of a quotation that opened it, or where
        narration resumes: a paragraph whose verb of saying has the introducer's speaker as its
        subject, by a word of its mention ('The chairman explained ...' after 'Dermot Hudson,
        chairman of ..., said:') or by its pronoun ('it' for a paper, 'he' or 'she' for a person).
        """
        text = self.article.text
        found = paragraphs(text, self.offset)
        for k, (start, end) in enumerate(found):
            opening: Span | None = None
            if text[end - 1] == ":":
                verb = self._introducing_verb(end - 1)
            else:
                verb, opening = self._opening_introducer(start, end)
            subject = self.subject(verb) if verb is not None else None
            if verb is None or subject is None:
                continue
            parts = self._introduced_parts(found[k + 1 :], subject)
            if opening is not None:
                parts.insert(0, opening)
            if not parts:
                continue
            content = parts[0] if len(parts) == 1 else self.article.span(parts[0].start, parts[-1].end)
            on = _going_on(verb)
            cue = token_span(self.article, verb, on) if on is not None else None
            many = parts if len(parts) > 1 else None
            self.add("direct", verb, subject, content, "direct.introduced", parts=many, cue=cue)
            for n, (qs, qe) in enumerate(self.quote_ranges):
                if content.start <= qs + self.offset + 1 and qe + self.offset - 1 <= content.end:
                    self.used_quotes.add(n)

    def _opening_introducer(self, start: int, end: int) -> tuple[Any | None, Span | None]:
        """'He said: The puppet group of traitors ...': a paragraph that opens with its speaker, a
        verb of saying and a colon, the words after it unquoted. The verb and those words, which
        the paragraphs after it may go on (KCNA's way of quoting a speech); else (None, None)."""
        text = self.article.text
        colon = text.find(":", start, min(end, start + MAX_OPENER_CHARS))
        if colon < 0 or colon + 1 >= end:
            return None, None
        rest = self.trim(self.article.span(colon + 1, end))
        if rest is None or text[rest.start] in QUOTE_MARKS or text[rest.start - 1] in QUOTE_MARKS:
            return None, None  # '... said: "..."': a quotation, the direct-quote rule's
        verb = self._introducing_verb(colon)
        subject = self.subject(verb) if verb is not None else None
        if verb is None or subject is None or verb.dep_ != "ROOT":
            return None, None
        first = self.index.first_starting_at_or_after(start - self.offset)
        if min(t.i for t in subject.subtree) != first:
            return None, None  # the speaker must open the paragraph: no narration before the colon
        return verb, rest

    def _introducing_verb(self, colon: int) -> Any | None:
        """The verb of saying right before the colon at article offset ``colon``: every word between
        them is its own (an addressee, a particle, 'as follows', 'in his report')."""
        at = self.index.first_starting_at_or_after(colon - self.offset)
        if at >= len(self.doc) or self.doc[at].text != ":":
            return None
        sentence = self.doc[at].sent
        for token in reversed(self.doc[sentence.start : at]):
            if self.in_quote(token):
                return None
            if token.lemma_ == "follow" and token.head.i < token.i:  # 'reads as follows:'
                continue
            if _going_on(token) is not None or self._is_cue(token):
                if any(t.lower_ in {"what", "whatever"} and t.i < token.i for t in token.subtree):
                    return None  # 'from what it believes to be right:': a clause about, not of, saying
                if token.lemma_ in SIDING_VERBS and any(
                    c.dep_ == "prep" and c.lower_ == "with" and token.i < c.i < at for c in token.children
                ):
                    return None  # 'He agreed with another Twitter user, whose comment ...:': the user's words follow
                subtree = {t.i for t in token.subtree}
                if any(c.dep_ == "ccomp" and token.i < c.i < at for c in token.children):
                    # 'he is ready to state that the best way ... is to implement four proposals:':
                    # what he says is already said; the colon opens a list inside it
                    return None
                if all(i in subtree for i in range(token.i + 1, at)):
                    return token
                return None
        return None

    def _introduced_parts(self, after: list[tuple[int, int]], subject: Any) -> list[Span]:
        text = self.article.text
        quoted_until: int | None = None
        if after and text[after[0][0]] in QUOTE_MARKS:
            opening = after[0][0] - self.offset
            quoted_until = next((qe + self.offset for qs, qe in self.quote_ranges if qs - 1 <= opening < qe), None)
        parts: list[Span] = []
        for start, end in after:
            if quoted_until is not None and start >= quoted_until:
                break
            if quoted_until is None and (
                (text[end - 1] == ":" and self._introducing_verb(end - 1) is not None)
                or self._narrates(start, end, subject)
                or self._introduces_another(start, end, subject)
            ):
                break
            if quoted_until is None and NARRATION_OPENER.match(text, start):
                break  # 'Meanwhile, diplomatic envoys of Ghana ... paid condolatory visits': the outlet's
            if text[start:end].strip().lower() in PAGE_FURNITURE:
                continue  # 'Advertisement' between a web page's paragraphs
            part = self.trim(self.article.span(start, end))
            if part is not None:
                parts.append(part)
        return parts

    def _introduces_another(self, start: int, end: int, subject: Any) -> bool:
        """Whether the paragraph opens with another named speaker and a verb of saying in the past
        tense ('The Ecuador-Guaranda Institute ... in a statement on the same day stressed that ...'
        after a Peruvian's words): the outlet's narration, introducing the next source."""
        inside = self.index.starting_within(start - self.offset, end - self.offset)
        if not inside:
            return False
        first = inside[0]
        own = {t.lemma_.lower() for t in subject.subtree if t.pos_ in {"NOUN", "PROPN"}}
        for i in inside:
            token = self.doc[i]
            if self._titled_newcomer(token, first, own):
                return True
            if token.tag_ != "VBD" or not self._is_cue(token):
                continue
            said_by = self.subject(token)
            if said_by is None:
                continue
            opening = min(t.i for t in said_by.subtree)
            if opening - first > 1:
                continue
            if said_by.pos_ == "NOUN" and said_by.lemma_.lower() in INTRODUCED_DOCUMENTS:
                return True  # 'The article said that ...': the outlet tells of another paper
            if not (said_by.pos_ == "PROPN" or said_by.ent_type_ in {"ORG", "PERSON", "GPE"}):
                continue
            # the name itself, not the whole phrase: 'Pascal Zouncheme, chief of the Benin Group
            # ..., said' shares 'Benin' with the Beninese who spoke before him
            name = [said_by, *(c for c in said_by.children if c.dep_ == "compound")]
            named = {t.lemma_.lower() for t in name if t.pos_ == "PROPN"}
            if named and not named & own:
                return True
        return False

    def _titled_newcomer(self, verb: Any, first: int, own: set[str]) -> bool:
        """Whether ``verb`` is a paragraph's past-tense main verb whose subject opens the paragraph
        as a person named with a title ('Mun Jae Chol, deputy general director of ..., expressed
        his towering resentment'): KCNA's way of bringing in the next speaker, whatever the verb."""
        if verb.tag_ != "VBD" or verb.dep_ != "ROOT" or verb.lemma_ not in STANCE_CUE_VERBS:
            return False  # 'Park Chung-Hee, "yusin" dictator, pursued ...' in a paper's words: its story
        said_by = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if said_by is None or said_by.ent_type_ != "PERSON" or said_by.pos_ != "PROPN":
            return False
        if min(t.i for t in said_by.subtree) - first > 1:
            return False
        if not any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in said_by.children):
            return False
        name = {said_by.lemma_.lower(), *(c.lemma_.lower() for c in said_by.children if c.dep_ == "compound")}
        return not name & own

    def _narrates(self, start: int, end: int, subject: Any) -> bool:
        """Whether a verb of saying in the paragraph has the introducer's speaker as its subject."""
        mention = {t.lemma_.lower() for t in subject.subtree if t.pos_ in {"NOUN", "PROPN"}}
        person = (
            subject.lower_ in {"he", "she"}  # 'He went on:': a person, whose 'He said' resumes narration
            or subject.ent_type_ == "PERSON"
            or any(t.ent_type_ == "PERSON" for t in subject.subtree)
        )
        pronouns = {"he", "she"} if person else {"it"}
        for i in self.index.starting_within(start - self.offset, end - self.offset):
            token = self.doc[i]
            if not self._is_cue(token):
                continue
            said_by = self.subject(token)
            if said_by is None:
                continue
            if said_by.lower_ == "it" and token.tag_ != "VBD" and token.lemma_.lower() not in NARRATING_VERBS:
                continue  # 'It comprehensively indicates the principle' in an article's words: the proposal
            if said_by.lower_ in pronouns or (said_by.pos_ in {"NOUN", "PROPN"} and said_by.lemma_.lower() in mention):
                return True
        return False

    # --- rule 2: according to -------------------------------------------------------------------
    def according_to(self) -> None:
        for token in self.doc:
            if token.lower_ != "according" or self.in_quote(token):
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None:
                continue
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None or source.lemma_.lower() in NORM_NOUNS:
                continue  # 'according to the requirements of international law': conformity
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

    # --- rule 2b: 'Name: what they said' lines ---------------------------------------------------
    def colon_lines(self) -> None:
        """A line that starts with a short name and a colon: headlines ('Poll: Trump Ties Clinton'),
        interviews ('Q: Did the service take care of you?'), transcripts ('BENENSON: Senator ...')."""
        body = self.article.text[self.offset :]
        for match in COLON_LINE.finditer(body):
            name = match.group("name")
            if name.lower() in COLON_STOP or any(ch.isdigit() for ch in name):
                continue
            source = self.article.span(self.offset + match.start("name"), self.offset + match.end("name"))
            cue = self.article.span(self.offset + match.end("name"), self.offset + match.end("name") + 1)
            raw = self.article.span(self.offset + match.start("content"), self.offset + match.end("content"))
            content = self.trim(raw)
            if content is None or len(content.text.split()) < 2:
                continue
            if any(a.cue is not None and a.cue.overlaps(raw) for a in self.found):
                continue  # the line has an attribution of its own
            quoted = [n for n, q in enumerate(self.article.quotes) if raw.contains(q)]
            kind = (
                "direct" if quoted and content.text.startswith(self.article.quotes[quoted[0]].text[:10]) else "indirect"
            )
            self.used_quotes.update(quoted)
            self.found.append(
                Attribution(id="", kind=kind, speaker=Speaker(source), cue=cue, content=content, rule="colon.line")
            )

    # --- rule 3: indirect speech, beliefs, findings ---------------------------------------------
    def indirect(self) -> None:
        for verb in self.doc:
            lemma = verb.lemma_
            if verb.i in self.used_cues or verb.pos_ not in {"VERB", "AUX"} or self.in_quote(verb):
                continue
            if lemma not in SPEECH_VERBS and lemma not in BELIEF_VERBS and lemma not in FINDING_VERBS:
                continue
            subject = self.subject(verb)
            if _writers_comment(verb, subject):
                continue
            if subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubjpass":
                subject = None  # 'it was reported that ...': no named source
            finding_only = lemma in FINDING_VERBS and lemma not in SPEECH_VERBS and lemma not in BELIEF_VERBS
            if finding_only and (subject is None or subject.lemma_.lower() not in EVIDENCE_NOUNS):
                continue
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None) or _clause_after_phrase(verb)
            content: Span | None = None
            parts: list[Span] = []
            rule = "indirect.ccomp"
            if clause is not None:
                content = self.span_of_subtree(clause)
            elif subject is not None and self.set_off(verb):
                # '..., he added.' or 'The plan, a source said, is ...': the content is the clause
                # the verb is set into, on both sides of it.
                content, parts = self.around(verb)
                rule = "indirect.postposed" if verb.head.i < verb.i else "indirect.parenthetical"
            if content is None:
                continue
            if subject is None and lemma in BELIEF_VERBS:
                continue
            kind = "indirect"
            if lemma in BELIEF_VERBS or (
                subject is not None and subject.lemma_.lower() in EVIDENCE_NOUNS and lemma in FINDING_VERBS
            ):
                kind = "belief"
            if subject is not None and subject.lower_ in {"i", "we", "you"} and self.in_quote(subject):
                continue
            self.add(kind, verb, subject, content, rule, parts=parts or None)

    def set_off(self, verb: Any) -> bool:
        """A verb of saying set into the clause it reports, after a comma or dash and with no object of
        its own: '..., he added.', 'The plan, a source said, is ...' (not 'she said she wants to ...')."""
        if verb.dep_ not in {"parataxis", "ccomp"} or verb.head.i == verb.i:
            return False
        if any(c.dep_ in {"dobj", "xcomp", "ccomp", "attr", "oprd"} for c in verb.children):
            return False
        dashes = {",", "—", "–", "--", "-"}
        left = verb.left_edge.i
        return self.doc[left].text in dashes or (left > 0 and self.doc[left - 1].text in dashes)

    def around(self, verb: Any) -> tuple[Span | None, list[Span]]:
        """The clause a parenthetical verb of saying sits in, less the verb's own phrase: (whole, parts)."""
        own = {t.i for t in verb.subtree}
        sent = verb.sent
        tokens = [t for t in verb.head.subtree if t.i not in own and sent.start <= t.i < sent.end]
        before = self.span_of_tokens([t for t in tokens if t.i < verb.i])
        after = self.span_of_tokens([t for t in tokens if t.i > verb.i])
        parts = [p for p in (before, after) if p is not None]
        if not parts:
            return None, []
        if len(parts) == 1:
            return parts[0], []
        return self.article.span(parts[0].start, parts[1].end), parts

    # --- rule 4: speech acts --------------------------------------------------------------------
    def speech_acts(self) -> None:
        for verb in self.doc:
            if verb.i in self.used_cues or verb.pos_ != "VERB" or self.in_quote(verb):
                continue
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is None or any(c.dep_ == "ccomp" for c in verb.children):
                continue
            if verb.lemma_ in SPEECH_ACT_VERBS or (
                verb.lemma_ in LIGHT_SPEECH_VERBS and obj.lemma_.lower() in COMMUNICATIVE_OBJECTS
            ):
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

    # --- rule 4b: statement nouns with their sayer --------------------------------------------------
    def noun_claims(self) -> None:
        """ "Hillary's pronouncements that Americans would be better off ...", "Trump's claim that
        ...": a statement noun whose possessor is its sayer and whose that-clause is what was
        said (a speech act, as the conventions count "her call for an apology")."""
        for noun in self.doc:
            if noun.i in self.used_cues or noun.pos_ != "NOUN" or noun.lemma_.lower() not in CLAIM_NOUNS:
                continue
            if self.in_quote(noun) or self.inside_content(noun):
                continue  # 'McCain said Obama's past claims that ... have undercut': McCain's words
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)
            clause = next(
                (c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and _has_mark(c, "that")),
                None,
            )
            if owner is None or clause is None:
                continue
            content = self.span_of_subtree(clause)
            if content is not None:
                self.add("speech_act", noun, owner, content, "speech_act.noun")

    # --- rule 5: stances, intentions and requests ------------------------------------------------
    def inside_content(self, token: Any) -> bool:
        """True when the token lies in the content of an attribution already found."""
        position = token.idx + self.offset
        return any(a.content.start <= position < a.content.end for a in self.found)

    def stances(self) -> None:
        """Verbs whose object, to-infinitive or prepositional object is the content.

        'Clinton accused Sanders of a flip-flop', 'Cruz vowed to repeal it', 'Trump referred to the
        mogul', 'Their choice appears to be ...' (no source). A verb inside the content of an attribution
        found by an earlier rule is left alone: it is part of what someone said; unless it reports a
        request or proposal of its own ('Kjeldsen said Copa had urged the ministers to ...').
        """
        for verb in self.doc:
            if verb.i in self.used_cues or verb.pos_ != "VERB" or self.in_quote(verb):
                continue
            if self.inside_content(verb) and verb.lemma_.lower() not in NESTED_SPEECH_VERBS:
                continue
            if verb.dep_ == "xcomp" and verb.head.i in self.used_cues:
                continue  # 'declined to criticize X': one attribution, cued by 'declined'
            if verb.lemma_ in CITING_VERBS and verb.head.i in self.used_cues:
                continue  # 'KCNA reported, citing Kim': the relay, recorded as the attribution's 'citing'
            if any(getattr(_quoting_verb(c), "i", None) == verb.i for p in verb.children for c in p.children):
                continue  # 'quoted Peskov as saying': Peskov's attribution, with the quoting outlet as relay
            lemma = verb.lemma_.lower()
            kids = list(verb.children)
            deps = {c.dep_ for c in kids}
            if "ccomp" in deps:
                continue
            xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > verb.i and _has_to(c)), None)
            subject = self.subject(verb)
            passive = "nsubjpass" in deps or "auxpass" in deps
            if xcomp is not None and (lemma in RAISING_VERBS or (passive and lemma in PASSIVE_RAISING_VERBS)):
                if subject is None:
                    continue
                content = self.span_of_subtree(subject, xcomp, drop_that=False)
                if content is not None:
                    self.add("belief", verb, None, content, "stance.raising")
                continue
            if subject is None or passive or not _plausible_source(subject):
                continue
            if xcomp is not None and lemma in XCOMP_VERBS:
                obj = next((c for c in kids if c.dep_ in {"dobj", "dative"} and c.i < xcomp.i), None)
                tokens = [*(obj.subtree if obj is not None else []), *xcomp.subtree]
                self._stance(verb, subject, tokens, "stance.xcomp")
                continue
            prep = next((c for c in kids if c.dep_ == "prep" and c.i == verb.i + 1), None)
            if prep is not None and "dobj" not in deps and prep.lower_ in PREP_VERBS.get(lemma, ()):
                objects = [t for c in prep.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
                cue = token_span(self.article, verb, prep)
                self._stance(verb, subject, objects, "stance.prep", cue=cue)
                continue
            obj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
            finding = lemma in FINDING_OBJECT_VERBS and subject.lemma_.lower() in EVIDENCE_NOUNS
            if obj is None or not (lemma in OBJECT_VERBS or finding):
                continue
            predicate = next((c for c in kids if c.dep_ in {"oprd", "xcomp"} and c.i > obj.i), None)
            if lemma in NAMING_VERBS and predicate is not None:
                # 'called the plan foolish': the object and what it is called, as one content.
                tokens = [*obj.subtree, *predicate.subtree]
                self._stance(verb, subject, tokens, "stance.naming")
                continue
            keep = [
                c
                for c in kids
                if c.i > verb.i
                and (
                    c.dep_ in {"dobj", "dative", "oprd", "acomp", "xcomp"}
                    or (c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS)
                )
            ]
            self._stance(verb, subject, [t for c in keep for t in c.subtree], "stance.object")

    def _stance(self, verb: Any, subject: Any, tokens: list[Any], rule: str, *, cue: Span | None = None) -> None:
        content = self.span_of_tokens(tokens, drop_that=False)
        if content is None:
            return
        lemma = verb.lemma_.lower()
        kind = "indirect" if lemma in COMMUNICATIVE_STANCE else "belief" if lemma in MENTAL_STANCE else "speech_act"
        self.add(kind, verb, subject, content, rule, cue=cue)

    # --- rule 6: quote paragraphs that continue a speaker ---------------------------------------
    def continued_quotes(self) -> None:
        directs = sorted((a for a in self.found if a.kind == "direct"), key=lambda a: a.content.start)
        sentences = self.article.sentences
        for n, quote in enumerate(self.article.quotes):
            if n in self.used_quotes:
                continue
            content = self.trim(quote)
            if content is None:
                continue
            starts_sentence = any(abs(s.start - (quote.start - 1)) <= 1 for s in sentences)
            if not starts_sentence:
                continue
            previous = [a for a in directs if a.content.end <= quote.start]
            if not previous:
                continue
            last = previous[-1]
            between = [s for s in sentences if last.content.end <= s.start < quote.start - 1]
            if len(between) > 2 or (len(between) > 0 and len(content.text.split()) < 4):
                continue  # a short quote further on is a scare quote or a title, not more speech
            if any(
                a is not last and a.cue is not None and last.content.end <= a.cue.start < quote.start
                for a in self.found
            ):
                continue  # someone else speaks in between
            continued = Attribution(
                id="",
                kind="direct",
                speaker=Speaker(last.speaker.mention),
                cue=None,
                content=content,
                rule="direct.continued",
            )
            self.found.append(continued)
            directs.append(continued)
            directs.sort(key=lambda a: a.content.start)
            self.used_quotes.add(n)

    def run(self) -> list[Attribution]:
        self.embedded_posts()
        self.introduced_paragraphs()
        self.direct_quotes()
        self.according_to()
        self.colon_lines()
        self.indirect()
        self.speech_acts()
        self.noun_claims()
        self.stances()
        self.continued_quotes()
        self.found.sort(key=lambda a: (a.content.start, a.cue.start if a.cue else 0))
        for number, attribution in enumerate(self.found, 1):
            attribution.id = f"a{number}"
        return self.found


def _before_links(text: str, start: int, end: int) -> int:
    """Where a post's own words end before the links, ellipsis or zero-width space that close it."""
    while True:
        words = text[start:end].rstrip()
        cut = max(words.rfind(" "), words.rfind("\n"), words.rfind("\t"))
        last = words[cut + 1 :]
        if cut < 0 or not (last.startswith(POST_LINKS) or last.strip("\u200b") in {"", "…"}):
            return start + len(words)
        end = start + cut


def _going_on(verb: Any) -> Any | None:
    """The 'on' of 'goes on:' / 'went on:' (a particle, or a preposition with no object), else None."""
    if verb.lemma_ != "go":
        return None
    for child in verb.children:
        if child.lower_ == "on" and child.dep_ in {"prt", "prep"} and not any(g.dep_ == "pobj" for g in child.children):
            return child
    return None


def _quoting_verb(verb: Any) -> Any | None:
    """For 'saying' in 'quoted X as saying', the verb 'quoted'; else None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.dep_ != "prep":
        return None
    quoting = prep.head
    return quoting if quoting.lemma_ == "quote" and quoting.i != verb.i else None


def _opens_quote(inner: str, closing: str) -> bool:
    """True when ``inner`` has an opening quotation mark that ``closing`` would close."""
    if closing == '"':
        return inner.count('"') % 2 == 1
    opening = CLOSING_QUOTES[closing]
    if closing == "’":  # also the apostrophe: count only marks that open a word
        return inner.count(opening) > len(re.findall(r"’(?![a-z])", inner))
    return inner.count(opening) > inner.count(closing)


SUBJECT_PREPOSITIONS = frozenset({"despite", "with", "without", "amid", "after", "before"})


# Participles by which a speaker goes on ('..., adding that', '..., stressing that').
GOING_ON_PARTICIPLES = word_set("add stress note emphasize emphasise underline underscore")


def _clause_after_phrase(verb: Any) -> Any | None:
    """'Verhofstadt said before the meeting he was seeking economies': the parser reads the
    reported clause as a relative clause of the phrase's noun ('the meeting he was seeking'); a
    clause right after a time phrase of the verb, with a personal pronoun as its subject and no
    relative word and nothing missing ('comments he made' lacks its object: a relative clause), is
    what was said. None otherwise."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i or prep.lower_ not in TIME_PREPOSITIONS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.children:
                subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if (
                    clause.dep_ == "relcl"
                    and subject is not None
                    and subject.lower_ in PERSONAL_SUBJECTS
                    and subject.i == clause.left_edge.i
                    and all(t.is_space for t in noun.doc[noun.i + 1 : subject.i])
                    and _complete(clause)
                ):
                    return clause
    return None


def _complete(clause: Any) -> bool:
    """A clause with its object or complement, or a modal ('he would resign'): no gap a relative
    clause would leave ('the comments he made', 'the meeting he attended')."""
    return any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"} or c.tag_ == "MD" for c in clause.children)


# Nouns of a statement whose that-clause says what was stated ('his claim that ...').
CLAIM_NOUNS = word_set(
    """
    claim allegation accusation assertion pronouncement statement announcement suggestion promise pledge
    warning threat charge insistence argument contention assurance prediction denial admission
    """
)
# Prepositions of a time phrase between a verb of saying and what was said ('said after the meeting').
TIME_PREPOSITIONS = word_set("before after at during following on in")
PERSONAL_SUBJECTS = word_set("he she they we i it")


def is_title(text: str, start: int) -> bool:
    """Whether the words at ``start`` are a work's title: 'titled', 'entitled' (and the like) come
    right before them (``TITLE_BEFORE``)."""
    return TITLE_BEFORE.search(text, max(0, start - 20), start) is not None


def _preposition_object_before(participle: Any) -> Any | None:
    """The object of 'despite', 'with', 'without', 'amid' that ends right before ``participle``
    ('despite X declaring', 'with Shapiro highlighting'), which the parser left as the preposition's
    object instead of the participle's subject; None otherwise."""
    start = participle.left_edge.i
    if start == 0:
        return None
    token = participle.doc[start - 1]
    while token.dep_ in {"conj", "compound", "appos"} and token.head.i < token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in SUBJECT_PREPOSITIONS and token.pos_ in {"NOUN", "PROPN", "PRON"}:
        return token
    return None


# 'X agreed with Y:': what follows the colon is Y's, not X's.
SIDING_VERBS = {"agree", "disagree", "side", "concur", "sympathize"}


def _dated(token: Any) -> bool:
    return bool(token.ent_type_ in {"DATE", "TIME"})


def _with_misattached_name(tokens: list[Any]) -> list[Any]:
    """'The DPRK's major newspaper Rodong Sinmun Monday stresses': the parser hangs the name on the
    date after it; the name belongs to the speaker's phrase."""
    if not tokens:
        return tokens
    doc, following = tokens[0].doc, tokens[-1].i + 1
    name = []
    while following < len(doc) and doc[following].dep_ == "compound" and doc[following].pos_ == "PROPN":
        name.append(doc[following])
        following += 1
    if name and following < len(doc) and _dated(doc[following]) and name[-1].head.i == following:
        return [*tokens, *name]
    return tokens


def _without_trailing_date(tokens: list[Any]) -> list[Any]:
    """A speaker's phrase ends before a date run into it ('Rodong Sinmun Monday')."""
    while len(tokens) > 1 and _dated(tokens[-1]) and not _dated(tokens[0]):
        tokens = tokens[:-1]
    return tokens


def _breaks_phrase(token: Any) -> bool:
    """A line break after the token, or a long run of spaces: what the reading view blanked out
    (``layout.reading_view``) is no part of a phrase around it."""
    return "\n" in token.text_with_ws or (token.is_space and len(token.text) >= BLANKED_SPACES)


def agent_of(verb: Any) -> Any | None:
    """The object of the verb's 'by' agent phrase ('urged by the union'), or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _passive_agent(verb: Any) -> Any | None:
    """The 'by' object of a passive verb ('were told by New Zealand', 'is described by
    participants as'), or None."""
    if not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return None
    return agent_of(verb)


def _has_mark(clause: Any, word: str | None = None) -> bool:
    """A subordinator ('while', 'after', 'before') that gives the participle its own circumstance;
    with ``word``, that subordinator ('that')."""
    return any(c.dep_ == "mark" and (word is None or c.lower_ == word) for c in clause.children)


def _has_to(clause: Any) -> bool:
    """A to-infinitive: 'to repeal it'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _plausible_source(token: Any) -> bool:
    """Who can hold a stance: not 'it'/'this'/'what', and not a clause."""
    return token.lower_ not in {"it", "this", "what", "there"} and token.pos_ in {
        "PRON",
        "PROPN",
        "NOUN",
        "NUM",
        "DET",
        "ADJ",
    }
