"""detente: news about international relations in, measured and explainable evidence out.

The main entry points, imported lazily (``import detente`` stays cheap)::

    import detente
    from detente import Coder, EventStore, read_stories, analysis
    coder = Coder()                                   # spaCy + actor KB + lexicon, loaded once
    coded = coder.code_story(story)                   # -> CodedStory(events=[Event, ...])
    db = detente.open("relations.duckdb")             # embedded DuckDB file
    db.events(dyad=("USA", "RUS"))                    # -> pyarrow.Table (output="pandas" for a DataFrame)
"""
from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "Coder": ("detente.coding", "Coder"),
    "EventStore": ("detente.store", "EventStore"),
    "read_stories": ("detente.ingest", "read_stories"),
    "ingest": ("detente.store.ingest", "ingest"),
    "Story": ("detente.schema", "Story"),
    "Event": ("detente.schema", "Event"),
    "events_to_arrow": ("detente.schema", "events_to_arrow"),
    "analysis": ("detente.analysis", None),
    "open": ("detente.store.database", "open_database"),
    "Database": ("detente.store.database", "Database"),
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    module, attr = _LAZY[name]
    mod = import_module(module)
    return mod if attr is None else getattr(mod, attr)
