"""The Article record that flows through the pipeline, and its one codec (schema v2).

``Article.to_dict()`` writes the record as the JSON Schema in ``schema/`` describes it and
``Article.from_dict()`` reads it back (any schema version newstrace knows), so
``Article.from_dict(a.to_dict()).to_dict() == a.to_dict()``. Worker processes, Dask, the store and
``newstrace show`` all go through this pair: a record means the same thing wherever it was made.

Every span is ``{start, end, text}`` in code points into ``Article.text`` exactly as read, so
``text[start:end] == span.text`` holds for every span of every layer; :meth:`Article.check_spans`
enforces it and the tests call it on real output.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "newstrace.article/6"

# The fields a reader fills before any stage runs: the document and what its source says about it.
INPUT_FIELDS = ("text", "source", "published", "outlet", "url", "title", "byline", "metadata")

ATTRIBUTION_KINDS = ("direct", "indirect", "speech_act", "belief")


@dataclass(frozen=True)
class Span:
    """A stretch of the input text; ``text`` is always ``article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


def _optional_span(data: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(data) if data else None


@dataclass
class Mention:
    """One occurrence of an entity; ``kind`` says how it refers (name, acronym, metonym, ...)."""

    span: Span
    kind: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(Span.from_dict(data), data.get("kind", "name"))


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": sorted(self.aliases),
            "roles": self.roles,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.span.start)],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
            aliases=list(data.get("aliases", [])),
            roles=list(data.get("roles", [])),
        )


@dataclass
class Speaker:
    """Who an attribution is to: the mention in the text and the entity it resolves to.

    ``entities`` lists every entity the mention names (two for "Putin and Gerasimov");
    ``entity`` is set only when there is exactly one. Unresolved speakers keep ``entity`` None.
    """

    mention: Span | None
    entities: list[str] = field(default_factory=list)
    name: str | None = None
    resolution: str = "unresolved"
    # Estimated probability that the speaker is right, given that the attribution is real (schema 3).
    confidence: float | None = None

    @property
    def entity(self) -> str | None:
        return self.entities[0] if len(self.entities) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entities": self.entities,
            "name": self.name,
            "resolution": self.resolution,
            "mention": self.mention.to_dict() if self.mention else None,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(
            mention=_optional_span(data.get("mention")),
            entities=list(data.get("entities") or []),
            name=data.get("name"),
            resolution=data.get("resolution", "unresolved"),
            confidence=data.get("confidence"),
        )


@dataclass
class StatementTime:
    """When a statement was made: the time the text gives its speech act ("said on Monday", "told
    reporters Thursday"), resolved, with its span; or the article's date, ``assumed`` (schema 5)."""

    value: str | None
    assumed: bool
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "assumed": self.assumed, "span": self.span.to_dict() if self.span else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatementTime:
        return cls(data.get("value"), bool(data.get("assumed")), _optional_span(data.get("span")))


@dataclass
class Attribution:
    id: str
    kind: str
    speaker: Speaker
    cue: Span | None
    content: Span
    content_parts: list[Span] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    citing: Speaker | None = None
    rule: str = ""
    # The relay named in the sentence ('Interfax quoted X as saying'); it lands in ``via``.
    relay: Speaker | None = None
    # Estimated probability that the attribution is real and its speaker right (schema 3).
    confidence: float | None = None
    # When it was said (schema 5); None until the statement-time stage has run.
    said: StatementTime | None = None

    def spans(self) -> list[Span]:
        out = [self.content, *self.content_parts]
        if self.cue:
            out.append(self.cue)
        if self.speaker.mention:
            out.append(self.speaker.mention)
        if self.citing and self.citing.mention:
            out.append(self.citing.mention)
        if self.relay and self.relay.mention:
            out.append(self.relay.mention)
        if self.said and self.said.span:
            out.append(self.said.span)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "speaker": self.speaker.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "content_parts": [p.to_dict() for p in self.content_parts],
            "via": self.via,
            "citing": self.citing.to_dict() if self.citing else None,
            "rule": self.rule,
            "confidence": self.confidence,
            "said": self.said.to_dict() if self.said else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        citing = data.get("citing")
        return cls(
            id=data["id"],
            kind=data["kind"],
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else Speaker(None),
            cue=_optional_span(data.get("cue")),
            content=Span.from_dict(data["content"]),
            content_parts=[Span.from_dict(p) for p in data.get("content_parts", [])],
            via=list(data.get("via", [])),
            citing=Speaker.from_dict(citing) if citing else None,
            rule=data.get("rule", ""),
            confidence=data.get("confidence"),
            said=StatementTime.from_dict(data["said"]) if data.get("said") else None,
        )


_PARTS_OF_DAY = ("TMO", "TAF", "TEV", "TNI")


def timex_type(value: str | None, resolution: str) -> str:
    """TIMEX3 type of a resolved expression: SET, DURATION, TIME or DATE. References
    (``PRESENT_REF``) and unresolved expressions are DATEs, as TimeML annotates them."""
    if resolution == "set" or (value or "").startswith("XXXX-WXX"):
        return "SET"
    if value is None or value.endswith("_REF"):
        return "DATE"
    if resolution == "duration" or value.startswith("P"):
        return "DURATION"
    if "T" in value and not value.endswith(_PARTS_OF_DAY):
        return "TIME"
    return "DATE"


@dataclass
class TimeExpression:
    """A time expression, resolved as TimeML's TIMEX3: ``value`` says when (null for a set, which
    recurs: its TimeML value is ``frequency``), ``type`` is TIMEX3's (DATE, TIME, DURATION, SET) and
    ``mod`` places it within or around its value ("early 1991": START)."""

    span: Span
    value: str | None
    resolution: str
    role: str = "mention"
    mod: str | None = None
    frequency: str | None = None

    @property
    def type(self) -> str:
        return timex_type(self.value, self.resolution)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "type": self.type,
            "mod": self.mod,
            "frequency": self.frequency,
            "resolution": self.resolution,
            "role": self.role,
            **self.span.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpression:
        return cls(
            Span.from_dict(data),
            data.get("value"),
            data["resolution"],
            data.get("role", "mention"),
            mod=data.get("mod"),
            frequency=data.get("frequency"),
        )


@dataclass
class Dateline:
    """The dateline; ``span`` runs from the place to the end of the date.

    ``place_span`` and ``date_span`` locate its parts for later stages (a place mention, a time
    expression); they are working detail, not part of the serialized record.
    """

    span: Span
    place: str | None
    date: str | None
    place_span: Span | None = None
    date_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, **self.span.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dateline:
        return cls(Span.from_dict(data), data.get("place"), data.get("date"))


@dataclass
class PersuasionSpan:
    """A persuasion technique found in the text, and whose words it is.

    ``voice`` is "outlet" when the span lies outside every attribution's content (the outlet's own
    words), or "attributed" with the attribution it falls in and that attribution's speaker.
    """

    technique: str
    score: float
    span: Span
    voice: str = "outlet"
    attribution: str | None = None
    speaker: str | None = None
    speaker_entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "technique": self.technique,
            "score": round(self.score, 4),
            "voice": self.voice,
            "attribution": self.attribution,
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            **self.span.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PersuasionSpan:
        return cls(
            technique=data["technique"],
            score=float(data["score"]),
            span=Span.from_dict(data),
            voice=data.get("voice", "outlet"),
            attribution=data.get("attribution"),
            speaker=data.get("speaker"),
            speaker_entity=data.get("speaker_entity"),
        )


@dataclass
class Skip:
    """A stage that did not run on this article, and why (a numbered message): the text is in a
    language its model does not read."""

    stage: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Skip:
        return cls(data["stage"], data["reason"])


@dataclass
class StageError:
    stage: str
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "type": self.type, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageError:
        return cls(data["stage"], data["type"], data["message"])


def content_id(text: str) -> str:
    """A stable id from the text itself, so the same article gets the same id everywhere."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One document and every layer the stages add to it."""

    text: str
    source: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    agency: str | None = None
    byline: str | None = None
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # the input's unread fields; schema 4
    dateline: Dateline | None = None
    body_start: int = 0
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    own_voice: list[Span] = field(default_factory=list)
    header: list[Span] = field(default_factory=list)
    persuasion: list[PersuasionSpan] = field(default_factory=list)
    persuasion_summary: dict[str, Any] | None = None
    language: str | None = None  # ISO 639-1 ('en', 'es'), 'und' when no language is clear; schema 3
    stages: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    # Working state shared between stages; never serialized.
    doc: Any = None
    sentences: list[Span] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.text)

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def check_spans(self) -> None:
        """Raise AssertionError naming the first span whose text is not ``text[start:end]``."""
        for span in self.all_spans():
            if self.text[span.start : span.end] != span.text:
                raise AssertionError(f"span {span} does not match text[{span.start}:{span.end}]")

    def all_spans(self) -> list[Span]:
        spans: list[Span] = list(self.own_voice) + list(self.header)
        if self.dateline:
            spans.append(self.dateline.span)
            spans.extend(s for s in (self.dateline.place_span, self.dateline.date_span) if s is not None)
        for ent in self.entities:
            spans.extend(m.span for m in ent.mentions)
        for att in self.attributions:
            spans.extend(att.spans())
        spans.extend(t.span for t in self.times)
        spans.extend(p.span for p in self.persuasion)
        return spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "agency": self.agency,
            "byline": self.byline,
            "metadata": self.metadata,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "header": [s.to_dict() for s in self.header],
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict() for a in self.attributions],
            "times": [t.to_dict() for t in self.times],
            "own_voice": [s.to_dict() for s in self.own_voice],
            "persuasion": [p.to_dict() for p in self.persuasion],
            "persuasion_summary": self.persuasion_summary,
            "language": self.language,
            "stages": self.stages,
            "skipped": [s.to_dict() for s in self.skipped],
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """The inverse of :meth:`to_dict`, for every schema version newstrace has written.

        Working state (the parse, sentences, quotes, the dateline's part spans) is not part of the
        record, so an Article read back carries only what the record says.
        """
        dateline = data.get("dateline")
        return cls(
            text=data["text"],
            source=data.get("source"),
            published=data.get("published"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            agency=data.get("agency"),
            byline=data.get("byline"),
            metadata=dict(data.get("metadata") or {}),  # schema 4
            title=data.get("title"),
            dateline=Dateline.from_dict(dateline) if dateline else None,
            header=[Span.from_dict(s) for s in data.get("header", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            attributions=[Attribution.from_dict(a) for a in data.get("attributions", [])],
            times=[TimeExpression.from_dict(t) for t in data.get("times", [])],
            own_voice=[Span.from_dict(s) for s in data.get("own_voice", [])],
            persuasion=[PersuasionSpan.from_dict(p) for p in data.get("persuasion", [])],  # schema 2
            persuasion_summary=data.get("persuasion_summary"),
            language=data.get("language"),  # schema 3
            stages=list(data.get("stages", [])),
            skipped=[Skip.from_dict(s) for s in data.get("skipped", [])],
            errors=[StageError.from_dict(e) for e in data.get("errors", [])],
        )

    def inputs(self) -> dict[str, Any]:
        """The input fields only (:data:`INPUT_FIELDS`): the document as read, before any analysis."""
        return {name: getattr(self, name) for name in INPUT_FIELDS}

    @classmethod
    def from_inputs(cls, data: dict[str, Any]) -> Article:
        """A new, unanalyzed Article from :meth:`inputs` (what workers and stored failures carry)."""
        return cls(
            text=data["text"],
            source=data.get("source"),
            published=data.get("published"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            title=data.get("title"),
            byline=data.get("byline"),
            metadata=dict(data.get("metadata") or {}),  # schema 4
        )

    def relay_chains(self) -> list[list[str]]:
        """Every distinct full relay chain in the article, publisher first and speaker last."""
        chains: list[list[str]] = []
        for attribution in self.attributions:
            if attribution.speaker.name and attribution.speaker.entities:
                chain = [*attribution.via, attribution.speaker.name]
                if chain not in chains:
                    chains.append(chain)
        return chains
