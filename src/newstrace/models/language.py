"""The language of a text, offline: py3langid (langid.py's model, BSD-3-Clause), deterministic.

Why: newstrace's stages read English (the spaCy model, the tagger, the persuasion model, the word
lists). On text in another language they give noise that looks like analysis: Spanish KCNA
stories gave attributions and PERSON entities such as "Por lo tanto". The pipeline records the
language and skips the English stages for any other (``Stage.languages``).

The candidates are restricted to major news languages, which keeps table-like wire copy (share
prices, grain tables) from being read as an obscure language; a language counts only at posterior
probability 0.9 or more, else the text is ``und`` (undetermined) and is read as English.
"""

from __future__ import annotations

from functools import cache
from typing import Any

LANGUAGES = (
    "en",
    "es",
    "fr",
    "de",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "cs",
    "ro",
    "hu",
    "el",
    "tr",
    "ar",
    "fa",
    "he",
    "hi",
    "ur",
    "bn",
    "zh",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "ms",
    "tl",
    "sw",
    "sv",
    "da",
    "no",
    "fi",
)
MIN_PROBABILITY = 0.9
MAX_CHARS = 4000  # the start of a text tells its language; reading more changes nothing measurable
UNDETERMINED = "und"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code or 'und', probability of the best language)."""
    sample = text[:MAX_CHARS]
    if not any(c.isalpha() for c in sample):
        return UNDETERMINED, 0.0
    language, probability = _identifier().classify(sample)
    probability = float(probability)
    return (str(language) if probability >= MIN_PROBABILITY else UNDETERMINED), probability


__all__ = ["LANGUAGES", "MIN_PROBABILITY", "UNDETERMINED", "detect_language"]
