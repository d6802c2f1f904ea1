"""What the pages show, computed from records and store rows: no HTML here (the templates escape).

The article page cuts the text at every span boundary into pieces; each piece carries what covers
it (attribution roles, own voice, persuasion, an entity mention, a time), so overlapping spans need
no nesting and every character of the text appears exactly once, in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..record import Article, Attribution
from ..store.base import relay_hops


@dataclass
class Piece:
    """One stretch of the text with the same markup throughout."""

    start: int
    text: str
    attributions: list[str] = field(default_factory=list)  # ids of the attributions it belongs to
    role: str | None = None  # speaker, cue or content (of the first attribution)
    own_voice: bool = False
    techniques: list[str] = field(default_factory=list)
    entity: str | None = None
    time: str | None = None
    notes: list[str] = field(default_factory=list)  # the tooltip's lines

    @property
    def marked(self) -> bool:
        return bool(self.attributions or self.own_voice or self.techniques or self.entity or self.time)

    @property
    def classes(self) -> str:
        names = []
        if self.role:
            names.append(f"r-{self.role}")
        if self.own_voice:
            names.append("own")
        if self.techniques:
            names.append("pt")
        if self.entity:
            names.append("ent")
        if self.time:
            names.append("tm")
        return " ".join(names)


@dataclass(frozen=True)
class AttributionView:
    """One attribution as the side panel lists it."""

    id: str
    kind: str
    speaker: str | None
    resolution: str
    mention: str | None
    cue: str | None
    content: str
    chain: list[str]
    confidence: float | None


def chain_of(article: Article, attribution: Attribution) -> list[str]:
    """Publisher first, speaker last: ['TASS', 'Korean Central News Agency', 'Kim Jong Un']."""
    return [name for _, name, _, _ in relay_hops(article, attribution)]


def _spans_of(article: Article) -> Iterable[tuple[int, int, str, Any]]:
    for att in article.attributions:
        if att.speaker.mention is not None:
            yield att.speaker.mention.start, att.speaker.mention.end, "speaker", att
        if att.cue is not None:
            yield att.cue.start, att.cue.end, "cue", att
        for part in [att.content, *att.content_parts]:
            yield part.start, part.end, "content", att
    for span in article.own_voice:
        yield span.start, span.end, "own", None
    for p in article.persuasion:
        yield p.span.start, p.span.end, "persuasion", p
    for entity in article.entities:
        for mention in entity.mentions:
            yield mention.span.start, mention.span.end, "entity", entity
    for t in article.times:
        yield t.span.start, t.span.end, "time", t


def pieces(article: Article) -> list[Piece]:
    """The text cut at every span boundary, each piece annotated with what covers it."""
    text = article.text
    spans = [s for s in _spans_of(article) if 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[Piece] = []
    for start, end in pairwise(cuts):
        piece = Piece(start=start, text=text[start:end])
        for s_start, s_end, kind, item in spans:
            if s_start <= start and end <= s_end:
                _annotate(piece, kind, item)
        out.append(piece)
    return out


_ROLE_ORDER = {"speaker": 0, "cue": 1, "content": 2}


def _annotate(piece: Piece, kind: str, item: Any) -> None:
    if kind in _ROLE_ORDER:
        att: Attribution = item
        if att.id not in piece.attributions:
            piece.attributions.append(att.id)
        if piece.role is None or _ROLE_ORDER[kind] < _ROLE_ORDER[piece.role]:
            piece.role = kind
        who = att.speaker.name or "unresolved speaker"
        piece.notes.append(f"{att.id} {kind} · {att.kind} · {who}")
    elif kind == "own":
        piece.own_voice = True
        piece.notes.append("the outlet's own voice")
    elif kind == "persuasion":
        whose = f"quoting {item.speaker}" if item.voice != "outlet" and item.speaker else item.voice
        piece.techniques.append(item.technique)
        piece.notes.append(f"{item.technique} ({whose}, {item.score:.2f})")
    elif kind == "entity":
        if piece.entity is None:
            piece.entity = item.id
            piece.notes.append(f"{item.name} ({item.type})")
    elif kind == "time" and piece.time is None:
        piece.time = item.value or "unresolved"
        piece.notes.append(f"time: {piece.time} ({item.role})")


def attribution_views(article: Article) -> list[AttributionView]:
    return [
        AttributionView(
            id=att.id,
            kind=att.kind,
            speaker=att.speaker.name,
            resolution=att.speaker.resolution,
            mention=att.speaker.mention.text if att.speaker.mention else None,
            cue=att.cue.text if att.cue else None,
            content=" ".join(att.content.text.split()),
            chain=chain_of(article, att),
            confidence=att.confidence,
        )
        for att in article.attributions
    ]


def quoted_counts(article: Article) -> list[tuple[str, int]]:
    """Who the article quotes and how often, most first; unresolved speakers counted apart."""
    counts = Counter(att.speaker.name or "(unresolved)" for att in article.attributions)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Bar:
    label: str
    x: float
    width: float
    segments: list[tuple[str, float, float, int]]  # (series, y, height, value)


@dataclass(frozen=True)
class Chart:
    """A bar chart laid out for an inline SVG (drawn by the server: it reads without JavaScript)."""

    width: int
    height: int
    bars: list[Bar]
    series: list[str]
    top: int
    ticks: list[tuple[str, float]]


def bar_chart(
    rows: Sequence[tuple[str, str, int]], *, width: int = 720, height: int = 180, series: Sequence[str] = ()
) -> Chart:
    """Stacked bars from (label, series, value) rows, labels in sorted order (months sort as text)."""
    labels = sorted({label for label, _, _ in rows})
    names = list(series) or sorted({s for _, s, _ in rows})
    values: dict[tuple[str, str], int] = Counter()
    for label, name, value in rows:
        values[(label, name)] += value
    top = max([sum(values[(label, n)] for n in names) for label in labels] or [1]) or 1
    plot = height - 20
    margin = 24  # room for the first and last month's label
    step = (width - 2 * margin) / max(len(labels), 1)
    bars: list[Bar] = []
    for i, label in enumerate(labels):
        y = float(plot)
        segments = []
        for name in names:
            value = values[(label, name)]
            h = plot * value / top
            y -= h
            segments.append((name, round(y, 1), round(h, 1), value))
        bars.append(Bar(label, round(margin + i * step + 1, 1), round(max(step - 2, 1), 1), segments))
    every = max(1, len(labels) // 8)
    ticks = [(bar.label, bar.x + bar.width / 2) for i, bar in enumerate(bars) if i % every == 0]
    return Chart(width, height, bars, names, top, ticks)


@dataclass(frozen=True)
class Node:
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class Link:
    source: Node
    target: Node
    weight: int


def relay_layout(
    edges: Sequence[tuple[str, str, int]], *, width: int = 900, row: int = 26
) -> tuple[list[Node], list[Link], int]:
    """Nodes in columns by their distance from a publisher (a node no edge points to), for an SVG."""
    targets = {t for _, t, _ in edges}
    names = list(dict.fromkeys([n for s, t, _ in edges for n in (s, t)]))
    depth = {n: 0 for n in names if n not in targets}
    for _ in range(len(names)):  # longest-path layering, bounded (a cycle stops growing)
        changed = False
        for s, t, _ in edges:
            if s in depth and depth.get(t, -1) < depth[s] + 1 and depth[s] + 1 < len(names):
                depth[t] = depth[s] + 1
                changed = True
        if not changed:
            break
    for n in names:
        depth.setdefault(n, 0)
    columns = max(depth.values(), default=0) + 1
    rows: Counter[int] = Counter()
    nodes: dict[str, Node] = {}
    for n in names:
        column = depth[n]
        nodes[n] = Node(n, 10 + column * (width - 230) / max(columns - 1, 1), 20 + rows[column] * row)
        rows[column] += 1
    links = [Link(nodes[s], nodes[t], w) for s, t, w in edges]
    height = 30 + max(rows.values(), default=1) * row
    return list(nodes.values()), links, height
