"""Build ``src/newstrace/resources/site_names.tsv``: the name a news site publishes under, by host.

The relay chain starts with the article's publisher. Where an aggregator files a story under a
columnist or a show ("Ezra Klein", "NBC Today Show"), the publisher is the site of the article's
address; this table gives that site's name ('nytimes.com' -> 'New York Times'), so that a chain
reads as a person would write it. It is read off the metadata of a corpus of web articles (each
record's ``url`` and ``outlet``; no text is copied): for each host, the outlet names that name the
host (``newstrace.stages.relay.names_host``), less the aggregator's section labels (' - News',
' - Opinion', ' Editorial', ' (Online)'; 'NPR Online News' is NPR News), and of those the one
that spells the host's name ('Fox News' for foxnews.com), else the most frequent.

    python scripts/build_site_names.py ../shared/data/corpora/allsides-12k.jsonl.gz
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

from newstrace.stages.relay import host_of, names_host

TABLE = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "resources" / "site_names.tsv"
# An aggregator's labels after a site's name: its section ('New York Times - Opinion', 'Boston
# Herald Editorial') or medium ('Fox News (Online)'); and the medium inside one ('NPR Online News').
SECTION_LABEL = re.compile(r"\s+-\s+[\w ]+$|\s*\([^)]*\)$|\s+Editorial$")
ONLINE_NEWS = re.compile(r"\s+Online(?=\s+News$)")


def site_name(outlet: str) -> str:
    """The outlet's name without an aggregator's section label."""
    return ONLINE_NEWS.sub("", SECTION_LABEL.sub("", outlet)).strip()


def best_name(host: str, names: collections.Counter[str]) -> str | None:
    """The name that spells the host ('Fox News' for foxnews.com), else the most frequent; None when
    no name names the host."""
    naming = [(count, name) for name, count in names.items() if names_host(name, host)]
    if not naming:
        return None
    label = host.split(".")[0]
    spelled = [(count, name) for count, name in naming if re.sub(r"\W", "", name.lower()) == label]
    return max(spelled or naming)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSON Lines (gzip) with 'url' and 'outlet' per record")
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    by_host: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            host, outlet = host_of(record.get("url")), record.get("outlet")
            if host and outlet and site_name(outlet):
                by_host[host][site_name(outlet)] += 1
    rows = sorted((host, name) for host, names in by_host.items() if (name := best_name(host, names)) is not None)
    header = f"# host<TAB>site name; built by scripts/build_site_names.py from {args.corpus.name} (metadata only)\n"
    args.out.write_text(header + "".join(f"{host}\t{name}\n" for host, name in rows), encoding="utf-8")
    print(f"{len(rows)} sites of {len(by_host)} hosts -> {args.out}")


if __name__ == "__main__":
    main()
