"""Persuasion techniques at span level, each marked with whose words it is.

The detector (:mod:`newstrace.models.persuasion`) finds technique spans in the whole text; this stage then
splits them by voice: a span whose characters lie mostly inside an attribution's content is
"attributed" to that attribution and its speaker (the innermost attribution when they nest);
otherwise it is the outlet's own voice. The summary counts techniques by voice and gives the
share of own-voice sentences that carry Loaded_Language or Name_Calling.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..models.persuasion import Detection, get_detector
from ..record import Article, Attribution, PersuasionSpan, Span
from ..settings import Settings
from ..stage import ENGLISH, Stage

LOADED = ("Loaded_Language", "Name_Calling-Labeling")


def _inside(span: Span, attribution: Attribution) -> int:
    """Characters of ``span`` inside the attribution's content (parts included)."""
    return sum(
        max(0, min(span.end, part.end) - max(span.start, part.start))
        for part in [attribution.content, *attribution.content_parts]
    )


def _content_length(attribution: Attribution) -> int:
    return sum(p.end - p.start for p in [attribution.content, *attribution.content_parts])


def assign_voice(article: Article, detection: Detection) -> PersuasionSpan:
    """Attributed when at least half the span is inside one attribution's content, else outlet."""
    span = article.span(detection.start, detection.end)
    best: Attribution | None = None
    length = max(1, span.end - span.start)
    for attribution in article.attributions:
        inside = _inside(span, attribution)
        if inside * 2 < length:
            continue
        if best is None or _content_length(attribution) < _content_length(best):
            best = attribution
    if best is None:
        return PersuasionSpan(detection.technique, detection.score, span)
    speaker = best.speaker
    return PersuasionSpan(
        detection.technique,
        detection.score,
        span,
        voice="attributed",
        attribution=best.id,
        speaker=speaker.name,
        speaker_entity=speaker.entity,
    )


def summarize(article: Article) -> dict[str, Any]:
    """Techniques counted by voice and by speaker; own-voice sentences carrying loaded words."""
    by_voice: dict[str, Counter[str]] = {"outlet": Counter(), "attributed": Counter()}
    by_speaker: dict[str, Counter[str]] = {}
    for p in article.persuasion:
        by_voice[p.voice][p.technique] += 1
        if p.voice == "attributed":
            by_speaker.setdefault(p.speaker or "(unresolved)", Counter())[p.technique] += 1
    loaded = [p.span for p in article.persuasion if p.voice == "outlet" and p.technique in LOADED]
    carrying = sum(1 for s in article.own_voice if any(s.overlaps(x) for x in loaded))
    total = len(article.own_voice)
    return {
        "by_voice": {voice: dict(sorted(counts.items())) for voice, counts in by_voice.items()},
        "by_speaker": {name: dict(sorted(c.items())) for name, c in sorted(by_speaker.items())},
        "own_voice_sentences": total,
        "own_voice_loaded_sentences": carrying,
        "own_voice_loaded_share": round(carrying / total, 4) if total else None,
    }


class PersuasionStage(Stage):
    name = "persuasion.v1"
    requires = ("text", "attributions.speaker", "own_voice")
    assigns = ("persuasion", "persuasion_summary")
    languages = ENGLISH

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.detector = get_detector()

    def __call__(self, article: Article) -> None:
        """Detect in the whole text, then split the spans by voice.

        Running detection in a thread beside the spaCy parse was tried and measured slower on the
        busy 2-core machine (27-30 s vs 24 s for 64 articles): the two fight over the GIL and cores.
        """
        article.persuasion = [assign_voice(article, d) for d in self.detector.detect(article.text)]
        article.persuasion_summary = summarize(article)
