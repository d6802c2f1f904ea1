"""One full-text query syntax for both stores, parsed here and written out for each backend.

    nuclear talks            both words (any form: 'talks' finds 'talk')
    "fierce battle"          these words in this order
    talks OR negotiations    either; OR binds closer than the space: 'nuclear talks OR negotiations'
                             is nuclear AND (talks OR negotiations)
    -rumour, NOT rumour      without this word (or "-a phrase")
    nucl*                    any word that starts with 'nucl' (nuclear, nucleus)

Everything else is text: punctuation separates words, AND is the default, 'U.S.' is the phrase
"u s". Common English words ('the', 'and', 'said' is not one) are dropped from unquoted terms, as
PostgreSQL's 'english' configuration drops them, so both backends find the same things. A search
with nothing left to find (only common words) finds nothing; one that only excludes is refused
(E125): neither backend can list "everything but".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import ConfigError, Errors

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    prefix: bool = False  # one word, matched as the start of words ('nucl*')


@dataclass(frozen=True)
class Search:
    """All of ``groups`` (each: any of its phrases), none of ``excluded``."""

    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()


@cache
def stop_words() -> frozenset[str]:
    text = resources.files("newstrace.resources").joinpath("stopwords_english.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def parse_search(text: str) -> Search | None:
    """The search ``text`` means, or None when nothing is left to find; E125 when it only excludes."""
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = False  # the previous token was OR
    negate_next = False  # the previous token was NOT
    for match in _TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if bare in {"OR", "AND", "NOT"}:
            join_next, negate_next = bare == "OR", bare == "NOT"
            continue
        negated = negate_next or bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        words = tuple(word.lower() for word in _WORD.findall(quoted if quoted is not None else bare))
        prefix = quoted is None and len(words) == 1 and bare.endswith("*") and bare.rstrip("*").endswith(words[0])
        if quoted is None and len(words) == 1 and words[0] in stop_words() and not prefix:
            words = ()
        was_joined, join_next, negate_next = join_next, False, False
        if not words:
            continue
        phrase = Phrase(words, prefix)
        if negated:
            excluded.append(phrase)
        elif was_joined and groups:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
    if not groups:
        if excluded:
            raise ConfigError(Errors.E125.format(text=text))
        return None
    return Search(tuple(tuple(group) for group in groups), tuple(excluded))


def fts5_query(search: Search) -> str:
    """The search in SQLite FTS5's syntax: every phrase quoted, so no user text is FTS5 syntax."""

    def quoted(phrase: Phrase) -> str:
        return '"' + " ".join(phrase.words) + '"' + ("*" if phrase.prefix else "")

    query = " AND ".join("(" + " OR ".join(quoted(p) for p in group) + ")" for group in search.groups)
    return query + "".join(f" NOT {quoted(p)}" for p in search.excluded)


def tsquery_sql(search: Search) -> tuple[str, list[str]]:
    """The search as a PostgreSQL tsquery expression, each phrase a parameter of phraseto_tsquery."""
    params: list[str] = []

    def phrase(p: Phrase) -> str:
        if p.prefix:  # one word of \w characters only, so nothing in it is tsquery syntax
            params.append(p.words[0] + ":*")
            return "to_tsquery('english', ?)"
        params.append(" ".join(p.words))
        return "phraseto_tsquery('english', ?)"

    expression = " && ".join("(" + " || ".join(phrase(p) for p in group) + ")" for group in search.groups)
    expression += "".join(f" && !!{phrase(p)}" for p in search.excluded)
    return f"({expression})", params
