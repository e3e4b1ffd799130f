"""detente: news about international relations in, measured and explainable evidence out.

The main entry points, imported lazily (``import detente`` stays cheap)::

    import detente
    from detente import Coder, EventStore, read_stories, analysis
    coder = Coder()                                   # spaCy + actor KB + lexicon, loaded once
    coded = coder.code_story(story)                   # -> CodedStory(events=[Event, ...])
    detente.code_corpus(["news/"], "relations.duckdb")  # a corpus into a store (Dask workers optional)
    db = detente.open("relations.duckdb")             # embedded DuckDB file
    db.events(dyad=("USA", "RUS"))                    # -> pyarrow.Table (output="pandas" for a DataFrame)

The packages, lowest layer first (a package imports only from those before it; the test
suite checks this): ``errors`` -> ``ontology`` -> ``schema`` -> ``ingest`` -> ``nlp`` ->
``actors`` -> ``coding`` -> ``store`` -> ``interop`` | ``batch`` -> ``analysis`` ->
``display`` -> ``report`` | ``web`` -> ``cli``.
"""
from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "Coder": ("detente.coding", "Coder"),
    "EventStore": ("detente.store", "EventStore"),
    "read_stories": ("detente.ingest", "read_stories"),
    "code_corpus": ("detente.batch", "code_corpus"),
    "Story": ("detente.schema", "Story"),
    "Event": ("detente.schema", "Event"),
    "events_to_arrow": ("detente.schema", "events_to_arrow"),
    "analysis": ("detente.analysis", None),
    "open": ("detente.store", "open_database"),
    "Database": ("detente.store", "Database"),
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    module, attr = _LAZY[name]
    mod = import_module(module)
    return mod if attr is None else getattr(mod, attr)
