"""The relay chain: who passed each attribution on, from the publisher to the speaker.

The publisher is the agency of the dateline (or else the outlet, by its canonical name when it is
a known agency: an outlet given as "KCNA" is the Korean Central News Agency, as the speaker and
entity names are, so a relay chain reads the same whichever way the input names it). An attribution whose speaker
relays someone else ("KCNA reported, citing Kim Jong Un") makes that speaker a relay for the
cited entity in this article, so Kim Jong Un's quotes get ``via = [TASS, Korean Central News
Agency]`` while a claim the outlet reports directly gets ``via = [TASS]``.
"""

from __future__ import annotations

from ..record import Article
from ..resources import agency_name
from ..stage import ENGLISH, Stage


class RelayStage(Stage):
    name = "relay.v1"
    requires = ("attributions", "attributions.speaker", "attributions.citing", "attributions.relay", "agency", "outlet")
    assigns = ("attributions.via",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        publisher = article.agency or (agency_name(article.outlet) if article.outlet else None)
        relay_for: dict[str, str] = {}
        for attribution in article.attributions:
            citing = attribution.citing
            # an unresolved speaker relays no one: 'The industry has called for ..., citing them as'
            if citing and citing.entities and attribution.speaker.entities and attribution.speaker.name:
                for entity_id in citing.entities:
                    relay_for.setdefault(entity_id, attribution.speaker.name)
        for attribution in article.attributions:
            chain: list[str] = []
            speaker = attribution.speaker
            if publisher and speaker.name != publisher:
                chain.append(publisher)
            relays = {relay_for[e] for e in speaker.entities if e in relay_for}
            if attribution.relay is not None and attribution.relay.name:
                relays = {attribution.relay.name}  # named in the sentence itself: it wins
            for relay in sorted(relays):
                if relay != speaker.name and relay not in chain:
                    chain.append(relay)
            attribution.via = chain
        _nested_relays(article)


def _nested_relays(article: Article) -> None:
    """'Kjeldsen said Copa had urged the ministers to ...': a speech event reported inside someone's
    words comes to the reader through that someone, whose chain it goes on (``via = [Reuters, Hans
    Kjeldsen]``); not through an unresolved speaker, and not through the speaker itself ('he had
    also urged')."""
    widest_first = sorted(article.attributions, key=lambda a: a.content.start - a.content.end)
    for attribution in widest_first:
        cue = attribution.cue
        if cue is None:
            continue
        around = [
            other
            for other in article.attributions
            if other is not attribution
            and other.kind in {"direct", "indirect"}
            and any(part.start <= cue.start and cue.end <= part.end for part in other.content_parts or [other.content])
        ]
        if not around:
            continue
        enclosing = min(around, key=lambda a: a.content.end - a.content.start)
        name = enclosing.speaker.name
        if not enclosing.speaker.entities or not name or name == attribution.speaker.name:
            continue
        chain = [*enclosing.via, name]
        attribution.via = [*chain, *(v for v in attribution.via if v not in chain and v != attribution.speaker.name)]
