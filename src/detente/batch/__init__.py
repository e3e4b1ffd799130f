"""Batch runs of the coder over a corpus, on one process or a Dask cluster.

This package owns the corpus driver behind ``detente ingest``: reading stories, skipping those
already stored unchanged, coding the rest in batches (in worker processes that each build one
coder) and handing every finished batch to the single store writer.  It sits above both the
coder (``detente.coding``) and the store (``detente.store``), which know nothing of each other::

    from detente.batch import code_corpus
    summary = code_corpus(["news/"], "relations.duckdb", workers=2)
"""
from .cluster import local_cluster
from .corpus import CorpusSummary, code_corpus, default_log
from .workers import BatchResult, StoryFailure, code_and_sign_batch, code_batch, get_coder

__all__ = ["BatchResult", "CorpusSummary", "StoryFailure", "code_and_sign_batch", "code_batch", "code_corpus",
           "default_log", "get_coder", "local_cluster"]
