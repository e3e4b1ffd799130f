"""Near-duplicate stories: MinHash signatures and an LSH index (datasketch).

Wire copy republished by many outlets differs in a headline, a byline, a footer: exact hashes
miss it.  Each story gets a MinHash signature of its word 5-gram shingles; the LSH index finds
stored stories whose estimated Jaccard similarity is at least ``threshold``.  A new story that
matches is linked to the earliest story of that group (``stories.duplicate_of``), so every
group has one root and the store's ``unique_events`` view can count one real-world event once
however many copies report it.

Only roots are indexed: a group is a star around its first story, and a story joins it when
it is a near-duplicate of that story.  Linking through copies (A ~ B ~ C ...) would let a
chain of small edits join stories that share little, and every lookup would return the whole
group -- at 100,000 stories of 23 copies each, lookups and inserts grew with the store.

Signatures depend only on the text (fixed permutations, seed 1), so ingest workers compute
them next to the coding (:func:`signature`) and the single writer only looks them up.

Signatures are kept in the ``story_minhash`` table, so the index is rebuilt from the store when
an ingest resumes and new stories are matched against everything stored before.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Optional

import numpy as np

NUM_PERM = 128
THRESHOLD = 0.7          # estimated Jaccard of 5-gram shingle sets
SHINGLE = 5

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return []
    if len(words) <= k:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


@functools.lru_cache(maxsize=4)
def _template(num_perm: int = NUM_PERM):
    """A MinHash whose permutations (drawn once, fixed seed) every signature shares."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm)


def signature(text: str, num_perm: int = NUM_PERM) -> Optional[np.ndarray]:
    """The MinHash signature (``num_perm`` uint64 values) of a text's word 5-gram shingles, or
    None for a text without words.  Deterministic: the same in every process."""
    sh = shingles(text)
    if not sh:
        return None
    from datasketch import MinHash

    t = _template(num_perm)
    m = MinHash(num_perm=num_perm, permutations=t.permutations, scheme=getattr(t, "scheme", None))
    m.update_batch(sh)
    return m.hashvalues.copy()


def story_signature_text(title: Optional[str], text: str) -> str:
    return (title or "") + "\n" + text


class NearDuplicateIndex:
    """story_id -> MinHash signature, with LSH lookup of near-duplicates."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHash, MinHashLSH

        self._MinHash = MinHash
        self.num_perm = num_perm
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.root: dict[str, str] = {}          # story_id -> root story of its group
        self._indexed: set[str] = set()          # the roots, which alone are in the LSH index
        self._template = _template(num_perm)
        self.dtype = self._template.hashvalues.dtype
        self.scheme = getattr(self._template, "scheme", None)

    def signature(self, text: str) -> Optional[np.ndarray]:
        return signature(text, self.num_perm)

    def _minhash(self, values: np.ndarray):
        return self._MinHash(num_perm=self.num_perm, hashvalues=values,
                             permutations=self._template.permutations, scheme=self.scheme)

    def add(self, story_id: str, values: np.ndarray, root: Optional[str] = None) -> None:
        if story_id in self.root:
            self.remove(story_id)
        if root is None or root == story_id:
            self.lsh.insert(story_id, self._minhash(values))
            self._indexed.add(story_id)
        self.root[story_id] = root or story_id

    def remove(self, story_id: str) -> None:
        if story_id in self._indexed:
            self.lsh.remove(story_id)
            self._indexed.discard(story_id)
        self.root.pop(story_id, None)

    def find_root(self, story_id: str, values: np.ndarray) -> Optional[str]:
        """The root of the group a new story belongs to, or None when it has no near-duplicate.
        Among several matching groups the smallest root id wins (deterministic)."""
        hits = [h for h in self.lsh.query(self._minhash(values)) if h != story_id]
        roots = {self.root.get(h, h) for h in hits} - {story_id}
        return min(roots) if roots else None

    def load(self, rows: Iterable[tuple[str, bytes, Optional[str]]]) -> None:
        """Rebuild from stored (story_id, signature bytes, duplicate_of) rows."""
        for story_id, blob, dup_of in rows:
            if dup_of is not None and dup_of != story_id:
                self.root[story_id] = dup_of        # a copy: only its root is looked up
                continue
            values = np.frombuffer(blob, dtype=self.dtype)
            if len(values) == self.num_perm:
                self.add(story_id, values, dup_of)
