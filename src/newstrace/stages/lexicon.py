"""Word lists the attribution rules use. Lemmas, lower case.

Kept apart from the rules so they can be reviewed (and extended) by someone who does not read
the rules. After changing them, re-run ``newstrace eval polnear ../shared/data/polnear/dev``
and the seed test.
"""

from __future__ import annotations

# Verbs of saying: their clause complement is reported speech.
SPEECH_VERBS = frozenset(
    """
    say tell note add emphasize emphasise stress warn claim state declare announce report explain insist
    argue acknowledge admit assert conclude write tweet post reply respond answer ask urge promise pledge
    vow deny confirm reveal disclose indicate observe mention complain testify concede contend maintain
    allege predict recall remark reiterate underline underscore suggest propose caution charge counter
    quip joke boast brag lament inform assure signal hint recount demand recommend threaten swear
    estimate forecast project agree disagree point learn hear read tout question speculate muse
    clarify specify affirm proclaim shout yell scream cry whisper murmur opine advise concur retort
    """.split()
)

# Mental states and intentions (PolNeAR annotates them as attributions too).
BELIEF_VERBS = frozenset(
    """
    believe think feel expect hope fear worry know doubt suspect assume consider reckon figure wonder
    anticipate intend plan want wish decide realize realise understand recognize recognise imagine
    guess suppose presume trust bet
    """.split()
)

# Verbs whose subject is evidence rather than a person: "polls show", "the study found".
FINDING_VERBS = frozenset("show find suggest indicate reveal conclude determine estimate project demonstrate".split())
EVIDENCE_NOUNS = frozenset(
    """
    poll polls survey surveys study studies data report reports analysis research investigation records
    documents document review audit figures statistics numbers evidence test tests findings census
    """.split()
)

# Speech acts: a verb of communication with an object and no content clause ("praised the courage").
SPEECH_ACT_VERBS = frozenset(
    """
    praise condemn welcome criticize criticise thank congratulate denounce accuse blame hail applaud
    deplore commend salute laud apologize apologise greet endorse decry slam blast mourn
    """.split()
)
# Light verbs that are speech acts only with a communicative object: "conveyed his greetings".
LIGHT_SPEECH_VERBS = frozenset("convey express extend send offer voice pay issue deliver".split())
COMMUNICATIVE_OBJECTS = frozenset(
    """
    greeting greetings condolence condolences regret concern concerns support gratitude thanks sympathy
    sympathies congratulations tribute respect solidarity hope hopes wish wishes message apology
    condemnation appreciation confidence opposition warning statement praise admiration dismay outrage
    disappointment satisfaction
    """.split()
)

# Verbs that introduce the source an outlet relays: "KCNA reported, citing Kim Jong Un".
CITING_VERBS = frozenset("cite quote".split())

PRONOUNS_PERSON = frozenset("he she him her".split())
PRONOUNS_GROUP = frozenset("they them".split())
FIRST_PERSON = frozenset("i we me us".split())
