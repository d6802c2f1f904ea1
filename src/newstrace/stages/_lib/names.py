"""Person names' parts, read the same way by the entity table and by speaker resolution."""

from __future__ import annotations

import re

# The Arabic article a surname may be written with or without: 'Khalaf al-Oteiba' ... 'Oteiba said'.
_SURNAME_ARTICLE = re.compile(r"^(?:al|el|Al|El)[-‑]")


def name_forms(words: list[str]) -> list[list[str]]:
    """A name's words, and, when its last word carries an Arabic article, the words without it."""
    if not words:
        return [words]
    bare = _SURNAME_ARTICLE.sub("", words[-1])
    if not bare or bare == words[-1]:
        return [words]
    return [words, [*words[:-1], bare]]


def is_surname_of(word: str, name: str) -> bool:
    """``word`` ends ``name``, a name of two words or more ('Long' of 'Perrin Long'; 'Oteiba' of
    'Khalaf al-Oteiba')."""
    words = name.split()
    return len(words) > 1 and any(form[-1] == word for form in name_forms(words))
