"""Ingest over HTTP from a real server on 127.0.0.1: feeds, sitemaps, WARC, pages; the SSRF guard."""

from __future__ import annotations

import gzip
import io
import ipaddress
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newstrace
from newstrace.errors import InputError
from newstrace.settings import load_settings
from newstrace.sources.urls import FetchPolicy, fetch, resolve
from newstrace.store import open_store

from .corpus_samples import SAMPLES

pytestmark = pytest.mark.model

BOILERPLATE = "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"


def page(title: str, text: str, date: str, author: str) -> str:
    paragraphs = "".join(f"<p>{p.strip()}.</p>" for p in text.split(". ") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Example News</title>"
        f"<meta property='og:title' content='{title}'><meta property='article:published_time' content='{date}'>"
        f"<meta name='author' content='{author}'><meta property='og:site_name' content='Example News'></head>"
        f"<body>{BOILERPLATE}<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>"
    )


@dataclass
class Server:
    root: Path
    base: str
    requests: list[str] = field(default_factory=list)


class Handler(SimpleHTTPRequestHandler):
    log: list[str]

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``self.log`` instead."""

    def do_GET(self) -> None:
        self.log.append(self.path)
        if self.path.startswith("/redirect/"):
            hops = int(self.path.rsplit("/", 1)[1])
            target = "/pages/story0.html" if hops <= 1 else f"/redirect/{hops - 1}"
            self._redirect(target)
        elif self.path == "/elsewhere":
            port = self.server.server_address[1]
            self._redirect(f"http://127.0.0.2:{port}/pages/story0.html")
        elif self.path == "/missing":
            self.send_error(404)
        else:
            super().do_GET()

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


def build_site(root: Path, base: str) -> None:
    (root / "pages").mkdir(parents=True)
    items = []
    for n, (text, _outlet, date, _url) in enumerate(SAMPLES):
        title = f"Story {n}"
        (root / "pages" / f"story{n}.html").write_text(page(title, text, date, f"Reporter {n}"), encoding="utf-8")
        stamp = format_datetime(datetime.fromisoformat(date).replace(tzinfo=UTC))
        items.append(
            f"<item><title>{title}</title><link>{base}/pages/story{n}.html</link><pubDate>{stamp}</pubDate>"
            f"<guid>{base}/pages/story{n}.html</guid></item>"
        )
    (root / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Example News</title>"
        f"<link>{base}/</link><description>d</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    locs = "".join(f"<url><loc>{base}/pages/story{n}.html</loc></url>" for n in range(len(SAMPLES)))
    (root / "sitemap.xml").write_text(
        f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>",
        encoding="utf-8",
    )
    (root / "sitemap-index.xml").write_text(
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap></sitemapindex>",
        encoding="utf-8",
    )
    write_warc(root / "crawl.warc.gz", base)


def write_warc(path: Path, base: str) -> None:
    """Two archived pages, an image, a 404 and a request record, as a crawler writes them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, (text, _outlet, date, _url) in enumerate(SAMPLES[:2]):
            body = page(f"Archived {n}", text, date, "Archivist").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            uri = f"{base}/archived/{n}.html"
            request = b"GET / HTTP/1.1\r\n\r\n"
            writer.write_record(record(writer, uri, "request", request))
            writer.write_record(record(writer, uri, "response", body, headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(record(writer, f"{base}/logo.png", "response", b"\x89PNG", image))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(record(writer, f"{base}/gone.html", "response", b"<html>gone</html>", missing))


def record(writer: WARCWriter, uri: str, kind: str, body: bytes, headers: StatusAndHeaders | None = None) -> object:
    # The length given up front: without it warcio buffers into a temporary file it never closes.
    return writer.create_warc_record(uri, kind, payload=io.BytesIO(body), length=len(body), http_headers=headers)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "site"
    root.mkdir()
    log: list[str] = []
    handler = partial(type("LoggingHandler", (Handler,), {"log": log}), directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_site(root, base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(root, base, log)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_policy_refuses_private_addresses() -> None:
    policy = FetchPolicy()
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ):
        assert not policy.permits(ipaddress.ip_address(address)), address
    assert policy.permits(ipaddress.ip_address("93.184.216.34"))
    assert FetchPolicy(allow_private=True).permits(ipaddress.ip_address("127.0.0.1"))
    narrow = FetchPolicy(allowed_networks=("127.0.0.1/32",))
    assert narrow.permits(ipaddress.ip_address("127.0.0.1")) and not narrow.permits(ipaddress.ip_address("127.0.0.2"))
    with pytest.raises(InputError, match="E051"):
        resolve("http://169.254.169.254/latest/meta-data/", policy)
    with pytest.raises(InputError, match="E051"):
        resolve("http://[::1]:8080/", policy)
    with pytest.raises(InputError, match="E050"):
        resolve("file:///etc/passwd", policy)
    with pytest.raises(InputError, match="E050"):
        resolve("http:///nohost", policy)


def test_feed_ingest_fetches_each_entry_once(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    report = newstrace.ingest(f"{server.base}/feed.xml", db=db, allow_private=True)
    assert (report.stored, report.skipped, len(report.failures)) == (3, 0, 0)
    with open_store(db) as store:
        columns, rows = store.iter_table("articles")
        by_url = {r["url"]: r for r in (dict(zip(columns, row, strict=True)) for row in rows)}
        assert set(by_url) == {f"{server.base}/pages/story{n}.html" for n in range(3)}
        assert {r["outlet"] for r in by_url.values()} == {"Example News"}
        first = by_url[f"{server.base}/pages/story0.html"]
        assert (first["title"], first["published"], first["byline"]) == ("Story 0", SAMPLES[0][2], "Reporter 0")
        assert "Home" not in first["text"] and "Copyright" not in first["text"]
        assert "nuclear deterrent" in first["text"]
        assert store.count_quotes() > 0
    fetched_pages = [p for p in server.requests if p.startswith("/pages/")]
    assert len(fetched_pages) == 3
    again = newstrace.ingest(f"{server.base}/feed.xml", db=db, allow_private=True)
    assert (again.stored, again.skipped, len(again.failures)) == (0, 3, 0)
    assert [p for p in server.requests if p.startswith("/pages/")] == fetched_pages  # stored URLs are not refetched


def test_private_address_is_refused_without_permission(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    report = newstrace.ingest(f"{server.base}/feed.xml", db=db)
    assert (report.stored, len(report.failures)) == (0, 1)
    assert server.requests == []
    with open_store(db) as store:
        (failure,) = store.failures()
        assert failure.stage == "fetch" and "E051" in failure.error


def test_every_redirect_hop_is_checked(server: Server) -> None:
    narrow = FetchPolicy(allowed_networks=("127.0.0.1/32",))
    assert fetch(f"{server.base}/redirect/3", narrow).url == f"{server.base}/pages/story0.html"
    with pytest.raises(InputError, match="E051"):
        fetch(f"{server.base}/elsewhere", narrow)
    with pytest.raises(InputError, match="E053"):
        fetch(f"{server.base}/redirect/4", FetchPolicy(allow_private=True, max_redirects=3))
    with pytest.raises(InputError, match="E054"):
        fetch(f"{server.base}/missing", FetchPolicy(allow_private=True))
    with pytest.raises(InputError, match="E055"):
        fetch(f"{server.base}/pages/story0.html", FetchPolicy(allow_private=True, max_bytes=100))
    with pytest.raises(InputError, match="E056"):  # nothing listens on port 1
        fetch("http://127.0.0.1:1/", FetchPolicy(allow_private=True))


def test_sitemap_index_and_urls(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    report = newstrace.ingest(f"{server.base}/sitemap-index.xml", db=db, allow_private=True)
    assert (report.stored, len(report.failures)) == (3, 0)
    page_urls = [f"{server.base}/pages/story{n}.html" for n in range(3)]
    again = newstrace.ingest([*page_urls, f"{server.base}/missing"], db=db, allow_private=True)
    assert (again.stored, again.skipped, len(again.failures)) == (0, 3, 1)


def test_warc_from_file_and_over_http(server: Server, tmp_path: Path) -> None:
    local = tmp_path / "local.db"
    report = newstrace.ingest(server.root / "crawl.warc.gz", db=local)
    assert (report.stored, len(report.failures)) == (2, 0)  # the image and the 404 are not articles
    with open_store(local) as store:
        urls = {q.url for q in store.quotes()}
        assert urls <= {f"{server.base}/archived/0.html", f"{server.base}/archived/1.html"} and urls
        assert all("#<urn:uuid:" in f["source"] for q in store.quotes() for f in store.records(q.article_key))
    remote = tmp_path / "remote.db"
    over_http = newstrace.ingest(f"{server.base}/crawl.warc.gz", db=remote, allow_private=True)
    assert (over_http.stored, len(over_http.failures)) == (2, 0)


def test_folder_of_html_pages_local_and_served(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    gz = server.root / "pages" / "story0.html"
    (tmp_path / "zipped").mkdir()
    (tmp_path / "zipped" / "story0.html.gz").write_bytes(gzip.compress(gz.read_bytes()))
    report = newstrace.ingest([server.root / "pages", tmp_path / "zipped"], db=db)
    assert (report.stored, report.skipped, len(report.failures)) == (3, 1, 0)
    served = newstrace.ingest([f"{server.base}/pages/story{n}.html" for n in range(3)], db=db, allow_private=True)
    assert (served.stored, len(served.failures)) == (3, 0)  # same text at a URL is its own row
    with open_store(db) as store:
        assert store.counts()["articles"] == 6


def test_oversized_page_is_a_failure(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    settings = load_settings(max_bytes=200)
    report = newstrace.ingest(f"{server.base}/pages/story0.html", db=db, allow_private=True, settings=settings)
    assert (report.stored, len(report.failures)) == (0, 1)
    with open_store(db) as store:
        assert "E055" in store.failures()[0].error


def test_https_connects_to_the_checked_address_and_verifies_the_name(tmp_path: Path) -> None:
    """The connection goes to the resolved IP, yet TLS still checks the certificate against the host name."""
    import shutil
    import ssl
    import subprocess

    openssl = shutil.which("openssl")
    assert openssl, "the openssl command is needed to make the test certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    root = tmp_path / "site"
    root.mkdir()
    (root / "story.html").write_text(page("Secure", SAMPLES[0][0], SAMPLES[0][2], "R"), encoding="utf-8")
    log: list[str] = []
    handler = partial(type("LoggingHandler", (Handler,), {"log": log}), directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        loopback = ("127.0.0.1/32", "::1/128")  # 'localhost' may also name ::1, where nothing listens
        policy = FetchPolicy(allowed_networks=loopback, ca_certs=str(cert))
        fetched = fetch(f"https://localhost:{port}/story.html", policy)
        assert fetched.status == 200 and b"nuclear deterrent" in fetched.body
        with pytest.raises(InputError, match="E056"):  # the certificate names localhost, not the address
            fetch(f"https://127.0.0.1:{port}/story.html", policy)
        with pytest.raises(InputError, match="E056"):  # not signed by a trusted CA
            fetch(f"https://localhost:{port}/story.html", FetchPolicy(allowed_networks=loopback))
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
