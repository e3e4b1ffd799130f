"""Plain text helpers: the ``Key: value`` / ``---`` header block, and HTML fragments to text."""
from __future__ import annotations

import re
from typing import Optional

from ..datafiles import DataModel, Words, load

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


class SpeakerWords(DataModel):
    fields: Words
    speech_nouns: Words
    links: Words
    ends_before: list[str]
    speech_nouns_after: Words
    interview_marks: Words
    interview_links: Words


_SPEAKERS = load(SpeakerWords, "ingest", "speakers.yaml")
SPEAKER_FIELDS = tuple(_SPEAKERS.fields)
HEADER_KEYS.update({k: "speaker" for k in SPEAKER_FIELDS})
# "Remarks by X", "(statement from X on Y)": the speech noun opens the title or a description
# (after "(", ";" or ":"), the link word follows it, and the speaker's words run to a delimiter
_SPEECH = re.compile(
    r"(?:^|[(;:]\s*)(?:" + "|".join(re.escape(w) for w in sorted(_SPEAKERS.speech_nouns, key=len, reverse=True))
    + r")\s+(?:" + "|".join(re.escape(w) for w in _SPEAKERS.links) + r")\s+([^,;()]+)", re.I)


# "Secretary X Remarks to the Press", "(Secretary X, remarks to the press in Y)": a speaker opening
# the title or a description (after "(", ";" or ":"), then the kind of speech
_SPEAKER_FIRST = re.compile(
    r"(?:^|[(;:]\s*)([A-Z][^,;():]*?),?\s+(?:" + "|".join(
        re.escape(w) for w in sorted(_SPEAKERS.speech_nouns_after, key=len, reverse=True)) + r")\b", re.I)
# "transcript: Secretary X with Interviewer Y of Outlet Z"
_INTERVIEW = re.compile(
    r"(?:^|[(;]\s*)(?:" + "|".join(re.escape(w) for w in _SPEAKERS.interview_marks) + r")\s*:\s*([A-Z][^,;():]*?)\s+(?:"
    + "|".join(re.escape(w) for w in _SPEAKERS.interview_links) + r")\s+", re.I)


def speaker_in(*descriptions: Optional[str]) -> Optional[str]:
    """The words naming who gave a speech, from the first title or description that names a
    kind of speech and its speaker ("Remarks by Ambassador X at the Council", "Ambassador X
    Remarks to the Press", "transcript: Ambassador X with Y of Z" -> "Ambassador X"); None when
    none does. The coder decides whether the words name a person it knows."""
    for d in descriptions:
        m = _SPEECH.search(d or "") or _INTERVIEW.search(d or "") or _SPEAKER_FIRST.search(d or "")
        if not m:
            continue
        words = " " + m.group(1) + " "
        cut = min((i for i in (words.find(e) for e in _SPEAKERS.ends_before) if i >= 0), default=len(words))
        words = words[:cut].strip()
        if words:
            return words
    return None


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
    if field in ("source", "speaker"):
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
