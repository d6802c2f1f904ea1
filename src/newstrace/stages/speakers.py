"""Link each speaker mention to an entity of the article, or mark it unresolved.

- a name ("Kim Jong Un", "the Korean Central News Agency") → the entity it names;
- two names joined by "and" → both entities;
- a title or description ("The North Korean leader") → the one person known by that title in
  the article ("the country's leader Kim Jong Un"); several or none → unresolved;
- a description with one name in apposition ("His wife Pak Un Jong") → that name;
- "the company", "the bank" → the organization that spoke last, with no other one named between
  ("it" stays unresolved: resolved the same way it gave wrong names, docs/realnews.md);
- "the article", "the appeal", "the letter" → whoever the text says issued it, earlier: "X issued an
  appeal", "said X in an article", "X's statement", "a letter from X" (``SpeakerResolver._document``);
- he/she/they → only with evidence: the subject of the sentence before (or the person that subject
  describes: 'Another Republican, Angela Underwood-Jacobs, ...'), or the last speaker when that
  speaker was resolved (``SpeakerResolver._pronoun``);
- 'a CBS News poll', 'polling from Civiqs' → the pollster the poll's own phrase names;
- who/which/that opening a relative clause → the entity its clause describes ("Merkel, who said");
- anything else stays unresolved, explicitly: ``entity`` null, ``resolution`` "unresolved".
Resolved descriptions and pronouns are added to the entity's mentions.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..record import Article, Attribution, Entity, Mention, Span, Speaker
from ..resources import agencies, entity_types
from ..stage import ENGLISH, Stage
from ._lib.conventions import teaser_lines
from ._lib.layout import PARAGRAPH_BREAK
from ._lib.lexicon import (
    EXPLETIVE_IT_VERBS,
    FIRST_PERSON,
    ORG_NAME_ENDINGS,
    ORG_WORDS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    is_profession,
    word_set,
)
from ._lib.names import is_surname_of
from ._lib.tokens import token_index, token_span

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PRONOUN_LOOKBACK = 600  # characters: a pronoun further than this from any person stays unresolved
SUBJECT_RUN_SENTENCES = 8  # sentences a run of 'he ...' subjects is followed back
NAME_JOINERS = frozenset({"for", "and", "&", ",", "'s", "’s"})  # inside an organization's name, before a capital
NAMED_NEXT_CHARS = 400  # how soon after a lead's description its holder must be named
QUOTED_SENTENCES_SKIPPED = 4  # at most this many quoted sentences between a pronoun and its antecedent
QUOTE_MARKS = frozenset("\"“”'‘’")
# What follows an embedded post's author's display name: any emoji, and the handle in brackets.
ACCOUNT_AFTER = re.compile(r"[^\w()\n]*\(@\w{1,30}\)")
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
# Bodies a wire names by their place: 'Dallas police', 'Tehran radio', 'Baghdad television'.
PLACE_BODIES = word_set("police radio television tv")
# Kin by which a person is described ('His wife Pak Un Jong').
KIN_NOUNS = word_set("wife husband son daughter mother father brother sister widow widower")
# People described but not named: a pronoun after one of them as subject is most likely that person.
PERSON_NOUNS = frozenset(TITLE_WORDS) | word_set(
    "professor worker man woman source analyst expert lawyer attorney witness resident doctor student teacher"
)


# Nouns a person is described by ('the executive chairman', 'officials', 'a nurse', 'Ri Pyong Hui, a
# delegate from Kangwon Province').
DESCRIBED_PEOPLE = PERSON_NOUNS | ROLE_WORDS | word_set("delegate deputy member participant veteran")

# Definite descriptions of an organization ('the company said'): the organization that spoke last,
# when no other one is named in the narration between (SpeakerResolver._organization).
BODY_NOUNS = word_set(
    "company firm bank corporation pipeline utility airline carrier insurer agency station newspaper council"
)
# An organization's governing body, which speaks for it ('The council of the Australian Petroleum
# Exploration Association said'): SpeakerResolver._organ_of.
ORGAN_NOUNS = word_set("council board leadership presidium secretariat executive directorate")
# Head nouns of bodies' names besides ORG_NAME_ENDINGS: 'the union' is the one union the text named.
BODY_HEADS = word_set("union board court campaign administration poll exchange bank company")
# Who is described by what they made ('the reporter' made the report, 'the speaker' the speech).
MADE_BY = {"reporter": "report", "speaker": "speech"}
MAKING_VERBS = word_set("make deliver give present")
# Words that stand before a person's name as a title ('Minister Choe', 'Deputy Choe Thae Bok').
# Ranks, too, that no name begins with ('Lieutenant Pilar Torres states')
NAME_TITLES = ROLE_WORDS | word_set("deputy comrade lieutenant sergeant colonel corporal detective")
# Verbs whose subject issues the document that is their object ('X issued a statement'), and those
# whose subject receives it ('Kim Jong Un received a message from ...'); any other verb ('denied the
# declaration', 'supported the statement of ...') says nothing of who issued it (SpeakerResolver._issuer).
ISSUING_VERBS = word_set(
    "issue send release post publish carry dedicate write make pen deliver sign adopt file submit present "
    "put tweet run air announce circulate distribute forward address observe"
)
RECEIVING_VERBS = word_set("receive get obtain accept welcome")
# Verbs by whose agent a document, a survey or a data set is made ('a report issued by ...', 'data
# compiled by Commerce Signals'): the issuing verbs and the verbs of compiling.
MAKING_BY_AGENT = ISSUING_VERBS | word_set("compile conduct prepare produce collect gather")
# What an outlet is called after its name ('the MTI news agency'): SpeakerResolver._named_outlet.
OUTLET_NOUNS = word_set("agency newspaper paper daily network channel broadcaster station website")
# Words of media names that, alone and opening a sentence, are common nouns ('Press reports').
MEDIA_WORDS = word_set("news times post journal herald tribune daily press radio television tv magazine")


@cache
def _known_outlets() -> frozenset[str]:
    """Agencies' and papers' names the gazetteers know ('Rodong Sinmun'), read once."""
    return frozenset(agencies().values()) | {name for name, kind in entity_types().items() if kind == "ORG"}


# What a company's subsidiary is called ('The wholly owned subsidiary of Volkswagen A.G.').
SUBSIDIARY_NOUNS = word_set("subsidiary unit affiliate arm division")
# What 'the paper' may stand for: a paper named before, which spoke (SpeakerResolver._paper_spoken_before).
PAPER_NOUNS = word_set("paper newspaper daily")
# What a text calls a paper right before its name ('the Uruguayan paper La Juventud'), and the last
# words of papers' names in several languages ('Kyunghyang Daily News', 'Rodong Sinmun', 'Asahi Shimbun').
NAMED_PAPER_NOUNS = word_set("paper newspaper daily weekly magazine journal")
PAPER_NAME_ENDINGS = word_set("news times post journal herald tribune daily gazette sinmun shimbun ilbo")
# Bodies named after the person who leads them ('the Trump campaign'): SpeakerResolver._team_of.
TEAM_NOUNS = word_set("campaign administration")
# A party's members named as a body ('Democrats said'): the party speaks (_party_of_members).
CHAMBERS = {"House", "Senate", "Congressional"}
PARTY_MEMBERS = {"Democrats": "Democratic Party", "Republicans": "Republican Party", "Tories": "Conservative Party"}
# A party's member described by the party's name ('the Oklahoma Republican'): patterns of the words that
# introduce one before the name ('Republican Rep. Tom Cole') and the letter after it ('(D-Mont.)').
PARTY_MEMBER_WORDS = {
    party: (re.compile(rf"\b(?:{words})\s+(?:[A-Z][\w.]*\s+){{0,2}}$"), re.compile(rf"\s*,?\s*\(?{letter}-[A-Z]"))
    for party, words, letter in (("Republican", "Republican", "R"), ("Democrat", "Democratic|Democrat", "D"))
}
# Unnamed speakers that are no one person, whom no 'he' or 'she' stands for ('policies that ...').
NO_ONE_PERSON = frozenset({"it", "they", "them", "that", "which", "we"})
# Owners of a document a possessive names ('his statement said'): SpeakerResolver._possessor.
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
# Which person a third-person pronoun or an honorific can stand for.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
# Definite descriptions of a document that speaks for its issuer ('the article goes on'): the one the
# text says issued it (SpeakerResolver._document).
DOCUMENT_NOUNS = word_set(
    "article commentary editorial appeal letter statement report declaration communique memorandum "
    "message petition resolution column essay op-ed note notice complaint lawsuit filing tweet bulletin newsletter"
)
# What a person says or writes, named as the place of a pronoun's words ('In Sanders' speech, he noted').
SPOKEN_NOUNS = DOCUMENT_NOUNS | word_set("speech remarks address interview testimony comments post")
# What a pollster or a researcher publishes: named by its own phrase only ('a CBS News poll'; a
# later 'the poll' may be another one, and 'the poll' may be a body's name ending, BODY_HEADS).
SURVEY_NOUNS = word_set("poll polling survey study analysis review data datum")
# Documents lodged with the body named before them, not written by it.
LODGED_DOCUMENTS = word_set("filing complaint lawsuit petition")
# A paper's issue or edition speaks for the paper ('The April 13th issue of the Lao newspaper Pasason').
EDITION_NOUNS = word_set("issue edition")
# Who makes polls and surveys ('said the pollsters'): the one that issued one (_pollster_of).
POLLSTER_NOUNS = word_set("pollster surveyor")
# Nouns whose own phrase may name who issued them ('X issued an appeal', 'a CBS News poll').
ISSUED_NOUNS = DOCUMENT_NOUNS | SURVEY_NOUNS | EDITION_NOUNS


class SpeakerResolver:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[tuple[Span, Entity]] = sorted(
            ((m.span, e) for e in article.entities for m in e.mentions), key=lambda pair: pair[0].start
        )
        # Every speaker mention resolved so far, in text order, with its entity (None: unresolved).
        self.speaker_history: list[tuple[int, Entity | None]] = []
        # where unnamed speakers begin that are no one person ('wealthy donors tend to support',
        # 'policies that favor them'): never what a 'he' or a 'she' goes back to
        self.not_one_person: set[int] = set()
        # where unnamed speakers begin that no 'it' stands for ('British organizations', 'the
        # spokesman'), and where a document speaks ('the statement charged'): an 'it' after it is it
        self.not_one_thing: set[int] = set()
        self.document_speakers: set[int] = set()
        # lines that link another story ('RELATED: Steph Curry Joins Barack Obama ...'): who is named
        # there is no one's rival in this story
        self.teasers = teaser_lines(article.text)
        # Speaker mentions resolved here ('the North Korean leader' -> Kim Jong Un), read as the
        # entity's mentions from then on.
        self.resolved_mentions: list[tuple[Span, Entity]] = []
        # The person each campaign or administration named after one is ('Trump campaign' -> Trump).
        self.team_owner: dict[str, Entity] = {}
        # Whether the text shows each organization is a paper, read once (_is_paper).
        self.papers: dict[str, bool] = {}

    def head_token(self, span: Span) -> Any | None:
        doc = self.article.doc
        start, end = span.start - self.article.body_start, span.end - self.article.body_start
        tokens = [doc[i] for i in token_index(doc).starting_within(start, end)]
        heads = [t for t in tokens if not (start <= t.head.idx < end) or t.head.i == t.i]
        heads = [t for t in heads if not t.is_punct] or heads  # 'the New York Times -'
        according = [
            t for t in heads if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according"
        ]
        if len(heads) > 1 and len(according) == 1:
            return according[0]  # 'according to a report issued by Rep. Chris Murphy, D-Conn.'
        if len(heads) > 1:
            # A phrase the parser broke ('... with Health and Human Services Secretary Kathleen
            # Sebelius said'): a subject if one piece is one ('The Korea ... Committee Wednesday'),
            # else the last piece, English phrases ending in their head.
            subjects = [t for t in heads if t.dep_ in {"nsubj", "nsubjpass"}]
            return _past_date(subjects[0] if subjects else heads[-1])
        return _past_date(heads[0]) if heads else (tokens[0] if tokens else None)

    def entities_in(self, span: Span, types: tuple[str, ...] = ACTOR_TYPES) -> list[Entity]:
        found: list[Entity] = []
        for mention, entity in self.mentions:
            if span.contains(mention) and entity.type in types and entity not in found:
                found.append(entity)
        return found

    def resolve(self, span: Span | None) -> Speaker:
        if span is None:
            return Speaker(None, [], None, "unresolved")
        if ACCOUNT_AFTER.match(self.article.text, span.end):
            account = self._account(span)
            return self._speaker(span, [account], "name") if account else Speaker(span, [], span.text, "unresolved")
        head = self.head_token(span)
        lower = head.lower_ if head is not None else ""
        text_lower = span.text.lower()
        if head is not None and lower in RELATIVE_PRONOUNS and head.head.dep_ in {"relcl", "acl"}:
            return self._relative(span, head.head.head)
        if lower in PRONOUNS_PERSON or text_lower in PRONOUNS_PERSON:
            return self._pronoun(span, "PERSON")
        if lower in PRONOUNS_GROUP or text_lower in PRONOUNS_GROUP:
            return self._pronoun(span, "GROUP")
        if lower in FIRST_PERSON:
            return Speaker(span, [], span.text, "unresolved")
        if text_lower == "it":
            if head is not None and (head.dep_ == "expl" or head.head.lemma_.lower() in EXPLETIVE_IT_VERBS):
                return Speaker(span, [], span.text, "unresolved")  # "It seems he believes ...": no one
            return self._organization(span, how="pronoun")
        named = self._named_outlet(head) if head is not None else None
        if named is not None:
            return self._speaker(span, [named], "name")
        paper = self._paper_spoken_before(head) if head is not None else None
        if paper is not None:
            return self._speaker(span, [paper], "description", "description")
        subsidiary = self._subsidiary_named_after(span, head) if head is not None else None
        if subsidiary is not None:
            return self._speaker(span, [subsidiary], "description", "description")
        named_body = self._body_named_before(head) if head is not None else None
        if named_body is not None:
            return self._speaker(span, [named_body], "name")
        organ = self._organ_of(head) if head is not None else None
        if organ is not None:
            return self._speaker(span, [organ], "description", "description")
        if head is not None and _definite_body(head):
            body = self._organization(span)
            if body.resolution == "unresolved":
                # 'the bank' after one organization named '... Bank' and no speaker to go on with
                named_so = self._named_by_its_last_word(span, head) or self._described_before(span, head)
                if named_so is not None:
                    return self._speaker(span, [named_so], "description", "description")
            return body
        if head is not None and _definite_body(head, DOCUMENT_NOUNS):
            return self._document(span, head)
        described = self._described_before(span, head) if head is not None else None
        if described is not None:
            return self._speaker(span, [described], "description", "description")
        named_so = self._named_by_its_last_word(span, head) if head is not None else None
        if named_so is not None:
            return self._speaker(span, [named_so], "description", "description")
        if head is not None and head.pos_ == "NOUN" and head.lemma_.lower() in ISSUED_NOUNS:
            # 'X issued an appeal calling on ...', 'a Quinnipiac poll', 'polling from Civiqs': the
            # document's own phrase names its issuer
            issuer = self._issuer(head, own=True)
            if issuer is not None:
                return self._speaker(span, [issuer], "description", "description")
        pollster = self._pollster_of(head) if head is not None else None
        if pollster is not None:
            return self._speaker(span, [pollster], "description", "description")
        maker = self._maker_of(head) if head is not None else None
        if maker is not None:
            return self._speaker(span, [maker], "description", "description")
        examples = self._named_examples(head) if head is not None else []
        if len(examples) >= 2:
            return self._speaker(span, examples, "coordination")
        people = self.entities_in(span, ("PERSON",))
        has_and = head is not None and any(t.lower_ in {"and", "&"} for t in head.subtree)
        if len(people) >= 2 and has_and and self._conjoined(span, people):
            return self._speaker(span, people, "coordination")
        team = self._team_of(head) if head is not None else None
        if team is not None:
            return self._speaker(span, [team], "name")
        member = self._party_member_named_before(span, head) if head is not None else None
        if member is not None:
            return self._speaker(span, [member], "description", "description")
        party = self._party_of_members(head) if head is not None else None
        if party is not None:
            return self._speaker(span, [party], "name")
        head_entity = self._entity_at(head) if head is not None else None
        if head_entity is not None and head_entity.type == "GPE" and self._surname_of_person(head_entity):
            # 'Jordan expects ...' in a story that names Jerry Jordan: the country or the man
            return Speaker(span, [], _plain_name(span.text), "unresolved")
        holder = self._role_holder_apposed(head) if head is not None and head_entity is not None else None
        if holder is not None:
            return self._speaker(span, [holder], "name")
        if (
            head is not None
            and head_entity is not None
            and head_entity.type in ACTOR_TYPES
            and head_entity.type != "NORP"
        ):
            joined = [self._entity_at(t) for t in head.conjuncts if span.start <= t.idx + self.article.body_start]
            if joined and all(e is not None and e.type in {"ORG", "GPE"} for e in joined):
                # 'The New York Times and Washington Post': both, each an organization or a state
                group = [head_entity]
                group += [e for k, e in enumerate(joined) if e is not None and e not in group + joined[:k]]
                if len(group) > 1 and head_entity.type in {"ORG", "GPE"}:
                    return self._speaker(span, group, "coordination")
            closing = self._person_closing(span, head, head_entity) if head_entity.type == "ORG" else None
            if closing is not None:
                return self._speaker(span, [closing], "name")
            return self._speaker(span, [head_entity], "name")
        holder = self._holder_after_comma(span, head) if head is not None else None
        if holder is not None:
            return self._speaker(span, [holder], "name")
        if head is not None and head.lemma_.lower() in ROLE_WORDS:
            # 'Chairman of the Sweden-Korea Friendship Association Christer Lundgren, who is chairman
            # of the ... committee for commemorating Kim Il Sung's 100th birth anniversary': whom a
            # relative clause speaks of holds no role of the mention
            holders = self._outside_clauses(span, head, people)
            if len(holders) == 1 and self._holds_role(span, holders[0], head):
                return self._speaker(span, holders, "name")
            if _one_known(head):
                return self._by_title(span, head)
            return Speaker(span, [], _plain_name(span.text), "unresolved")
        apposed = self._apposed(head) if head is not None else None
        if apposed is None and head is not None:
            apposed = self._named_before_comma(span, head)
        if apposed is None and head is not None:
            apposed = self._named_right_after(span, head)
        if apposed is not None:
            return self._speaker(span, [apposed], "name")
        others = self.entities_in(span, ("PERSON", "ORG"))
        if (
            len(others) == 1
            and head_entity is None
            and head is not None
            and head.pos_ == "PROPN"
            and self._holds_role(span, others[0], head)
        ):
            return self._speaker(span, others, "name")  # not 'The freshman Member of Congress'
        untagged = self._untagged_name(head) if head is not None and head_entity is None else None
        if untagged is not None:
            return self._speaker(span, [untagged], "name")
        police = self._place_police(head) if head is not None else None
        if police is not None:
            return self._speaker(span, [police], "name")
        return Speaker(span, [], _plain_name(span.text), "unresolved")

    def _named_by_its_last_word(self, span: Span, head: Any) -> Entity | None:
        """'The all-party House of Commons Finance Committee has called for ... In a report, the
        committee recommended': 'the <noun>' is the one organization named before whose name ends
        in that noun. Not when two do, nor for a noun with more to it than 'the' ('the budget
        committee' may be another)."""
        if head.pos_ != "NOUN" or not _only_the_before(head):
            return None
        word = head.lower_
        if word not in ORG_NAME_ENDINGS | BODY_HEADS:
            return None  # 'the research' is not the National Bureau of Economic Research
        named = [
            entity
            for entity in self.article.entities
            if entity.type == "ORG"
            and len(entity.name.split()) > 1
            and entity.name.split()[-1].lower() == word
            and any(m.span.start < span.start for m in entity.mentions)
        ]
        return named[0] if len(named) == 1 else None

    def _described_before(self, span: Span, head: Any) -> Entity | None:
        """'The Egyptian paper Al-Ahram carried ... the paper said', 'The SOMC, a group of basically
        "monetarist" private economists, said ... The group said': 'the <noun>' is the one
        organization the text described earlier with that noun in apposition to its name; with
        none, or two, it stays unresolved. Only 'the' before the noun ('the state paper' may be
        another)."""
        if head.pos_ != "NOUN" or not _only_the_before(head):
            return None
        lemma = head.lemma_.lower()
        found: list[Entity] = []
        for token in self.article.doc[: head.i]:
            if token.pos_ != "NOUN" or token.lemma_.lower() != lemma:
                continue
            named = [c for c in token.children if c.dep_ == "appos"]
            if token.dep_ == "appos":
                named.append(token.head)
            for name in named:
                entity = self._entity_at(name)
                if entity is not None and entity.type == "ORG" and entity not in found:
                    found.append(entity)
        return found[0] if len(found) == 1 else None

    def _person_closing(self, span: Span, head: Any, organization: Entity) -> Entity | None:
        """'Board of Foreign Trade director Vincent Siew said', 'U.S. Comptroller of the Currency
        Robert Clarke said': a person's name that closes the speaker's phrase right after the
        organization's name (and a role word, if any) is the one who speaks for it; the parser hung
        the name on the organization's words."""
        own = [m for m, e in self.mentions if e is organization and span.contains(m)]
        people = [(m, e) for m, e in self.mentions if e.type == "PERSON" and span.contains(m)]
        if len(own) != 1 or len(people) != 1:
            return None
        (named, person) = people[0]
        if span.text[named.end - span.start :].strip(" ,.") or named.start < own[0].end:
            return None  # the name must end the phrase and follow the organization
        words = span.text[own[0].end - span.start : named.start - span.start].split()
        if not all(w.lower() in ROLE_WORDS for w in words):
            return None  # words other than a role between them: the name may be someone else's
        name = self.head_token(named)
        return person if name is not None and any(a.i == head.i for a in name.ancestors) else None

    def _subsidiary_named_after(self, span: Span, head: Any) -> Entity | None:
        """'Volkswagen of America said ... The wholly owned subsidiary of Volkswagen A.G. said': a
        subsidiary of a named parent is the one organization named before whose name begins as
        the parent's does, and is not the parent."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in SUBSIDIARY_NOUNS:
            return None
        owners = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        parents = [e for t in owners if (e := self._entity_at(t)) is not None and e.type == "ORG"]
        if len(parents) != 1:
            return None
        first = parents[0].name.split()[0]
        named = {
            e.id: e
            for mention, e in self.mentions
            if mention.start < span.start and e.type == "ORG" and e is not parents[0] and e.name.split()[0] == first
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def _paper_spoken_before(self, head: Any) -> Entity | None:
        """'Rodong Sinmun Saturday says ... the bylined commentary of the paper says', 'The British
        paper Proletarian dedicated five pages ... The paper praised': 'the paper' is the paper that
        acted last before it, speaking or named as the subject of its own sentence, when the text
        shows it is a paper (``_is_paper``). With two papers speaking before and none named acting
        since, or none, it stays unresolved ('Exxon said ... the paper said' is another's)."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in PAPER_NOUNS:
            return None
        if not _only_the_before(head):
            return None
        position = head.idx + self.article.body_start
        spoke = [
            (start, e)
            for start, e in self.speaker_history
            if start < position and e is not None and e.type == "ORG" and self._is_paper(e)
        ]
        acting = [
            (mention.start, entity)
            for mention, entity in self.mentions
            if mention.start < position and entity.type == "ORG" and self._names_acting_paper(mention, entity)
        ]
        if acting and (not spoke or acting[-1][0] > spoke[-1][0]):
            return acting[-1][1]
        papers = {e.id: e for _, e in spoke}
        return next(iter(papers.values())) if len(papers) == 1 else None

    def _is_paper(self, entity: Entity) -> bool:
        """Whether the text shows an organization is a paper: the gazetteers know it, its name ends as
        papers' names do ('Kyunghyang Daily News'), or the text calls it one ('the Russian newspaper
        Patriot', 'Vietnamese Paper Quan Doi Nhan Dan')."""
        known = self.papers.get(entity.id)
        if known is None:
            known = self.papers[entity.id] = self._shown_as_paper(entity)
        return known

    def _shown_as_paper(self, entity: Entity) -> bool:
        if entity.name in _known_outlets() or entity.name.split()[-1].lower() in PAPER_NAME_ENDINGS:
            return True
        doc, shift = self.article.doc, self.article.body_start
        for mention in entity.mentions:
            tokens = token_index(doc).starting_within(mention.span.start - shift, mention.span.end - shift)
            if len(tokens) and tokens[0] > 0 and doc[tokens[0] - 1].lower_ in NAMED_PAPER_NOUNS:
                return True
            head = self.head_token(mention.span)
            apposed = [c for c in head.children if c.dep_ == "appos"] if head is not None else []
            if head is not None and head.dep_ == "appos":
                apposed.append(head.head)
            if any(a.lemma_.lower() in NAMED_PAPER_NOUNS for a in apposed):
                return True  # 'La Prosperite, a newspaper of Democratic Congo'
        return False

    def _names_acting_paper(self, mention: Span, entity: Entity) -> bool:
        """Whether a paper's mention is the subject of its sentence ('The British paper Proletarian
        April-May issue dedicated five pages'), through the description it names."""
        token = self.head_token(mention)
        while token is not None and token.head is not token:
            edition = token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in EDITION_NOUNS
            if token.dep_ not in {"compound", "appos", "flat", "nmod", "amod"} and not edition:
                break
            token = token.head.head if edition else token.head  # 'The April 14th issue of La Prosperite'
        return token is not None and token.dep_ in {"nsubj", "nsubjpass"} and self._is_paper(entity)

    def _body_named_before(self, head: Any) -> Entity | None:
        """'The United Food and Commercial Workers union', 'the Oakland school board': a body's common
        noun after its name, the organization the name is."""
        lemma = head.lemma_.lower()
        if (
            head.pos_ != "NOUN"
            or not head.text.islower()
            or lemma not in BODY_HEADS | ORG_WORDS
            or lemma in ISSUED_NOUNS
        ):
            return None  # not 'a new CNN/ORC poll': what a body issues is _issuer's
        before = head.doc[head.i - 1] if head.i > 0 else None
        if before is None or before.i < head.left_edge.i or before.pos_ != "PROPN":
            return None
        entity = self._entity_at(before)
        return entity if entity is not None and entity.type == "ORG" else None

    def _organ_of(self, head: Any) -> Entity | None:
        """'The council of the Australian Petroleum Exploration Association (APEA) said', 'the APEA
        council': a body's governing council or board speaks for the organization it is of."""
        if head.lemma_.lower() not in ORGAN_NOUNS:
            return None
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        owners = [t for c in of for t in c.children if t.dep_ == "pobj"]
        owners += [c for c in head.children if c.dep_ in {"compound", "poss"}]
        found = {e.id: e for t in owners if (e := self._entity_at(t)) is not None and e.type == "ORG"}
        return next(iter(found.values())) if len(found) == 1 else None

    def _named_outlet(self, head: Any) -> Entity | None:
        """'The official MTI news agency', 'the Xinhua news agency', 'the CNN network': an outlet's
        noun with the outlet's name before it is that outlet."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in OUTLET_NOUNS:
            return None
        names: list[Entity] = []
        for token in head.subtree:
            if token.i < head.i and token.dep_ == "compound" and token.pos_ == "PROPN":
                entity = self._entity_at(token)
                if entity is not None and entity not in names:
                    names.append(entity)
        if len(names) != 1:
            return self._outlet_named_last(head)
        outlet = names[0]
        return outlet if outlet.type == "ORG" else None

    def _outlet_named_last(self, head: Any) -> Entity | None:
        """'The Internet paper of Koreans in the United States Minjok Thongsin': KCNA names a paper
        after its description, glued to the place that ends it, and the parser takes the name for
        the place's; the capitalized words after the place are the paper's name."""
        token = head
        while True:
            nested = next((g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
            if nested is None:
                break
            token = nested
        if token is head or token.pos_ != "PROPN" or self._entity_at(token) is not None:
            return None
        doc = token.doc
        first = token.i
        while first > 0 and doc[first - 1].pos_ == "PROPN" and self._entity_at(doc[first - 1]) is None:
            first -= 1
        place = self._entity_at(doc[first - 1]) if first > 0 else None
        if place is None or place.type not in {"GPE", "ORG", "NORP"} or doc[first - 1].head.i != token.i:
            return None
        words = list(doc[first : token.i + 1])
        if not all(w.text[:1].isupper() for w in words):
            return None
        return self._entity_named_by(words, "ORG")

    def _team_of(self, head: Any) -> Entity | None:
        """'The Trump campaign', "Kamala Harris' campaign", 'the Obama administration': the body a
        named person leads, an organization of its own named after the person ('Donald Trump
        campaign'); not the person, and nothing when no person's name is in the phrase."""
        noun = head.lemma_.lower()
        if head.pos_ != "NOUN" or noun not in TEAM_NOUNS or head.tag_ in {"NNS", "NNPS"}:
            return None
        owners = [c for c in head.children if c.dep_ in {"compound", "poss"} and c.i < head.i]
        if len(owners) != 1:
            return None
        person = self._entity_at(owners[0])
        if person is None or person.type != "PERSON":
            return None
        span = token_span(self.article, owners[0].left_edge, head)
        team = self._entity_called(f"{person.name} {noun}", "ORG", span, "description")
        self.team_owner[team.id] = person
        return team

    def _party_member_named_before(self, span: Span, head: Any) -> Entity | None:
        """'Republican Rep. Tom Cole urged ... The Oklahoma Republican said': 'the (place) Republican'
        or 'Democrat' is the one person the text introduced before as one ('Republican Rep. Tom
        Cole', 'Sen. Jon Tester (D-Mont.)'); with none, or two, it stays unresolved."""
        patterns = PARTY_MEMBER_WORDS.get(head.text)
        if patterns is None or not any(c.lower_ == "the" for c in head.children if c.i < head.i):
            return None
        text = self.article.text
        before, after = patterns
        members = {
            entity.id: entity
            for mention, entity in self.mentions
            if mention.end <= span.start
            and entity.type == "PERSON"
            and (
                before.search(text, max(0, mention.start - 40), mention.start) is not None
                or after.match(text, mention.end) is not None
            )
        }
        return next(iter(members.values())) if len(members) == 1 else None

    def _party_of_members(self, head: Any) -> Entity | None:
        """'Democrats said', 'House Republicans argued': a party's members as a body speak for the
        party, as the gold and wire usage read them. Not a number or a part of them ('Some
        Democrats', 'other Democrats', 'Thirteen Senate Democrats'): those are some of its members."""
        party = PARTY_MEMBERS.get(head.text)
        if party is None:
            return None
        before = [c for c in head.children if c.i < head.i and not c.is_punct]
        if any(not (c.lower_ == "the" or (c.dep_ == "compound" and c.text in CHAMBERS)) for c in before):
            return None  # 'high-profile Republicans', 'even Democrats', 'Virginia Democrats'
        previous = head.doc[head.i - 1] if head.i > 0 else None
        if (
            previous is not None
            and previous.pos_ in {"PROPN", "NOUN", "ADJ", "ADV", "NUM", "DET", "PRON"}
            and not (previous.lower_ == "the" or previous.text in CHAMBERS)
        ):
            return None  # a word of the phrase the parser hung elsewhere ('... Buttigieg2020 Democrats')
        if any(c.dep_ in {"prep", "acl"} for c in head.children) or head.conjuncts:
            return None  # 'Democrats on the committee', 'Democrats seeking to ...', 'Democrats and some Republicans'
        return self._entity_called(party, "ORG", token_span(self.article, head, head), "alias")

    def _role_holder_apposed(self, head: Any) -> Entity | None:
        """'said Jardine Fleming (Securities) Ltd economist Eric Rasmussen', parsed with the firm as
        the subject and the man in apposition: a person named in apposition with a role word before
        his name is the one who speaks, the name before it his employer."""
        for child in head.children:
            if child.dep_ != "appos":
                continue
            person = self._entity_at(child)
            if person is None or person.type != "PERSON" or person is self._entity_at(head):
                continue
            if any(t.lemma_.lower() in ROLE_WORDS and t.i < child.i for t in child.subtree):
                return person
        return None

    def _holder_after_comma(self, span: Span, head: Any) -> Entity | None:
        """'The manager of the Kim Chaek Iron and Steel Complex, Ri Hi Hon, said', 'A general of the
        KPA, Kim Chol': a person's name that ends the description after a comma, which the parser
        hung on the organization of the 'of' phrase, names the one described (a person is no
        apposition to a firm or an army). Not when it hangs on a person or a role ('a friend of the
        president, Donald Trump'): that is whom the phrase is about."""
        if head.pos_ != "NOUN":
            return None
        body_start = self.article.body_start
        last = max((t for t in head.subtree if not t.is_punct), key=lambda t: t.i)
        if last.idx + len(last.text) + body_start > span.end:
            return None
        name = last if last.dep_ == "appos" else last.head if last.head.dep_ == "appos" else None
        if name is None or name.head.i == head.i or name.head.i not in {t.i for t in head.subtree}:
            return None
        owner = self._entity_at(name.head)
        if owner is None or owner.type not in {"ORG", "GPE"} or name.head.lower_ in ROLE_WORDS:
            return None
        if name.i == 0 or head.doc[name.left_edge.i - 1].text != ",":
            return None
        person = self._entity_at(name)
        if person is not None:
            return person if person.type == "PERSON" and person is not owner else None
        tokens = _name_run(name)
        if tokens is None or not 2 <= len(tokens) <= 4:
            return None
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in tokens):
            return None
        return self._entity_named_by(tokens, "PERSON")

    def _outside_clauses(self, span: Span, head: Any, entities: list[Entity]) -> list[Entity]:
        """Those of ``entities`` named in ``span`` outside the clauses that hang in the phrase of
        ``head`` (relative clauses, participles): the phrase's own names."""
        clauses = {t.i for c in head.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
        kept = []
        for mention, entity in self.mentions:
            if entity in entities and entity not in kept and span.contains(mention):
                name = self.head_token(mention)
                if name is not None and name.i not in clauses:
                    kept.append(entity)
        return kept

    def _holds_role(self, span: Span, person: Entity, role: Any) -> bool:
        """The person named in a role's phrase is the one in the role ('the minister, Fernando Santos',
        'Minister Santos'), not one it is about ('a Reagan administration official', "Putin's
        spokesman", 'a Trump spokesman'): the name is in apposition to the role word, or the role
        word modifies the name; a name that modifies the role word is whose the role is. KCNA's
        order 'Chairman of the Central Committee of the Korean Social Democratic Party Kim Yong Dae'
        counts too (``_named_after_organization``)."""
        for mention, entity in self.mentions:
            if entity is person and span.contains(mention):
                name = self.head_token(mention)
                if name is not None and (
                    (name.head.i == role.i and name.dep_ == "appos")
                    or (name.head.i == role.i and name.dep_ == "nmod" and _comma_after(name))
                    or (name.head.i == role.i and name.dep_ == "conj" and _titles_joined(role, name))
                    or (role.head.i == name.i and role.dep_ in {"appos", "compound"})
                    or self._named_after_organization(mention, name, role)
                ):
                    return True
        return False

    def _named_after_organization(self, mention: Span, name: Any, role: Any) -> bool:
        """'Supreme Commander of the Korean People's Army Kim Jong Un': the name follows straight
        on the organization that ends the role's 'of' phrase, so the parser hangs it there as the
        object of 'of'; the name is the role's holder. Only right after an organization or state:
        in 'the son of the Korean leader Kim Jong Il' the name is whose son he is."""
        token = name
        while token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head
            if token.i == role.i:
                break
        else:
            return False
        doc = self.article.doc
        first = next((t for t in doc[: name.i + 1] if t.idx + self.article.body_start >= mention.start), None)
        if first is None or first.i == 0:
            return False
        before = self._entity_at(doc[first.i - 1])
        return before is not None and before.type in {"ORG", "GPE"}

    def _conjoined(self, span: Span, people: list[Entity]) -> bool:
        """The people are joined by 'and' to one another ('Mulvaney and McAleenan'), not one of them
        and a phrase about him ('Daniel Inouye, a World War II veteran and Medal of Honor recipient')."""
        heads = []
        for person in people:
            mention = next((m for m, e in self.mentions if e is person and span.contains(m)), None)
            head = self.head_token(mention) if mention is not None else None
            if head is None:
                return False
            heads.append(head)
        first = heads[0]
        group = {first.i, *(t.i for t in first.conjuncts)}
        if any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for c in first.children):
            # 'Russian President Vladimir Putin and ... General Valery Gerasimov praised': the parser
            # may hang the second name on the first as an apposition, beside the 'and'
            group |= {c.i for c in first.children if c.dep_ == "appos"}
        return all(h.i in group for h in heads)

    def _pollster_of(self, head: Any) -> Entity | None:
        """'The latest Gallup survey ... said the pollsters': the pollsters or surveyors are who the
        text says issued a poll or survey before them, when that is one organization."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in POLLSTER_NOUNS:
            return None
        if not _only_the_before(head):
            return None
        issuers = {
            issuer.id: issuer
            for token in self.article.doc[: head.i]
            if token.pos_ == "NOUN" and token.lemma_.lower() in SURVEY_NOUNS
            for issuer in [self._issuer(token, own=True)]
            if issuer is not None and issuer.type == "ORG"
        }
        return next(iter(issuers.values())) if len(issuers) == 1 else None

    def _maker_of(self, head: Any) -> Entity | None:
        """'Deputy Choe Thae Bok made a report ... The reporter said', 'X delivered a speech ...
        The speaker stressed', 'X said in his report': the one person the text says made the
        report or the speech."""
        made = MADE_BY.get(head.lemma_.lower())
        if made is None or head.pos_ != "NOUN" or not _definite_body(head, frozenset({head.lemma_.lower()})):
            return None
        makers: dict[str, Entity] = {}
        for token in head.doc[: head.i]:
            if token.lemma_.lower() != made:
                continue
            if token.dep_ == "dobj" and token.head.lemma_.lower() in MAKING_VERBS:
                verb = token.head
            elif token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.lemma_ in SPEECH_VERBS:
                verb = token.head.head  # 'Ho Jong Man said in his report that ...'
            else:
                continue
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                person = self._entity_at(subject) or self._untagged_name(subject)
                if person is not None and person.type == "PERSON":
                    makers[person.id] = person
        return next(iter(makers.values())) if len(makers) == 1 else None

    def _named_examples(self, head: Any) -> list[Entity]:
        """'pro-LGBTQ organizations like the ACLU, Lambda Legal, and the National Center for Lesbian
        Rights challenged ...': a group described by the names it lists speaks as those names, when
        every name listed is a person's or an organization's (else nothing: the list is not the group)."""
        if head.pos_ != "NOUN":
            return []
        for prep in head.children:
            such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
            if prep.dep_ != "prep" or not (prep.lower_ in {"like", "including"} or such_as):
                continue
            listed = [c for c in prep.children if c.dep_ == "pobj"]
            if not listed:
                return []
            found: list[Entity] = []
            for token in [listed[0], *listed[0].conjuncts]:
                entity = self._entity_at(token)
                if entity is None or entity.type not in {"PERSON", "ORG"}:
                    return []
                if entity not in found:
                    found.append(entity)
            return found
        return []

    def _untagged_name(self, head: Any) -> Entity | None:
        """A speaker named by a proper name the parser did not tag ('Bonnie Castillo of National
        Nurses United told Reuters', 'The Morning News also reported'): an entity of that name, when
        its form says what it is. An organization: 'the' before it, or a word such as 'News',
        'Party', 'Committee' in it. A person: two to four capitalized words with none of those, and
        an affiliation after ('of National Nurses United') or a role in apposition ('Jane Doe, a
        nurse'). Anything else stays unresolved."""
        # 'the Asahi TV': the parser may take a capitalized acronym after a name for a common noun
        acronym = head.pos_ == "NOUN" and head.text.isupper() and head.i > 0 and head.doc[head.i - 1].pos_ == "PROPN"
        if (head.pos_ != "PROPN" and not acronym) or not head.text[:1].isupper() or head.lower_ in ROLE_WORDS:
            return None
        tokens = _name_run(head)
        if tokens is None:
            return None
        if len(tokens) == 1:
            surnamed = self._surnamed_before(head)
            if surnamed is not None:
                return surnamed
        sharing = self._organization_sharing_name(tokens)
        if sharing is not None:
            return sharing
        words = [t for t in tokens if t.text[:1].isupper()]
        if len(words) == 1 and words[0].lower_ in MEDIA_WORDS and words[0].is_sent_start:
            return None  # 'Press reports that ...', 'Television footage showed': common nouns, capitalized
        definite = tokens[0].i > 0 and head.doc[tokens[0].i - 1].lower_ == "the"
        organization = definite or any(t.lower_ in ORG_WORDS for t in words)
        if organization:
            etype = "ORG"
        else:
            affiliated = any(
                c.dep_ == "prep" and c.lower_ in {"of", "from", "at", "with"} and c.i == tokens[-1].i + 1
                for c in head.children
            )
            described = any(c.dep_ == "appos" and c.lemma_.lower() in DESCRIBED_PEOPLE for c in head.children)
            # 'Deputy Choe Thae Bok made a report': a title before the name is a person's
            titled = tokens[0].i > 0 and head.doc[tokens[0].i - 1].lower_ in NAME_TITLES
            plain = all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in tokens)
            # 'Vishwanath, director general of the International Institute ...': one name, set off
            # before a person's role, is a person's too
            single = len(tokens) == 1 and described and _comma_after(head)
            if not (plain and ((2 <= len(tokens) <= 4 and (affiliated or described or titled)) or single)):
                return None
            etype = "PERSON"
        return self._entity_named_by(tokens, etype)

    def _organization_sharing_name(self, tokens: list[Any]) -> Entity | None:
        """'Airbus Industrie said' where the article tagged 'Airbus', 'American express' where it
        names American Express Co: an untagged name whose words begin the name of one organization
        of the article, or begin with it, is that organization (not when two could be)."""
        words = [t.lower_ for t in tokens]
        found = []
        for entity in self.article.entities:
            if entity.type != "ORG" or entity in found:
                continue
            for name in (entity.name, *entity.aliases):
                named = name.lower().split()
                if named and (named[: len(words)] == words or words[: len(named)] == named):
                    found.append(entity)
                    break
                if len(tokens) == 1 and self._distinctive_word_of(tokens[0].text, name):
                    found.append(entity)  # 'Hutton said' after 'E.F. Hutton Group Inc'
                    break
        return found[0] if len(found) == 1 else None

    def _distinctive_word_of(self, word: str, name: str) -> bool:
        """Whether ``word`` is a capitalized inner word of the organization ``name`` that no generic
        word of a body's name is ('Hutton' of 'E.F. Hutton Group Inc', not 'Group'), and no person
        of the article is surnamed so (then 'Hutton said' may be the person)."""
        lower = word.lower()
        inner = [w for w in name.split()[1:] if w[:1].isupper() and w.lower().rstrip(".,") not in ORG_WORDS]
        if lower not in {w.lower().rstrip(".,") for w in inner} or len(word) < 3:
            return False
        return not any(e.type == "PERSON" and is_surname_of(word, e.name) for e in self.article.entities)

    def _surnamed_before(self, head: Any) -> Entity | None:
        """'... said Long.' after 'Perrin Long of Lipper analytical said': a surname the parser did
        not tag is the one person named before whose name of two words or more ends in it."""
        start = head.idx + self.article.body_start
        people = {
            e.id: e
            for m, e in self.mentions
            if m.end <= start and e.type == "PERSON" and is_surname_of(head.text, e.name)
        }
        return next(iter(people.values())) if len(people) == 1 else None

    def _entity_named_by(self, tokens: list[Any], etype: str) -> Entity:
        """The entity the words ``tokens`` name (a new one when the article has none of that name)."""
        span = token_span(self.article, tokens[0], tokens[-1])
        return self._entity_called(" ".join(span.text.split()), etype, span, "name")

    def _entity_called(self, name: str, etype: str, span: Span, kind: str) -> Entity:
        """The article's entity of that name (a new one when it has none), with ``span`` as one of
        its mentions, found again by later lookups."""
        entity = next((e for e in self.article.entities if e.name.lower() == name.lower()), None)
        if entity is None:
            entity = Entity(id=f"e{len(self.article.entities) + 1}", name=name, type=etype)
            self.article.entities.append(entity)
        if not any(m.span == span for m in entity.mentions):
            entity.mentions.append(Mention(span, kind))
            self.mentions.append((span, entity))
            self.mentions.sort(key=lambda pair: pair[0].start)
        return entity

    def _account(self, name: Span) -> Entity | None:
        """The author of an embedded post by its display name ('— Adam Serwer (@AdamSerwer) ...'): the
        entity the name tags, else a person when it is two to four capitalized words with no word of
        an organization's name, an organization when it has one or an acronym ('CBP San Diego');
        a lone or lower-case name ('ye', 'People') says neither."""
        tagged = [e for e in self.entities_in(name, ("PERSON", "ORG")) if e.name]
        if len(tagged) == 1:
            return tagged[0]
        words = name.text.split()
        if any(w.lower() in ORG_WORDS or (len(w) > 1 and w.isupper()) for w in words):
            etype = "ORG"
        elif 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            etype = "PERSON"
        else:
            return None
        return self._entity_called(" ".join(words), etype, name, "name")

    def _place_police(self, head: Any) -> Entity | None:
        """'Dallas police reported', 'Queensland state police said', 'Tehran radio said': the police
        or the broadcaster of a named place, an organization the text names by the place (unlike a
        bare 'police', which names none)."""
        if head.lemma_.lower() not in PLACE_BODIES:
            return None
        modifiers = [c for c in head.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < head.i]
        place = self._entity_at(modifiers[0]) if modifiers else None
        if place is None or place.type != "GPE":
            return None
        tokens = [head.doc[i] for i in range(modifiers[0].i, head.i + 1)]
        return self._entity_named_by(tokens, "ORG")

    def _apposed(self, head: Any) -> Entity | None:
        """'His wife Pak Un Jong', 'One of the newcomers, Sin Chol Gwon, who ...': the one person or
        organization named in apposition to a description; the apposition is the evidence."""
        found: list[Entity] = []
        for child in head.children:
            # a compound names a speaker only as kin ('His wife Pak'): 'House members', 'The Biden
            # task force' are not the House or Biden
            if child.dep_ == "appos":
                if not _set_off(head, child):
                    continue
                wanted = {"PERSON", "ORG"}
            elif child.dep_ == "compound" and head.lemma_.lower() in KIN_NOUNS:
                wanted = {"PERSON"}
            else:
                continue
            entity = self._entity_at(child)
            if entity is not None and entity.type in wanted and entity not in found:
                found.append(entity)
        return found[0] if len(found) == 1 else None

    def _named_before_comma(self, span: Span, head: Any) -> Entity | None:
        """'Civil Human Rights Front (CHRF), the organizer behind recent protests ..., said', parsed
        with the description as the subject: a phrase that opens with one name, set off from the
        description after it by a comma, is that name's."""
        if head.pos_ != "NOUN":
            return None
        first = next(((m, e) for m, e in self.mentions if m.start == span.start and m.end < span.end), None)
        if first is None or first[1].type not in {"PERSON", "ORG"}:
            return None
        after = re.match(r"\s*(?:\([^()]{1,40}\))?\s*,", self.article.text[first[0].end : span.end])
        head_start = head.idx + self.article.body_start
        if after is None or head_start < first[0].end + after.end():
            return None
        return first[1]

    def _named_right_after(self, span: Span, head: Any) -> Entity | None:
        """'The DPRK's major newspaper Rodong Sinmun', parsed with the name hung on a date after it:
        a common noun followed, to the end of the phrase, by one name is that name's."""
        if head.pos_ != "NOUN":
            return None
        head_end = head.idx + len(head.text) + self.article.body_start
        named = [
            (m, e)
            for m, e in self.mentions
            if head_end < m.start and m.end == span.end and not self.article.text[head_end : m.start].strip()
        ]
        if len(named) != 1 or named[0][1].type not in {"PERSON", "ORG"}:
            return None
        return named[0][1]

    def _entity_at(self, token: Any) -> Entity | None:
        position = token.idx + self.article.body_start
        for mention, entity in self.mentions:
            if mention.start <= position < mention.end:
                return entity
        for mention, entity in self.resolved_mentions:
            if mention.start <= position < mention.end:
                return entity
        return None

    def _speaker(self, span: Span, entities: list[Entity], how: str, kind: str = "") -> Speaker:
        if kind:
            for entity in entities:
                if not any(m.span == span for m in entity.mentions):
                    entity.mentions.append(Mention(span, kind))
        if len(entities) == 1:
            self.resolved_mentions.append((span, entities[0]))
        name = " and ".join(e.name for e in entities)
        return Speaker(span, [e.id for e in entities], name, how)

    def _pronoun(self, span: Span, want: str) -> Speaker:
        """'he', 'she', 'they' as a speaker, resolved only with evidence, else left unresolved.

        Evidence, in order: the speaker whose reported words hold the pronoun ('Segletes said he
        thinks'; when that speaker is unnamed and of the pronoun's number, the pronoun stays
        unnamed too); the named subject of a clause fronted in the pronoun's sentence ('When Trump
        ran ..., he said'); the speaker of the sentence before, resolved to an entity of the
        pronoun's kind ('Klobuchar told ABC's George Stephanopoulos. ... she continued': the parser
        may take the listener for the subject); the subject of the sentence before, when it names
        one entity of the pronoun's kind (a person for he/she; an organization or a state for
        they), or nothing when that subject is a person described but not named ('A professor of
        the London University'); the last speaker before it, resolved to an entity of the right
        kind, when no other person is named in the narration between. The last person merely
        mentioned is never enough (it gave a 'he' a woman's name, and a professor's words to the
        speaker before him).
        """
        types = ("PERSON",) if want == "PERSON" else ("ORG", "GPE")
        gender = PRONOUN_GENDER.get(span.text.lower())

        speaking = self._quoted_speaker(span)

        def fits(entity: Entity | None) -> bool:
            return (
                entity is not None
                and entity.type in types
                and entity is not speaking
                and not self._other_gender(entity, gender)
            )

        reporter = self._reporter(span, types)
        if reporter is not None and fits(reporter):
            return self._speaker(span, [reporter], "pronoun", "pronoun")
        if self._unnamed_reporter(span, want):
            return Speaker(span, [], span.text, "unresolved")
        fronted = self._fronted_clause_subject(span, types)
        if fronted is not None and fits(fronted):
            return self._speaker(span, [fronted], "pronoun", "pronoun")
        before = self._narrated_subject_before(span, types)
        if before is not None and fits(before):
            return self._speaker(span, [before], "pronoun", "pronoun")
        previous = self._previous_sentence(span)
        if want == "GROUP" and previous is not None and self._people_described_in(previous):
            # 'The permanent representative of ... and the executive chairman of ... held a press
            # conference ..., the south Korean Yonhap News said. They accused ...': the people
            return Speaker(span, [], span.text, "unresolved")
        if previous is not None:
            spoke = [
                (start, entity) for start, entity in self.speaker_history if previous.start <= start < previous.end
            ]
            spoke_at, last_spoke = spoke[-1] if spoke else (0, None)
            if last_spoke is not None and fits(last_spoke):
                if self._spoken_of_just_before(spoke_at, last_spoke):
                    return Speaker(span, [], span.text, "unresolved")
                return self._speaker(span, [last_spoke], "pronoun", "pronoun")
        subject = self._previous_subject(span)
        if subject is not None:
            entity = self._entity_at(subject)
            if want == "PERSON":
                entity = self._subject_person(subject) or entity
            if entity is not None and fits(entity):
                return self._speaker(span, [entity], "pronoun", "pronoun")
            if entity is None and want == "PERSON" and subject.lemma_.lower() in PERSON_NOUNS:
                return Speaker(span, [], span.text, "unresolved")
            if want == "PERSON" and previous is not None and (entity is None or entity.type != "PERSON"):
                joined = self._joined_clause_person(previous, subject)
                if joined is not None and fits(joined):
                    return self._speaker(span, [joined], "pronoun", "pronoun")
        if gender is not None:
            begun = self._subject_run(span, gender)
            if begun is not None and fits(begun):
                return self._speaker(span, [begun], "pronoun", "pronoun")
        earlier = [
            (start, entity)
            for start, entity in self.speaker_history
            if start < span.start and not (gender is not None and start in self.not_one_person)
        ]
        if earlier and span.start - earlier[-1][0] <= PRONOUN_LOOKBACK * 2:
            start, last = earlier[-1]
            if (
                last is not None
                and fits(last)
                and not self._person_between(start, span.start, last)
                and not self._spoken_of_just_before(start, last)
            ):
                return self._speaker(span, [last], "pronoun", "pronoun")
        return Speaker(span, [], span.text, "unresolved")

    def _joined_clause_person(self, sentence: Span, subject: Any) -> Entity | None:
        """'The talks stalled on Monday, but Ambassador John Smith remained hopeful. "We will get
        there," he said': the one person named as the subject of a clause joined to the main one,
        when the main subject is no person. A person merely mentioned there is not enough."""
        people = {
            id(person): person
            for other in self._main_subjects(sentence)
            if other.i != subject.i
            for person in [self._subject_person(other)]
            if person is not None
        }
        return next(iter(people.values())) if len(people) == 1 else None

    def _spoken_of_just_before(self, start: int, person: Entity) -> bool:
        """Whether ``person``, speaking at ``start``, is whom another person's reported words just
        before, in the same paragraph, speak of ('..., but Lee Myung Bak lent no ear to the demand,
        he said. On the contrary, Lee declared the "May 24 measures" ...'): then Lee's words may be
        reported inside the other's, and a 'he' after them may be either man."""
        text = self.article.text
        spoken_of = [m for m, e in self.mentions if e is person]
        for attribution in self.article.attributions:
            content = attribution.content
            if content.end > start or PARAGRAPH_BREAK.search(text, content.end, start) is not None:
                continue
            speaker = next((e for e in self.article.entities if e.id == attribution.speaker.entity), None)
            if speaker is None or speaker is person or speaker.type != "PERSON":
                continue
            if any(content.start <= m.start < content.end for m in spoken_of):
                return True
        return False

    def _people_described_in(self, sentence: Span) -> bool:
        """Whether a subject in ``sentence`` is people described, not named: a plural of a person's
        noun ('officials', 'the delegates') or two joined ('the representative ... and the
        chairman ...'). A 'they' after it is most likely they, not an organization named beside."""
        doc, shift = self.article.doc, self.article.body_start
        for i in token_index(doc).starting_within(sentence.start - shift, sentence.end - shift):
            token = doc[i]
            if token.dep_ not in {"nsubj", "nsubjpass"} or self._entity_at(token) is not None:
                continue
            if token.lemma_.lower() not in DESCRIBED_PEOPLE:
                continue
            # the parser may hang the second person on a name inside the first one's phrase
            joined = any(t.dep_ == "conj" and t.lemma_.lower() in DESCRIBED_PEOPLE for t in token.subtree)
            if token.tag_ in {"NNS", "NNPS"} or joined:
                return True
        return False

    def _subject_run(self, span: Span, gender: str) -> Entity | None:
        """'Kim Jong Un ... provided field guidance .... Making the rounds ..., he learned .... Entering
        a sauna, he was pleased .... Rest halls look spacious, he said': a 'he' that goes on a run of
        sentences, each with the same pronoun as its subject, is the person named as the subject of
        the sentence that began the run. The run breaks at a sentence with another subject (the
        other gender's pronoun too), and at one whose narration names another person: then the
        pronoun may be that person."""
        sentences = self.article.sentences
        here = next((k for k, s in enumerate(sentences) if s.start <= span.start < s.end + 1), None)
        if here is None:
            return None
        k = here
        for _ in range(SUBJECT_RUN_SENTENCES):
            previous = self._previous_sentence(sentences[k])
            if previous is None:
                return None
            k = next(j for j, s in enumerate(sentences) if s == previous)
            subjects = self._main_subjects(previous)
            if not subjects:
                return None
            named = self._subject_person(subjects[0])
            if named is not None:
                if self._spoken_of_just_before(subjects[0].idx + self.article.body_start, named):
                    return None
                return named
            if PRONOUN_GENDER.get(subjects[0].lower_) != gender or subjects[0].lower_ not in PRONOUNS_PERSON:
                return None
            if self._named_between(previous.start - 1, previous.end, None, {"PERSON"}):
                return None
        return None

    def _main_subjects(self, sentence: Span) -> list[Any]:
        """The subjects of a sentence's main verb and of the verbs joined to it, in order."""
        doc, shift = self.article.doc, self.article.body_start
        found = []
        for i in token_index(doc).starting_within(sentence.start - shift, sentence.end - shift):
            token = doc[i]
            verb = token.head
            if token.dep_ in {"nsubj", "nsubjpass"} and (
                verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            ):
                found.append(token)
        return found

    def _subject_person(self, subject: Any) -> Entity | None:
        """The person a subject names: by name; by a role word with its holder ('Supreme Commander
        of the Korean People's Army Kim Jong Un', 'Grain analyst and meteorologist Gail Martell');
        by a person's name in apposition ('Another Republican, Angela Underwood-Jacobs, ...'); by
        a title the article gives one person ('The president used the press conference ...'); as
        the person a campaign is named after ("Kamala Harris' campaign said ..."); or as the one
        person whose surname the parser took for a place or a firm ('Jordan expects ...' where the
        article names Jerry Jordan)."""
        entity = self._entity_at(subject)
        if entity is not None and entity.type == "PERSON":
            return entity
        if entity is None or entity.type == "NORP":
            # not after a firm or a place: a person is no apposition to one ('Walmart Inc. WMT,
            # -0.66% heir Jim Walton' is a parse gone wrong)
            apposed = [self._entity_at(c) for c in subject.children if c.dep_ == "appos" and _set_off(subject, c)]
            people = [e for e in apposed if e is not None and e.type == "PERSON"]
            if len(people) == 1:
                return people[0]
        if entity is not None:
            return self.team_owner.get(entity.id) or self._person_surnamed(entity)
        if not is_profession(subject):
            return None
        phrase = token_span(self.article, subject.left_edge, subject.right_edge)
        people = self.entities_in(phrase, ("PERSON",))
        if len(people) == 1 and self._holds_role(phrase, people[0], subject):
            return people[0]
        if people or not _one_known(subject) or subject.lemma_.lower() not in ROLE_WORDS:
            return None
        return self._title_holder(phrase, subject)

    def _person_surnamed(self, entity: Entity) -> Entity | None:
        """The one person of the article whose surname ``entity`` (a place or a firm) is."""
        if entity.type == "PERSON" or len(entity.name.split()) != 1:
            return None
        people = [e for e in self.article.entities if e.type == "PERSON" and is_surname_of(entity.name, e.name)]
        return people[0] if len(people) == 1 else None

    def _other_gender(self, person: Entity, gender: str | None) -> bool:
        """Whether the text has called ``person`` by the other gender's pronoun or honorific: a 'he'
        is never the woman the story called 'she' ('Tanesha Bannister ... she said. ... which he
        signed')."""
        if gender is None or person.type != "PERSON":
            return False
        text = self.article.text
        seen = set()
        for mention in person.mentions:
            if mention.kind == "pronoun":
                seen.add(PRONOUN_GENDER.get(mention.span.text.lower()))
            else:
                honorific = HONORIFIC_BEFORE.search(text, max(0, mention.span.start - 6), mention.span.start)
                if honorific:
                    seen.add("m" if honorific.group(1) == "Mr" else "f")
        seen.discard(None)
        return bool(seen) and gender not in seen

    def _person_between(self, start: int, end: int, speaker: Entity) -> bool:
        """Another person named in the narration between the last speaker and a pronoun ('Inouye ...
        asked Congress to change it back. That leaves it to people like Resh, the Gold Star mother
        ... she said'): the pronoun may be that person."""
        return self._named_between(start, end, speaker, {"PERSON"})

    def _named_between(
        self, start: int, end: int, besides: Entity | None, types: set[str], speaker_start: int = -1
    ) -> bool:
        """Whether an entity of ``types`` other than ``besides`` is named in the narration between
        ``start`` and ``end``: names inside reported words are what was said, not narration, and so
        is a name inside the phrase of the speaker whose mention starts at ``speaker_start``, and one
        the speaker owns ('Geodome Resources Ltd said based on a study of its Sunbeam Mine')."""
        contents = self._reported_words()
        return any(
            start < mention.start < end
            and other is not besides
            and other.type in types
            and not any(c.start <= mention.start < c.end for c in contents)
            and not any(s <= mention.start < e for s, e in self.teasers)  # 'RELATED: Steph Curry Joins ...'
            and not (speaker_start >= 0 and self._inside_phrase_of(mention, speaker_start))
            and not (speaker_start >= 0 and self._owned_by_an_earlier_one(mention))
            for mention, other in self.mentions
        )

    def _owned_by_an_earlier_one(self, mention: Span) -> bool:
        """'its Sunbeam Mine': a thing an organization already named owns, no new organization."""
        head = self.head_token(mention)
        return head is not None and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in head.children)

    def _reported_words(self) -> list[Span]:
        """Every content, and every part of one, of the article's attributions."""
        return [part for a in self.article.attributions for part in (a.content, *a.content_parts)]

    def _innermost_report(self, span: Span) -> Attribution | None:
        """The attribution, with a speaker mention before ``span``, whose reported words hold it
        most closely; None when ``span`` is in no one's reported words."""
        around = [
            a
            for a in self.article.attributions
            if a.speaker.mention is not None
            and a.speaker.mention.start < span.start
            and any(part.start <= span.start < part.end for part in (a.content, *a.content_parts))
        ]
        return min(around, key=lambda a: a.content.end - a.content.start) if around else None

    def _quoted_speaker(self, span: Span) -> Entity | None:
        """Whose own words (a direct quote, an introduced paragraph) hold ``span``: a 'he' or an
        'it' there is never the one speaking them ('The statement said: ... It showed the
        international community ...' is the proposal, not the statement's issuer)."""
        innermost = self._innermost_report(span)
        if innermost is None or innermost.kind != "direct":
            return None
        words = innermost.content_parts or [innermost.content]
        if not any(part.start <= span.start < part.end for part in words):
            return None  # between the parts of a split quote: '"...," he said. "..."'
        quoted = any(q.start < span.start and span.end < q.end for q in self.article.quotes)
        if not (quoted or innermost.rule == "direct.introduced"):
            return None  # a tagged 'direct' content that runs past its quote marks
        return next((e for e in self.article.entities if e.id == innermost.speaker.entity), None)

    def _reporter(self, span: Span, types: tuple[str, ...]) -> Entity | None:
        """'Jim Segletes ... said he thinks Americans became more patriotic': a pronoun inside what a
        resolved speaker is reported to say is that speaker (the innermost such report)."""
        innermost = self._innermost_report(span)
        if innermost is None:
            return None
        entity = next((e for e in self.article.entities if e.id == innermost.speaker.entity), None)
        return entity if entity is not None and entity.type in types else None

    def _unnamed_reporter(self, span: Span, want: str) -> bool:
        """'Republicans had said they wanted to pause': a pronoun inside what an unresolved speaker
        of its number is reported to say is most likely that speaker, so it stays unresolved rather
        than going to someone named before ('they' had become Congress)."""
        innermost = self._innermost_report(span)
        if innermost is None or innermost.speaker.entity is not None or innermost.speaker.mention is None:
            return False
        head = self.head_token(innermost.speaker.mention)
        if head is None:
            return False
        plural = head.tag_ in {"NNS", "NNPS"} or head.lower_ in {"they", "we"}
        return plural if want == "GROUP" else not plural and head.pos_ in {"NOUN", "PROPN", "PRON"}

    def _fronted_clause_subject(self, span: Span, types: tuple[str, ...]) -> Entity | None:
        """'When Trump ran for president in 2016, he said ...': the named subject of an adverbial
        clause that comes before the pronoun in its own sentence. Not when the clause holds another
        pronoun ('After Smith attacked him, he said': 'he' may well be 'him')."""
        pronoun = self.head_token(span)
        if pronoun is None or pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        found: list[Entity] = []
        for clause in pronoun.head.children:
            if clause.dep_ not in {"advcl", "prep"} or clause.i > pronoun.i:
                continue
            if any(t.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP for t in clause.subtree):
                return None
            if clause.dep_ == "prep":
                # 'In Sanders' speech, he noted that ...': whose words the fronted phrase names
                owners = [
                    owner
                    for said in clause.children
                    if said.dep_ == "pobj" and said.lemma_.lower() in SPOKEN_NOUNS
                    for owner in said.children
                    if owner.dep_ == "poss"
                ]
            else:
                owners = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
            for owner in owners:
                entity = self._entity_at(owner)
                if entity is not None and entity.type in types and entity not in found:
                    found.append(entity)
        return found[0] if len(found) == 1 else None

    def _narrated_subject_before(self, span: Span, types: tuple[str, ...]) -> Entity | None:
        """'Jeffrey Leeds of Chemical Bank agreed that ... but, contrary to di Clemente, he said ...':
        the one entity of the pronoun's kind named as the subject of a verb earlier in its own
        sentence, in the narration (a name inside someone's reported words or inside quotation marks
        is what was said). Not after another pronoun ('When Trump ran against him, he said': 'he'
        may be 'him')."""
        pronoun = self.head_token(span)
        if pronoun is None:
            return None
        contents = self._reported_words() + list(self.article.quotes)
        found: list[Entity] = []
        for token in pronoun.sent:
            if token.i >= pronoun.i:
                break
            if token.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
                return None
            if token.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            position = token.idx + self.article.body_start
            if any(c.start <= position < c.end for c in contents):
                continue
            entity = self._entity_at(token)
            if entity is not None and entity.type in types and entity not in found:
                found.append(entity)
        return found[0] if len(found) == 1 else None

    def _organization(self, span: Span, how: str = "description") -> Speaker:
        """'The company said', 'it said': the organization that was the last speaker, when it was
        resolved, is near, is no person's surname typed ORG, and no other organization or state is
        named in the narration between; or the organization that is the subject of the sentence
        before, when that sentence is narration (``_narrated_subject``). In quoted paragraphs that
        subject is what the speaker talks about, no evidence of who speaks; and an 'it' in someone's
        own words is never who speaks them (``_quoted_speaker``)."""
        speaking = self._quoted_speaker(span) if how == "pronoun" else None
        # unnamed people ('the auditors state ...') are neither what an 'it' stands for nor 'the company'
        earlier = [
            (start, entity) for start, entity in self._narrated_speakers(span) if start not in self.not_one_thing
        ]
        if earlier and span.start - earlier[-1][0] <= PRONOUN_LOOKBACK * 2:
            start, entity = earlier[-1]
            if (
                how == "pronoun"
                and start in self.document_speakers
                and entity is not None
                and entity is not speaking
                and not self._rival_between(start, span.start, entity)
            ):
                # '..., the statement charged. ..., it said': the statement, its issuer's words
                return self._speaker(span, [entity], how, how)
            if (
                entity is not None
                and entity is not speaking
                and entity.type == "ORG"
                and not self._surname_of_person(entity)
                and not self._rival_between(start, span.start, entity)
            ):
                return self._speaker(span, [entity], how, how)
        narrated = self._narrated_subject(span)
        if narrated is not None and narrated is not speaking:
            return self._speaker(span, [narrated], how, how)
        return Speaker(span, [], _plain_name(span.text), "unresolved")

    def _narrated_speakers(self, span: Span) -> list[tuple[int, Entity | None]]:
        """The speakers before ``span``, leaving out those named inside someone's reported words
        that do not hold ``span`` too: after 'the editorial ... continued: The "government"
        claimed ...', an 'It urged' in the narration goes on with the editorial, not with the
        government it quoted. Only quoted words count, part by part: an indirect content may run
        long, and a split quote's whole content holds its own cue and speaker."""
        contents = [
            part for a in self.article.attributions if a.kind == "direct" for part in (a.content_parts or [a.content])
        ]
        return [
            (start, entity)
            for start, entity in self.speaker_history
            if start < span.start
            and not any(c.start <= start < c.end and not c.start <= span.start < c.end for c in contents)
        ]

    def _narrated_subject(self, span: Span) -> Entity | None:
        """'The Xinhua News Agency introduced the conservatory. It said ...': the organization that is
        the subject of the sentence before, when that sentence is the outlet's narration (not anyone's
        reported words) and nobody spoke in it."""
        previous = self._previous_sentence(span)
        subject = self._previous_subject(span)
        if previous is None or subject is None:
            return None
        if any(c.start < previous.end and previous.start < c.end for c in self._reported_words()):
            return None
        if any(previous.start <= start < span.start for start, _ in self.speaker_history):
            return None
        entity = self._entity_at(subject)
        if entity is None or entity.type != "ORG" or self._surname_of_person(entity):
            return None
        return entity

    def _document(self, span: Span, head: Any) -> Speaker:
        """'The article goes on', 'the appeal added': the entity the text says issued the document,
        at its latest earlier mention that says so ('Rodong Sinmun says in a bylined article',
        'X on Aug. 9 issued an appeal', "KCNA's report", 'a letter from the ministry', 'X
        editorially lashed out'), or its own words ('The Washington Post report'). Without such a
        mention it stays unresolved: a document is not whoever spoke last."""
        lemma = head.lemma_.lower()
        doc = self.article.doc
        named = self._issuer(head, own=True)
        if named is not None:
            return self._speaker(span, [named], "description", "description")
        for token in reversed(doc[: head.i]):
            if token.lemma_.lower() == lemma and token.pos_ == "NOUN":
                issuer = self._issuer(token)
            elif token.pos_ == "ADV" and token.lower_ == lemma + "ly":
                # 'Hangyore on Dec. 23 editorially lashed out at ... The editorial referred to':
                # whoever did it editorially issued the editorial
                issuer = self._actor_among([c for c in token.head.children if c.dep_ == "nsubj"])
            else:
                continue
            if issuer is not None:
                return self._speaker(span, [issuer], "description", "description")
        return Speaker(span, [], _plain_name(span.text), "unresolved")

    def _issuer(self, document: Any, own: bool = False) -> Entity | None:
        """The entity a mention of a document names as its issuer, or None. An organization named
        before the noun counts only in the speaker's own mention (``own``): a later 'the report'
        may well be another one ('the GAO report' ... 'In a report to the governor, the water
        office ...  The report notes')."""
        candidates = [c for c in document.children if c.dep_ == "poss"]
        candidates += [g for c in document.children if c.lower_ in {"of", "by", "from"} for g in c.children]
        # 'a report issued by Rep. Chris Murphy', 'data compiled by the firm Commerce Signals'
        candidates += [
            g
            for c in document.children
            if c.dep_ == "acl" and c.lemma_.lower() in MAKING_BY_AGENT
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            if g.dep_ == "pobj"
        ]
        # 'The Washington Post report': an organization named before the document wrote it (not a
        # person: 'the Trump impeachment report' is about him)
        compounds = [c for c in document.children if c.dep_ == "compound" and c.i < document.i]
        if not own or document.lemma_.lower() in LODGED_DOCUMENTS:
            compounds = []  # 'Securities and Exchange Commission filings' are lodged with it
        for compound in compounds:
            # 'a new CNN/ORC poll': two pollsters' joint name is the one that issued it
            words = list(document.doc[compound.left_edge.i : compound.i + 1])
            if any(w.text == "/" for w in words) and all(w.pos_ == "PROPN" or w.text == "/" for w in words):
                return self._entity_named_by(words, "ORG")
        named = [e for e in (self._entity_at(c) for c in compounds) if e is not None]
        if named and all(e.type == "ORG" for e in named):
            candidates += compounds
        verb = None
        placed = _first_conjunct(document)
        if placed.dep_ == "dobj" and placed.head.lemma_.lower() in ISSUING_VERBS | RECEIVING_VERBS:
            verb = placed.head
        elif placed.pos_ in {"VERB", "AUX"}:
            # 'X carried a photo of Kim providing field guidance ... and an article titled ...': the
            # parser joined the noun to the verb; the issuing verb above whose object came first
            verb = next((a for a in placed.ancestors if _issued_before(a, document)), None)
        elif placed.dep_ == "pobj" and placed.head.lower_ in {"in", "through", "via"}:
            # 'Rodong Sinmun says in a bylined article', not 'Montana was listed in the GAO report'
            speaking = placed.head.head
            sentence = placed.head.sent
            if speaking.i == placed.head.i and sentence.end < len(placed.doc):
                # 'In an article titled "..." the paper said': the parser ended a sentence at the
                # title's closing quote; the verb is the next sentence's
                speaking = placed.doc[sentence.end].sent.root
            if speaking.lemma_.lower() in SPEECH_VERBS | ISSUING_VERBS:
                verb = speaking
            elif speaking.dep_ == "nsubj" and speaking.pos_ in {"PROPN", "NOUN"}:
                # 'The Youth Federation of Koreans in China in a statement on July 6 denounced ...':
                # the phrase hangs on the subject that issued it
                candidates.append(speaking)
        if verb is not None and verb.lemma_.lower() in RECEIVING_VERBS:
            # 'Kim Jong Un received a message from the participants': the sender issued it
            candidates += [g for c in verb.children if c.lower_ == "from" for g in c.children]
        elif verb is not None and verb.pos_ in {"VERB", "AUX"}:
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                relative = subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
                # 'YAF, which sent a tweet': the issuer is what the relative clause describes
                candidates.append(verb.head if relative else subject)
            if verb.i > 0 and verb.doc[verb.i - 1].text == "," and verb.lemma_.lower() in SPEECH_VERBS:
                # '..., urges Rodong Sinmun in an article': the speaker after its verb, which the
                # parser takes for an object
                candidates += [
                    c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN" and c.left_edge.i == verb.i + 1
                ]
        return self._actor_among(candidates)

    def _actor_among(self, candidates: list[Any]) -> Entity | None:
        """The first of ``candidates`` that names a person, organization or state. A date the parser
        took for the subject ('Rodong Sinmun Saturday says') stands for the name hung on it."""
        candidates = [
            named
            for candidate in candidates
            for named in (
                [c for c in candidate.children if c.dep_ == "compound" and c.pos_ == "PROPN"] or [candidate]
                if candidate.ent_type_ in {"DATE", "TIME"}
                else [candidate]
            )
        ]
        for candidate in candidates:
            entity = self._entity_at(candidate)
            if entity is None:
                entity = self._untagged_name(candidate)
            if entity is None and candidate.pos_ == "NOUN":
                entity = self._apposed(candidate)  # 'The ... newspaper Thongil News carried the article'
            if entity is None:
                entity = self._paper_spoken_before(candidate)  # 'the bylined commentary of the paper'
            if entity is None and candidate.dep_ == "poss" and candidate.lower_ in POSSESSIVE_PRONOUNS:
                entity = self._possessor(candidate)  # '"...," his statement said'
            if entity is not None and entity.type in ACTOR_TYPES:
                return entity
        return None

    def _possessor(self, pronoun: Any) -> Entity | None:
        """Whom a possessive pronoun before a document stands for ('his statement said', 'its
        bulletin'), with the evidence a pronoun speaker needs (``_pronoun``, ``_organization``)."""
        span = token_span(self.article, pronoun, pronoun)
        owner = pronoun.lower_
        kinds = {"its": ("ORG", "GPE"), "their": ("ORG", "GPE", "NORP")}.get(owner, ("PERSON",))
        verb = next((a for a in pronoun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subject is not None and subject.i < pronoun.i:
            # 'The Mexican Committee ... carried in the 54th issue of its bulletin': the clause's subject
            named = self._subject_person(subject) if owner in {"his", "her"} else self._entity_at(subject)
            if named is not None and named.type in kinds:
                return named
        if owner == "its":
            resolved = self._organization(span, how="pronoun")
        else:
            resolved = self._pronoun(span, "GROUP" if owner == "their" else "PERSON")
        return next((e for e in self.article.entities if e.id == resolved.entity), None)

    def _rival_between(self, start: int, end: int, entity: Entity) -> bool:
        """Another organization or state named in the narration between a speaker and 'the company':
        it could be either. A place in the speaker's own phrase ('Qintex Ltd of Brisbane') is none."""
        return self._named_between(start, end, entity, {"ORG", "GPE"}, speaker_start=start)

    def _inside_phrase_of(self, mention: Span, speaker_start: int) -> bool:
        """'Qintex Ltd of Brisbane said': a place in the speaker's own noun phrase is no rival."""
        speaker_span = next((s for s, _ in self.resolved_mentions if s.start == speaker_start), None)
        speaker_head = self.head_token(speaker_span) if speaker_span is not None else None
        rival_head = self.head_token(mention)
        if speaker_head is None or rival_head is None or rival_head.i == speaker_head.i:
            return False
        return any(a.i == speaker_head.i for a in rival_head.ancestors)

    def _surname_of_person(self, entity: Entity) -> bool:
        """'Wells' typed ORG where the article names Barbara Wells: no company to resolve 'the company' to."""
        last = entity.name.split()[-1]
        return any(e.type == "PERSON" and e.name.split()[-1] == last for e in self.article.entities if e is not entity)

    def _previous_sentence(self, span: Span) -> Span | None:
        """The sentence before the one holding ``span``, in the same paragraph or the one before it;
        None when there is no such sentence.

        Sentences that are all someone's quoted words are passed over: in '"I'm sorry. That was not
        my intention," he said.' the sentence before 'he' is the quote's first; the narration
        before the quote says who is speaking."""
        sentences = self.article.sentences
        here = next((k for k, s in enumerate(sentences) if s.start <= span.start < s.end + 1), None)
        if here is None or here == 0:
            return None
        before = here - 1
        while before > 0 and self._all_quoted(sentences[before]) and here - before < QUOTED_SENTENCES_SKIPPED:
            before -= 1
        previous = sentences[before]
        between = self.article.text[previous.end : sentences[before + 1].start]
        return None if between.count("\n") > 2 else previous

    def _previous_subject(self, span: Span) -> Any | None:
        """The subject of the main verb of the sentence before (``_previous_sentence``), or None."""
        previous = self._previous_sentence(span)
        if previous is None:
            return None
        doc, shift = self.article.doc, self.article.body_start
        for i in token_index(doc).starting_within(previous.start - shift, previous.end - shift):
            token = doc[i]
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT":
                return token
        return None

    def _all_quoted(self, sentence: Span) -> bool:
        """The sentence lies inside a quotation: its words are in quotation marks and inside what
        an attribution says."""
        text = self.article.text
        opening = text[sentence.start : sentence.start + 1]
        inside = any(
            part.start - 1 <= sentence.start and sentence.end <= part.end + 2
            for a in self.article.attributions
            for part in (a.content, *a.content_parts)
        )
        return inside and (opening in QUOTE_MARKS or text[sentence.start - 1 : sentence.start] in QUOTE_MARKS)

    def _relative(self, span: Span, antecedent: Any) -> Speaker:
        """'Merkel, who said ...': the relative pronoun speaks for the noun its clause describes. In
        'the Supreme Court of the United States, which ...' the parser may hang the clause on the
        noun after 'of'; the clause describes the head of the whole phrase (the court, not the
        country), which may have no entity: then it stays unresolved."""
        while (
            antecedent.dep_ == "pobj"
            and antecedent.head.lower_ == "of"
            and antecedent.head.head.pos_
            in {
                "NOUN",
                "PROPN",
            }
        ):
            antecedent = antecedent.head.head
        if self._in_case_name(antecedent):
            court = self._court_of_case(antecedent)
            if court is not None:
                return self._speaker(span, [court], "pronoun", "pronoun")
            return Speaker(span, [], antecedent.text, "unresolved")
        entity = self._entity_at(antecedent)
        if entity is not None and entity.type in ACTOR_TYPES:
            return self._speaker(span, [entity], "pronoun", "pronoun")
        return Speaker(span, [], antecedent.text, "unresolved")

    def _court_of_case(self, party: Any) -> Entity | None:
        """ "the Supreme Court's 2013 ruling in United States v. Windsor, which cited ...": the ruling
        speaks, so its owner, the court, is the speaker; None when no owner is named."""
        if party.dep_ != "pobj" or party.head.lower_ != "in" or party.head.head.pos_ != "NOUN":
            return None
        ruling = party.head.head
        for owner in (c for c in ruling.children if c.dep_ == "poss"):
            entity = self._entity_at(owner)
            if entity is not None and entity.type == "ORG":
                return entity
        return None

    def _in_case_name(self, token: Any) -> bool:
        """'United States v. Windsor, which cited ...': a party's name inside a court case's name; the
        clause describes the case (its ruling), and the party did not say it."""
        return any(t.lower_ in {"v.", "vs.", "v"} and abs(t.i - token.i) <= 4 for t in token.sent)

    def _introduced_with(self, person: Entity, qualifiers: list[str], before: int) -> bool:
        """Whether the words ``qualifiers`` are in a sentence that names ``person`` before ``before``."""
        if not qualifiers:
            return True
        for mention in person.mentions:
            if mention.span.end > before:
                continue
            sentence = next((s for s in self.article.sentences if s.start <= mention.span.start < s.end), None)
            if sentence is None:
                continue
            words = {w.lower() for w in re.findall(r"[\w.-]+", sentence.text[: before - sentence.start])}
            if all(q in words for q in qualifiers):
                return True
        return False

    def _title_body_words(self, role: Any) -> list[str]:
        """The words of the body a title's 'of' phrase names ('The chairman of the Communist Party of
        Norway': communist, party, norway), which the holder's introduction must share."""
        of = next((c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        entity = self._entity_at(body) if body is not None else None
        if entity is None or entity.type not in {"ORG", "GPE"}:
            return []
        return [w.lower() for w in re.findall(r"[\w.-]+", entity.name) if w.lower() not in {"of", "the", "and"}]

    def _by_title(self, span: Span, role: Any) -> Speaker:
        """'The president said': the one person the article gives that title (``_title_holder``)."""
        holder = self._title_holder(span, role)
        if holder is None:
            return Speaker(span, [], _plain_name(span.text), "unresolved")
        return self._speaker(span, [holder], "description", "description")

    def _title_holder(self, span: Span, role: Any) -> Entity | None:
        """The one person the article gives the title ``role`` before ``span``. Not one named elsewhere
        in the same sentence ('The president also saluted Xi', Xi being China's president): a
        description does not stand for someone the sentence names beside it. A description that
        says whose title it is ('the Republican presidential nominee') fits only a holder introduced
        with those words: 'Democratic nominee Clinton' is not the Republican one."""
        title = role.lemma_.lower()
        sentence = next((s for s in self.article.sentences if s.start <= span.start < s.end), span)
        beside = {e.id for m, e in self.mentions if sentence.start <= m.start < sentence.end and not span.contains(m)}
        holders = [
            e
            for e in self.article.entities
            if e.type == "PERSON"
            and title in e.roles
            and e.id not in beside
            and any(m.span.end <= span.start for m in e.mentions)  # a description points back
        ]
        qualifiers = [
            c.lower_ for c in role.children if c.dep_ in {"amod", "compound", "nmod"} and c.text[:1].isupper()
        ]
        qualifiers += self._title_body_words(role)
        holders = [e for e in holders if self._introduced_with(e, qualifiers, span.start)]
        if len(holders) == 1:
            return holders[0]
        if not holders:
            return self._named_next_as(span, title)
        # Several people hold the title: the one spoken of most recently.
        recent = [(m, e) for m, e in self.mentions if e in holders and m.end <= span.start]
        return recent[-1][1] if recent else None

    def _named_next_as(self, span: Span, title: str) -> Entity | None:
        """A wire's lead describes whom the next sentences name ('Britain's corporate affairs minister
        left for Tokyo saying ... . "I should be expecting a positive response," the minister,
        Michael Howard, said'): the one person first named soon after, right after 'the <title>,'."""
        text = self.article.text
        named = [
            e
            for e in self.article.entities
            if e.type == "PERSON"
            and e.mentions
            and span.end <= (first := min(m.span.start for m in e.mentions)) < span.end + NAMED_NEXT_CHARS
            and re.search(rf"\bthe {re.escape(title)},\s*$", text[max(0, first - 80) : first], re.IGNORECASE)
        ]
        return named[0] if len(named) == 1 else None


def _past_date(head: Any) -> Any:
    """'Rodong Sinmun Saturday said': the parser may make the day the head and the name its
    compound; the name is the head of the speaker's phrase."""
    if head.ent_type_ in {"DATE", "TIME"} or head.lower_ in WEEKDAYS:
        names = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
        if names:
            return names[-1]
    return head


def _name_run(head: Any) -> list[Any] | None:
    """The words of the proper name ``head`` ends or heads: capitalized words before it, and after
    it the words joined by 'of', 'for', 'and', a comma or "'s" while they stay capitalized ('The
    Solidarity for Democracy, People's Life, Peaceful Reunification and Sovereignty')."""
    doc = head.doc
    first = head.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
        if doc[first - 1].lower_ in NAME_TITLES:
            break
        first -= 1
    last = head.i
    k = head.i + 1
    while k < len(doc):
        token = doc[k]
        if token.text[:1].isupper() and token.pos_ in {"PROPN", "NOUN", "ADJ"} and "\n" not in doc[k - 1].whitespace_:
            last = k
        elif token.lower_ in NAME_JOINERS and k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
            pass  # 'Solidarity for Democracy', "People's Life"
        else:
            break
        k += 1
    tokens = list(doc[first : last + 1])
    if any(t.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"} for t in tokens):
        return None
    return tokens or None


def _issued_before(verb: Any, document: Any) -> bool:
    """An issuing verb whose object comes before ``document`` ('carried a photo ... and an article')."""
    return verb.lemma_.lower() in ISSUING_VERBS and any(c.dep_ == "dobj" and c.i < document.i for c in verb.children)


def _first_conjunct(token: Any) -> Any:
    """Where a conjoined word stands: its first conjunct ('carried a photo ... and an article')."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _set_off(head: Any, appos: Any) -> bool:
    """An apposition follows its noun straight or after a comma or bracket ('the minister, Fernando
    Santos'). One the parser hangs across a phrase is the phrase's ('The son of the Korean leader
    Kim Jong Il': the name is the leader's, not the son's). The parser may split one apposition in
    two ("colleague, Special Operator 1st Class Corey Scott"): one right after another counts."""
    before = appos.left_edge.i - 1
    if before == head.i or (before >= 0 and appos.doc[before].is_punct):
        return True
    return any(
        other.dep_ == "appos" and other.i != appos.i and other.left_edge.i <= before <= other.right_edge.i
        for other in head.children
    )


def _titles_joined(role: Any, name: Any) -> bool:
    """'ICCO council chairman and Ivorian Agriculture Minister Denis Bra Kanon': two bare titles
    (no article) joined before one name, the parser joining the name to the first title; both are
    his ('Grain analyst and meteorologist Gail Martell' too, the second title a word of the name's
    phrase). Not 'the chairman and Minister Kanon', which may be two people."""
    bare = not any(c.dep_ == "det" for c in role.children)
    first = name.left_edge
    if bare and first.i - 1 > role.i and first.doc[first.i - 1].lower_ == "and" and is_profession(first):
        return True
    before = first.i - 1
    while before > role.i and name.doc[before].is_space:
        before -= 1
    return bare and before > role.i and is_profession(name.doc[before])


def _comma_after(name: Any) -> bool:
    """'Camille Wilson White, Arts Council executive director': a comma closes the name's phrase,
    so the title after it is in apposition, whatever the parser made of it."""
    return name.i + 1 < len(name.doc) and name.doc[name.i + 1].text == ","


def _only_the_before(head: Any) -> bool:
    """Whether 'the' is all that comes before a noun in its phrase ('the paper', not 'the state
    paper', which may be another)."""
    return [c.lower_ for c in head.children if c.i < head.i] == ["the"]


def _one_person(head: Any) -> bool:
    """Whether an unnamed speaker's head may be one person ('he', 'who', 'the aide'): not a plural
    ('wealthy donors'), nor 'it', 'they' or a relative that stands for a thing ('policies that ...')."""
    return head.tag_ not in {"NNS", "NNPS"} and head.lower_ not in NO_ONE_PERSON


def _one_thing(head: Any) -> bool:
    """Whether an unnamed speaker's head may be what an 'it' stands for: one thing or body ('it',
    'the statement', 'the regime'), not people ('British organizations', 'the spokesman') nor a
    word the parser left alone ('the')."""
    if head.tag_ in {"NNS", "NNPS"} or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return False
    return head.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP and head.lemma_.lower() not in DESCRIBED_PEOPLE


def _one_known(head: Any) -> bool:
    """'The former secretary', 'the company's chief': one person the reader already knows. Not
    'some GOP senators', 'a spokesman', 'officials': a plural or an indefinite description names nobody."""
    if head.tag_ in {"NNS", "NNPS"}:
        return False
    definite = {"the", "this", "that"}
    return not any(c.dep_ in {"det", "nummod", "quantmod"} and c.lower_ not in definite for c in head.children)


def _definite_body(head: Any, nouns: frozenset[str] = BODY_NOUNS) -> bool:
    """'The company', 'the bank' (or 'the article' with DOCUMENT_NOUNS): a definite description, nothing more."""
    if head.lemma_.lower() not in nouns or head.pos_ != "NOUN":
        return False
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and all(
        c.dep_ in {"det", "punct"} for c in children
    )


def _plain_name(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


class SpeakerStage(Stage):
    name = "speakers.v1"
    requires = ("text", "body_start", "doc", "sentences", "quotes", "attributions", "entities")
    assigns = ("attributions.speaker", "attributions.citing", "attributions.relay", "entities")
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        resolver = SpeakerResolver(article)
        for attribution in sorted(
            article.attributions, key=lambda a: a.speaker.mention.start if a.speaker.mention else a.content.start
        ):
            rule = attribution.rule
            resolved = resolver.resolve(attribution.speaker.mention)
            if resolved.mention is not None and rule != "speech_act.noun":
                # a statement noun's owner ("Scott's argument that ...") is mentioned, not narrated
                # as speaking: no pronoun after it goes back to them on that ground
                entity = next((e for e in article.entities if e.id == resolved.entity), None)
                resolver.speaker_history.append((resolved.mention.start, entity))
                head = resolver.head_token(resolved.mention)
                if entity is None and head is not None and not _one_person(head):
                    resolver.not_one_person.add(resolved.mention.start)
                if entity is None and head is not None and not _one_thing(head):
                    resolver.not_one_thing.add(resolved.mention.start)
                if head is not None and head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS:
                    resolver.document_speakers.add(resolved.mention.start)
            if rule == "direct.continued" and attribution.speaker.mention is not None:
                resolved.resolution = "continued"
            attribution.speaker = resolved
            if attribution.citing is not None:
                attribution.citing = resolver.resolve(attribution.citing.mention)
            if attribution.relay is not None:
                attribution.relay = resolver.resolve(attribution.relay.mention)
