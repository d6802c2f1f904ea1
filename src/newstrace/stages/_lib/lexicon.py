"""Word lists the attribution rules and speaker linking use. Lemmas, lower case.

Kept apart from the rules so they can be reviewed (and extended) by someone who does not read
the rules. After changing them, re-run ``newstrace eval polnear ../shared/data/polnear/dev``
and the seed test.
"""

from __future__ import annotations

from typing import Any


def word_set(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string, as reviewers read it."""
    return frozenset(text.split())


# Verbs of saying: their clause complement is reported speech.
SPEECH_VERBS = word_set(
    """
    say tell note add emphasize emphasise stress warn claim state declare announce report explain insist
    argue acknowledge admit assert conclude write tweet post reply respond answer ask urge promise pledge
    vow deny confirm reveal disclose indicate observe mention complain testify concede contend maintain
    allege predict recall remark reiterate underline underscore suggest propose caution charge counter
    quip joke boast brag lament inform assure signal hint recount demand recommend threaten swear
    estimate forecast project agree disagree point learn hear read tout question speculate muse
    clarify specify affirm proclaim shout yell scream cry whisper murmur opine advise concur retort
    continue imply comment
    """
)

# Mental states and intentions (PolNeAR annotates them as attributions too).
BELIEF_VERBS = word_set(
    """
    believe think feel expect hope fear worry know doubt suspect assume consider reckon figure wonder
    anticipate intend plan want wish decide realize realise understand recognize recognise imagine
    guess suppose presume trust bet hop
    """
)

# Verbs whose subject is evidence rather than a person: "polls show", "the study found".
FINDING_VERBS = word_set("show find suggest indicate reveal conclude determine estimate project demonstrate")
EVIDENCE_NOUNS = word_set(
    """
    poll polls survey surveys study studies data report reports analysis research investigation records
    documents document review audit figures statistics numbers evidence test tests findings census
    result results estimate estimates projection projections model models forecast forecasts tally memo
    memos email emails letter filing filings record analyses rating ratings
    """
)

# Speech acts: a verb of communication with an object and no content clause ("praised the courage").
SPEECH_ACT_VERBS = word_set(
    """
    praise condemn welcome criticize criticise thank congratulate denounce accuse blame hail applaud
    deplore commend salute laud apologize apologise greet endorse decry slam blast mourn slander vilify
    malign defame
    """
)
# Light verbs that are speech acts only with a communicative object: "conveyed his greetings".
LIGHT_SPEECH_VERBS = word_set("convey express extend send offer voice pay issue deliver")
COMMUNICATIVE_OBJECTS = word_set(
    """
    greeting greetings condolence condolences regret concern concerns support gratitude thanks sympathy
    sympathies congratulations tribute respect solidarity hope hopes wish wishes message apology
    condemnation appreciation confidence opposition warning statement praise admiration dismay outrage
    disappointment satisfaction
    """
)

# Nouns that 'according to' conforms to rather than cites: 'according to the requirements of
# international law' names no source.
NORM_NOUNS = word_set(
    """
    requirement law rule principle regulation procedure standard norm custom tradition will wish
    instruction guideline guidance
    """
)

# Verbs that introduce the source an outlet relays: "KCNA reported, citing Kim Jong Un".
CITING_VERBS = word_set("cite quote")

PRONOUNS_PERSON = word_set("he she him her")
PRONOUNS_GROUP = word_set("they them")

FIRST_PERSON = word_set("i we me us")


# Stance and communication verbs whose noun-phrase object is the content ("Clinton accused Sanders
# of ...", "Trump cited the poll"). Chosen on PolNeAR train: verbs with a subject and an object that
# are annotated as cues at least ~40% of the time, then (second block) those at 25-40% that are
# stances by meaning; both steps raised every F1 on train.
OBJECT_VERBS = word_set(
    """
    call endorse describe ask accuse tell cite criticize criticise announce defend urge express praise discuss
    mention blame reject blast question denounce dismiss propose tweet retweet recall slam report mock tout note
    post highlight portray list explain acknowledge promise declare reveal condemn remind repeat echo
    reiterate voice emphasize emphasise reference decry quote warn applaud credit stress deem lament
    congratulate disclose outline chide detail characterize characterise recite recount dispute rebuke
    state articulate assail liken rebut label hail repudiate hammer bash justify concede regard perceive
    oppose predict invoke demand prefer suggest claim
    offer back attack deny view favor favour thank answer challenge underscore expect charge pledge request
    remember champion advocate downplay insult hate dislike assert admire rebuff
    """
)
# Verbs whose to-infinitive is the content: intentions, commitments, requests ("vowed to repeal").
XCOMP_VERBS = word_set(
    """
    expect decline ask seek refuse urge call vow promise pledge hope hop decide threaten agree vote aim order
    say push prefer claim offer propose request challenge press want plan intend wish
    like love encourage persuade
    """
)
# Raising verbs: no source; the content is the whole clause around them ("Trump appears to lead").
RAISING_VERBS = word_set("seem appear")
# "It seems ...", "It bears noting that ...", "It remains to be seen whether ...": an "it" that is no one.
EXPLETIVE_IT_VERBS = RAISING_VERBS | word_set("bear remain")
# Passive verbs of saying and thinking with a to-infinitive: "is expected to win", "is said to be".
PASSIVE_RAISING_VERBS = word_set("expect believe think say report consider rumor rumour know")
# Verb + preposition cues whose object is the content ("referring to the mogul", "called for a ban").
PREP_VERBS: dict[str, frozenset[str]] = {
    lemma: word_set(preps)
    for lemma, preps in {
        "talk": "about",
        "refer": "to",
        "call": "for on",
        "point": "to",
        "ask": "about for",
        "see": "as",
        "comment": "on",
        "speak": "about of",
        "push": "for",
        "rail": "against",
        "write": "about",
        "report": "on",
        "advocate": "for",
        "apologize": "for",
        "apologise": "for",
        "hope": "for",
        "hop": "for",
        "view": "as",
        "boast": "of about",
        "brag": "about",
        "vouch": "for",
        "side": "with",
        "allude": "to",
        "warn": "of about against",
        "hint": "at",
        "regard": "as",
        "admit": "to",
        "complain": "about",
        "campaign": "against",
        "argue": "for against",
        "lash": "at",
        "weigh": "on",
        "respond": "to",
        "focus": "on",
        "agree": "with",
        "vote": "for against",
        "worry": "about",
        "think": "about of",
        "stand": "by",
        "insist": "on",
        "count": "on",
    }.items()
}
# Prepositions that introduce an argument of a stance verb ("accused X of Y", "described X as Y");
# others ("in Virginia", "on Tuesday") are circumstances and stay out of the content.
ARGUMENT_PREPS = word_set("of for as to with about against on over into")
# Findings with an object: "polls show [Trump leading]" (only with an evidence noun as subject).
FINDING_OBJECT_VERBS = word_set("show find suggest indicate reveal")
# Verbs whose object is evaluated by a predicate: "called him divisive" -> the content is "him divisive".
NAMING_VERBS = word_set("call label dub brand deem name")
# Communicative verbs (the rest of the stance verbs are acts or mental states).
COMMUNICATIVE_STANCE = word_set(
    """
    call ask tell announce urge mention tweet retweet recall report note post explain acknowledge promise declare
    reveal remind repeat echo reiterate voice emphasize emphasise stress warn recite recount state articulate
    concede claim say vow pledge threaten propose offer request order challenge press suggest predict
    """
)
MENTAL_STANCE = word_set("expect hope hop want plan intend wish prefer decide aim seek perceive regard see view")

# Nouns that name a statement or a view: a cue made of one of them is a cue of saying.
STATEMENT_NOUNS = word_set(
    """
    claim allegation accusation remark comment testimony interview complaint criticism assertion argument
    view opinion belief statement announcement speech address letter tweet post message response reply
    suggestion proposal promise pledge vow warning threat charge call demand request appeal plea denial
    admission confession prediction assessment verdict ruling report account story
    """
)
# Verbs (and their nouns) of describing, judging and pleading, by meaning: a cue made of one is a cue
# of saying even outside the rules' frames ('painted a dark picture', 'termed it', 'floated the idea').
COMMUNICATION_VERBS = word_set(
    """
    compare liken frame paint depict portray portrayal characterization depiction term dub float pin
    interpret identify share elaborate object implore plead beseech entreat insist insistence trumpet
    bluster harp lambast lambaste berate castigate excoriate censure reprimand chastise scold rebuke
    reproach ridicule deride scoff sneer taunt backtrack retract recant
    """
)
# Every word that makes a cue a cue of saying, thinking or finding, for a tagged cue with no rule
# behind it: without a source (stages/_lib/tagged.py: ``without_unsaid``) or, under the real-news
# conventions, with one (stages/_lib/conventions.py: ``without_unspoken``).
ATTRIBUTION_WORDS = (
    SPEECH_VERBS
    | BELIEF_VERBS
    | FINDING_VERBS
    | EVIDENCE_NOUNS
    | SPEECH_ACT_VERBS
    | LIGHT_SPEECH_VERBS
    | COMMUNICATIVE_OBJECTS
    | CITING_VERBS
    | OBJECT_VERBS
    | XCOMP_VERBS
    | RAISING_VERBS
    | PASSIVE_RAISING_VERBS
    | frozenset(PREP_VERBS)
    | NAMING_VERBS
    | COMMUNICATIVE_STANCE
    | MENTAL_STANCE
    | STATEMENT_NOUNS
    | COMMUNICATION_VERBS
    | word_set("according accord chant extol lie pitch balk pooh-pooh discuss discussion rhetoric")
    | word_set("determination disclosure concern concerned unsettle case")
)

# Titles and roles a description of a person is made of ('the North Korean leader', 'a spokesman').
TITLE_WORDS = {
    "president", "leader", "minister", "chief", "general", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "chairman", "chairwoman", "chair", "director", "governor", "senator", "representative",
    "mayor", "king", "queen", "prince", "premier", "chancellor", "ambassador", "commander", "official",
    "head", "ceo", "founder", "judge", "prosecutor", "officer", "envoy", "lawmaker", "adviser", "advisor",
    "candidate", "nominee", "speaker", "sen.", "rep.", "gov.", "gen.", "dr.", "prime",
}  # fmt: skip
# Roles a person is introduced by in apposition ('Barbara Wells, an attorney for ...') and later
# described by alone ('The attorney told the paper'): the titles and a few professions.
ROLE_WORDS = frozenset(TITLE_WORDS) | word_set(
    "attorney lawyer professor analyst economist researcher scientist executive negotiator strategist consultant"
)
# Common nouns for people who speak that no profession's ending shows ('sources said').
SPEAKING_NOUNS = word_set("people person source expert delegate member witness resident spokesperson")
# Nouns ending as a profession does ('ecologist', 'physician') that are no profession.
NOT_PROFESSIONS = word_set("list playlist checklist shortlist blacklist wishlist twist wrist mist fist gist")


def is_profession(token: Any) -> bool:
    """A role or a profession a person is described by ('an attorney', 'a soil ecologist', 'a
    physician'): ROLE_WORDS, or a noun that ends as professions do (-ist, -ician), so that a lexicon
    need not list every science."""
    word = token.lower_
    if word in ROLE_WORDS:
        return True
    if token.pos_ != "NOUN" or word in NOT_PROFESSIONS:
        return False
    return (len(word) >= 6 and word.endswith("ist")) or word.endswith("ician")


# Words that make a name an organization's ('National Nurses United' aside): a speaker the parser
# did not tag, named with one of them, is an organization (stages/speakers.py).
ORG_WORDS = word_set(
    "news times post journal herald tribune daily press agency network radio television tv magazine gazette "
    "party committee commission association council union federation league alliance coalition front "
    "solidarity movement organization organisation society institute institution foundation center centre "
    "university college school academy bank corp corporation company co inc ltd group fund trust ministry "
    "department office bureau authority board court army navy police government administration assembly "
    "congress parliament senate house church"
)
# The last word of an organization's name that no person's name ends in ('Peter G. Peterson
# Foundation', which the entity model tags PERSON); 'Post', 'Church' or 'Court' can be surnames.
ORG_NAME_ENDINGS = word_set(
    "foundation institute institution committee commission association council federation league alliance "
    "coalition organization organisation society university college academy corporation corp inc ltd agency "
    "ministry department bureau party"
)
# Verbs whose subject is the target of the words their object names ('faces criticism', 'drew
# complaints', 'rejected the accusations'), not their speaker (tagged._target_of).
FACING_VERBS = word_set(
    "face receive draw attract field weather dismiss reject deny ignore rebuff shrug brush invite prompt spark resist "
    "defy heed answer"
)
