"""Language identification: is this story English?

Uses ``py3langid`` (a maintained fork of langid.py): its model ships inside the wheel
(``py3langid/data/model.npz.xz``), so nothing is downloaded at run time.  A cheap
English-function-word test answers the common case without loading the model (~1 s).
"""
from __future__ import annotations

import logging
import re
import threading
from typing import Optional

from ..datafiles import DataModel, Words, load

SAMPLE_CHARS = 3000
MIN_WORDS = 12          # below this, language ID is unreliable: accept the text
MIN_PROB = 0.90         # report non-English only when the model is this sure

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class EnglishWords(DataModel):
    function_words: Words


_EN_FUNCTION = load(EnglishWords, "ingest", "english.yaml").function_words

_lock = threading.Lock()
_identifier = None


def _model():
    """The py3langid identifier (loaded once), or False when py3langid is not installed."""
    global _identifier
    with _lock:
        if _identifier is None:
            try:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
            except ImportError:
                logging.getLogger("detente.ingest").warning(
                    "py3langid is not installed: non-English stories will not be detected")
                _identifier = False
            else:
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> Optional[tuple[str, float]]:
    """``(iso639-1 code, probability)`` for the start of ``text``; None if too short to tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    share = sum(w in _EN_FUNCTION for w in words) / len(words)
    if share >= 0.18:                      # plainly English prose: skip the model
        return ("en", 1.0)
    model = _model()
    if not model:
        return None
    lang, prob = model.classify(sample)
    return (str(lang), float(prob))


def non_english(text: str) -> Optional[tuple[str, float]]:
    """The detected language when ``text`` is confidently not English, else None."""
    got = detect_language(text)
    if got is None:
        return None
    lang, prob = got
    if lang != "en" and prob >= MIN_PROB:
        return got
    return None
