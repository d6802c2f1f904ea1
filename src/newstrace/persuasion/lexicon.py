"""Lexical rules that add what the model, trained on Western political news, rarely sees labelled:
the stock labels and value appeals of state and wartime media.

The SemEval-2023 English articles label "invaders" once in 7 occurrences and never label "heroic",
"brotherly" or "loyal to their duty", so the model gives them low scores in flat wire prose. These
rules are general (word lists and patterns, no reference to any particular text), documented in
docs/persuasion.md, and scored on the dev split together with the model (their effect is measured
there, with and without them).
"""

from __future__ import annotations

import re

from .detector import Detection

RULE_SCORE = 0.5

# Pejorative labels for groups and people: Name_Calling-Labeling, with one modifier before them
# ("Ukrainian invaders", "Kiev junta", "foreign mercenaries").
LABEL_NOUNS = (
    "invaders|occupiers|aggressors|fascists|neo-nazis|nazis|thugs|bandits|mercenaries|puppets|"
    "traitors|warmongers|imperialists|zealots|henchmen|stooges|lackeys|hooligans|butchers|barbarians|"
    "savages|junta|cronies|hordes|vermin|criminals|terrorists|militants|extremists|radicals"
)
# Extreme or sanctifying adjectives: Loaded_Language, with the noun they qualify.
LOADED_ADJECTIVES = (
    "heroic|brotherly|glorious|valiant|selfless|sacred|heinous|barbaric|despicable|atrocious|monstrous|"
    "vile|evil|sinister|draconian|treacherous|bloodthirsty|fraternal|invincible|indomitable"
)
FUNCTION_WORDS = "and|or|but|of|to|in|on|for|the|a|an|is|are|was|were|be|as|that|this"
# Appeals to duty, loyalty and ideals: Appeal_to_Values.
VALUE_OBJECTS = "duty|cause|ideals|principles|homeland|motherland|fatherland|oath|values|traditions"

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Name_Calling-Labeling",
        re.compile(rf"\b(?:[A-Z][\w’'-]*\s+|(?i:so-called)\s+)?(?i:{LABEL_NOUNS})\b"),
    ),
    (
        "Loaded_Language",
        re.compile(rf"\b(?:{LOADED_ADJECTIVES})\b(?:\s+(?!(?:{FUNCTION_WORDS})\b)\w[\w-]*)?", re.IGNORECASE),
    ),
    (
        "Appeal_to_Values",
        re.compile(
            rf"\b(?:loyal|faithful|true|devoted|committed)\s+to\s+(?:\w+\s+){{0,2}}(?:{VALUE_OBJECTS})\b"
            rf"(?:\s+as\s+\w+)?|\b(?:sacred|patriotic|internationalist|moral)\s+(?:duty|obligation|mission)\b",
            re.IGNORECASE,
        ),
    ),
)


def rule_detections(text: str) -> list[Detection]:
    """Every rule match as a Detection with a fixed score."""
    found: list[Detection] = []
    for technique, pattern in RULES:
        for match in pattern.finditer(text):
            found.append(Detection(technique, RULE_SCORE, match.start(), match.end()))
    return found
