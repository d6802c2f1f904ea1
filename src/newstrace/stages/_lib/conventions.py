"""What the annotation conventions leave out (``../shared/data/realnews-dev/README.md``, "Nesting"
and "Not annotated"), applied to every attribution stage's findings by the stage
``conventions.realnews.v1``: a belief a speaker's own reported words hold about the speaker, acts
and knowledge read as cues, negated speech and a speaker who is no one, a sourceless "is expected
to", a link to another story, what pictures on display show, what a subject reveals of itself,
reported words that are a lone pronoun or a request not to be named, and the tagger's readings
whose cue has no word of saying, thinking or finding."""

from __future__ import annotations

import re
from typing import Any

from ...record import Article, Attribution
from .lexicon import BELIEF_VERBS, COMMUNICATIVE_OBJECTS, FINDING_VERBS, SPEECH_VERBS, word_set
from .rules import is_title
from .tagged import says_something
from .tokens import token_index

# What a source asks when it asks not to be named ('who asked not to be identified').
ANONYMITY_REQUEST = re.compile(r"(?i)(?:not\s+)?to\s+be\s+(?:identified|named|quoted)\b|anonymity\b")
# A web page's link to another story: a capitalized label, a colon and a headline ('TRENDING: Frmr
# Obamacare Chief Pushes Panic, Tells 360K People ...', 'RELATED: Sen. Cotton ... Aim To End ...').
TEASER_LINE = re.compile(r"[ \t]*[A-Z][A-Z ]{2,24}:[ \t]+(?P<headline>[^\n]+)")
TEASER_CAPITALS = 0.6  # share of a teaser's words that are capitalized, as in a headline
# What is shown, not said: 'photos showing his leadership feats', 'Films shown included ...'.
DISPLAY_NOUNS = word_set("photo photograph picture image film movie painting poster footage exhibit exhibition")
# What one reveals of oneself, no statement: 'revealed its mean and shameless nature', 'revealing
# their sinister intention'.
SELF_REVEALED = re.compile(
    r"(?i)(?:its|their|his|her)\b(?:[ \t]+[\w-]+){0,4}?[ \t]+"
    r"(?:nature|intentions?|intent|true colou?rs|character|ambitions?)\b"
)
REVEALING_VERBS = word_set("reveal expose betray show display disclose")
# A speaker who is no one: 'No one who has looked at the numbers', 'Nobody', 'Neither side'.
NO_ONE = re.compile(r"(?i)(?:no[ \t]+[a-z]|nobody\b|none\b|neither\b|no-one\b)")
# Pronouns by which a speaker's own reported words go on about the speaker ('he said he expects').
SELF_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})


def without_own_attitudes(attributions: list[Attribution]) -> list[Attribution]:
    """Drop a belief a speaker's reported words hold about the speaker's own mind: 'the company
    said it expects ...', 'Gardner said he believed ...' (the conventions annotate a nested
    attribution only when its speaker differs or it is a speech event of its own)."""
    kept = []
    for attribution in attributions:
        mention, cue = attribution.speaker.mention, attribution.cue
        own = (
            attribution.kind == "belief"
            and mention is not None
            and cue is not None
            and mention.text.lower() in SELF_PRONOUNS
            and any(
                other is not attribution and other.content.start <= cue.start and cue.end <= other.content.end
                for other in attributions
            )
        )
        if not own:
            kept.append(attribution)
    return kept


# The writer's person and the reader's: 'I think ...' in a column, 'you want to use that'.
WRITER_PRONOUNS = frozenset({"i", "we", "you"})


def without_teasers(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what a web page's link to another story says ('TRENDING: Frmr Obamacare Chief Pushes
    Panic, Tells 360K People Hospital Is Out of Ventilators'): a headline of another article, not
    this one's reporting; the gold has none."""
    return [a for a in attributions if not is_teaser_line(article.text, a.content.start)]


def is_teaser_line(text: str, position: int) -> bool:
    """Whether the line holding ``position`` is a capitalized label, a colon and a headline."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return _teaser(text[start : len(text) if end < 0 else end])


def teaser_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` that links another story, found in one pass."""
    return [(line.start(), line.end()) for line in re.finditer(r"[^\n]+", text) if _teaser(line.group())]


def _teaser(line: str) -> bool:
    match = TEASER_LINE.fullmatch(line)
    if match is None:
        return False
    words = [w for w in match.group("headline").split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= TEASER_CAPITALS * len(words)


def without_writers_beliefs(attributions: list[Attribution]) -> list[Attribution]:
    """Drop a belief held by 'I', 'we' or 'you' outside anyone's reported words ('I think Obamacare
    is still unconstitutional' in a column, 'No one wants ...; you want to understand why'): the
    writer's own view or a generic reader, the outlet's own voice; the gold has none."""
    kept = []
    for attribution in attributions:
        mention = attribution.speaker.mention
        writers = (
            attribution.kind == "belief"
            and mention is not None
            and mention.text.lower() in WRITER_PRONOUNS
            and not any(
                other is not attribution and other.content.start <= mention.start < other.content.end
                for other in attributions
            )
        )
        if not writers:
            kept.append(attribution)
    return kept


# A content that is one of these words states nothing (a speech act's object may: 'praised it').
# Not 'this': 'Rodong Sinmun says this in an article: ...' names who the paragraphs after are from.
PRONOUN_CONTENTS = frozenset({"which", "that", "it", "these", "those", "so", "what"})


# Verbs of acts and knowledge, not of saying: what their subject did or knew is no attribution under
# the conventions ('The House approved the bill', 'declined to comment', 'voters backed Clinton',
# 'We know that ...', 'he learned about', 'the council discussed', 'plans to', 'realized'); the
# hand-read gold never has one as a cue ('learned from' a source is kept: the source is named).
# 'Offered' is an act too ('offering free money') unless what is offered is said ('offered
# condolences'). PolNeAR, whose conventions differ, has them (and 'agreed to') as cues: they go under
# the real-news conventions only.
ACT_VERBS = frozenset(
    {
        "decline",
        "pass",
        "approve",
        "vote",
        "allow",
        "know",
        "decide",
        "back",
        "support",
        "discuss",
        "learn",
        "plan",
        "realize",
        "realise",
    }
)


def _cue_verb(article: Article, attribution: Attribution) -> Any | None:
    """The first verb of the attribution's cue, as a Doc token ('declined' in 'declined to')."""
    cue, shift = attribution.cue, article.body_start
    if cue is None:
        return None
    doc = article.doc
    inside = token_index(doc).starting_within(cue.start - shift, cue.end - shift)
    return next((doc[i] for i in inside if doc[i].pos_ == "VERB"), None)


def without_displays(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what a picture or a film is said to show when the words describe the display, not a
    claim: a participle hung on it ('photos showing his leadership feats', 'films shown') or a verb
    of no saying or finding ('Films shown included ...'). 'Video shows her walking ...' stays: the
    gold counts a display's finding."""
    kept = []
    for attribution in attributions:
        verb = _cue_verb(article, attribution)
        mention = attribution.speaker.mention
        words = mention.text.lower().split() if mention is not None else []
        display = bool(words) and words[-1] in DISPLAY_NOUNS | {w + "s" for w in DISPLAY_NOUNS}
        described = verb is not None and verb.dep_ in {"acl", "relcl"} and verb.head.lemma_.lower() in DISPLAY_NOUNS
        unsaid = display and verb is not None and verb.lemma_ not in SPEECH_VERBS | FINDING_VERBS | BELIEF_VERBS
        if not (described or unsaid):
            kept.append(attribution)
    return kept


def without_self_revealing(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what a subject reveals of itself ('Japan revealed its mean and shameless nature', 'the
    regime revealed its sinister intention'): the outlet's judgment of it, not anyone's words."""
    return [
        a
        for a in attributions
        if not (
            (verb := _cue_verb(article, a)) is not None
            and verb.lemma_ in REVEALING_VERBS
            and SELF_REVEALED.match(a.content.text)
        )
    ]


def without_acts(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue is a verb of acting or knowing (ACT_VERBS) and 'agreed to ...'
    (agreements and contract terms are not annotated; 'agreed that ...' is kept)."""
    kept = []
    for attribution in attributions:
        verb = _cue_verb(article, attribution)
        if verb is None:
            kept.append(attribution)
            continue
        lemma = verb.lemma_.lower()
        if lemma == "learn" and any(c.lower_ == "from" for c in verb.children):
            kept.append(attribution)
            continue
        if lemma == "offer" and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in COMMUNICATIVE_OBJECTS for c in verb.children
        ):
            continue
        agreed_to = lemma == "agree" and (
            attribution.content.text.startswith("to ") or any(c.lower_ == "to" for c in verb.children)
        )
        if lemma not in ACT_VERBS and not agreed_to:
            kept.append(attribution)
    return kept


def without_negated(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop negated speech: 'Vernes would not say what form any compromise would take', 'Airbus did
    not disclose the value' (the conventions: "hypothetical or negated speech" is not annotated).
    Only a negation of the cue's own verb counts ('said he would not run' is a statement), and not
    of a belief: 'analysts do not expect any policy changes' states their view. A speaker who is no
    one ('No one ... thinks', 'Nobody said', 'Neither side claimed') negates any kind."""
    kept = []
    for attribution in attributions:
        mention = attribution.speaker.mention
        if mention is not None and NO_ONE.match(mention.text):
            continue  # 'No one who has looked at the numbers thinks ...': nobody holds it
        verb = _cue_verb(article, attribution)
        if attribution.kind == "belief" or verb is None or not any(c.dep_ == "neg" for c in verb.children):
            kept.append(attribution)
    return kept


# What makes speech hypothetical: a modal of what would or could be ('Some advocates would like'),
# and a clause of condition or question ('until you fully denounce', 'whether the committee will
# endorse'); not 'will', which reports a plan ('the administration will include a document describing').
HYPOTHETICAL_MODALS = word_set("would could should might")
HYPOTHETICAL_MARKS = word_set("whether if unless until")


def without_hypothetical(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop hypothetical speech (the conventions: "hypothetical or negated speech" is not annotated):
    a cue's verb, or the verb it hangs on as an infinitive or a conjunct, under 'would', 'could',
    'should' or 'might', or in a clause opened by 'whether', 'if', 'unless' or 'until'. A quote stays:
    its words were said, whatever the verb after them."""
    kept = []
    for attribution in attributions:
        verb = _cue_verb(article, attribution)
        chain = [verb] if verb is not None else []
        while chain and chain[-1].dep_ in {"xcomp", "conj"} and len(chain) < 3:
            chain.append(chain[-1].head)
        hypothetical = any(
            (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS)
            or (c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS)
            for token in chain
            for c in token.children
        )
        if attribution.kind == "direct" or not hypothetical:
            kept.append(attribution)
    return kept


def without_scare_quotes(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop a quoted word or three that nobody is said to say and that ends no utterance: 'touted
    "liberal democracy"' with no speaker, 'the "must-buy" rules' (the conventions: scare quotes are
    not annotated). '"Yes," told Smith.' ends with its own comma: an answer, kept."""
    text = article.text
    kept = []
    for a in attributions:
        words = a.content.text.rstrip("\"'”’ ")
        ends = words.endswith((",", ".", "!", "?")) or text[a.content.end : a.content.end + 1] in {",", ".", "!", "?"}
        if a.kind == "direct" and a.speaker.mention is None and len(words.split()) <= 3 and not ends:
            continue
        kept.append(a)
    return kept


def without_forecasts(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop a passive 'is expected to ...': 'The Senate is expected to debate it' names no source."""
    kept = []
    for attribution in attributions:
        verb = _cue_verb(article, attribution)
        if verb is None or verb.lemma_.lower() != "expect" or all(c.dep_ != "auxpass" for c in verb.children):
            kept.append(attribution)
    return kept


def without_pronoun_contents(attributions: list[Attribution]) -> list[Attribution]:
    """Drop reported words that are a lone pronoun ('..., which, he said, ...'): no statement in them.
    A speech act's object may be one ('praised it')."""
    return [a for a in attributions if a.kind == "speech_act" or a.content.text.lower() not in PRONOUN_CONTENTS]


def without_titles(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop reported words that open with a work's title ('posted ... an article titled "Essence of
    the Nuclear Issue ..."'): a title is no one's words (the rules' ``is_title``)."""
    return [a for a in attributions if not is_title(article.text, a.content.start)]


def without_anonymity_requests(attributions: list[Attribution]) -> list[Attribution]:
    """Drop a source's request not to be named ('The spokesman, who asked not to be identified,
    said ...'): how the source speaks, not what it says; the gold never counts it."""
    return [a for a in attributions if not ANONYMITY_REQUEST.match(a.content.text)]


def without_unspoken(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what the tagger alone found (no rule behind it) when its cue has no word of saying,
    thinking or finding (``says_something``), with a source or not: 'Democrats authorized',
    'he slapped tariffs', 'the agreement includes', 'Wall Street has been enamored of'. The tagger
    learned PolNeAR's conventions, which annotate such acts and events; the real-news gold does not.
    On the tuning parts about half of the tagger-only readings were spurious, and three in five of
    those without such a word."""
    return [
        a for a in attributions if not (a.rule == "model" and a.cue is not None and not says_something(article, a.cue))
    ]
