"""What the annotation conventions leave out (``../shared/data/realnews-dev/README.md``, "Nesting"
and "Not annotated"), applied to every attribution stage's findings: a belief a speaker's own
reported words hold about the speaker, acts and knowledge read as cues, a sourceless "is expected
to", and reported words that are a lone pronoun."""

from __future__ import annotations

from ...record import Article, Attribution
from .tokens import token_index

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


# A content that is one of these words states nothing (a speech act's object may: 'praised it').
# Not 'this': 'Rodong Sinmun says this in an article: ...' names who the paragraphs after are from.
PRONOUN_CONTENTS = frozenset({"which", "that", "it", "these", "those", "so", "what"})


# Verbs of acts and knowledge, not of saying: what their subject did or knew is no attribution under
# the conventions ('The House approved the bill', 'declined to comment', 'voters backed Clinton',
# 'We know that ...'); the hand-read gold never has one as a cue. PolNeAR, whose conventions
# differ, has them (and 'agreed to') as cues: dropping them costs its dev scores about 0.005.
ACT_VERBS = frozenset({"decline", "pass", "approve", "vote", "allow", "know", "decide", "back", "support"})


def without_acts(article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue is a verb of acting or knowing (ACT_VERBS), 'agreed to ...'
    (agreements and contract terms are not annotated; 'agreed that ...' is kept), a passive 'is
    expected to ...', and reported words that are a lone pronoun."""
    doc, shift = article.doc, article.body_start
    index = token_index(doc)
    kept = []
    for attribution in attributions:
        cue = attribution.cue
        if cue is not None:
            verbs = [doc[i] for i in index.starting_within(cue.start - shift, cue.end - shift) if doc[i].pos_ == "VERB"]
            lemma = verbs[0].lemma_.lower() if verbs else ""
            if lemma in ACT_VERBS or (lemma == "agree" and attribution.content.text.startswith("to ")):
                continue
            if lemma == "expect" and any(c.dep_ == "auxpass" for c in verbs[0].children):
                continue  # 'The Senate is expected to debate it': a forecast with no source
        if attribution.kind != "speech_act" and attribution.content.text.lower() in PRONOUN_CONTENTS:
            continue  # '..., which, he said, ...': no statement in the words
        kept.append(attribution)
    return kept
