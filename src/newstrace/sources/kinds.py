"""What kind of document a file, response or stream holds: by its name, its Content-Type, its first bytes."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from .urls import is_url

SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
# Suffixes a folder walk picks up (anything else in a folder is not a document: images, notes).
FOLDER_KINDS = {"text", "html", "jsonl", "warc", "feed", "xml"}


def _suffix_kind(name: str) -> str | None:
    try:
        lower = urlsplit(name).path.lower() if is_url(name) else name.lower()
    except ValueError:  # a malformed URL: the reader reports it (E050)
        lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, kind in SUFFIX_KINDS.items():
        if lower.endswith(suffix):
            return kind
    if lower.endswith(".xml"):
        return "xml"
    return None


def _sniff(head: bytes) -> str | None:
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(1024)
        except (OSError, EOFError):
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in start[:1024] or b"<sitemapindex" in start[:1024]:
        return "sitemap"
    if b"<rss" in start[:1024] or b"<feed" in start[:1024] or b"<rdf:rdf" in start[:1024]:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml"):
        return "xml"
    return None


def detect_kind(name: str, content_type: str | None, head: bytes) -> str:
    """'text', 'html', 'jsonl', 'warc', 'feed', 'sitemap', or 'other' (not a document)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    by_type = {
        "text/html": "html",
        "application/xhtml+xml": "html",
        "application/rss+xml": "feed",
        "application/atom+xml": "feed",
        "application/warc": "warc",
        "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
        "text/plain": "text",
    }.get(ctype)
    sniffed = _sniff(head)
    kind = _suffix_kind(name) or by_type
    if kind in {None, "xml"} or (kind == "text" and sniffed in {"html", "feed", "sitemap", "warc"}):
        kind = sniffed if sniffed not in {None, "xml"} else kind
    if kind == "xml":
        return sniffed if sniffed in {"feed", "sitemap"} else "other"
    if kind is None and ctype and not ctype.startswith("text/") and not ctype.endswith(("+xml", "/xml", "/json")):
        return "other"  # images, scripts, binaries: not documents
    return kind or "text"


def walk(folder: Path) -> Iterator[Path]:
    """Document files under a folder, recursively, in sorted order (hidden files skipped)."""
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts):
            continue
        if child.is_file() and _suffix_kind(child.name) in FOLDER_KINDS:
            yield child
