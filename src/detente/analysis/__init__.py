"""Analysis of how the relationship between two countries moves (docs/analysis.md).

Every function takes ``src``: an EventStore, a DuckDB connection with an ``events`` table,
a path to a .duckdb file, a pyarrow Table or a pandas DataFrame of events.
"""
from __future__ import annotations

from ._source import AnalysisError, check_iso3, open_source
from .agenda import AgendaResult, agenda
from .build import make_events
from .outlook import OutlookResult, outlook
from .series import dyad_series, relationship_score
from .stages import StageResult, normalization_stage
from .stances import StancesResult, stances
from .third import ThirdPartyResult, third_parties

__all__ = [
    "AnalysisError", "check_iso3", "open_source", "make_events",
    "dyad_series", "relationship_score", "normalization_stage", "StageResult",
    "agenda", "AgendaResult", "stances", "StancesResult", "third_parties", "ThirdPartyResult",
    "outlook", "OutlookResult",
]
