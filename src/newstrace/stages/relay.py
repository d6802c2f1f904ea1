"""The relay chain: who passed each attribution on, from the publisher to the speaker.

The publisher is the agency of the dateline (or else the outlet, by its canonical name when it is
a known agency: an outlet given as "KCNA" is the Korean Central News Agency, as the speaker and
entity names are, so a relay chain reads the same whichever way the input names it). Where the
article's address names another site than its outlet (an aggregator files a Townhall column under
its columnist, "John Stossel", or an NPR story under "Ezra Klein"), the site published it: the
publisher is the address's host ("townhall.com"). An attribution whose speaker
relays someone else ("KCNA reported, citing Kim Jong Un") makes that speaker a relay for the
cited entity in this article, so Kim Jong Un's quotes get ``via = [TASS, Korean Central News
Agency]`` while a claim the outlet reports directly gets ``via = [TASS]``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..record import Article
from ..resources import agency_name, site_names
from ..stage import ENGLISH, Stage


class RelayStage(Stage):
    name = "relay.v1"
    requires = (
        "attributions",
        "attributions.speaker",
        "attributions.citing",
        "attributions.relay",
        "agency",
        "outlet",
        "url",
    )
    assigns = ("attributions.via",)
    languages = ENGLISH

    def __call__(self, article: Article) -> None:
        publisher = publisher_of(article)
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


# Words of an outlet's name that say nothing about which site it is ('Fox News', 'CNN (Web News)').
GENERIC_OUTLET_WORDS = frozenset({"the", "news", "web", "online", "daily", "opinion", "blog", "com", "org", "net"})
_WORD = re.compile(r"[a-z0-9]+")
# Parts of a host that name no site ('co' of kcna.co.jp is too short to count anyway).
HOST_SUFFIXES = frozenset({"com", "org", "net", "gov", "edu", "int", "info", "biz"})


def publisher_of(article: Article) -> str | None:
    """Who published the article: the dateline's agency; else the outlet (an agency by its canonical
    name), unless the article's address is on a site the outlet's name does not name, which it then
    is, by the site's name where the gazetteer knows it ('Ezra Klein' at nytimes.com: New York
    Times; ``resources.site_names``), else by its host."""
    if article.agency:
        return article.agency
    outlet = agency_name(article.outlet) if article.outlet else None
    host = host_of(article.url)
    if host is not None and (outlet is None or not names_host(outlet, host)):
        return site_names().get(host, host)
    return outlet


def host_of(url: str | None) -> str | None:
    """The site of a web address, without 'www.' ('https://www.npr.org/...': npr.org)."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def names_host(outlet: str, host: str) -> bool:
    """Whether a distinctive word of the outlet's name is in the host ('San Jose Mercury News',
    mercurynews.com; 'The Week - News', theweek.com), or a name of the host's in the outlet's name
    or its initials ('NPR', npr.org; 'Korean Central News Agency', kcna.co.jp; 'Wall Street Journal -
    News', wsj.com)."""
    labels = [label for label in host.lower().split(".") if len(label) >= 3 and label not in HOST_SUFFIXES]
    words = _WORD.findall(outlet.lower())
    distinctive = [w for w in words if len(w) >= 3 and w not in GENERIC_OUTLET_WORDS]
    squeezed = "".join(words)
    initials = {"".join(w[0] for w in words), "".join(w[0] for w in distinctive)}
    return any(w in label for w in distinctive for label in labels) or any(
        label in squeezed or label in initials for label in labels
    )


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
