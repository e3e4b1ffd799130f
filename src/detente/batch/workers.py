"""The worker side of a corpus run: each process builds its coder once and codes batches.

These functions run in Dask worker processes (or in the driver when there is one process);
they hold no connection to the store, only the coder.  A story the coder fails on does not take
its batch with it: the batch is coded again story by story and the failing story comes back as
a :class:`StoryFailure` (its traceback for the run's log), the others as coded stories.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
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


@dataclass
class StoryFailure:
    """A story that could not be coded: which, why (one line) and the traceback."""

    story_id: str
    path: Optional[str]
    error: str                   # "ValueError: [E088] Text of length ... exceeds maximum ..."
    details: str                 # the traceback, for the run's log
    code: str = "E212"           # E212: the coder raised; E213: the worker process died

    @classmethod
    def of(cls, story: Story, exc: BaseException, code: str = "E212") -> "StoryFailure":
        message = (str(exc).strip().splitlines() or [""])[0]
        return cls(story.id, story.path, f"{type(exc).__name__}: {message}"[:300],
                   "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), code)

    @property
    def where(self) -> str:
        return f"{self.path} (story {self.story_id})" if self.path else f"story {self.story_id}"


@dataclass
class BatchResult:
    """What coding one batch gave: coded stories, failed ones and (from a worker) signatures."""

    coded: list[CodedStory]
    failures: list[StoryFailure] = field(default_factory=list)
    signatures: Optional[dict[str, Optional[bytes]]] = None


def code_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
               coder_factory: Optional[CoderFactory] = None) -> BatchResult:
    """Code one batch of stories (runs in a Dask worker or in-process).  When the coder raises,
    the batch is coded again one story at a time: the stories that fail alone are returned as
    failures, the rest as coded (the coder's own start-up errors are not a story's and raise)."""
    coder = get_coder(prefilter, coder_options, coder_factory)
    try:
        return BatchResult(list(coder.code_stories(stories)))
    except Exception:
        pass
    result = BatchResult([])
    for story in stories:
        try:
            result.coded.extend(coder.code_stories([story]))
        except Exception as exc:
            result.failures.append(StoryFailure.of(story, exc))
    return result


def code_and_sign_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
                        coder_factory: Optional[CoderFactory] = None) -> BatchResult:
    """:func:`code_batch` plus each story's MinHash signature, so that a worker, not the single
    writer, pays for the shingling and hashing (about 1 ms a story)."""
    signatures: dict[str, Optional[bytes]] = {}
    for s in stories:
        sig = signature(story_signature_text(s.title, s.text))
        signatures[s.id] = sig.tobytes() if sig is not None else None
    result = code_batch(stories, prefilter, coder_options, coder_factory)
    result.signatures = signatures
    return result
