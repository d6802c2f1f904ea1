"""The HTTP API and pages over a real store (SQLite and PostgreSQL), through Starlette's test client.

The same app runs in ``newstrace serve``; the browser tests (test_web_browser.py) drive it over a
socket in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

import newstrace
from newstrace.corpus.update import update_corpus
from newstrace.errors import ConfigError, StoreError
from newstrace.store import open_store
from newstrace.web import ServerConfig, create_app
from newstrace.web.common import decode_cursor, encode_cursor
from newstrace.web.pages import highlight

from .conftest import shared_path
from .corpus_samples import SAMPLES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyzed() -> list[newstrace.Article]:
    articles = [
        newstrace.analyze(text, outlet=outlet, published=published, url=url) for text, outlet, published, url in SAMPLES
    ]
    articles.append(newstrace.analyze(shared_path("seed/tass-2025-10-24-kursk.txt").read_text(encoding="utf-8")))
    return articles


@pytest.fixture
def client(store_url: str, analyzed: list[newstrace.Article]) -> Iterator[TestClient]:
    with open_store(store_url) as store:
        store.save_many(analyzed)
        update_corpus(store)
    with TestClient(create_app(ServerConfig(db=store_url))) as test_client:
        yield test_client


def _json(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = _json(client.get("/openapi.json"))
    paths = set(spec["paths"])
    assert {
        "/api/analyze",
        "/api/articles",
        "/api/articles/{ref}",
        "/api/quotes",
        "/api/speakers",
        "/api/identities",
        "/api/entities",
        "/api/outlets",
        "/api/persuasion",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/quote-clusters",
        "/api/quote-clusters/{cluster_id}",
        "/api/relays",
    } <= paths
    assert not any(p.startswith("/speakers") for p in paths), "pages stay out of the API description"
    params = {p["name"] for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"speaker", "outlet", "via", "since", "until", "search", "min_confidence", "cursor", "limit"} <= params


def test_quotes_by_identity_relay_and_time_with_cursor_pages(client: TestClient) -> None:
    every = _json(client.get("/api/quotes", params={"speaker": "Kim Jong-un", "limit": 500}))["items"]
    assert len(every) >= 8 and {q["speaker"] for q in every} >= {"Kim Jong Un"}
    seen: list[tuple[str, str]] = []
    cursor = None
    while True:
        page = _json(client.get("/api/quotes", params={"speaker": "KIM JONG UN", "limit": 3, "cursor": cursor}))
        seen.extend((q["article_key"], q["attribution_id"]) for q in page["items"])
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [(q["article_key"], q["attribution_id"]) for q in every], "pages add up to the whole, in order"
    relayed = _json(client.get("/api/quotes", params={"via": "KCNA"}))["items"]
    assert relayed and all(q["outlet"] != "KCNA" for q in relayed)
    in_2025 = _json(client.get("/api/quotes", params={"since": "2025-01-01", "until": "2025-12-31"}))["items"]
    assert in_2025 and all(q["published"].startswith("2025") for q in in_2025)
    found = _json(client.get("/api/quotes", params={"search": "trembling"}))["items"]
    assert [q["content"] for q in found] == ["the enemy is trembling"]


def test_articles_records_and_corpus_tables(client: TestClient) -> None:
    listed = _json(client.get("/api/articles", params={"search": "Kursk"}))["items"]
    assert len(listed) == 1
    record = _json(client.get(f"/api/articles/{listed[0]['key']}"))
    assert record["schema"] == newstrace.SCHEMA_VERSION and record["agency"] == "TASS"
    assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["own_voice"])
    speakers = _json(client.get("/api/speakers"))["items"]
    assert speakers[0]["name"] == "Kim Jong Un"
    assert _json(client.get("/api/identities", params={"name": "Kim Jong Un"}))["items"]
    assert _json(client.get("/api/entities", params={"type": "PERSON"}))["items"]
    outlets = {o["outlet"]: o for o in _json(client.get("/api/outlets"))["items"]}
    assert outlets["Reuters"]["articles"] == 1
    voices = _json(client.get("/api/persuasion", params={"by": "voice"}))["items"]
    assert {v["voice"] for v in voices} <= {"outlet", "attributed"} and voices
    edges = _json(client.get("/api/relays"))["items"]
    assert {"source": "Korean Central News Agency", "target": "Kim Jong Un"}.items() <= next(
        e for e in edges if e["source"] == "Korean Central News Agency"
    ).items()
    chains = _json(client.get("/api/relays", params={"chains": "true"}))["items"]
    assert ["TASS", "Korean Central News Agency", "Kim Jong Un"] in [c["chain"] for c in chains]
    stories = _json(client.get("/api/stories", params={"min_articles": 1}))["items"]
    story = _json(client.get(f"/api/stories/{stories[0]['id']}"))
    assert story["coverage"] and story["id"] == stories[0]["id"]
    assert isinstance(_json(client.get("/api/quote-clusters"))["items"], list)


def test_errors_have_one_shape_and_the_right_status(client: TestClient) -> None:
    missing = _json(client.get("/api/articles/ffffffffffffffff"), 404)
    assert missing["error"]["code"] == "E068" and "newstrace quotes" in missing["error"]["message"]
    bad_date = _json(client.get("/api/quotes", params={"since": "yesterday"}), 422)
    assert bad_date["error"]["code"] == "E111" and "since" in bad_date["error"]["message"]
    assert _json(client.get("/api/quotes", params={"cursor": "not-ours"}), 400)["error"]["code"] == "E110"
    assert _json(client.get("/api/persuasion", params={"by": "speaker"}), 400)["error"]["code"] == "E074"
    assert _json(client.get("/api/nothing-here"), 404)["error"]["code"] == "E112"
    assert _json(client.get("/api/quote-clusters/q-000"), 404)["error"]["code"] == "E068"
    assert _json(client.get("/api/articles/" + "a" * 50_000), 404)["error"]["code"] == "E068"
    page = client.get("/articles/ffffffffffffffff")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"] and "E068" in page.text


def test_analyze_returns_the_record_and_stores_nothing(client: TestClient, store_url: str) -> None:
    text = 'The minister said on Monday that "prices will fall." Critics disagreed.'
    record = _json(client.post("/api/analyze", json={"text": text, "published": "2024-03-04"}))
    assert record["text"] == text and record["published"] == "2024-03-04"
    assert [a["speaker"]["mention"]["text"] for a in record["attributions"]][:1] == ["The minister"]
    with open_store(store_url) as store:
        assert store.counts()["articles"] == 4
    refused = _json(client.post("/api/analyze", json={"text": text, "store": True}), 403)
    assert refused["error"]["code"] == "E113" and "--allow-write" in refused["error"]["message"]
    assert _json(client.post("/api/analyze", json={}), 422)["error"]["code"] == "E111"


def test_writes_need_the_flag_and_the_token(store_url: str) -> None:
    with open_store(store_url):
        pass
    config = ServerConfig(db=store_url, allow_write=True, token="s3cret")
    with TestClient(create_app(config)) as client:
        body = {"text": "Smith said the bridge would reopen.", "store": True}
        assert _json(client.post("/api/analyze", json=body), 403)["error"]["code"] == "E113"
        wrong = {"Authorization": "Bearer nope"}
        assert _json(client.post("/api/analyze", json=body, headers=wrong), 403)["error"]["code"] == "E113"
        stored = _json(client.post("/api/analyze", json=body, headers={"Authorization": "Bearer s3cret"}))
        assert stored["stored"] is True
    with open_store(store_url) as store:
        assert store.counts()["articles"] == 1
    with pytest.raises(ConfigError, match="E114"):
        create_app(ServerConfig(db=store_url, host="0.0.0.0", allow_write=True))


def test_the_store_is_opened_read_only(store_url: str) -> None:
    with open_store(store_url):
        pass
    with open_store(store_url, read_only=True) as store, pytest.raises(Exception, match=r"(?i)read.?only"):
        store.save_failure("x", "y", None)


def test_an_old_store_is_refused_read_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path}/old.db"
    with open_store(db) as store, store.transaction():
        store._execute("DELETE FROM schema_migrations WHERE version >= 7")
    with pytest.raises(StoreError, match=r"E075 .*'newstrace outlets --db"):
        create_app(ServerConfig(db=db))
    with pytest.raises(StoreError, match="E066"):
        open_store(f"sqlite:///{tmp_path}/absent.db", read_only=True)


def test_pages_answer_with_security_headers(client: TestClient) -> None:
    for path in ("/", "/articles", "/speakers", "/outlets", "/stories", "/relays", "/analyze", "/search?q=enemy"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "<mark>enemy</mark>" in client.get("/search?q=enemy").text
    assert client.get("/static/newstrace.js").status_code == 200


def test_highlight_escapes_before_marking() -> None:
    marked = str(highlight('<b>"Loud" & clear</b>', "loud"))
    assert marked == "&lt;b&gt;&#34;<mark>Loud</mark>&#34; &amp; clear&lt;/b&gt;"
    assert str(highlight("<i>x</i>", "")) == "&lt;i&gt;x&lt;/i&gt;"


def test_cursor_round_trip() -> None:
    assert decode_cursor(encode_cursor(150)) == 150 and decode_cursor(None) == 0
    for bad in (-1, 2**64):
        with pytest.raises(StoreError, match="E110"):
            decode_cursor(encode_cursor(bad))


def test_wire_copy_without_an_outlet_is_listed_under_its_agency(client: TestClient) -> None:
    # the seed is TASS wire copy stored with no outlet; one sample was ingested with outlet TASS
    page = client.get("/outlets/TASS")
    assert page.status_code == 200 and "Kim Jong Un" in page.text, "whom TASS quotes"
    listed = client.get("/articles?outlet=TASS").text
    assert "The participation of Korean People" in listed and "trembling" in listed
    assert _json(client.get("/api/speakers", params={"outlet": "TASS"}))["items"][0]["name"] == "Kim Jong Un"
    assert '<a href="/outlets/TASS">TASS</a>' in client.get("/").text
