"""Rebuild an :class:`~newstrace.record.Article` from its stored JSON (schema newstrace.article/1 or /2).

The store keeps each record exactly as ``Article.to_dict()`` wrote it; ``newstrace show`` turns
it back into an Article so the same report code renders stored and fresh analyses alike.
"""

from __future__ import annotations

from typing import Any

from ..record import (
    Article,
    Attribution,
    Dateline,
    Entity,
    Mention,
    PersuasionSpan,
    Span,
    Speaker,
    StageError,
    TimeExpression,
)


def _span(data: dict[str, Any]) -> Span:
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def _opt_span(data: dict[str, Any] | None) -> Span | None:
    return _span(data) if data else None


def _speaker(data: dict[str, Any] | None) -> Speaker | None:
    if data is None:
        return None
    return Speaker(
        mention=_opt_span(data.get("mention")),
        entities=list(data.get("entities") or []),
        name=data.get("name"),
        resolution=data.get("resolution", "unresolved"),
    )


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of ``Article.to_dict()``; ``article_from_dict(a.to_dict()).to_dict() == a.to_dict()``."""
    dateline = data.get("dateline")
    article = Article(
        text=data["text"],
        source=data.get("source"),
        published=data.get("published"),
        outlet=data.get("outlet"),
        url=data.get("url"),
        agency=data.get("agency"),
        byline=data.get("byline"),
        title=data.get("title"),
        dateline=Dateline(_span(dateline), dateline.get("place"), dateline.get("date")) if dateline else None,
        header=[_span(s) for s in data.get("header", [])],
        own_voice=[_span(s) for s in data.get("own_voice", [])],
        stages=list(data.get("stages", [])),
        errors=[StageError(e["stage"], e["type"], e["message"]) for e in data.get("errors", [])],
    )
    for ent in data.get("entities", []):
        article.entities.append(
            Entity(
                id=ent["id"],
                name=ent["name"],
                type=ent["type"],
                mentions=[Mention(_span(m), m.get("kind", "name")) for m in ent.get("mentions", [])],
                aliases=list(ent.get("aliases", [])),
                roles=list(ent.get("roles", [])),
            )
        )
    for att in data.get("attributions", []):
        speaker = _speaker(att["speaker"])
        article.attributions.append(
            Attribution(
                id=att["id"],
                kind=att["kind"],
                speaker=speaker if speaker is not None else Speaker(None),
                cue=_opt_span(att.get("cue")),
                content=_span(att["content"]),
                content_parts=[_span(p) for p in att.get("content_parts", [])],
                via=list(att.get("via", [])),
                citing=_speaker(att.get("citing")),
                rule=att.get("rule", ""),
            )
        )
    for time in data.get("times", []):
        article.times.append(
            TimeExpression(_span(time), time.get("value"), time["resolution"], time.get("role", "mention"))
        )
    # schema /2: persuasion spans and their summary (absent from /1 records)
    for p in data.get("persuasion", []):
        article.persuasion.append(
            PersuasionSpan(
                technique=p["technique"],
                score=float(p["score"]),
                span=_span(p),
                voice=p["voice"],
                attribution=p.get("attribution"),
                speaker=p.get("speaker"),
                speaker_entity=p.get("speaker_entity"),
            )
        )
    article.persuasion_summary = data.get("persuasion_summary")
    return article
