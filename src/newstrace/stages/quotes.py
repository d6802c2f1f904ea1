"""Quotation spans by pairing quote marks.

Straight and curly double quotes, and two apostrophes standing for one (''Yes,'' he said); a
quote that runs over several paragraphs (each new paragraph reopens the quote without closing the
last, as news style has it) is one quote; an opening mark left unclosed ends at its paragraph.
Single curly quotes (British style) are used only in a text with no double quotes, since ’ is
also the apostrophe.
"""

from __future__ import annotations

import re

from ..record import Article, Span
from ..stage import Stage

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n[ \t]+")


def _direction(text: str, i: int) -> str:
    """'open' or 'close' for a straight quote at ``i``, judged by its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text):
        return "close"
    return "open" if before in "\"'" else "close"


def _paragraph_end(text: str, start: int) -> int:
    match = PARAGRAPH_BREAK.search(text, start)
    return match.start() if match else len(text.rstrip())


def _reopens_paragraph(text: str, open_at: int, i: int) -> bool:
    """True when the mark at ``i`` starts the paragraph right after the one the quote opened in."""
    breaks = list(PARAGRAPH_BREAK.finditer(text, open_at, i + 1))
    return len(breaks) == 1 and not text[breaks[0].end() : i].strip()


# A verb of saying right after a closing mark: '," said James Carroll', '," he said', '," Lo added'.
CUE_AFTER = re.compile(
    r"[,.]?\s*(?:(?:[A-Z][\w.'-]*|he|she|they|it)(?:\s+[A-Z][\w.'-]*){0,3}\s+)?(?:said|says|added|adds)\b"
)


def _follows_a_quote(text: str, quotes: list[tuple[int, int]], open_at: int) -> bool:
    """Whether a quote closed earlier in the paragraph the mark at ``open_at`` opens a quote in."""
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, open_at)]
    paragraph_start = breaks[-1] if breaks else 0
    return bool(quotes) and quotes[-1][1] > paragraph_start


def _closes_before_a_cue(text: str, later: list[tuple[int, str, int]]) -> bool:
    """Whether the next closing mark among ``later`` is followed by a verb of saying."""
    close = next(((i, length) for i, direction, length in later if direction == "close"), None)
    return close is not None and CUE_AFTER.match(text, close[0] + close[1]) is not None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text, marks excluded."""
    use_single = '"' not in text and "“" not in text and "”" not in text and "''" not in text
    marks: list[tuple[int, str, int]] = []  # (position, direction, length of the mark)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "'" and text[i + 1 : i + 2] == "'":
            # Two apostrophes stand for a double quote in some outlets' copy: ''Yes,'' he said.
            marks.append((i, _direction(text, i) if i == 0 or text[i - 1] != "'" else "close", 2))
            i += 2
            continue
        if ch == '"':
            marks.append((i, _direction(text, i), 1))
        elif ch in ("“", "‘" if use_single else "“"):
            marks.append((i, "open", 1))
        elif (ch == "”" or (use_single and ch == "’")) and not (
            ch == "’" and i + 1 < len(text) and text[i + 1].isalpha()  # an apostrophe: don't, Korea’s
        ):
            marks.append((i, "close", 1))
        i += 1
    quotes: list[tuple[int, int]] = []
    open_at: int | None = None
    open_len = 1
    for n, (i, direction, length) in enumerate(marks):
        if direction == "open":
            if open_at is None or not _reopens_paragraph(text, open_at, i):
                # A fresh quote, or a reopening inside one paragraph: the earlier mark was stray.
                open_at, open_len = i, length
            elif _follows_a_quote(text, quotes, open_at) and _closes_before_a_cue(text, marks[n + 1 :]):
                # '"They ... lawsuit," said James Crandell, analyst at Salomon Brothers Inc.
                # "Apparently they are willing ... I don't know.\n    "It's getting a little
                # confusing," said James Carroll': the unclosed quote went on with the speaker its
                # paragraph named, and the new paragraph's quote has a cue of its own: two quotes
                quotes.append((open_at + open_len, _paragraph_end(text, open_at)))
                open_at, open_len = i, length
            # else: a new paragraph reopening a running quote: the quote continues.
        elif open_at is not None:
            quotes.append((open_at + open_len, i))
            open_at = None
    if open_at is not None:
        quotes.append((open_at + open_len, _paragraph_end(text, open_at)))
    return [(s, e) for s, e in quotes if e > s and text[s:e].strip()]


class QuoteStage(Stage):
    name = "quotes.marks.v1"
    requires = ("text", "body_start")
    assigns = ("quotes",)

    def __call__(self, article: Article) -> None:
        body = article.text[article.body_start :]
        article.quotes = [
            Span.of(article.text, s + article.body_start, e + article.body_start) for s, e in find_quotes(body)
        ]
