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
    requires = ("attributions.speaker", "attributions.citing", "attributions.relay", "agency", "outlet")
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
