"""``/api/dyad/{a}/{b}/...``: the measures for one pair of countries, each with its evidence."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal, Optional

from fastapi import APIRouter, Depends, Path, Query

from .. import analysis
from ..analysis import check_dyad, check_range, frame_records, jsonable
from ..store import EventStore
from . import deps
from .errors import ISO3

Freq = Literal["day", "week", "month"]
A = Path(..., pattern=ISO3, description="First country (ISO3)")
B = Path(..., pattern=ISO3, description="Second country (ISO3)")

router = APIRouter(prefix="/api/dyad/{a}/{b}", tags=["dyad"])


@router.get("/series", summary="Directed per-period counts, quad classes and Goldstein (a→b and b→a), "
                                "with the relationship score")
def series(a: str = A, b: str = B, freq: Freq = Query("week"),
           start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
           gov_only: bool = Query(False), store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    check_range(start, end)
    kw = {"freq": freq, "start": start, "end": end, "gov_only": gov_only}
    return {"a": a, "b": b, "freq": freq, "rows": frame_records(analysis.dyad_series(store, a, b, **kw)),
            "score": frame_records(analysis.relationship_score(store, a, b, **kw))}


@router.get("/stage", summary="Current normalization stage, its evidence and history")
def stage(a: str = A, b: str = B, as_of: Optional[Date] = Query(None),
          store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    st = analysis.normalization_stage(store, a, b, as_of=as_of)
    return {**jsonable(st.to_json()), "history": frame_records(st.history)}


@router.get("/agenda", summary="Agenda register: items, status 0-3, since, evidence")
def agenda(a: str = A, b: str = B, start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
           store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    check_range(start, end)
    return {"a": a, "b": b, "items": jsonable(analysis.agenda(store, a, b, start=start, end=end).to_json())}


@router.get("/stances", summary="Named actors from hard-line (-1) to moderate (+1), dual-track flags")
def stances(a: str = A, b: str = B, store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    return jsonable(analysis.stances(store, a, b).to_json())


@router.get("/third_parties", summary="Each side's partners and countries named in dyad sentences")
def third_parties(a: str = A, b: str = B, start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
                  store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    check_range(start, end)
    return jsonable(analysis.third_parties(store, a, b, start=start, end=end).to_json())


@router.get("/outlook", summary="Change points, forecast and backtest skill")
def outlook(a: str = A, b: str = B, freq: Freq = Query("week"), store: EventStore = Depends(deps.store)) -> dict:
    check_dyad(a, b)
    return jsonable(analysis.outlook(store, a, b, freq=freq).to_json())
