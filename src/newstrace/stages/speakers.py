"""Link each speaker mention to an entity of the article, or mark it unresolved.

- a name ("Kim Jong Un", "the Korean Central News Agency") → the entity it names;
- two names joined by "and" → both entities;
- a title or description ("The North Korean leader") → the one person known by that title in
  the article ("the country's leader Kim Jong Un"); several or none → unresolved;
- he/she → the last person spoken of before it, preferring the last resolved speaker;
- who/which/that opening a relative clause → the entity its clause describes ("Merkel, who said");
- anything else stays unresolved, explicitly: ``entity`` null, ``resolution`` "unresolved".
Resolved descriptions and pronouns are added to the entity's mentions.
"""

from __future__ import annotations

from typing import Any

from ..record import Article, Entity, Mention, Span, Speaker
from ..stage import Stage
from ._lib.lexicon import FIRST_PERSON, PRONOUNS_GROUP, PRONOUNS_PERSON, TITLE_WORDS
from ._lib.tokens import token_index

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PRONOUN_LOOKBACK = 600  # characters: a pronoun further than this from any person stays unresolved


class SpeakerResolver:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[tuple[Span, Entity]] = sorted(
            ((m.span, e) for e in article.entities for m in e.mentions), key=lambda pair: pair[0].start
        )
        self.recent_speakers: list[tuple[int, Entity]] = []

    def head_token(self, span: Span) -> Any | None:
        doc = self.article.doc
        start, end = span.start - self.article.body_start, span.end - self.article.body_start
        tokens = [doc[i] for i in token_index(doc).starting_within(start, end)]
        heads = [t for t in tokens if not (start <= t.head.idx < end) or t.head is t]
        return heads[0] if heads else (tokens[0] if tokens else None)

    def entities_in(self, span: Span, types: tuple[str, ...] = ACTOR_TYPES) -> list[Entity]:
        found: list[Entity] = []
        for mention, entity in self.mentions:
            if span.contains(mention) and entity.type in types and entity not in found:
                found.append(entity)
        return found

    def resolve(self, span: Span | None) -> Speaker:
        if span is None:
            return Speaker(None, [], None, "unresolved")
        head = self.head_token(span)
        lower = head.lower_ if head is not None else ""
        text_lower = span.text.lower()
        if head is not None and lower in RELATIVE_PRONOUNS and head.head.dep_ in {"relcl", "acl"}:
            return self._relative(span, head.head.head)
        if lower in PRONOUNS_PERSON or text_lower in PRONOUNS_PERSON:
            return self._pronoun(span, "PERSON")
        if lower in PRONOUNS_GROUP or text_lower in PRONOUNS_GROUP:
            return self._pronoun(span, "GROUP")
        if lower in FIRST_PERSON:
            return Speaker(span, [], span.text, "unresolved")
        people = self.entities_in(span, ("PERSON",))
        has_and = head is not None and any(t.lower_ in {"and", "&"} for t in head.subtree)
        if len(people) >= 2 and has_and:
            return self._speaker(span, people, "coordination")
        head_entity = self._entity_at(head) if head is not None else None
        if head_entity is not None and head_entity.type in ACTOR_TYPES and head_entity.type != "NORP":
            return self._speaker(span, [head_entity], "name")
        if head is not None and head.lemma_.lower() in TITLE_WORDS:
            if len(people) == 1:
                return self._speaker(span, people, "name")
            return self._by_title(span, head.lemma_.lower())
        others = self.entities_in(span, ("PERSON", "ORG"))
        if len(others) == 1 and head_entity is None and head is not None and head.pos_ == "PROPN":
            return self._speaker(span, others, "name")
        return Speaker(span, [], _plain_name(span.text), "unresolved")

    def _entity_at(self, token: Any) -> Entity | None:
        position = token.idx + self.article.body_start
        for mention, entity in self.mentions:
            if mention.start <= position < mention.end:
                return entity
        return None

    def _speaker(self, span: Span, entities: list[Entity], how: str, kind: str = "") -> Speaker:
        if kind:
            for entity in entities:
                if not any(m.span == span for m in entity.mentions):
                    entity.mentions.append(Mention(span, kind))
        for entity in entities:
            self.recent_speakers.append((span.start, entity))
        name = " and ".join(e.name for e in entities)
        return Speaker(span, [e.id for e in entities], name, how)

    def _pronoun(self, span: Span, want: str) -> Speaker:
        types = ("PERSON",) if want == "PERSON" else ("ORG", "GPE", "NORP")
        speakers = [(pos, e) for pos, e in self.recent_speakers if pos < span.start and e.type in types]
        if speakers and span.start - speakers[-1][0] <= PRONOUN_LOOKBACK * 2:
            return self._speaker(span, [speakers[-1][1]], "pronoun", "pronoun")
        before = [(m, e) for m, e in self.mentions if m.end <= span.start and e.type in types]
        if before and span.start - before[-1][0].end <= PRONOUN_LOOKBACK:
            return self._speaker(span, [before[-1][1]], "pronoun", "pronoun")
        return Speaker(span, [], span.text, "unresolved")

    def _relative(self, span: Span, antecedent: Any) -> Speaker:
        """'Merkel, who said ...': the relative pronoun speaks for the noun its clause describes."""
        entity = self._entity_at(antecedent)
        if entity is not None and entity.type in ACTOR_TYPES:
            return self._speaker(span, [entity], "pronoun", "pronoun")
        return Speaker(span, [], antecedent.text, "unresolved")

    def _by_title(self, span: Span, title: str) -> Speaker:
        holders = [e for e in self.article.entities if e.type == "PERSON" and title in e.roles]
        if len(holders) == 1:
            return self._speaker(span, holders, "description", "description")
        if len(holders) > 1:
            # Several people hold the title: the one spoken of most recently.
            recent = [(m, e) for m, e in self.mentions if e in holders and m.end <= span.start]
            if recent:
                return self._speaker(span, [recent[-1][1]], "description", "description")
        return Speaker(span, [], _plain_name(span.text), "unresolved")


def _plain_name(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


class SpeakerStage(Stage):
    name = "speakers.v1"
    requires = ("text", "body_start", "doc", "attributions", "entities")
    assigns = ("attributions.speaker", "attributions.citing", "attributions.relay", "entities")

    def __call__(self, article: Article) -> None:
        resolver = SpeakerResolver(article)
        for attribution in sorted(
            article.attributions, key=lambda a: a.speaker.mention.start if a.speaker.mention else a.content.start
        ):
            rule = attribution.rule
            resolved = resolver.resolve(attribution.speaker.mention)
            if rule == "direct.continued" and attribution.speaker.mention is not None:
                resolved.resolution = "continued"
            attribution.speaker = resolved
            if attribution.citing is not None:
                attribution.citing = resolver.resolve(attribution.citing.mention)
            if attribution.relay is not None:
                attribution.relay = resolver.resolve(attribution.relay.mention)
