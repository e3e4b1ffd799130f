"""Plain text helpers: the ``Key: value`` / ``---`` header block, and HTML fragments to text."""
from __future__ import annotations

import re
from typing import Optional

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z /_-]{0,40}):\s*(.*)$")
_URL = re.compile(r"https?://\S+")
_MAX_HEADER_LINES = 60

# header key (lower-case) -> Story field
HEADER_KEYS = {
    "date": "date", "published": "date",
    "title": "title", "headline": "title",
    "address": "url", "url": "url", "link": "url",
    "source": "source", "author/publisher": "source", "publisher": "source",
}


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``Key: value`` block ended by a ``---`` line from the story text.

    Returns ``({field: raw value}, body)``; when the text has no such block, ``({}, text)``.
    Every non-blank line before ``---`` must be a ``Key: value`` line, so prose that
    happens to contain a colon and a later horizontal rule is left alone.
    """
    head = text[:20000]
    lines = head.split("\n", _MAX_HEADER_LINES + 1)
    fields: dict[str, str] = {}
    consumed = 0
    seen_key = False
    for line in lines[:_MAX_HEADER_LINES]:
        consumed += len(line) + 1
        s = line.strip()
        if s == "---":
            if not seen_key:
                return {}, text
            return fields, text[consumed:]
        if not s:
            continue
        m = _KEY_LINE.match(s)
        if not m:
            return {}, text
        seen_key = True
        key = m.group(1).strip().lower()
        f = HEADER_KEYS.get(key)
        if f and f not in fields and m.group(2).strip():
            fields[f] = m.group(2).strip()
    return {}, text


def clean_header_value(field: str, value: str) -> Optional[str]:
    """'https://x/y (republication; ...)' -> 'https://x/y'; 'State Dept (readout)' -> 'State Dept'."""
    if field == "url":
        m = _URL.search(value)
        return m.group(0).rstrip(";,") if m else None
    if field == "source":
        value = re.sub(r"\s*\([^()]*\)\s*$", "", value).strip()
    return value or None


_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "tr", "table", "section", "article", "pre", "figure", "hr"}


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (RSS ``description`` / ``content``), with lxml, not regexes."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return normalise_space(fragment)
    from lxml import etree, html as lhtml

    try:
        root = lhtml.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalise_space(fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    return normalise_space(root.text_content())


def normalise_space(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines; keep paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t\f\v]+", " ", ln).strip() for ln in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()
