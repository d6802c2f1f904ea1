"""The layout of a body of text: hard-wrapped lines and paragraphs, read without changing an offset.

Wire archives and plain-text feeds (Reuters-21578, many agency dumps) break lines inside sentences
at a fixed width and mark paragraphs by an indented line:

    WASHINGTON, March 3 - The Agriculture Department said
    it would review the program.
        The decision follows ...

Parsed as it is, a sentence broken across lines falls apart: the parser and the tagger both take a
line break for the end of a paragraph, so attributions come out as speakerless fragments. The fix
keeps every offset: :func:`reading_view` replaces each line break that only wraps a line by a space
(one character for one), so the parse and the tagger read whole sentences, and every span they
give still indexes the text exactly as read.
"""

from __future__ import annotations

import re

# A line break followed by a blank line or an indented line starts a paragraph.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]+\S)")
# A line break between two non-space characters: a wrap, when the text is hard-wrapped.
_INNER_BREAK = re.compile(r"(?<=\S)\n(?=\S)")
_LINE_BREAK = re.compile(r"\n")
_CONTINUES_LOWER = re.compile(r"(?<=\S)\n(?=[a-z(0-9])")
# '<Qintex Ltd>': a name in the angle brackets of a wire archive's markup.
# The name may wrap onto the next line ('<Onomichi Dockyard\nCo Ltd>'), never over a blank one.
_NAME_TAG = re.compile(r"<([A-Z](?:[^<>\n]|\n(?![ \t]*\n)){0,60}?)>")
# 'Westdeutsche Landesbank Girozentrale <WELG.F> said': a stock symbol right after a capitalized name.
_TICKER = re.compile(r"(\b[A-Z][\w.&'-]*\s+)(<[A-Z0-9]{1,8}(?:\.[A-Z]{1,3})?>)")
# "Speaker Nancy Pelosi Nancy PelosiOn The Money: ... | ... | ... MORE (D-Calif.)": a web page's
# pop-up card for a name (the full name glued to its headlines, up to 'MORE'), scraped into the text.
_NAME_CARD = re.compile(r"\b([A-Z][\w'-]+)((?:[ \t]+[A-Z][\w.'-]*){1,4}?[ \t]+)\1(?=[A-Z])[^\n]{0,800}?\bMORE\b")
BLANKED_SPACES = 8  # a run of spaces this long inside a phrase is a stretch the reading view blanked
MIN_WRAPS = 2  # line breaks before a lowercase word or a number, at least
MIN_WRAP_SHARE = 0.4  # of the line breaks between two non-space characters (Reuters-21578: 1% of texts under it)


def is_hard_wrapped(text: str) -> bool:
    """True when line breaks run inside sentences: many of them are followed by a lowercase word or a
    number, which a paragraph or a heading almost never starts with."""
    inner = len(_INNER_BREAK.findall(text))
    continuing = len(_CONTINUES_LOWER.findall(text))
    return continuing >= MIN_WRAPS and continuing >= MIN_WRAP_SHARE * inner


# '... on June 7. ,  The police': a comma alone between a sentence's stop and the next sentence
_STRAY_COMMA = re.compile(r"(?<=[.!?] ),(?=\s)")


def reading_view(text: str) -> str:
    """``text`` as the parser should read it, with the same length and offsets: the line breaks that
    only wrap a line read as spaces, and the angle brackets wire archives put around company names
    ('<Qintex Ltd> of Brisbane said', Reuters-21578) read as spaces too, since the parser took
    'Brisbane' for the subject there. A stock symbol after a name ('Westdeutsche Landesbank
    Girozentrale <WELG.F> said') reads as spaces: the parser took 'F' for the speaker. So does a
    web page's pop-up card for a name, scraped into the text ('Speaker Nancy Pelosi Nancy
    PelosiOn The Money: ... | ... MORE (D-Calif.)': The Hill, in 194 of allsides' 445 stories).
    A stray comma after a sentence's stop, where KCNA joins its lead to the body ('on June 7. ,  The
    police'), reads as a space: the parser took it for the start of the next sentence.

    Only a hard-wrapped text has its breaks changed, and only those between two non-space
    characters: blank lines and indented lines (paragraphs, tables) stay.
    """
    tickers = [m.span(2) for m in _TICKER.finditer(text)] if "<" in text else []
    if "MORE" in text:
        # "Speaker Nancy Pelosi Nancy PelosiOn The Money: ... MORE (D-Calif.) said": the pop-up card
        # reads as spaces, so the parser reads 'Speaker Nancy Pelosi (D-Calif.) said'
        tickers += [(m.end(1), m.end()) for m in _NAME_CARD.finditer(text)]
    starts = {start for start, _ in tickers}
    view = text
    if "<" in text:
        view = _NAME_TAG.sub(lambda m: m.group() if m.start() in starts else f" {m.group(1)} ", text)
    if "\n" in view and is_hard_wrapped(view):
        view = _INNER_BREAK.sub(" ", view)
    for start, end in tickers:
        view = view[:start] + " " * (end - start) + view[end:]
    if ". ," in view:
        # KCNA's lead and body joined by a stray comma ('... on June 7. ,  The police ...'): the
        # parser read the comma as the start of the next sentence and joined the two
        view = _STRAY_COMMA.sub(" ", view)
    return view


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``text[start:end]`` with text in it, without its edge spaces.

    Paragraphs are separated by blank or indented lines; in a text that is not hard-wrapped, by
    every line break.
    """
    end = len(text) if end is None else end
    view = text[start:end]
    breaks = PARAGRAPH_BREAK if "\n" in view and is_hard_wrapped(view) else _LINE_BREAK
    found = []
    position = 0
    for match in [*breaks.finditer(view), None]:
        stop = match.start() if match is not None else len(view)
        piece = view[position:stop]
        stripped = piece.strip()
        if stripped:
            left = position + (len(piece) - len(piece.lstrip()))
            found.append((start + left, start + left + len(stripped)))
        if match is not None:
            position = match.end()
    return found


__all__ = ["is_hard_wrapped", "paragraphs", "reading_view"]
