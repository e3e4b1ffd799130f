"""Bytes to text: binary sniffing, UTF-8 first, charset detection only when confident."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

SNIFF_BYTES = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> Optional[str]:
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    return None


def nul_offset(head: bytes) -> Optional[int]:
    """Offset of the first NUL byte in ``head`` (None if there is none).

    UTF-16/32 text with a byte-order mark is not binary, so the caller checks the BOM first.
    """
    i = head.find(b"\x00")
    return None if i < 0 else i


# UTF-16 text without a byte-order mark (Windows tools write it): most characters of English
# text are ASCII, so every other byte is NUL, always at the same parity.  Binary data has
# NULs at both parities or decodes to NUL and control characters.
_UTF16_MIN_NUL_SHARE = 0.05      # of code units with a NUL high byte (spaces alone give this)
_UTF16_MAX_CONTROL_SHARE = 0.01  # of decoded characters that are control characters


def utf16_without_bom(head: bytes) -> Optional[str]:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` reads as BOM-less UTF-16 text, else None.

    The NUL bytes must sit at one parity (odd offsets for little-endian), and the sample must
    decode to text with no NUL character and almost no other control character.
    """
    sample = head[:len(head) - len(head) % 2]
    units = len(sample) // 2
    if units < 2:
        return None
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd >= _UTF16_MIN_NUL_SHARE * units and nul_even * 10 <= nul_odd:
        encoding = "utf-16-le"
    elif nul_even >= _UTF16_MIN_NUL_SHARE * units and nul_odd * 10 <= nul_even:
        encoding = "utf-16-be"
    else:
        return None
    try:                                   # the sample may end inside a surrogate pair
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text or control > _UTF16_MAX_CONTROL_SHARE * max(len(text), 1):
        return None
    return encoding


def nul_offset_decoded(data: bytes, encoding: Optional[str]) -> Optional[int]:
    """Byte offset of the first NUL character (U+0000) in ``data`` read as ``encoding``.

    In UTF-8 and the legacy code pages a 0 byte only ever encodes U+0000, so the byte search
    is exact; in UTF-16/32 (``encoding`` from the BOM or :func:`utf16_without_bom`) the text
    is decoded and the offset counted in its code units.
    """
    if not encoding or not encoding.lower().startswith(("utf-16", "utf-32")):
        return nul_offset(data)
    text = data.decode(encoding, errors="replace")
    i = text.find("\x00")
    if i < 0:
        return None
    return len(text[:i].encode(encoding))        # "utf-16"/"utf-32" re-add the BOM's bytes


def is_utf8_prefix(head: bytes) -> bool:
    """True if ``head`` (possibly cut in the middle of a character) is valid UTF-8."""
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        dec.decode(head, final=False)
        return True
    except UnicodeDecodeError:
        return False


@dataclass
class Detected:
    encoding: str
    coherence: float
    confident: bool
    alternatives: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.confident or not self.alternatives:
            return self.encoding
        return f"{self.encoding}? or {', '.join(self.alternatives[:3])}"


# Legacy DOS / Mac / HP code pages: charset-normalizer often lists them as equally good
# for short samples, but news text is almost never in them, so they do not count as
# rival readings when judging whether a detection is confident.
_LEGACY = re.compile(r"^(cp(437|7\d\d|8\d\d|1006|1125)|mac_|hp_|ptcp|kz1048|tis_620)")


def _plausible(encoding: str) -> bool:
    return not _LEGACY.match(encoding.lower())


def detect_encoding(sample: bytes) -> Detected:
    """Guess a non-UTF-8 encoding with charset-normalizer (offline, pure Python).

    Confident only when the best guess decodes cleanly (low chaos) AND every other
    near-equally-good candidate (among encodings plausible for news text) decodes ``sample`` to the very same text: then the choice
    cannot change the story.  Latin-1 vs cp1250 on ``é``/``ã`` disagree, so that is *not*
    confident, and the caller reports the file instead of silently guessing.
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(sample))
    if not results:
        return Detected("unknown", 0.0, False)
    best = results[0]
    text = str(best)
    near = [r for r in results[1:]
            if r.chaos <= best.chaos + 0.05 and _plausible(r.encoding)]
    disagree = []
    for r in near:
        try:
            if sample.decode(r.encoding, errors="strict") != text:
                disagree.append(r.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    confident = best.chaos <= 0.1 and not disagree
    return Detected(best.encoding, float(best.coherence), confident, tuple(disagree))
