"""The relay graph and `--via` on both backends: intermediaries, never the publisher itself."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

import newstrace
from newstrace.cli import main
from newstrace.corpus.relays import GEXF, GRAPHML, to_gexf, to_graphml
from newstrace.record import Article, Attribution, Span, Speaker
from newstrace.settings import load_settings
from newstrace.stages.relay import RelayStage, publisher_of
from newstrace.store import RelayEdge, open_store
from newstrace.store.base import load_migrations, lookup_keys, relay_hops

from .conftest import shared_path

pytestmark = pytest.mark.model

KCNA_OWN = (
    "Pyongyang, March 3 (KCNA) -- Kim Jong Un inspected a fish farm on Thursday. "
    '"The farm must raise its output," he said. The Minister of Fisheries said the farm had doubled its catch.'
)


@pytest.fixture(scope="module")
def seed() -> newstrace.Article:
    return newstrace.analyze(shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kcna_own() -> newstrace.Article:
    return newstrace.analyze(KCNA_OWN, outlet="KCNA", published="2012-03-03", url="https://k/1")


def test_hops_of_the_seed(seed: newstrace.Article) -> None:
    chains = {tuple((name, role) for _, name, _, role in relay_hops(seed, att)) for att in seed.attributions}
    assert (
        ("TASS", "publisher"),
        ("Korean Central News Agency", "intermediary"),
        ("Kim Jong Un", "speaker"),
    ) in chains
    assert (("TASS", "publisher"), ("Korean Central News Agency", "speaker")) in chains


def test_lookup_keys_know_agency_acronyms() -> None:
    assert lookup_keys("KCNA") == ["kcna", "korean central news agency"]
    assert lookup_keys("Kim Jong-un") == ["kim jong un"]


def test_via_is_an_intermediary_never_the_publisher(
    store_url: str, seed: newstrace.Article, kcna_own: newstrace.Article
) -> None:
    with open_store(store_url) as store:
        store.save_many([seed, kcna_own])
        via = store.quotes(via="KCNA")
        assert via and {q.speaker for q in via} == {"Kim Jong Un"}
        assert all(q.article_key == store.key_of(seed) for q in via)
        assert store.quotes(via="Korean Central News Agency") == via
        # KCNA's own story: KCNA is its publisher, so it is found by --outlet, not by --via
        own = store.quotes(outlet="KCNA")
        assert own and all(q.article_key == store.key_of(kcna_own) for q in own)
        assert store.quotes(outlet="TASS") and store.count_quotes(outlet="TASS") == len(seed.attributions)

        edges = {(e.source, e.target): e for e in store.relay_edges()}
        assert edges[("TASS", "Korean Central News Agency")].attributions >= 10
        # KCNA quoting Kim in its own story (2012) and in the one TASS relayed (2025)
        kim = edges[("Korean Central News Agency", "Kim Jong Un")]
        assert (kim.first, kim.last, kim.articles) == ("2012-03-03", "2025-10-24", 2)
        assert {(e.source, e.target) for e in store.relay_edges(agency="KCNA")} >= {
            ("TASS", "Korean Central News Agency"),
            ("Korean Central News Agency", "Kim Jong Un"),
        }
        chains = {tuple(c.chain): c for c in store.relay_chains(min_length=3)}
        assert chains[("TASS", "Korean Central News Agency", "Kim Jong Un")].attributions >= 9
        assert store.relay_chains(speaker="Kim Jong-un", min_length=3)
        assert store.relay_edges(since="2030-01-01") == []

        speakers = {s.name: s for s in store.speakers()}
        assert speakers["Kim Jong Un"].via[0][0] == "Korean Central News Agency"


def test_the_publisher_filter_answers_the_same_listed_or_row_by_row(
    store_url: str, seed: newstrace.Article, kcna_own: newstrace.Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rare publisher's statements are listed, a common one's checked row by row: same answers."""
    from newstrace.store import base

    with open_store(store_url) as store:
        store.save_many([seed, kcna_own])
        listed = {o: store.quotes(outlet=o) for o in ("TASS", "KCNA", "kcna", "Nobody")}
        monkeypatch.setattr(base, "PUBLISHER_LIST_MAX", 1)
        assert {o: store.quotes(outlet=o) for o in listed} == listed
        assert listed["TASS"] and listed["KCNA"] and listed["Nobody"] == []


def test_an_old_store_gets_its_hops_from_the_records(tmp_path, seed: newstrace.Article) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path}/old.db"
    with open_store(db) as store:
        store.save(seed)
        expected = store.relay_edges()
        # as a store written before migration 4 would be
        later = [m for m in load_migrations() if m.version >= 4]
        made = [t for m in later for t in re.findall(r"CREATE TABLE (\w+)", m.common)]
        # and the indexes they put on older tables
        indexes = [i for m in later for i, t in re.findall(r"CREATE INDEX (\w+) ON (\w+)", m.common) if t not in made]
        assert "attribution_hops" in made
        with store.transaction():
            for table in made:
                store._execute(f"DROP TABLE {table}")  # what migrations 4 and later made
            for index in indexes:
                store._execute(f"DROP INDEX {index}")
            for table, column in [
                c for m in later for c in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", m.common)
            ]:
                if table not in made:  # the columns they added to older tables
                    store._execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            store._execute("DELETE FROM schema_migrations WHERE version >= 4")
    with open_store(db, migrate=False) as store:
        assert store.schema_version() == 3
    with open_store(db) as store:
        assert store.schema_version() >= 4
        assert store.relay_edges() == expected and expected


def test_graph_files_parse() -> None:
    edges = [
        RelayEdge("TASS", "Korean Central News Agency", 10, 1, "2025-10-24", "2025-10-24"),
        RelayEdge("Korean Central News Agency", "Kim Jong Un", 9, 1, "2025-10-24", "2025-10-24"),
    ]
    graphml = ET.fromstring(to_graphml(edges).split("?>", 1)[1])
    assert len(graphml.findall(f".//{{{GRAPHML}}}node")) == 3
    assert len(graphml.findall(f".//{{{GRAPHML}}}edge")) == 2
    gexf = ET.fromstring(to_gexf(edges).split("?>", 1)[1])
    assert [e.get("weight") for e in gexf.findall(f".//{{{GEXF}}}edge")] == ["10", "9"]


def test_relays_command(tmp_path, seed: newstrace.Article, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        store.save(seed)
    assert main(["relays", "--db", db, "--chains", "--format", "json"]) == 0
    chains = [c["chain"] for c in json.loads(capsys.readouterr().out)]
    assert ["TASS", "Korean Central News Agency", "Kim Jong Un"] in chains
    out = tmp_path / "r.graphml"
    assert main(["relays", "--db", db, "--format", "graphml", "-o", str(out)]) == 0
    assert "Kim Jong Un" in out.read_text(encoding="utf-8")
    assert main(["relays", "--db", db, "--chains", "--format", "gexf"]) == 2


def _said(text: str, speaker: str | None, cue: str, content: str) -> Attribution:
    mention = Span.of(text, text.index(speaker), text.index(speaker) + len(speaker)) if speaker else None
    resolved = Speaker(mention, [speaker] if speaker else [], speaker, "name" if speaker else "unresolved")
    start = text.index(content)
    return Attribution(
        "", "indirect", resolved, Span.of(text, text.index(cue), text.index(cue) + len(cue)),
        Span.of(text, start, start + len(content)),
    )  # fmt: skip


def test_a_speech_event_inside_someones_words_comes_through_them() -> None:
    # 'Kjeldsen said Copa had urged the ministers to talk' (reuters21578-20389): Copa's urging
    # reaches the reader through Kjeldsen; his own 'he had urged' goes through no one new
    text = "Kjeldsen said Copa had urged the ministers to talk. Smith said he had urged them to wait."
    article = Article(text=text, agency="Reuters")
    article.attributions = [
        _said(text, "Kjeldsen", "said", "Copa had urged the ministers to talk"),
        _said(text, "Copa", "urged", "the ministers to talk"),
        _said(text, "Smith", "said", "he had urged them to wait"),
        _said(text, "Smith", "urged them", "to wait"),
    ]
    RelayStage(load_settings())(article)
    assert [a.via for a in article.attributions] == [["Reuters"], ["Reuters", "Kjeldsen"], ["Reuters"], ["Reuters"]]
    # an unresolved sayer relays no one
    article.attributions[0].speaker = Speaker(article.attributions[0].speaker.mention)
    RelayStage(load_settings())(article)
    assert article.attributions[1].via == ["Reuters"]


def test_every_news_site_is_named_by_a_name_that_names_its_host() -> None:
    from newstrace.resources import site_names
    from newstrace.stages.relay import names_host

    table = site_names()
    assert len(table) > 200
    assert all(names_host(name, host) for host, name in table.items())
    labels = [
        name for name in table.values() if " - " in name or "(" in name or name.endswith((" Editorial", " Online"))
    ]
    assert not labels, "no aggregator's section labels"


def test_the_publisher_is_the_site_an_address_names_when_the_outlet_does_not_name_it() -> None:
    def publisher(outlet: str | None, url: str | None) -> str | None:
        return publisher_of(Article(text="x", outlet=outlet, url=url))

    # an aggregator files a Townhall column under its columnist, an NPR story under a name: the
    # site, by the name the gazetteer of news sites gives it, else by its host
    assert publisher("John Stossel", "https://townhall.com/columnists/johnstossel/2019/x") == "Townhall"
    assert publisher("Ezra Klein", "http://www.npr.org/blogs/thetwo-way/2014/05/06/x") == "NPR News"
    assert publisher("Maureen Dowd", "https://www.nytimes.com/2019/x") == "New York Times"
    assert publisher("Jane Roe", "https://regional-gazette.example.org/x") == "regional-gazette.example.org"
    # an outlet whose name, a word of it or its initials the host carries stays as named
    assert publisher("Bloomberg", "https://www.bloomberg.com/news/x") == "Bloomberg"
    assert publisher("San Jose Mercury News", "https://www.mercurynews.com/x") == "San Jose Mercury News"
    assert publisher("Wall Street Journal - News", "https://www.wsj.com/x") == "Wall Street Journal - News"
    assert publisher("KCNA", "http://www.kcna.co.jp/item/2011/x.html") == "Korean Central News Agency"
    assert publisher("Reuters", None) == "Reuters"
