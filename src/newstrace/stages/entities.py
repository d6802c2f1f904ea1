"""Canonical entities with all their mentions.

From the parser's named entities, made canonical by general rules:
- acronyms bound to their expansion: "Korean People's Army (KPA)" then "KPA" → one entity;
- people merged by name parts: "Kim" and "Kim Jong Un" → Kim Jong Un;
- a place's short form merged with its full name: "Kursk" and "Kursk Region";
- capitals used as actors linked to their state ("relations between Moscow and Pyongyang"),
  but kept as places after locative prepositions ("in Moscow");
- nationality adjectives linked to their state ("Ukrainian invaders" → Ukraine);
- news agencies and country aliases named canonically (KCNA, DPRK, U.S.).
Surface forms of each entity are then searched once more in the body to catch mentions the
parser missed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..record import Article, Entity, Mention, Span
from ..resources import agencies, agency_name, capitals, countries, country_aliases, demonyms, entity_types
from ..stage import ENGLISH, Stage
from ._lib.layout import BLANKED_SPACES
from ._lib.lexicon import (
    ORG_NAME_ENDINGS,
    ORG_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    is_profession,
    word_set,
)
from ._lib.names import is_surname_of, name_forms
from ._lib.tokens import token_index, token_span

ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}
LOCATIVE_PREPS = {"in", "at", "near", "to", "from", "into", "outside", "inside", "across", "around", "via",
                  "through", "toward", "towards", "within", "throughout", "over", "out"}  # fmt: skip
PLACE_SUFFIXES = {"Region", "Province", "Oblast", "State", "County", "City", "District", "Territory", "Krai",
                  "Governorate", "Prefecture", "Republic", "Island", "Islands"}  # fmt: skip
# A company's legal form: "Alcan Aluminium Ltd" is called "Alcan Aluminium" and "Alcan" in its own story.
LEGAL_FORMS = {
    "Ltd", "Limited", "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "Plc", "PLC", "LLC", "AG",
    "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA", "Bhd", "Pty", "BV", "AB", "ASA", "Oyj",
}  # fmt: skip
LEGAL_FORMS_LOWER = {form.lower() for form in LEGAL_FORMS}  # 'Columbia Gas Transmission corp'
HONORIFIC_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?[ ]+")
# A title the entity model left at the front of a person's name: 'First Lady Melania Trump',
# 'Commissioner John Sanders', 'District Attorney Murray'.
LEADING_TITLES = frozenset(TITLE_WORDS) | {
    "lady", "commissioner", "attorney", "agent", "detective", "sheriff", "sgt", "lt", "col", "capt", "rev",
    "daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "widow",  # 'Daughter Ivanka Trump'
}  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"}
# Nouns that say the name right after them is an organization's, whatever the entity model tagged.
NAMED_ORGANIZATION_NOUNS = {
    "paper", "newspaper", "daily", "weekly", "magazine", "journal", "agency", "broadcaster", "website",
    "firm", "company", "bank", "brokerage", "party",
}  # fmt: skip
LAW_NAME_ENDINGS = {"Law", "Act", "Code", "Treaty", "Accord", "Accords", "Constitution", "Amendment", "Bill"}
ACRONYM_STOPWORDS = {"of", "the", "and", "for", "'s", "’s", "de", "du", "la", "&"}


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive: 'the KCNA's' → 'KCNA'; and the angle
    brackets Reuters puts round a company's name ('<Cleveland Consulting Associates Inc>')."""
    while end > start and text[end - 1] in "<>":
        end -= 1
    while start < end and text[start] in "<>":
        start += 1
    segment = text[start:end]
    for prefix in ("the ", "The ", "THE "):
        if segment.startswith(prefix):
            start += len(prefix)
            segment = segment[len(prefix) :]
    for suffix in ("'s", "’s", "'", "’"):
        if segment.endswith(suffix) and len(segment) > len(suffix):
            end -= len(suffix)
            segment = segment[: -len(suffix)]
    return start, end


def _without_leading_titles(text: str, start: int, end: int) -> int:
    """The start of a person's name past the titles in front of it, keeping at least one word."""
    while True:
        match = re.match(r"(\S+)\s+(?=\S)", text[start:end])
        if match is None or match.group(1).rstrip(".").lower() not in LEADING_TITLES:
            return start
        start += match.end()


def _short_names(text: str, candidates: list[_Candidate], known: dict[str, str]) -> dict[str, str]:
    """Short names of an organization the article names in full, without the parentheses that
    would define them: its initials ('The SOMC' after 'the Shadow Open Market Committee') and its
    last word ('the Committee'), each only when exactly one organization of the article has it."""
    names = list(dict.fromkeys(" ".join(text[c.start : c.end].split()) for c in candidates if c.label == "ORG"))
    full = [n for n in names if len(n.split()) > 1]
    found: dict[str, str] = {}
    for short in names:
        if short in known or len(short.split()) > 1:
            continue
        if short.isupper() and 2 <= len(short) <= 6:
            owners = [n for n in full if initials(n).upper() == short]
        elif short[:1].isupper() and short.lower() in ORG_NAME_ENDINGS:
            owners = [n for n in full if n.split()[-1] == short]
        else:
            continue
        if len(owners) == 1:
            found[short] = owners[0]
    return found


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_STOPWORDS]
    return "".join(w[0] for w in words if w[0].isupper())


@dataclass
class _Candidate:
    start: int
    end: int
    label: str
    token: Any  # the root token of the mention in the doc


_ROLE_OF = re.compile(r"\b([A-Za-z-]+)\s+(?:of|to)\s+(?:the\s+)?$")


def _common_plural(text: str, surface: str, opens_sentence: bool) -> bool:
    """Whether a tagged name is a plural common noun, capitalized only where it stands ('Bankers
    said' opening a sentence; 'U.S. Banks' in wire copy that capitalizes the word after 'U.S.'): the
    story uses the word in lower case too, outside a web address, and the name opens its sentence
    or has only a country's name before it ('The Times said' keeps its name where a story says
    'three times')."""
    words = surface.split()
    last = words[-1]
    if len(last) < 4 or not last[0].isupper() or not last[1:].islower() or not last.endswith("s"):
        return False
    before = " ".join(words[:-1])
    if before and before not in country_aliases() and before not in countries():
        return False
    if not before and not opens_sentence:
        return False
    return re.search(rf"(?<![\w./-]){re.escape(last.lower())}(?![\w/-]|\.\w)", text) is not None


def _country_then_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """'President of Equatorial Guinea Obiang Nguema Mbasogo', 'President of Burkina Faso Blaise
    Compaore', 'Ambassador to the DPRK Le Quang Ba' (KCNA's order: role, 'of' or 'to', country,
    name), tagged as one name: (end of the country, start of the person's name), or None. Only
    after a role word and 'of' or 'to', and only when two to five capitalized words follow the
    country that do not end as an organization's name does."""
    role = _ROLE_OF.search(text, max(0, start - 40), start)
    if role is None or role.group(1).lower() not in ROLE_WORDS:
        return None
    surface = text[start:end]
    for country in _countries_longest_first():
        if surface.startswith(country + " "):
            rest = surface[len(country) + 1 :]
            words = rest.split()
            if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not _organization_name(rest):
                return start + len(country), start + len(country) + 1
            return None
    return None


_HYPHENED_NAME = re.compile(r"(?:[A-Z][\w.]*-)+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){1,4}")
_HYPHENED_START = re.compile(r"(?:[A-Z][\w.]*-)+$")


def _hyphened_organizations(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """'The Switzerland-Korea Committee', 'the Czech-Korean Friendship Association': names joined
    by a hyphen, which the parser tags as a country ('Switzerland', 'Czech') or as the part after
    the hyphen ('Korea Committee'), are one organization when the capitalized words after the
    hyphen end as organizations' names do. Candidates inside such a name give way to it."""
    found: list[tuple[int, int, Any]] = []
    for cand in candidates:
        if cand.label not in {"GPE", "NORP", "ORG", "LOC"}:
            continue
        start = cand.start
        before = _HYPHENED_START.search(text, max(0, start - 60), start)
        if before is not None:
            start = before.start()
        if found and start < found[-1][1]:
            continue
        match = _HYPHENED_NAME.match(text, start)
        if match is None:
            continue
        words = list(re.finditer(r"\S+", match.group()))
        ends = [w for w in words[1:] if w.group().rstrip(".,").lower() in ORG_NAME_ENDINGS]
        if not ends:
            continue
        end = start + ends[-1].end()
        end = max([end] + [c.end for c in candidates if c.label == "ORG" and start <= c.start < end])
        found.append((start, end, cand.token))
    if not found:
        return candidates
    kept = [c for c in candidates if not any(s <= c.start < e or c.start <= s < c.end for s, e, _ in found)]
    kept.extend(_Candidate(s, e, "ORG", token) for s, e, token in found)
    kept.sort(key=lambda c: c.start)
    return kept


# 'General Association of Koreans', a name that ends with a people: its 'in China' after it is part
# of the name (an association of a people living abroad), not where it acted.
_OF_A_PEOPLE = re.compile(r"\bof\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:ans|ese|nos|ks|bs)$")  # not 'of Texas'

_IN_PLACE = re.compile(r"[ \t]+in[ \t]+")


def _joined_with_next(
    candidates: list[_Candidate], joins: Callable[[_Candidate, _Candidate], _Candidate | None]
) -> list[_Candidate]:
    """Each candidate and the one after it made one where ``joins`` gives their joined candidate."""
    merged: list[_Candidate] = []
    k = 0
    while k < len(candidates):
        joined = joins(candidates[k], candidates[k + 1]) if k + 1 < len(candidates) else None
        merged.append(joined or candidates[k])
        k += 2 if joined else 1
    return merged


def _organizations_abroad(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """'The General Association of Koreans in China', tagged as an organization and a country: one
    organization, when the organization's name ends with a people and 'in' and the country follow."""

    def joins(cand: _Candidate, following: _Candidate) -> _Candidate | None:
        link = _IN_PLACE.match(text, cand.end)
        if (
            cand.label == "ORG"
            and following.label == "GPE"
            and link is not None
            and link.end() == following.start
            and _OF_A_PEOPLE.search(text, cand.start, cand.end)
        ):
            return _Candidate(cand.start, following.end, "ORG", cand.token)
        return None

    return _joined_with_next(candidates, joins)


# The last word of an organization's name that a purpose or a domain may follow ('the British
# Association for the Study of Songun Policy', 'the Council for Foreign Relations').
PURPOSE_NAME_ENDINGS = ORG_NAME_ENDINGS | word_set(
    "council society center centre union movement front headquarters group"
)
_PURPOSE = re.compile(
    r"[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|the|and|for|on|in|to)[ \t]+)*[A-Z][\w'’-]*)*"
)
# Words that end such a purpose: a date after the name is when the body acted ('... Policy on Dec. 30').
_DATE_WORDS = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$|(?:January|February|March|April|June|July|"
    r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)
_CONNECTORS = word_set("of the and for on in to")


_PARTNER_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)[ \t\n]+(?:and|&)[ \t\n]+$")


def _partners_named(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """'Saatchi and Saatchi Co Plc', 'Smith and Wesson Inc', where the entity model tagged only the
    part after 'and': a company's name with its legal form takes in the capitalized word and the
    'and' before it, when nothing tagged that word (in 'Ford and General Motors Corp' the model
    tags Ford, another company); a tag of the word alone gives way when the name repeats it
    ('Saatchi and Saatchi', 'Johnson and Johnson')."""
    out: list[_Candidate] = []
    for cand in candidates:
        words = text[cand.start : cand.end].split()
        before = _PARTNER_BEFORE.search(text, max(0, cand.start - 40), cand.start)
        if cand.label != "ORG" or len(words) < 2 or words[-1] not in LEGAL_FORMS or before is None:
            out.append(cand)
            continue
        tagged = [c for c in out if c.start <= before.start(1) < c.end]
        repeated = [c for c in tagged if text[c.start : c.end] == before.group(1) == words[0]]
        if tagged and tagged != repeated:
            out.append(cand)
            continue
        out = [c for c in out if c not in repeated]
        out.append(_Candidate(before.start(1), cand.end, cand.label, cand.token))
    return out


def _acronyms_one_type(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """ "China Shipbuilding Corp (CSBC)" then "CSBC's first joint production venture" tagged a
    person: an acronym the model tagged an organization anywhere in the article is one everywhere."""
    organizations = {text[c.start : c.end] for c in candidates if c.label == "ORG"}
    return [
        _Candidate(c.start, c.end, "ORG", c.token)
        if c.label == "PERSON" and text[c.start : c.end].isupper() and text[c.start : c.end] in organizations
        else c
        for c in candidates
    ]


def _purposes_named(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """'The British Association for the Study of Songun Policy', which the entity model cut after
    'Association': an organization's name ending as only bodies' names do ('Association',
    'Committee', 'Council') goes on through 'for' or 'of' and the capitalized words after it, up to a
    date; a place the model tagged inside it ('... Reunification of Korea') is part of the name."""
    extended: list[_Candidate] = []
    swallowed_until = -1
    for cand in candidates:
        if cand.start < swallowed_until:
            continue
        words = text[cand.start : cand.end].split()
        follow = _PURPOSE.match(text, cand.end) if cand.label == "ORG" and words else None
        if follow is None or words[-1].lower() not in PURPOSE_NAME_ENDINGS:
            extended.append(cand)
            continue
        kept: list[re.Match[str]] = []
        for word in re.finditer(r"\S+", text[cand.end : follow.end()]):
            if _DATE_WORDS.match(word.group()):
                break
            if kept and kept[-1].group() == "and" and word.group() == "the":
                kept.pop()  # '... Songun Policy and the British Group for ...': the next body
                break
            kept.append(word)
        while kept and kept[-1].group() in _CONNECTORS:  # '... Policy on' before a date
            kept.pop()
        if len(kept) < 2:  # 'for' alone
            extended.append(cand)
            continue
        end = cand.end + kept[-1].end()
        extended.append(_Candidate(cand.start, end, "ORG", cand.token))
        swallowed_until = end
    return extended


_BODY_WORD_BEFORE_PURPOSE = re.compile(r"\b[A-Z][a-z]+(?=[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z])")
_LEADING_ARTICLES = word_set("the a an its their")


def _bodies_untagged(article: Article, candidates: list[_Candidate]) -> list[_Candidate]:
    """'The South Headquarters of the Pan-national Alliance for Korea's Reunification', where the
    entity model tagged 'Pan-national' and 'Reunification (Pomminryon' and nothing before them:
    capitalized words ending in a body's word ('Headquarters', 'Alliance') before 'of' or 'for' and
    another capitalized word start an organization's name, which ``_purposes_named`` carries on."""
    text, doc, shift = article.text, article.doc, article.body_start
    found = list(candidates)
    for match in _BODY_WORD_BEFORE_PURPOSE.finditer(text, shift):
        if match.group().lower() not in PURPOSE_NAME_ENDINGS:
            continue
        base = max(shift, match.start() - 120)
        start = match.start()
        for word in reversed(list(re.finditer(r"\S+", text[base : match.start()]))):
            if not word.group()[:1].isupper() or not word.group().isalpha() or text[base + word.end()] == "\n":
                break  # the name's capitalized words, on its own line
            start = base + word.start()
        while (lead := re.match(r"(\S+)[ \t]+", text[start : match.start()])) and lead[1].lower() in _LEADING_ARTICLES:
            start += lead.end()
        if start == match.start() and text[max(shift, start - 4) : start] != "the ":
            continue  # the body's word alone opening a sentence: 'Committee of ...' may be a description
        end = match.end()
        if any(c.start <= start and end <= c.end and c.label == "ORG" for c in found):
            continue  # tagged already
        tokens = token_index(doc).starting_within(start - shift, end - shift)
        if not len(tokens):
            continue
        found = [c for c in found if c.end <= start or end <= c.start]  # 'South Headquarters' tagged PERSON
        found.append(_Candidate(start, end, "ORG", doc[tokens[-1]]))
    return sorted(found, key=lambda c: c.start)


# A paper's name right after its noun ('Vietnamese Paper Quan Doi Nhan Dan on April 14 carried'); a
# capitalized 'Daily' or 'Journal' is a name's own word ('The Daily Telegraph').
_OUTLET_NAMED_AFTER = re.compile(r"\b(?:(?:[Nn]ews)?[Pp]aper|daily|weekly|magazine|journal)(?=[ \t]+[A-Z])")
_CAPITALIZED_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
_ISSUE_NUMBER = re.compile(r"(?:No|Vol)\.[ \t]*\d")


def _outlets_untagged(article: Article, candidates: list[_Candidate]) -> list[_Candidate]:
    """'Vietnamese Paper Quan Doi Nhan Dan on April 14 carried an article', where the entity model
    tagged nothing after 'Paper': the capitalized words right after a paper's noun, up to a date, are
    the paper's name, unless the model tagged any of them (it knows better where a name it saw ends)."""
    text, doc, shift = article.text, article.doc, article.body_start
    found = list(candidates)
    for match in _OUTLET_NAMED_AFTER.finditer(text, shift):
        end = match.end()
        words: list[re.Match[str]] = []
        while (word := _CAPITALIZED_WORD.match(text, end)) is not None and len(words) < 6:
            if _DATE_WORDS.match(word[1]) or word[1] in {"The", "A", "An"} or _ISSUE_NUMBER.match(text, word.start(1)):
                break  # 'the newspaper Zarya No. 12': an issue's number is no part of the name
            words.append(word)
            end = word.end()
        if not words:
            continue
        start = words[0].start(1)
        if any(c.start < end and start < c.end for c in found):
            continue
        tokens = token_index(doc).starting_within(start - shift, end - shift)
        if not len(tokens):
            continue
        found.append(_Candidate(start, end, "ORG", doc[tokens[-1]]))
    return sorted(found, key=lambda c: c.start)


_ACRONYM_DEFINED = re.compile(r"\((?P<acr>[A-Z][A-Z&]{1,8})\)")


def _acronyms_expanded(article: Article, candidates: list[_Candidate]) -> list[_Candidate]:
    """'The council of the\nAustralian Petroleum Exploration Association (APEA)', where the entity
    model tagged nothing (the line break): capitalized words whose initials spell the acronym in
    parentheses right after them are an organization's name; what the model tagged inside them
    ('Australian') is part of it."""
    text, doc, shift = article.text, article.doc, article.body_start
    found = list(candidates)
    for defined in _ACRONYM_DEFINED.finditer(text, shift):
        acronym = defined["acr"].replace("&", "")
        end = len(text[: defined.start()].rstrip())
        offset = max(shift, end - 200)
        words = list(re.finditer(r"\S+", text[offset:end]))
        for n in range(len(acronym), min(len(words), 2 * len(acronym)) + 1):
            first = words[-n].group()
            start = offset + words[-n].start()
            if not first[:1].isupper() or first.lower() in ACRONYM_STOPWORDS:
                continue
            if not text[end - 1].isalnum() or initials(text[start:end]).upper() != acronym.upper():
                continue
            if any(c.start <= start and end <= c.end for c in found):
                break  # tagged already
            tokens = token_index(doc).starting_within(start - shift, end - shift)
            if not len(tokens):
                break
            found = [c for c in found if not (start <= c.start and c.end <= end)]
            found.append(_Candidate(start, end, "ORG", doc[tokens[-1]]))
            break
    return sorted(found, key=lambda c: c.start)


# Words of a state's body that names no state of its own: 'Foreign Ministry', 'Defense Department'.
GENERIC_BODY_WORDS = word_set(
    "foreign defense defence interior finance justice trade economy health education culture agriculture "
    "home external affairs security public national central state federal supreme general political "
    "ministry department office army navy air force forces parliament government cabinet embassy court "
    "police assembly council committee bank commission service"
)


def _bodies_of_a_state(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """'Iran's Foreign Ministry' and 'Turkey's Foreign Ministry', each tagged as a country and a
    'Foreign Ministry': two bodies, named with their state, not one 'Foreign Ministry' for both."""

    def joins(cand: _Candidate, following: _Candidate) -> _Candidate | None:
        if (
            cand.label == "GPE"
            and following.label == "ORG"
            and text[cand.end : following.start] in {"'s ", "’s "}
            and all(w.lower() in GENERIC_BODY_WORDS for w in text[following.start : following.end].split())
        ):
            return _Candidate(cand.start, following.end, "ORG", following.token)
        return None

    return _joined_with_next(candidates, joins)


@lru_cache(maxsize=1)
def _countries_longest_first() -> tuple[str, ...]:
    return tuple(sorted({*countries(), *country_aliases()}, key=len, reverse=True))


class EntityTable:
    """Builds entities; keyed by (type, canonical name) so repeated names merge."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.by_key: dict[tuple[str, str], Entity] = {}
        self.alias_index: dict[str, Entity] = {}
        for entity in article.entities:  # e.g. the agency found in the dateline
            self.by_key[(entity.type, entity.name)] = entity
            self._index(entity, entity.name)
            for mention in entity.mentions:
                self._index(entity, mention.span.text)

    def _index(self, entity: Entity, alias: str) -> None:
        self.alias_index.setdefault(alias.lower(), entity)

    def add(self, name: str, etype: str, span: Span, kind: str) -> Entity:
        # Names are read with their whitespace collapsed: a name wrapped across lines ('James\nMiller')
        # is the same name.
        name = " ".join(name.split())
        said = " ".join(span.text.split())
        entity = self.alias_index.get(name.lower()) or self.alias_index.get(said.lower())
        if entity is None or (entity.type != etype and {entity.type, etype} != {"GPE", "LOC"}):
            entity = self.by_key.get((etype, name))
        if entity is None:
            entity = Entity(id="", name=name, type=etype)
            self.by_key[(etype, name)] = entity
            self._index(entity, name)
        if not any(m.span == span for m in entity.mentions):
            entity.mentions.append(Mention(span, kind))
        is_new_alias = said.lower() != entity.name.lower() and said not in entity.aliases
        if is_new_alias and kind in {"name", "acronym", "alias"}:
            entity.aliases.append(said)
        self._index(entity, said)
        return entity

    def entities(self) -> list[Entity]:
        found = [e for e in self.by_key.values() if e.mentions]
        found.sort(key=lambda e: min(m.span.start for m in e.mentions))
        for number, entity in enumerate(found, 1):
            entity.id = f"e{number}"
        return found


def _extend_name_left(doc: Any, first: Any, ent: Any) -> Any:
    """'Dmitry Peskov' when the parser tagged only 'Peskov', 'O Jae Se' when it tagged 'Jae Se': take
    capitalized name parts that modify the name, but not titles ('President Putin'), acronyms or
    words of another entity."""
    while first.i > 0:
        previous = doc[first.i - 1]
        if (
            previous.text.isupper()
            and len(previous.text) == 1
            and previous.text not in {"I", "A"}
            and previous.whitespace_
        ):
            first = previous  # 'O Jae Se': the Korean surname O, which the parser reads as an interjection
            break
        if (
            previous.pos_ == "PROPN"
            and previous.dep_ == "compound"
            and ent.start <= previous.head.i < ent.end
            and previous.text[:1].isupper()
            and previous.text.isalpha()
            and not previous.text.isupper()
            and previous.lower_ not in TITLE_WORDS
            and not previous.ent_type_
        ):
            first = previous
        else:
            break
    return first


def company_short_forms(names: list[str], reserved: set[str]) -> dict[str, str]:
    """Short forms of the companies an article names with their legal form, each mapped to the
    full name: without the legal form ("Alcan Aluminium" for "Alcan Aluminium Ltd") and its first
    word ("Alcan"), when exactly one such company has that short form and the form is not a place,
    a people, an agency or another known name (no "China" for "China National Petroleum Corp")."""
    owners: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) < 2 or words[-1].rstrip(",") not in LEGAL_FORMS:
            continue
        stem = list(words)
        while stem and stem[-1].rstrip(",") in LEGAL_FORMS:  # "Ltd", "Co Ltd", "Inc,"
            stem.pop()
        if stem:
            stem[-1] = stem[-1].rstrip(",")
        forms = {" ".join(stem)}
        if len(stem) >= 2 and len(stem[0]) >= 3 and stem[0][0].isupper() and stem[0].isalpha():
            forms.add(stem[0])
        for form in forms:
            if form and form != name and form not in reserved:
                owners.setdefault(form, set()).add(name)
    return {form: next(iter(full)) for form, full in owners.items() if len(full) == 1}


def _speaking_name(ent: Any) -> bool:
    """Two or three capitalized proper nouns, the subject of a verb of saying: a person's name,
    whatever the parser tagged it ('Makayla Pye said', tagged a work of art)."""
    root = ent.root
    return (
        2 <= len(ent) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() for t in ent)
        and root.dep_ == "nsubj"
        and root.head.lemma_ in SPEECH_VERBS
    )


def _is_locative(token: Any) -> bool:
    head = token
    while head.dep_ in {"compound", "conj", "cc", "appos"} and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _titled_person(ent: Any) -> bool:
    """A name set beside a person's title or profession in apposition ('Jean-Marc Vernes, president
    of ...', 'Francesca Cotrufo, a soil ecologist at ...') is a person's, unless a word of it names a
    body ('Commission')."""
    if any(t.lower_ in ORG_WORDS or t.lower_ in ORG_NAME_ENDINGS for t in ent):
        return False
    return any(c.dep_ == "appos" and is_profession(c) for c in ent.root.children)


def _organization_name(surface: str) -> bool:
    """A name of two words or more that ends as only organizations' names do ('... Foundation')."""
    words = surface.split()
    return len(words) > 1 and words[-1].lower() in ORG_NAME_ENDINGS


def _surname_of(surface: str, people: list[str]) -> bool:
    """One capitalized word that ends a longer person name of the article (the name may be wrapped
    over two lines: 'Taher\nKan'an'; the surname may drop its article: 'al-Oteiba', 'Oteiba'), or
    the last words of one, all capitalized ('O’Malley Dillon' of 'Jennifer O’Malley Dillon', tagged
    ORG)."""
    words = surface.split()
    if len(words) == 1:
        return any(is_surname_of(surface, p) for p in people)
    return all(w[:1].isupper() for w in words) and any(
        len(p.split()) > len(words) and p.split()[-len(words) :] == words for p in people
    )


def _person_key(name: str, people: list[str]) -> str:
    """Merge 'Kim' or 'Putin' into the longest person name that contains it as a word; not when the
    longer names are two people ('Trump' where the article names Donald Trump and Melania Trump):
    then it stays its own, unmerged name."""
    words = name.lower().split()  # 'De Blasio' opening a sentence is Bill de Blasio's surname
    longer = []
    for other in dict.fromkeys(" ".join(p.split()) for p in people):
        other_words = other.split()
        lowered = [w.lower() for w in other_words]
        contains = lowered[: len(words)] == words or any(
            [w.lower() for w in form[-len(words) :]] == words for form in name_forms(other_words)
        )
        if len(other_words) > len(words) and contains:
            longer.append(other_words)
    if not longer:
        return name
    best = max(longer, key=len)
    if not all(_same_person(best, other) for other in longer):
        return name  # two different people share the word
    return " ".join(best)


def _same_person(longest: list[str], other: list[str]) -> bool:
    """'Donald J. Trump' and 'Donald Trump' (same first and last word, or one inside the other at
    an end) name one person; 'Melania Trump' and 'Donald Trump' two."""
    nested = longest[-len(other) :] == other or longest[: len(other)] == other
    return nested or (longest[0] == other[0] and longest[-1] == other[-1])


class EntityStage(Stage):
    name = "entities.v1"
    requires = ("text", "body_start", "doc", "dateline", "entities")
    assigns = ("entities",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        doc = article.doc
        text = article.text
        table = EntityTable(article)
        if article.dateline and article.dateline.place and article.dateline.place_span:
            # The first part of the place names the city: "RICHMOND" of "RICHMOND, Va.".
            place = re.split(r"\s*,", article.dateline.place_span.text)[0]
            start = article.dateline.place_span.start
            table.add(article.dateline.place.split(",")[0], "GPE", article.span(start, start + len(place)), "dateline")

        candidates: list[_Candidate] = []
        for ent in doc.ents:
            label = ent.label_
            if label == "WORK_OF_ART" and _speaking_name(ent):
                label = "PERSON"  # '"...," Makayla Pye said': a work of art does not say things
            if label == "ORG" and ent[-1].text in LAW_NAME_ENDINGS and not _organization_name(ent.text):
                continue  # 'the "National Security Law"' tagged ORG: a law, which says nothing itself
            if label not in ENTITY_LABELS:
                # 'the Shadow Open Market Committee' tagged LAW: a name that ends as only
                # organizations' names do is an organization's
                if not _organization_name(" ".join(t.text for t in ent if t.lower_ != "the")):
                    continue
                label = "ORG"
            first, last = ent[0], ent[-1]
            if len(ent) == 1 and first.pos_ == "NOUN" and first.tag_ in {"NN", "NNS"} and first.is_sent_start:
                continue  # 'Arbitragers said ...': a common noun, capitalized only as the sentence's first word
            blanked = next((t for t in ent if t.is_space and len(t.text) >= BLANKED_SPACES), None)
            if blanked is not None:
                # a name run into a stretch the reading view blanked (a pop-up card): it ends there
                if blanked.i == first.i:
                    continue
                last = doc[blanked.i - 1]
            while (
                last.i > first.i
                and last.text.isalpha()
                and last.text.islower()
                and last.text not in LEGAL_FORMS_LOWER
                and doc[last.i - 1].whitespace_  # not the 'un' of 'Kim Jong-un'
            ):
                last = doc[last.i - 1]  # 'MTI news' of 'the MTI news agency': the name is MTI
            if (
                last.i > first.i
                and last.text in {"No", "Vol"}
                and last.i + 2 < len(doc)
                and doc[last.i + 1].text == "."
                and doc[last.i + 2].like_num
            ):
                last = doc[last.i - 1]  # 'the Russian newspaper Patriot No. 32': the number of an issue
            if ent.label_ == "PERSON":
                first = _extend_name_left(doc, first, ent)
            else:
                while first.i < last.i and first.text.isalpha() and first.text.islower():
                    first = doc[first.i + 1]  # 'the state Department of Finance': the name is capitalized
            before = doc[first.i - 1] if first.i > 0 else None
            if before is not None and before.pos_ == "NOUN" and before.lower_ in NAMED_ORGANIZATION_NOUNS:
                label = "ORG"  # 'The Russian paper Nakhodkinski Rabochi' (tagged FAC), 'the firm Jardine Fleming'
            elif label == "ORG" and _titled_person(ent):
                label = "PERSON"  # 'Jean-Marc Vernes, president of French sugar producer Beghin-Say' (tagged ORG)
            span = token_span(article, first, last)
            start, end = _strip_span(text, span.start, span.end)
            if ent.label_ == "PERSON":
                honorific = HONORIFIC_RE.match(text, start, end)
                if honorific and honorific.end() < end:
                    start = honorific.end()  # 'Mr Howard' is a mention of Howard
                start = _without_leading_titles(text, start, end)
            surface = text[start:end]
            if not surface or not any(c.isupper() for c in surface) or surface[0].islower():
                continue  # "pinnacle" tagged ORG: real names are capitalized
            opens = first.is_sent_start or (
                first.i > 0 and (doc[first.i - 1].is_space or "\n" in doc[first.i - 1].text_with_ws)
            )
            if label in {"ORG", "PERSON", "GPE"} and _common_plural(text, surface, opens):
                continue  # 'Bankers said', 'Other U.S. Banks have warned' where the story says 'bankers'
            split = _country_then_name(text, start, end)
            if split is not None:
                # 'President of Equatorial Guinea Obiang Nguema Mbasogo', tagged as one name
                candidates.append(_Candidate(start, split[0], "GPE", ent.root))
                candidates.append(_Candidate(split[1], end, "PERSON", ent.root))
                continue
            candidates.append(_Candidate(start, end, label, ent.root))

        candidates = _hyphened_organizations(text, candidates)
        candidates = _partners_named(text, candidates)
        candidates = _bodies_untagged(article, candidates)
        candidates = _outlets_untagged(article, candidates)
        candidates = _purposes_named(text, candidates)
        candidates = _acronyms_expanded(article, candidates)
        candidates = _organizations_abroad(text, candidates)
        candidates = _bodies_of_a_state(text, candidates)

        # Acronyms defined in parentheses right after their expansion.
        acronyms: dict[str, str] = {}
        for cand in candidates:
            surface = text[cand.start : cand.end]
            after = re.match(r"\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)", text[cand.end : cand.end + 16])
            if after and initials(surface).upper() == after["acr"].upper().replace("&", ""):
                acronyms[after["acr"]] = surface
        acronyms.update(_short_names(text, candidates, acronyms))

        candidates = _acronyms_one_type(text, candidates)
        people = [
            text[c.start : c.end]
            for c in candidates
            if c.label == "PERSON" and not _organization_name(text[c.start : c.end])
        ]
        agency_table, capital_table, demonym_table, alias_table = agencies(), capitals(), demonyms(), country_aliases()
        country_names = countries()
        known_types = entity_types()
        reserved = {*agency_table, *capital_table, *demonym_table, *alias_table, *country_names, *known_types}
        if article.dateline and article.dateline.place:  # "NORFOLK, Va." is no short form of Norfolk Southern
            reserved.add(article.dateline.place.split(",")[0].strip().title())
        short_forms = company_short_forms(
            [" ".join(text[c.start : c.end].split()) for c in candidates if c.label == "ORG"], reserved
        )

        for cand in candidates:
            surface = text[cand.start : cand.end]
            span = article.span(cand.start, cand.end)
            label = cand.label
            if surface in acronyms:
                table.add(acronyms[surface], "ORG", span, "acronym")
            elif surface in agency_table and label in {"ORG", "PERSON", "GPE", "NORP"}:
                name = agency_table[surface]
                table.add(name, "ORG", span, "name" if name == surface else "acronym")
            elif surface in alias_table:
                table.add(alias_table[surface], "GPE", span, "alias")
            elif known_types.get(surface) == "ORG" and label in {"ORG", "PERSON", "GPE", "NORP"}:
                table.add(surface, "ORG", span, "name")  # a newspaper or network the model calls a person
            elif known_types.get(surface) == "MISC":
                continue  # 'COVID-19' tagged PERSON or ORG: not an actor
            elif surface in capital_table and label in {"GPE", "LOC", "ORG"}:
                if cand.token.dep_ in {"nsubj", "nsubjpass", "poss"} and _surname_of(surface, people):
                    # 'Washington stressed that ...' where the article names George Washington: him
                    table.add(_person_key(surface, people), "PERSON", span, "name")
                elif _is_locative(cand.token):
                    table.add(surface, "GPE", span, "name")
                else:
                    table.add(capital_table[surface], "GPE", span, "metonym")
            elif surface in demonym_table and label in {"NORP", "GPE"}:
                table.add(demonym_table[surface], "GPE", span, "demonym")
            elif (
                (company := short_forms.get(" ".join(surface.split())))
                and not _surname_of(surface, people)
                and not _is_locative(cand.token)
            ):
                # 'Alcan' (tagged GPE) in a story that names Alcan Aluminium Ltd
                table.add(company, "ORG", span, "alias")
            elif label == "PERSON" and surface in country_names and not _surname_of(surface, people):
                # "Jordan's own development plan" tagged PERSON: the country, unless someone here is a Jordan
                table.add(surface, "GPE", span, "name")
            elif label == "PERSON" and _organization_name(surface):
                table.add(" ".join(surface.split()), "ORG", span, "name")  # 'Peter G. Peterson Foundation'
            elif label == "PERSON" or (
                label in {"ORG", "GPE", "LOC", "NORP"} and _surname_of(surface, people) and surface not in reserved
            ):
                # 'Wells' tagged ORG, "Kan'an" tagged GPE, 'Paese' tagged NORP, where the article names
                # Barbara Wells, Taher Kan'an or Michael Paese: the person's surname
                table.add(_person_key(surface, people), "PERSON", span, "name")
            elif label == "NORP":
                table.add(surface, "NORP", span, "name")
            elif label in {"GPE", "LOC"} or surface in country_names:
                # Administrative units ("Kursk Region") are GPEs even when the parser says LOC.
                is_gpe = label == "GPE" or surface in country_names or surface.split()[-1] in PLACE_SUFFIXES
                table.add(surface, "GPE" if is_gpe else "LOC", span, "name")
            else:
                table.add(surface, label, span, "name")

        self._find_known_names(article, table)
        self._merge_place_stems(table)
        self._index_surnames(table)
        self._find_more_mentions(article, table)
        article.entities = table.entities()
        _assign_roles(article)

    @staticmethod
    def _find_known_names(article: Article, table: EntityTable) -> None:
        """Newspapers and agencies the parser did not tag at all ('Minju Joson in a bylined
        commentary says'): their names, written as listed, become mentions of those organizations."""
        pattern = _known_names_pattern()
        text = article.text
        taken = TakenRanges(len(text), [(m.span.start, m.span.end) for e in table.by_key.values() for m in e.mentions])
        for match in pattern.finditer(text, article.body_start):
            if taken.overlaps(match.start(), match.end()):
                continue
            name = agency_name(match.group()) if match.group() in agencies() else match.group()
            table.add(name, "ORG", article.span(match.start(), match.end()), "name")
            taken.add(match.start(), match.end())

    @staticmethod
    def _merge_place_stems(table: EntityTable) -> None:
        """'Kursk Region' also answers to 'Kursk'."""
        for entity in list(table.by_key.values()):
            words = entity.name.split()
            if entity.type in {"GPE", "LOC"} and len(words) >= 2 and words[-1] in PLACE_SUFFIXES:
                table._index(entity, " ".join(words[:-1]))

    @staticmethod
    def _index_surnames(table: EntityTable) -> None:
        """'Dermot Mannion' also answers to 'Mannion', unless two people share the surname."""
        owners: dict[str, list[Entity]] = {}
        for entity in table.by_key.values():
            words = entity.name.split()
            if entity.type == "PERSON" and len(words) >= 2 and len(words[-1]) > 2 and words[-1][0].isupper():
                owners.setdefault(words[-1], []).append(entity)
        for surname, people in owners.items():
            if len(people) == 1 and surname.lower() not in table.alias_index:
                table._index(people[0], surname)

    @staticmethod
    def _find_more_mentions(article: Article, table: EntityTable) -> None:
        """Search the body for each known surface form the parser did not tag."""
        text = article.text
        taken = TakenRanges(len(text), [(m.span.start, m.span.end) for e in table.by_key.values() for m in e.mentions])
        forms = sorted(table.alias_index.items(), key=lambda kv: -len(kv[0]))
        for form, entity in forms:
            if len(form) < 2 or entity.type == "NORP":
                continue
            for start, end in form_matches(form, text, article.body_start):
                surface = text[start:end]
                if not surface[0].isupper():
                    continue
                if taken.overlaps(start, end):
                    continue
                given = _given_names_before(article, start, entity) if entity.type == "PERSON" else None
                if given is not None:
                    # 'Daughter Ivanka Trump' in a story about Donald Trump: another person of
                    # that surname, whom the entity model did not tag
                    table.add(text[given:end], "PERSON", article.span(given, end), "name")
                    taken.add(given, end)
                    continue
                kind = "acronym" if surface.isupper() and len(surface) <= 6 else "name"
                if entity.type == "GPE" and surface in capitals() and surface != entity.name:
                    kind = "metonym"
                entity.mentions.append(Mention(article.span(start, end), kind))
                taken.add(start, end)


def _given_names_before(article: Article, start: int, person: Entity) -> int | None:
    """Where the given names start that the text puts right before a surname found at ``start``,
    when they are not the known person's ('Ivanka' before 'Trump' where the entity is Donald
    Trump); None when nothing, a title or the person's own given name stands there."""
    doc = article.doc
    at = token_index(doc).first_starting_at_or_after(start - article.body_start)
    if at >= len(doc) or at == 0:
        return None
    own = {w.lower() for w in person.name.split()}
    first = at
    while first > 0:
        token = doc[first - 1]
        if not (token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha()):
            break
        if token.lower_ in LEADING_TITLES | HONORIFICS or token.lower_ in ROLE_WORDS or "\n" in token.whitespace_:
            break
        first -= 1
    if first == at or any(doc[k].lower_ in own for k in range(first, at)):
        return None
    if doc[first].ent_type_ and doc[first].ent_type_ != "PERSON":
        return None
    return doc[first].idx + article.body_start


@lru_cache(maxsize=1)
def _known_names_pattern() -> re.Pattern[str]:
    """Known organization names safe to find by their letters alone: names of several words
    ('Rodong Sinmun', 'Associated Press') and acronyms of three or more capitals ('KCNA', 'AFP'),
    matched case-sensitively as whole words."""
    names = [n for n, t in entity_types().items() if t == "ORG"] + list(agencies())
    safe = {n for n in names if " " in n or (n.isupper() and len(n) >= 3)}
    alternation = "|".join(re.escape(n) for n in sorted(safe, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


@lru_cache(maxsize=65536)
def _form_patterns(form: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A surface form's case-insensitive literal and whole-word patterns, compiled once per process."""
    literal = re.escape(form)
    return re.compile(literal, re.IGNORECASE), re.compile(rf"(?<![\w-]){literal}(?![\w-])", re.IGNORECASE)


def form_matches(form: str, text: str, pos: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole-word, case-insensitive match of ``form`` from ``pos``.

    What ``finditer`` of the whole-word pattern finds, about three times faster: a pattern that
    starts with a look-behind is tried at every position, while the plain literal is searched for
    quickly; each literal hit is then confirmed by the whole-word pattern at that position.
    """
    literal, whole = _form_patterns(form)
    while True:
        hit = literal.search(text, pos)
        if hit is None:
            return
        match = whole.match(text, hit.start())
        if match is None:
            pos = hit.start() + 1
            continue
        yield match.start(), match.end()
        pos = match.end()


class TakenRanges:
    """Character ranges already claimed by a mention, with overlap tests done in C, not by a scan.

    ``overlaps(start, end)`` answers ``any(s < end and start < e for s, e in ranges)`` for a
    non-empty query: a non-empty range marks its characters in a byte array; the odd ones (empty
    or reversed, which mark nothing) are kept in a list and tested as before.
    """

    def __init__(self, size: int, ranges: list[tuple[int, int]]) -> None:
        self.covered = bytearray(size)
        self.odd: list[tuple[int, int]] = []
        for start, end in ranges:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start < 0 or end <= start:
            self.odd.append((start, end))
            return
        if end > len(self.covered):
            self.covered.extend(bytes(end - len(self.covered)))
        self.covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        if start < end and self.covered.find(1, max(start, 0), end) != -1:
            return True
        return any(s < end and start < e for s, e in self.odd)


TITLE_TAGS = frozenset({"NNP", "NN", "JJ", "NNPS"})


def _assign_roles(article: Article) -> None:
    """Titles and descriptions next to a person's name: 'President Vladimir Putin', 'leader Kim Jong
    Un', 'Former U.S. Secretary of State Henry Kissinger' (a title may run over 'of'), and a role in
    apposition: 'Barbara Wells, an attorney for ...'. What a later description ('The former
    secretary', 'The attorney') is resolved by (speakers.py, ``_by_title``)."""
    doc = article.doc
    index = token_index(doc)
    for entity in article.entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            start = mention.span.start - article.body_start
            at = index.starting_at(start)
            if at is None:
                continue
            token = doc[at]
            words: list[str] = []
            i = token.i - 1
            while i >= 0 and doc[i].ent_type_ != "PERSON":
                if doc[i].tag_ in TITLE_TAGS:
                    words.insert(0, doc[i].lower_)
                elif doc[i].lower_ in {"of", "to"} and words and i > 0 and doc[i - 1].tag_ in {"NNP", "NN"}:
                    pass  # 'Secretary of State', 'Ambassador to Japan': the title goes on before it
                elif doc[i].lower_ == "the" and words and i > 0 and doc[i - 1].lower_ in {"of", "to"}:
                    pass  # 'Ambassador to the DPRK Le Quang Ba'
                else:
                    break
                i -= 1
            head = token.head
            if token.dep_ in {"compound"} and head.ent_type_ == "PERSON":
                head = head.head if head.dep_ == "appos" else head
            if head.dep_ != "ROOT" and head.lower_ in TITLE_WORDS:
                words.append(head.lower_)
            name_head = _head_within(doc, start, mention.span.end - article.body_start, token)
            words.extend(c.lemma_.lower() for c in name_head.children if c.dep_ == "appos")
            for word in words:
                if word in ROLE_WORDS and word not in entity.roles:
                    entity.roles.append(word)


def _head_within(doc: Any, start: int, end: int, first: Any) -> Any:
    """The token of [start, end) whose head lies outside it (the name's own head), else ``first``."""
    token = first
    while start <= token.head.idx < end and token.head.i != token.i:  # Token objects are not unique: compare indices
        token = token.head
    return token
