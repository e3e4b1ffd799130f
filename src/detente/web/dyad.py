"""``/api/dyad/{a}/{b}/...``: the measures for one pair of countries, each with its evidence.

None of these routes can be made to run away.  Every date lies in the calendar the analytics
can represent (:func:`.errors.check_dates`; other dates are 422, E507), a range is
clamped to the pair's data (its stories' period and its dated events), and a series has at
most :data:`MAX_POINTS` periods (422, E508: a longer freq or a shorter range).  Answers are
computed once per query and data version (:mod:`.cache`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Callable, Literal, Optional

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from .. import analysis
from ..analysis import check_dyad, check_range, frame_records, jsonable
from ..analysis.stances import MIN_STATEMENTS
from ..errors import DetenteError
from ..store import EventStore
from .cache import cached
from .errors import ISO3, check_dates

Freq = Literal["day", "week", "month"]
A = Path(..., pattern=ISO3, description="First country (ISO3)")
B = Path(..., pattern=ISO3, description="Second country (ISO3)")
START = Query(None, description="First day (inclusive), YYYY-MM-DD; clamped to the pair's data")
END = Query(None, description="Last day (inclusive), YYYY-MM-DD; clamped to the pair's data")

# periods per series: ten years of days, a few centuries of weeks or months
MAX_POINTS = 3_700

router = APIRouter(prefix="/api/dyad/{a}/{b}", tags=["dyad"])


def n_periods(start: Date, end: Date, freq: str) -> int:
    """How many day/week/month periods from the one holding ``start`` to the one holding ``end``."""
    if end < start:
        return 0
    if freq == "day":
        return (end - start).days + 1
    if freq == "week":   # weeks start on Monday, as the series' periods do
        return (end - start).days // 7 + (1 if end.weekday() >= start.weekday() else 2)
    return (end.year - start.year) * 12 + end.month - start.month + 1


def check_pair_and_range(a: str, b: str, start: Optional[Date], end: Optional[Date]) -> None:
    """The pair and the range as the analytics take them: two countries (E407), dates in
    the calendar (E507), the start not after the end (E408)."""
    check_dyad(a, b)
    check_dates(start=start, end=end)
    check_range(start, end)


@dataclass(frozen=True)
class Window:
    """The dates a measure covers: the request's range clamped to the pair's data.

    ``data_start``/``data_end``: the first and last day of the pair's data (its stories'
    period and its dated events); ``start``/``end``: the range used (the stories' period
    where the request gave no date).  ``empty``: nothing of the pair lies in the range."""

    start: Optional[Date]
    end: Optional[Date]
    data_start: Optional[Date]
    data_end: Optional[Date]

    @property
    def empty(self) -> bool:
        return self.start is None or self.end is None or self.start > self.end

    def to_json(self) -> dict:
        return jsonable({"start": self.start, "end": self.end, "data_start": self.data_start,
                         "data_end": self.data_end})


def window(store: EventStore, a: str, b: str, start: Optional[Date], end: Optional[Date],
           freq: Optional[str] = None) -> Window:
    """The request's range clamped to the pair's data; E508 when it holds more than
    :data:`MAX_POINTS` periods of ``freq``."""
    story_lo, story_hi = analysis.story_period(store, a, b)
    ev_lo, ev_hi = store.counted_events(pair=(a, b), dated=True).aggregate(
        "min(event_date), max(event_date)").fetchall()[0]
    lows = [d for d in (story_lo, ev_lo) if d is not None]
    highs = [d for d in (story_hi, ev_hi) if d is not None]
    if not lows:
        return Window(None, None, None, None)
    data_lo, data_hi = min(lows), max(highs)
    lo = max(start, data_lo) if start is not None else (story_lo or data_lo)
    hi = min(end, data_hi) if end is not None else (story_hi or data_hi)
    win = Window(lo, hi, data_lo, data_hi)
    if freq is not None and not win.empty and n_periods(lo, hi, freq) > MAX_POINTS:
        raise DetenteError("E508", n=n_periods(lo, hi, freq), freq=freq, start=lo.isoformat(),
                           end=hi.isoformat(), limit=MAX_POINTS)
    return win


@router.get("/series", summary="Directed per-period counts, quad classes and Goldstein (a→b and b→a), "
                                "with the relationship score and the window they cover")
def series(request: Request, a: str = A, b: str = B, freq: Freq = Query("week"),
           start: Optional[Date] = START, end: Optional[Date] = END, gov_only: bool = Query(False)) -> Response:
    check_pair_and_range(a, b, start, end)

    def compute(store: EventStore) -> dict:
        win = window(store, a, b, start, end, freq)
        out = {"a": a, "b": b, "freq": freq, "window": win.to_json(), "rows": [], "score": []}
        if not win.empty:
            kw = {"freq": freq, "start": win.start, "end": win.end, "gov_only": gov_only}
            out["rows"] = frame_records(analysis.dyad_series(store, a, b, **kw))
            out["score"] = frame_records(analysis.relationship_score(store, a, b, **kw))
        return out

    return cached(request, compute)


@router.get("/stage", summary="Current normalization stage, its evidence and history")
def stage(request: Request, a: str = A, b: str = B, as_of: Optional[Date] = Query(None)) -> Response:
    check_dyad(a, b)
    check_dates(as_of=as_of)

    def compute(store: EventStore) -> dict:
        st = analysis.normalization_stage(store, a, b, as_of=as_of)
        return {**jsonable(st.to_json()), "history": frame_records(st.history)}

    return cached(request, compute)


def in_window(request: Request, a: str, b: str, start: Optional[Date], end: Optional[Date],
              measure: Callable[[EventStore, Window], dict], nothing: dict, freq: Optional[str] = None) -> Response:
    """A measure over the request's range clamped to the pair's data, with that window;
    ``nothing`` when no data of the pair lies in the range.  With ``freq``, a window of more
    than :data:`MAX_POINTS` periods is E508."""
    check_pair_and_range(a, b, start, end)

    def compute(store: EventStore) -> dict:
        win = window(store, a, b, start, end, freq)
        return {"window": win.to_json(), **(nothing if win.empty else measure(store, win))}

    return cached(request, compute)


@router.get("/agenda", summary="Agenda register: items, status 0-3, since, evidence")
def agenda(request: Request, a: str = A, b: str = B, start: Optional[Date] = START,
           end: Optional[Date] = END) -> Response:
    return in_window(request, a, b, start, end, nothing={"a": a, "b": b, "items": []},
                     measure=lambda store, win: {"a": a, "b": b, "items": analysis.agenda(
                         store, a, b, start=win.start, end=win.end).to_json()})


def given(win: Window, start: Optional[Date], end: Optional[Date]) -> dict:
    """The window's ends where the request gave them (clamped to the pair's data); an end the
    request left out stays None, for the analysis's own default (the stories' period, the first
    day moved back by the reporting lag)."""
    return {"start": win.start if start is not None else None, "end": win.end if end is not None else None}


@router.get("/stances", summary="Named actors from hostile (-1) to conciliatory (+1), dual-track flags")
def stances(request: Request, a: str = A, b: str = B, start: Optional[Date] = START,
            end: Optional[Date] = END) -> Response:
    return in_window(request, a, b, start, end,
                     nothing={"actors": [], "dual_track": {a: False, b: False},
                              "min_statements": MIN_STATEMENTS},
                     measure=lambda store, win: analysis.stances(store, a, b, **given(win, start, end)).to_json())


@router.get("/third_parties", summary="Each side's partners and countries named in dyad sentences")
def third_parties(request: Request, a: str = A, b: str = B, start: Optional[Date] = START,
                  end: Optional[Date] = END) -> Response:
    return in_window(request, a, b, start, end, nothing={"freq": "month", "partners": [], "leverage": []},
                     measure=lambda store, win: analysis.third_parties(
                         store, a, b, start=win.start, end=win.end).to_json())


@router.get("/outlook", summary="Change points, forecast and backtest skill")
def outlook(request: Request, a: str = A, b: str = B, freq: Freq = Query("week"), start: Optional[Date] = START,
            end: Optional[Date] = END) -> Response:
    return in_window(request, a, b, start, end, freq=freq,
                     nothing={"freq": freq, "change_points": [], "forecast": {"period": None, "goldstein_mean": None},
                              "backtest": {"n_origins": 0}},
                     measure=lambda store, win: analysis.outlook(store, a, b, freq=freq,
                                                                 **given(win, start, end)).to_json())
