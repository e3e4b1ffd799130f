"""Analysis of how the relationship between two countries moves (docs/analysis.md).

This package owns the measures built on stored events -- directed dyad series and the
relationship score, the normalization-stage ladder, the agenda register, actor stances, third
parties, change points and forecasts -- their rule files in ``detente/data/analysis/``, and
their JSON form (:mod:`.jsonable`).  It reads events only through the store's relations.

Every function takes ``src``: an EventStore, a path to a store file, a DuckDB connection with
an ``events`` table, a pyarrow Table or a pandas DataFrame of events.  Unless given a window,
each works on the period the stories cover (:func:`story_period`).
"""
from __future__ import annotations

from ._source import (AnalysisError, check_dyad, check_iso3, check_range, evidence, in_story_period, open_source,
                      opened, parse_date, story_period)
from .agenda import AgendaResult, agenda, status_names
from .build import make_events
from .jsonable import frame_records, jsonable, period_key
from .outlook import OutlookResult, outlook
from .progress import BACKGROUND, step_of
from .series import dyad_series, relationship_score
from .stages import StageResult, normalization_stage, stage_names
from .stances import StancesResult, stances
from .third import ThirdPartyResult, third_parties

__all__ = [
    "AnalysisError", "check_dyad", "check_iso3", "check_range", "evidence", "open_source", "opened", "parse_date",
    "story_period", "in_story_period", "BACKGROUND", "step_of",
    "make_events", "jsonable", "frame_records", "period_key",
    "dyad_series", "relationship_score", "normalization_stage", "StageResult", "stage_names",
    "agenda", "AgendaResult", "status_names", "stances", "StancesResult", "third_parties", "ThirdPartyResult",
    "outlook", "OutlookResult",
]
