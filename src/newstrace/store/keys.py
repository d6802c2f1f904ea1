"""Keys the store computes in Python, so both backends agree without autoincrement or collations."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"[\-\u2010-\u2015\u2212_/]+")
_NOT_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=262_144)  # names repeat across a corpus ('Trump' thousands of times): a pure function, cached
def name_key(name: str | None) -> str | None:
    """One key per way of writing a name: 'Kim Jong-un', 'KIM JONG UN' and 'Kim Jong Un' agree.

    Case is folded, diacritics dropped, hyphens and dashes separate parts, other punctuation
    ('U.S.', "People's") is removed and spaces are collapsed.
    """
    if not name:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = _NOT_WORD.sub("", _DASHES.sub(" ", plain))
    key = " ".join(plain.split())
    return key or None


def article_key(article_id: str, url: str | None) -> str:
    """The stored row's key: the content hash and the URL together.

    The same text at two URLs (syndication) is kept twice, once per outlet that carried it; the
    same text at the same URL, however often ingested, is one row.
    """
    return hashlib.sha256(f"{article_id}\n{url or ''}".encode()).hexdigest()[:16]
