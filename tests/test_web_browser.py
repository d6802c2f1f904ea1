"""The web UI in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright, against
``newstrace serve``'s app on a real socket, over a store of 2,000 KCNA stories plus the seed.

Playwright never downloads a browser here: it launches the system's Chromium. Without it the tests
fail and say how to install it (.ci/run installs it).
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

import newstrace
from newstrace.store import open_store
from newstrace.web import ServerConfig, create_app

from .conftest import shared_path

pytestmark = pytest.mark.model

CHROMIUM = os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium")
KCNA_STORIES = 2000
# no background traffic: this machine has no network, and a test must not depend on one
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOSTILE = "<script>window.__pwned = 1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned = 2">'


def _hostile_article() -> newstrace.Article:
    """An article whose text, title and speaker name are HTML that would run if not escaped."""
    text = f'Alert {HOSTILE} &amp; more. "We will win," said {HOSTILE_IMG} on Monday.'
    article = newstrace.analyze(
        text, title=f"{HOSTILE} T&amp;T {HOSTILE_IMG}", outlet="Evil Desk", published="2024-01-02"
    )
    start = text.index(HOSTILE_IMG)
    mention = newstrace.Span(start, start + len(HOSTILE_IMG), HOSTILE_IMG)
    content_start = text.index("We will win")
    content = newstrace.Span(content_start, content_start + len("We will win,"), "We will win,")
    cue_start = text.index("said")
    article.attributions = [
        newstrace.Attribution(
            id="a1",
            kind="direct",
            speaker=newstrace.Speaker(mention=mention, name=HOSTILE_IMG, resolution="name"),
            cue=newstrace.Span(cue_start, cue_start + 4, "said"),
            content=content,
        )
    ]
    article.persuasion = []
    return article


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a running server over the KCNA sample, the seed and one hostile article."""
    folder = tmp_path_factory.mktemp("web")
    corpus = shared_path("data/corpora/kcna-2011-2012.jsonl.gz")
    sample = folder / "kcna2k.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as source, gzip.open(sample, "wt", encoding="utf-8") as out:
        lines = source.readlines()
        step = len(lines) // KCNA_STORIES
        for line in lines[::step][:KCNA_STORIES]:
            out.write(line)
    db = f"sqlite:///{folder}/web.db"
    report = newstrace.ingest(
        [str(sample), str(shared_path("seed/tass-2025-10-24-kursk.txt"))], db=db, workers=2, progress=False
    )
    assert report.stored == KCNA_STORIES + 1, report
    with open_store(db) as store:
        store.save(_hostile_article())
    app = create_app(ServerConfig(db=db))
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium; "
            ".ci/run does) or set NEWSTRACE_CHROMIUM to its path",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield opened
    context.close()
    assert errors == [], "no script error and no dialog on any page"


def _seed_key(base: str, page) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/search?q=Kursk+liberation")
    link = page.locator("ul.articles a").first
    return str(link.get_attribute("href")).rsplit("/", 1)[1]


def test_the_seed_reads_at_a_glance(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/")
    page.click("text=Latest articles")  # a heading: the page is there
    key = _seed_key(served, page)
    page.goto(f"{served}/articles/{key}")
    direct = page.locator('li.att[data-kind="direct"][data-speaker="Kim Jong Un"]')
    assert direct.count() == 4
    chains = page.locator('li.att[data-speaker="Kim Jong Un"] .chain').all_inner_texts()
    assert "TASS → Korean Central News Agency → Kim Jong Un" in chains
    assert page.locator(".ownlist li").count() == 3
    own_text = "".join(page.locator("#text .own").all_inner_texts())
    for sentence in page.locator(".ownlist li").all_inner_texts():
        assert sentence.strip() in own_text, "each own-voice sentence is marked in the text"
    # hover a direct quote's words: its speaker mention and cue light up, and its panel entry
    att = direct.first.get_attribute("data-att")
    content = page.locator(f'#text .r-content[data-att~="{att}"]').first
    content.hover()
    assert page.locator(f'#text .r-speaker.linked[data-att~="{att}"]').count() >= 1
    assert page.locator(f'#text .r-cue.linked[data-att~="{att}"]').count() >= 1
    assert "linked" in (direct.first.get_attribute("class") or "")
    assert page.locator("#text .pt").count() > 0, "persuasion spans are shown"
    assert page.locator("#text .tm").count() > 0, "times are shown"
    page.screenshot(path=str(Path(os.environ.get("NEWSTRACE_SCREENSHOTS", page_dir())) / "seed-article.png"))


def page_dir() -> str:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "newstrace-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def test_a_speaker_page_lists_statements_with_a_chart(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/speakers")
    page.click("a:text-is('Kim Jong Il')")
    assert page.locator("h1").inner_text() == "Kim Jong Il"
    assert page.locator("ol.statements > li").count() >= 10
    assert page.locator("figure.chart svg rect").count() >= 3
    page.screenshot(path=str(Path(os.environ.get("NEWSTRACE_SCREENSHOTS", page_dir())) / "speaker.png"))


def test_search_finds_a_quote_by_a_phrase(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/")
    page.fill("input[name=q]", "fierce battle")
    page.press("input[name=q]", "Enter")
    hits = page.locator("ul.quotes li")
    assert hits.count() >= 1
    assert "fierce battle" in hits.first.inner_text()
    assert page.locator("ul.quotes mark").count() >= 2
    page.screenshot(path=str(Path(os.environ.get("NEWSTRACE_SCREENSHOTS", page_dir())) / "search.png"))


def test_paste_and_analyze(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/")
    page.click("text=Analyze a dispatch")
    page.fill("textarea[name=text]", 'The mayor said on Tuesday that "the bridge will reopen in May."')
    page.fill("input[name=published]", "2024-04-02")
    page.click("button:text('Analyze')")
    assert page.locator(".unsaved").inner_text() == "analyzed, not stored"
    assert page.locator('li.att[data-kind="direct"]').count() == 1
    assert "the bridge will reopen in May" in page.locator("li.att .said").inner_text()
    page.goto(f"{served}/search?q=bridge+reopen+May")
    assert page.locator("ul.quotes li").count() == 0, "nothing was stored"


def test_hostile_text_renders_as_text(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/outlets/Evil%20Desk")
    page.goto(f"{served}/articles?outlet=Evil%20Desk")
    page.locator("table.rows a").first.click()
    assert HOSTILE in page.locator("h1").inner_text()
    assert HOSTILE in page.locator("#text").inner_text() and "&amp;" in page.locator("#text").inner_text()
    assert HOSTILE_IMG in page.locator("li.att .who").inner_text()
    page.goto(f"{served}/speakers/{quote(HOSTILE_IMG, safe='')}")
    assert HOSTILE_IMG in page.locator("h1").inner_text()
    page.goto(f"{served}/search?q={quote(HOSTILE, safe='')}")
    page.goto(f"{served}/")
    assert page.evaluate("typeof window.__pwned") == "undefined", "no injected script ran"
    assert page.locator("img").count() == 0


def test_every_page_is_reachable_from_the_start(served: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/")
    seen = {"/"}
    for path in ("/articles", "/speakers", "/outlets", "/stories", "/relays", "/analyze"):
        page.goto(f"{served}/")
        page.click(f"header nav a[href='{path}']")
        assert page.url.endswith(path)
        seen.add(path)
    page.goto(f"{served}/relays")
    assert page.locator(".graph svg line").count() >= 1
    page.goto(f"{served}/stories")
    page.locator("table.rows a").first.click()
    assert page.locator(".outlet-col").count() >= 1
    assert len(seen) == 7
