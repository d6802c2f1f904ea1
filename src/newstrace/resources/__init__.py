"""Small gazetteers shipped with newstrace: news agencies, capitals, demonyms, country aliases,
news sites' names.

Each is a TSV file beside this module (``alias<TAB>canonical``; ``#`` starts a comment) read
lazily on first use, so importing newstrace stays cheap.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table(name: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, canonical = line.split("\t")[:2]
        rows[alias] = canonical
    return rows


def agencies() -> dict[str, str]:
    """Alias -> canonical name of news agencies ('KCNA' -> 'Korean Central News Agency')."""
    return _table("agencies.tsv")


def agency_name(alias: str) -> str:
    """Canonical agency name, or the alias itself when unknown."""
    table = agencies()
    return table.get(alias, table.get(alias.strip(), alias.strip()))


def capitals() -> dict[str, str]:
    return _table("capitals.tsv")


def demonyms() -> dict[str, str]:
    return _table("demonyms.tsv")


def country_aliases() -> dict[str, str]:
    return _table("country_aliases.tsv")


def entity_types() -> dict[str, str]:
    """Name -> type for names the NER model often types wrongly ('Twitter' -> ORG)."""
    return _table("entity_types.tsv")


def site_names() -> dict[str, str]:
    """Host -> the name a news site publishes under ('nytimes.com' -> 'New York Times'), read off a
    corpus's metadata by ``scripts/build_site_names.py``."""
    return _table("site_names.tsv")


@cache
def countries() -> frozenset[str]:
    """Every state's name the gazetteers know: the world's states (``countries.tsv``) and the
    states the capitals, demonyms and aliases stand for."""
    known = frozenset(capitals().values()) | frozenset(demonyms().values()) | frozenset(country_aliases().values())
    return known | frozenset(_table("countries.tsv")) | frozenset(_table("countries.tsv").values())


__all__ = [
    "agencies",
    "agency_name",
    "capitals",
    "countries",
    "country_aliases",
    "demonyms",
    "entity_types",
    "site_names",
]
