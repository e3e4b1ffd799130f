"""The worker side of a corpus run: each process builds its coder once and codes batches.

These functions run in Dask worker processes (or in the driver when there is one process);
they hold no connection to the store, only the coder.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..schema import CodedStory, Story
from ..store.dedup import signature, story_signature_text

CoderFactory = Callable[..., Any]

_CODER_CACHE: dict[Any, Any] = {}


def _cache_key(prefilter: bool, coder_options: Optional[dict], factory: Optional[CoderFactory]) -> Any:
    opts = tuple(sorted((coder_options or {}).items(), key=lambda kv: kv[0]))
    try:
        hash(opts)
    except TypeError:
        opts = repr(opts)
    return (factory, prefilter, opts)


def get_coder(prefilter: bool = False, coder_options: Optional[dict] = None,
              coder_factory: Optional[CoderFactory] = None) -> Any:
    """The process's coder for these options, built on first use (spaCy loads once per process)."""
    key = _cache_key(prefilter, coder_options, coder_factory)
    coder = _CODER_CACHE.get(key)
    if coder is None:
        if coder_factory is None:
            from ..coding import Coder

            coder_factory = Coder
        coder = coder_factory(prefilter=prefilter, **(coder_options or {}))
        _CODER_CACHE[key] = coder
    return coder


def code_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
               coder_factory: Optional[CoderFactory] = None) -> list[CodedStory]:
    """Code one batch of stories (runs in a Dask worker or in-process)."""
    return list(get_coder(prefilter, coder_options, coder_factory).code_stories(stories))


def code_and_sign_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
                        coder_factory: Optional[CoderFactory] = None
                        ) -> tuple[list[CodedStory], dict[str, Optional[bytes]]]:
    """:func:`code_batch` plus each story's MinHash signature, so that a worker, not the single
    writer, pays for the shingling and hashing (about 1 ms a story)."""
    signatures: dict[str, Optional[bytes]] = {}
    for s in stories:
        sig = signature(story_signature_text(s.title, s.text))
        signatures[s.id] = sig.tobytes() if sig is not None else None
    return code_batch(stories, prefilter, coder_options, coder_factory), signatures
