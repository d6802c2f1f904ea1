"""Corpus identities: one identity per person or organization across the stored articles.

Each article's entities are already one per referent inside that article (the entities stage merges
"Donald Trump", "Trump" and "President Trump" there). Across articles they are joined by evidence,
each assignment recorded with its rule:

- ``name``: the same name once titles and honorifics are dropped and spelling is normalized
  ("President Donald Trump" = "Donald Trump"; "Kim Jong-il" = "Kim Jong Il"; "Kim Il Sung" apart).
  A full name the NER typed PERSON in most of its articles is a person's where it typed it
  otherwise too.
- ``alias``: a person's fuller name in one article ("Donald John Trump" beside "Donald Trump": same
  first and last word; a run-on NER name such as "Joe Biden Hillary Clinton" joins nobody); across
  articles, a name with the only middle part the corpus writes it with ("Donald J. Trump",
  "Hillary Rodham Clinton"; never "George W. Bush" with "George Bush", which is also George H. W.
  and George P. Bush) and a rarely written reversed name ("Trump Donald"); an
  organization's acronym bound in one article ("the Korean Central News Agency (KCNA)"), or the
  canonical name of a news agency (``agencies.tsv``).
- ``surname-in-article``: a one-word name ("Trump", typed PERSON or, as the small NER model often
  does, ORG) in an article that names exactly one person of that surname in full is that person.
  Elsewhere a one-word ORG is read as a surname only if the corpus shows the word is one: in at
  least 3 articles, and in at least as many as it appears without such a person, the ORG word sat
  beside exactly one person of that surname named in full (so "Ford" the company stays a company).
- ``surname``: an article that names a person by one word only ("Trump said") is joined to the
  identity with that surname only when the corpus leaves no doubt: at least 90% (and at least 3)
  of the articles where the bare surname could be resolved in the article itself resolved it to
  that identity (or, with no such article, of the articles naming anyone of that surname in full;
  full names count only when written as names: "CLOSE Donald Trump" does not). "Clinton" in a
  corpus of Hillary (57 articles) and Bill (20) stays its own identity, marked ``surname-ambiguous``
  (as does a surname in an article naming two people of that surname): never merge two people
  because they share a surname.

An identity's type is the one most of its mentions carry, corrected where the corpus shows it wrong:
a name that is also an outlet of stored articles ("Politico"), or listed in ``entity_types.tsv``
(social networks, newspapers such as Rodong Sinmun), is not a PERSON.

Identities are rebuilt from the entities table whenever articles were added since the last build
(a few seconds for thousands of articles), so they depend on the stored articles only, never on
the order they came in. An identity's id is a hash of its key, stable across rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import agency_name, entity_types
from ..store import Store, name_key
from .bulk import collector_paused

SURNAME_SHARE = 0.9
SURNAME_MIN_ARTICLES = 3

TITLES = {
    "president", "vice", "former", "sen", "senator", "rep", "representative", "gov", "governor", "mr", "mrs", "ms",
    "miss", "dr", "prof", "sir", "dame", "gen", "general", "secretary", "minister", "prime", "chancellor", "mayor",
    "judge", "justice", "speaker", "leader", "chairman", "chairwoman", "ambassador", "lt", "col", "capt", "sgt",
    "adm", "pope", "king", "queen", "prince", "princess", "rev", "attorney", "first", "lady", "candidate",
    "democratic", "republican", "house", "senate", "majority", "minority", "comrade", "marshal", "premier",
}  # fmt: skip
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# A written full name: 2 to 4 capitalized words (particles and initials allowed), as NER output
# such as "CLOSE Donald Trump" or "Alex Brandon/AP Photo Government Shutdown Trump" is not.
_NAME_WORD = re.compile(r"^(?:[A-Z](?:[A-Za-z'’\-]*[a-z])?\.?|Jr\.?|Sr\.?|II|III|IV|de|da|van|von|bin|al|la|le|del)$")


def is_clean_name(name: str) -> bool:
    """True for a name written as people write names; only those count as evidence for a surname."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


@lru_cache(maxsize=262_144)
def _written(name: str) -> str:
    """A name as written, its spaces normalized (once per distinct name: a corpus repeats them)."""
    return " ".join(name.split())


@lru_cache(maxsize=262_144)
def _is_clean(name: str) -> bool:
    return is_clean_name(_written(name))


def surname_of(key: str) -> str:
    """The last word of a person key that is not a suffix ('donald trump jr' -> 'trump')."""
    words = [w for w in key.split() if w not in SUFFIXES] or key.split()
    return words[-1]


@lru_cache(maxsize=262_144)
def person_key(name: str) -> str | None:
    """A person's name without titles or honorifics: the key names are joined by. Initials stay
    ("George W. Bush", "George H. W. Bush" and "George P. Bush" are three people)."""
    key = name_key(name)
    if not key:
        return None
    words = key.split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    # a word the NER doubled ("Ted Cruz Cruz", a name run into the next mention) is one
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    return " ".join(words)


def _join_name_forms(keys: Counter[str], union: _Union) -> None:
    """Across articles: a name with a middle part joins the same name without it when that is the
    only middle part the corpus writes it with, spelled out or as an initial ("Donald J. Trump",
    "Hillary Rodham Clinton" and "Hillary R. Clinton"; not
    "George W. Bush", whose "George Bush" is also George H. W. and George P. Bush); a rarely
    written reversed name joins the usual order ("Trump Donald": a third as frequent or less)."""
    middles: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = key.split()
        if len(words) >= 3 and words[-1] not in SUFFIXES:
            middles[f"{words[0]} {words[-1]}"].add(key)
    for short, longer in middles.items():
        # "Hillary R. Clinton" and "Hillary Rodham Clinton" are one middle part; W. and H. W. two
        initials = {tuple(w[0] for w in key.split()[1:-1]) for key in longer}
        if short in keys and len(initials) == 1:
            for key in sorted(longer):
                union.union("person:" + short, "person:" + key)
    for key, n in keys.items():
        words = key.split()
        if len(words) == 2:
            reversed_key = f"{words[1]} {words[0]}"
            if keys.get(reversed_key, 0) >= 3 * n:
                union.union("person:" + reversed_key, "person:" + key)


@lru_cache(maxsize=262_144)
def identity_id(key: str) -> str:
    return "id-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class EntityRow:
    article_key: str
    entity_id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int


@dataclass
class Identity:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0

    @property
    def id(self) -> str:
        return identity_id(self.key)


@dataclass(frozen=True)
class Assignment:
    article_key: str
    entity_id: str
    identity: str  # the identity's key
    rule: str
    score: float


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def roots(self) -> dict[str, str]:
        """Every key seen, with its root (for the readers that come after the last union)."""
        return {x: self.find(x) for x in list(self.parent)}

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key wins, so the result does not depend on the order of unions
            low, high = sorted((ra, rb))
            self.parent[high] = low


def is_variant(name: str, alias: str) -> bool:
    """True when ``alias`` is another way of writing the person ``name`` (both person keys): one of
    its words ("Trump", "Donald"), or the same first and last word ("Donald John Trump"). Not
    "Joe Biden" for the NER's run-on "Joe Biden Hillary Clinton"."""
    a, b = name.split(), alias.split()
    if len(b) == 1:
        return b[0] in (a[0], a[-1])
    return a[0] == b[0] and a[-1] == b[-1]


@lru_cache(maxsize=262_144)
def _org_key(name: str) -> str | None:
    """The key of a name that is not a person's: an agency's full name's when it is one."""
    return name_key(agency_name(name)) or name_key(name)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def build_identities(
    rows: Iterable[EntityRow], outlets: Iterable[str] = ()
) -> tuple[dict[str, Identity], list[Assignment]]:
    """Identities and the assignment of every entity to one, from all stored entities."""
    rows = list(rows)
    refs = [(row.article_key, row.entity_id) for row in rows]
    person_keys = [person_key(row.name) for row in rows]
    union = _Union()
    base: dict[tuple[str, str], str] = {}  # (article, entity) -> key before unions
    single: set[tuple[str, str]] = set()  # one-word names that may be a surname
    variants: dict[tuple[str, str], list[str]] = defaultdict(list)  # aliases that name the same referent
    # a full name the NER typed PERSON at least as often as anything else is a person's throughout
    typed_person: Counter[str] = Counter()
    typed_other: Counter[str] = Counter()
    for row, full in zip(rows, person_keys, strict=True):
        if full and " " in full:
            (typed_person if row.type == "PERSON" else typed_other)[full] += 1
    for row, ref, full in zip(rows, refs, person_keys, strict=True):
        if row.type == "PERSON" or (full and " " in full and typed_person[full] >= typed_other[full]):
            key = full
            if key is None:
                continue
            if " " not in key:
                single.add(ref)
                base[ref] = key
                continue
            for alias in row.aliases:
                alias_key = person_key(alias)
                if alias_key and is_variant(key, alias_key):
                    variants[ref].append(alias)
                    if " " in alias_key:
                        union.union("person:" + key, "person:" + alias_key)
            key = "person:" + key
        else:
            key = _org_key(row.name)
            if key is None:
                continue
            if row.type == "ORG" and " " not in key:
                single.add(ref)  # spaCy's small model types many surnames ORG ("Trump said")
            for alias in row.aliases:
                alias_key = name_key(agency_name(alias))
                if alias_key and (_is_acronym(alias) or alias_key != name_key(alias)):
                    variants[ref].append(alias)
                    union.union(key, alias_key)
        base[ref] = key
        union.find(key)
    _join_name_forms(Counter(k.removeprefix("person:") for k in base.values() if k.startswith("person:")), union)
    roots = union.roots()  # no union after this point: each key's root, looked up once

    # full names by surname: in the corpus (articles naming each), and in each article
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    in_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    # who the corpus calls by the bare surname: the people it resolves in articles that name one
    # person of that surname in full ("Trump" there is Donald Trump 65 times, Melania Trump twice)
    # (or that the entities stage merged with one person's full name inside an article)
    called: dict[str, Counter[str]] = defaultdict(Counter)
    for row, ref in zip(rows, refs, strict=True):
        key = base.get(ref)
        if key and key.startswith("person:"):
            root = roots[key]
            surname = surname_of(key.removeprefix("person:"))
            if _is_clean(row.name):
                by_surname[surname][root] += 1  # one entity per article and person
                in_article[(row.article_key, surname)].add(root)
            if row.aliases and any(name_key(alias) == surname for alias in row.aliases):
                called[surname][root] += 1
    for ref in single:
        word = base[ref]
        people = in_article.get((ref[0], word))
        if people and len(people) == 1:
            called[word][next(iter(people))] += 1
    # A bare word the NER typed ORG is a person's surname too where the corpus shows it: in most
    # of the articles with that ORG word that name a person of that surname in full (at least 3)
    org_resolved: Counter[str] = Counter()
    org_alone: Counter[str] = Counter()
    for row, ref in zip(rows, refs, strict=True):
        if row.type == "ORG" and ref in single:
            people = in_article.get((row.article_key, base[ref]))
            if people and len(people) == 1:
                org_resolved[base[ref]] += 1
            elif not people:
                org_alone[base[ref]] += 1
    assignments: list[Assignment] = []
    assigned_rows: list[EntityRow] = []
    for row, ref in zip(rows, refs, strict=True):
        key = base.get(ref)
        if key is None:
            continue
        assigned_rows.append(row)
        if ref in single:
            evidence = called.get(key) or by_surname.get(key)
            surname_too = org_resolved[key] >= SURNAME_MIN_ARTICLES and org_resolved[key] >= org_alone[key]
            as_person = "PERSON" if row.type == "ORG" and surname_too else row.type
            assignment = _surname(ref, key, as_person, evidence, in_article.get((row.article_key, key)))
            if assignment is None:
                assignment = Assignment(*ref, roots.get(key, key), "name", 1.0)
            assignments.append(assignment)
            continue
        root = roots[key]
        assignments.append(Assignment(*ref, root, "name" if root == key else "alias", 1.0))

    identities: dict[str, Identity] = {}
    for a, row in zip(assignments, assigned_rows, strict=True):
        identity = identities.get(a.identity) or identities.setdefault(a.identity, Identity(a.identity))
        identity.names[_written(row.name)] += row.mentions
        aliases = variants.get((a.article_key, a.entity_id))
        if aliases:
            identity.aliases.update(map(_written, aliases))
        identity.types["PERSON" if a.rule.startswith("surname") else row.type] += row.mentions
        identity.articles.add(row.article_key)
        identity.mentions += row.mentions
    _fix_types(identities, outlets)
    return identities, assignments


def _surname(
    ref: tuple[str, str], word: str, type_: str, corpus: Counter[str] | None, article: set[str] | None
) -> Assignment | None:
    """Whom a one-word name stands for, when the evidence says: the one person of that surname
    named in full in the same article, or else (for a name typed PERSON) the person who is at least
    90% of the corpus's evidence for that surname (``corpus``: whom the bare surname was found to
    mean in other articles, or failing that, the articles naming each person of that surname in
    full). None: not a surname here."""
    if article and len(article) == 1:
        return Assignment(*ref, next(iter(article)), "surname-in-article", 1.0)
    if type_ != "PERSON" or not corpus:
        return None
    if article:  # two people of that surname in this very article: never guess
        return Assignment(*ref, "surname:" + word, "surname-ambiguous", 0.0)
    top, n = sorted(corpus.items(), key=lambda item: (-item[1], item[0]))[0]
    share = n / sum(corpus.values())
    if share >= SURNAME_SHARE and n >= SURNAME_MIN_ARTICLES:
        return Assignment(*ref, top, "surname", round(share, 3))
    return Assignment(*ref, "surname:" + word, "surname-ambiguous", round(share, 3))


def _fix_types(identities: dict[str, Identity], outlets: Iterable[str]) -> None:
    known = {k: v for name, v in entity_types().items() if (k := name_key(name))}
    outlet_keys = {k for o in outlets if (k := name_key(o))}
    for identity in identities.values():
        keys = {k for n in identity.names if (k := name_key(n))}
        fixed = next((known[k] for k in sorted(k for k in keys if k in known)), None)
        if fixed is None and identity.types.most_common(1)[0][0] == "PERSON" and keys & outlet_keys:
            fixed = "ORG"  # a stored article's outlet is an organization, whatever one sentence made of it
        if fixed is not None:
            identity.types = Counter({fixed: identity.mentions or 1})


def display_name(identity: Identity) -> str:
    """The most frequent written form, preferring full names to single words."""
    return sorted(identity.names.items(), key=lambda item: (" " not in item[0], -item[1], item[0]))[0][0]


def display_type(identity: Identity) -> str:
    return sorted(identity.types.items(), key=lambda item: (-item[1], item[0]))[0][0]


@dataclass(frozen=True)
class IdentityUpdate:
    entities: int
    identities: int
    rebuilt: bool


def _aliases(stored: str) -> list[str]:
    return [] if stored == "[]" else list(json.loads(stored))  # most entities have none


def update_identities(store: Store, *, force: bool = False) -> IdentityUpdate:
    """Rebuild the corpus identities if articles were stored since the last build (or ``force``)."""
    with collector_paused(), store.transaction():
        store.lock_corpus()
        if not force and not store.entities_without_identity():
            return IdentityUpdate(0, 0, False)
        rows = [EntityRow(k, e, n, t, _aliases(a), int(m)) for k, e, n, t, a, m in store.entity_rows()]
        identities, assignments = build_identities(rows, store.outlet_names())
        store.replace_identities(
            [
                (i.id, display_name(i), display_type(i), len(i.articles), i.mentions, i.key)
                for i in sorted(identities.values(), key=lambda i: i.id)
            ],
            [(identity_id(a.identity), a.article_key, a.entity_id, a.rule, a.score) for a in assignments],
            sorted(
                {
                    (i.id, key, form)
                    for i in identities.values()
                    for form in [*i.names, *i.aliases]
                    if (key := name_key(form))
                }
            ),
        )
    return IdentityUpdate(len(assignments), len(identities), True)
