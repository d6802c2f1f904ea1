"""Guards on hostile input. The URL guard refuses every address that is not global unicast, however
it is spelled: IPv6 forms that carry an IPv4 address (mapped, 6to4, NAT64, IPv4-compatible) are
judged by that address; site-local and Teredo are refused (property tests generate the spellings,
no network needed). A gzipped sitemap expands only up to the size limit."""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from newstrace.sources.urls import FetchPolicy, embedded_ipv4

from .corpus_samples import text_warc

POLICY = FetchPolicy()
PRIVATE_V4 = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
    )
]  # fmt: skip


@st.composite
def private_v4(draw: st.DrawFn) -> ipaddress.IPv4Address:
    net = draw(st.sampled_from(PRIVATE_V4))
    return ipaddress.IPv4Address(int(net.network_address) + draw(st.integers(0, net.num_addresses - 1)))


def v6_forms(v4: ipaddress.IPv4Address) -> list[ipaddress.IPv6Address]:
    n = int(v4)
    return [
        ipaddress.IPv6Address((0xFFFF << 32) | n),  # ::ffff:a.b.c.d
        ipaddress.IPv6Address((0x2002 << 112) | (n << 80)),  # 6to4 2002:AABB:CCDD::
        ipaddress.IPv6Address((0x2002 << 112) | (n << 80) | 1),
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | n),  # NAT64 well-known prefix
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b:1::")) | n),  # local-use NAT64
        ipaddress.IPv6Address(n),  # ::a.b.c.d (deprecated IPv4-compatible)
    ]


@given(private_v4())
def test_a_private_ipv4_address_is_refused_in_every_spelling(v4: ipaddress.IPv4Address) -> None:
    assert not POLICY.permits(v4)
    for form in v6_forms(v4):
        assert not POLICY.permits(form), f"{form} carries {v4}"
        if int(v4) > 1:
            assert embedded_ipv4(form) == v4


@given(st.sampled_from(["8.8.8.8", "1.1.1.1", "93.184.216.34", "151.101.1.69"]))
def test_a_public_ipv4_address_is_allowed_in_every_spelling(text: str) -> None:
    v4 = ipaddress.IPv4Address(text)
    assert POLICY.permits(v4)
    assert all(POLICY.permits(form) for form in v6_forms(v4))


def test_ipv6_ranges_that_are_not_global_unicast_are_refused() -> None:
    for text in ("::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1",
                 "2001:0:4136:e378:8000:63bf:3fff:fdd2", "100::1"):  # fmt: skip
        assert not POLICY.permits(ipaddress.ip_address(text)), text
    assert POLICY.permits(ipaddress.ip_address("2606:4700::1111"))


def test_an_allowed_network_lets_its_addresses_through_in_any_spelling() -> None:
    narrow = FetchPolicy(allowed_networks=("127.0.0.1/32",))
    assert narrow.permits(ipaddress.ip_address("127.0.0.1"))
    assert narrow.permits(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not narrow.permits(ipaddress.ip_address("127.0.0.2"))


def test_a_gzipped_sitemap_expands_only_to_the_limit() -> None:
    import gzip
    import tracemalloc
    import zlib

    import pytest

    from newstrace.errors import InputError
    from newstrace.sources.feeds import sitemap_locations

    # 1 GB of spaces as gzip, built in chunks (the test never holds the expanded bytes itself)
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * 1_000_000
    parts = [packer.compress(b"<urlset>")] + [packer.compress(chunk) for _ in range(1000)] + [packer.flush()]
    bomb = b"".join(parts)
    assert len(bomb) < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="E005"):
            sitemap_locations(bomb, source="https://example.org/sitemap.xml.gz", max_bytes=5_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000, f"expanding stopped at the limit, not at 1 GB (peak {peak:,} bytes)"
    small = gzip.compress(b"<urlset><url><loc>https://example.org/a</loc></url></urlset>")
    assert sitemap_locations(small, source="https://example.org/s.xml.gz") == ("urlset", ["https://example.org/a"])
    with pytest.raises(InputError, match="E116"):
        sitemap_locations(b"\x1f\x8b" + b"not gzip at all", source="s.xml.gz")


def test_a_lone_surrogate_fails_its_line_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newstrace.record import Article
    from newstrace.sources import Failed, read_sources

    lines = [
        '{"id": "a", "text": "The minister said the plan works."}',
        '{"id": "b\\ud800", "text": "bad \\udc00 text, the man said."}',
        '{"id": "c", "text": "The mayor said the bridge would reopen."}',
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failed", "Article"]
    failed = items[1]
    assert isinstance(failed, Failed) and failed.source.endswith("#L2") and "E058" in failed.error
    assert "lone surrogate" in failed.error
    failed.error.encode("utf-8")  # the failure itself can be printed and stored
    assert all(isinstance(i, Article) for i in (items[0], items[2]))


def test_a_malformed_url_is_a_failed_document_not_a_crash() -> None:
    from newstrace.sources import Failed, read_sources

    items = list(read_sources(["http://[::1", "http://example.org:99999/x"]))
    assert [type(i) for i in items] == [Failed, Failed]
    assert all("E050" in i.error for i in items if isinstance(i, Failed))


def test_a_json_lines_line_keeps_its_unread_fields_as_metadata(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newstrace.record import SCHEMA_VERSION, Article
    from newstrace.schema import validate_record
    from newstrace.sources import read_sources

    line = (
        '{"id": "x1", "outlet": "CNN", "date": "2020-01-02", "text": "The mayor said so.", '
        '"bias": "left", "topic": ["a"]}'
    )
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    (article,) = list(read_sources([tmp_path / "a.jsonl"]))
    assert isinstance(article, Article)
    assert article.metadata == {"bias": "left", "topic": ["a"]}, "read fields (id, outlet, date, text) are not repeated"
    record = article.to_dict()
    assert record["schema"] == SCHEMA_VERSION and record["metadata"] == article.metadata
    validate_record(record)
    assert Article.from_dict(record).metadata == article.metadata
    old = {k: v for k, v in record.items() if k != "metadata"}
    assert Article.from_dict(old).metadata == {}, "a schema 3 record reads with empty metadata"


def test_a_warc_bomb_stops_at_the_limit_after_the_good_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Zeros after a good record: before E118 warcio read them as one header line (64 MiB: 75 s, 1.6 GB)."""
    import gzip
    import time

    from newstrace.record import Article
    from newstrace.sources import Failed, ReadOptions, read_path

    path = tmp_path / "bomb.warc.gz"
    good = text_warc(b"The minister said on Monday that the bridge would reopen in May.", gzipped=True)
    path.write_bytes(good + gzip.compress(b"\0" * (8 << 20), compresslevel=1))  # zeros: one more gzip member
    started = time.perf_counter()
    items = list(read_path(path, ReadOptions(max_bytes=100_000)))
    assert time.perf_counter() - started < 20  # the limit is 2 MiB here; the bomb is never read whole
    assert isinstance(items[0], Article) and "bridge" in items[0].text
    assert isinstance(items[-1], Failed) and items[-1].code == "E118", items[-1]
    assert len(items) == 2


def test_the_run_summary_counts_failures_by_error_number() -> None:
    from newstrace.run import CorpusReport
    from newstrace.sources import Failed

    report = CorpusReport(unreadable=3)
    report.failures += [Failed("a", "read", "E005 too big"), Failed("b", "read", "E118 bomb")]
    report.failures.append(Failed("c", "read", "E005 too big"))
    assert report.failures_by_code() == {"E005": 2, "E118": 1}
    assert report.summary().endswith("failures by error: E005 x2, E118 x1")
    assert report.to_dict()["failures_by_code"] == {"E005": 2, "E118": 1}


def _trickling_server(prefix: bytes) -> tuple[str, object]:
    """A server that sends ``prefix`` and then one byte a second, forever (until the client leaves)."""
    import socket
    import threading
    import time

    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.recv(65536)
                    conn.sendall(prefix)
                    for _ in range(600):
                        conn.sendall(b"a")
                        time.sleep(1.0)
                except OSError:
                    continue

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/slow", listener


def test_a_server_that_trickles_bytes_cannot_hold_a_fetch_past_its_timeout() -> None:
    """Before the watchdog, one byte a second kept 'ingest --timeout 5' waiting for minutes."""
    import time

    import pytest

    from newstrace.errors import InputError
    from newstrace.sources.urls import fetch

    body_start = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
    for prefix in (b"HTTP/1.1 200 OK\r\nX-Slow: ", body_start):  # slow headers, then a slow body
        url, listener = _trickling_server(prefix)
        started = time.monotonic()
        with pytest.raises(InputError, match=r"E056.*took longer than 2 s"):
            fetch(url, FetchPolicy(allow_private=True, timeout=2.0))
        assert time.monotonic() - started < 5
        listener.close()  # type: ignore[attr-defined]


def test_a_tag_with_200000_attributes_is_cut_before_parsing() -> None:
    """Before the cap, lxml and justext were quadratic in a tag's attributes: 2.3 MB ran past 300 s."""
    import time

    from newstrace.sources.html import MAX_ATTRIBUTES, extract, tame

    attributes = " ".join(f'data-a{i}="v {i}"' for i in range(200_000))
    page = f"<html><body><div {attributes}>x</div><p>The minister said the bridge would reopen.</p></body></html>"
    started = time.perf_counter()
    article = extract(page.encode(), source="bomb.html")
    assert time.perf_counter() - started < 10
    assert "bridge would reopen" in article.text
    cut = tame(page)
    assert isinstance(cut, str) and cut.count("data-a") == MAX_ATTRIBUTES and "</div><p>The minister" in cut


@given(
    st.lists(
        st.tuples(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), st.text(alphabet="ab <>=/'c", max_size=12)),
        max_size=40,
    ),
    st.text(alphabet="xy <>'\"\n=", max_size=3000),
)
def test_tame_leaves_ordinary_tags_alone_and_stays_linear(attributes: list[tuple[str, str]], junk: str) -> None:
    from newstrace.sources.html import tame

    tag = "<div " + " ".join(f'{name}="{value.replace(chr(34), "")}"' for name, value in attributes) + ">"
    assert tame(tag) == tag  # fewer attributes than the cap: untouched
    odd = "<p" + junk * 50 + ">"
    assert len(tame(odd)) <= len(odd)  # any text at all: only ever cut, no error, no backtracking blow-up


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)


def test_feeds_and_sitemaps_never_expand_entities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Billion laughs (10^9 'lol's from 1 kB) and an external entity naming a local file: neither is
    expanded, so reading stays small and fast and no local file leaks into an article."""
    import time

    from newstrace.record import Article
    from newstrace.sources import ReadOptions, read_path

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        LAUGHS.replace("]>", f'<!ENTITY xxe SYSTEM "file://{secret}">]>')
        + "<rss version='2.0'><channel><title>&lol9;</title><item><title>A &xxe;</title>"
        + "<description>The minister said the bridge would reopen. &lol9; &xxe;</description>"
        + "<guid>a</guid></item></channel></rss>",
        encoding="utf-8",
    )
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(LAUGHS + "<urlset><url><loc>&lol9;</loc></url></urlset>", encoding="utf-8")
    started = time.perf_counter()
    items = [*read_path(feed, ReadOptions(fetch_links=False)), *read_path(sitemap, ReadOptions(fetch_links=False))]
    assert time.perf_counter() - started < 10
    for item in items:
        shown = item.text if isinstance(item, Article) else item.error
        assert "TOP-SECRET" not in shown and "lollollol" not in shown and len(shown) < 10_000, shown[:200]


def test_a_gzipped_json_lines_bomb_is_read_in_bounded_pieces(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One endless line of zeros after a good line: E005 for it, the good line kept, never held whole."""
    import gzip
    import json

    from newstrace.record import Article
    from newstrace.sources import Failed, ReadOptions, read_path

    path = tmp_path / "bomb.jsonl.gz"
    good = json.dumps({"id": "good", "text": "The minister said the bridge would reopen."}) + "\n"
    path.write_bytes(gzip.compress(good.encode() + b"\0" * (16 << 20), compresslevel=1))
    items = list(read_path(path, ReadOptions(max_bytes=100_000)))
    assert isinstance(items[0], Article) and items[0].source.endswith("#good")
    assert [item.code for item in items[1:] if isinstance(item, Failed)] == ["E005"]


def test_a_gzip_body_served_without_content_encoding_expands_only_to_the_limit() -> None:
    """Before: gzip.decompress expanded the whole body (1.7-2.3 GB for a 1 GiB bomb) before any limit."""
    import gzip
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from newstrace.sources import Failed, ReadOptions, read_sources

    body = gzip.compress(b"\0" * (8 << 20), compresslevel=1)  # 8 MiB of zeros in 36 kB

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/corpus.txt.gz"
        options = ReadOptions(max_bytes=100_000, policy=FetchPolicy(allow_private=True, max_bytes=100_000))
        items = list(read_sources([url], options))
    finally:
        server.shutdown()
        server.server_close()
    assert [item.code for item in items if isinstance(item, Failed)] == ["E005"]


def test_a_warc_response_without_a_target_uri_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Before: warcio's record without WARC-Target-URI ended the batch with an AttributeError."""

    from newstrace.sources import ReadOptions, read_path

    page = b"<html><body><article><p>The minister said on Monday that the bridge would reopen.</p></article>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page + b"</body></html>"
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Date: 2025-10-24T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(http)}\r\n\r\n".encode()
        + http
        + b"\r\n\r\n"
    )
    from newstrace.record import Article
    from newstrace.sources import Failed

    good = text_warc(b"The minister said on Monday that the bridge would reopen.")
    path = tmp_path / "no-uri.warc"
    path.write_bytes(good + record + good)
    items = list(read_path(path, ReadOptions()))
    assert isinstance(items[0], Article) and "bridge" in items[0].text  # the record before it is kept
    assert isinstance(items[-1], Failed) and items[-1].code == "E063" and "malformed record" in items[-1].error


def test_gzip_on_standard_input_is_bounded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Before: 1 GiB on standard input was read whole before the size check."""
    import gzip
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo / "src"), "NEWSTRACE_MAX_BYTES": "100000"}
    data = gzip.compress(b"The minister said so. " + b"\0" * (64 << 20), compresslevel=1)
    result = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "analyze", "-"], input=data, env=env, capture_output=True, timeout=120
    )
    assert result.returncode == 2  # nothing could be analyzed
    assert b"E005 '<stdin>' is over 100000 bytes" in result.stderr
