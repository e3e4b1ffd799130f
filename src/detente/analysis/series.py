"""Directed dyad time series and the running relationship score."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..ontology import PLOVER_TYPES
from ..store import EventStore
from ._source import AnalysisError, check_dyad, check_range, dyad_events, in_story_period, opened

FREQS = {"day": "D", "week": "W-SUN", "month": "M"}


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    if freq not in FREQS:
        raise AnalysisError("E405", freq=freq, choices=", ".join(FREQS))
    return pd.to_datetime(dates).dt.to_period(FREQS[freq]).dt.start_time


def periods_between(lo, hi, freq: str) -> pd.DatetimeIndex:
    """Every period start from the period holding ``lo`` to the one holding ``hi``."""
    lo = period_start(pd.Series([pd.Timestamp(lo)]), freq).iloc[0]
    hi = period_start(pd.Series([pd.Timestamp(hi)]), freq).iloc[0]
    step = {"day": "D", "week": "W-MON", "month": "MS"}[freq]
    return pd.date_range(lo, hi, freq=step)


def _coverage(s: EventStore, a: str, b: str, mentions: Any) -> tuple[pd.DataFrame, str]:
    """Dated coverage rows (event_date, n): mentions of a or b when there are any (``mentions``
    given, else the store's), else one per event involving a or b."""
    if mentions is not None and not isinstance(mentions, bool):
        with opened(pd.DataFrame({"event_id": []}), mentions=mentions) as given:
            if given.has_mentions:
                return given.mentions([a, b]).df(), "mentions"
    elif mentions is not False and s.has_mentions:
        return s.mentions([a, b]).df(), "mentions"
    return s.counted_events(involving=[a, b], dated=True).select("event_date").df().assign(n=1.0), "events"


def _volume(s: EventStore, a: str, b: str, freq: str, start, end, mentions: Any) -> tuple[pd.Series, str]:
    """Coverage per period (see :func:`_coverage`)."""
    df, basis = _coverage(s, a, b, mentions)
    w = df["n"].astype(float)
    if df.empty:
        return pd.Series(dtype=float), basis
    p = period_start(df["event_date"], freq)
    keep = pd.Series(True, index=df.index)
    if start is not None:
        keep &= pd.to_datetime(df["event_date"]) >= pd.Timestamp(start)
    if end is not None:
        keep &= pd.to_datetime(df["event_date"]) <= pd.Timestamp(end)
    return w[keep].groupby(p[keep]).sum(), basis


def dyad_series(src: Any, a: str, b: str, *, freq: str = "week", start=None, end=None,
                gov_only: bool = False, mentions: Any = None) -> pd.DataFrame:
    """Directed per-period counts for a→b and b→a (see docs/analysis.md, "Dyad series").

    ``mentions``: None = use the source's ``mentions`` table when it has rows; a pyarrow
    Table / DataFrame in MENTION_ARROW_SCHEMA = use that; False = never (event volume).
    ``start``/``end`` default to the period the stories cover (:func:`story_period`).
    """
    a, b = check_dyad(a, b)
    start, end = check_range(start, end)
    period_start(pd.Series([], dtype="datetime64[ns]"), freq)  # validates freq
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        ev = dyad_events(s, a, b, start=start, end=end, gov_only=gov_only)
        vol, basis = _volume(s, a, b, freq, start, end, mentions)
    dates = list(ev["event_date"]) + list(vol.index)
    lo = pd.Timestamp(start) if start else (min(dates) if dates else None)
    hi = pd.Timestamp(end) if end else (max(dates) if dates else None)
    type_cols = [t.lower() for t in PLOVER_TYPES]
    cols = (["period", "direction", "source", "target", "n_events"] + type_cols
            + ["q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "volume", "volume_basis"])
    if lo is None:
        return pd.DataFrame(columns=cols + [c + "_per_1k" for c in _PER_1K])
    idx = periods_between(lo, hi, freq)
    ev = ev.assign(period=period_start(ev["event_date"], freq))
    frames = []
    for src_c, tgt_c in ((a, b), (b, a)):
        d = ev[(ev["source_country"] == src_c) & (ev["target_country"] == tgt_c)]
        g = d.groupby("period")
        out = pd.DataFrame(index=idx)
        out["n_events"] = g.size()
        for t in PLOVER_TYPES:
            out[t.lower()] = d[d["event_type"] == t].groupby("period").size()
        for q in (1, 2, 3, 4):
            out[f"q{q}"] = d[d["quad_class"] == q].groupby("period").size()
        out["goldstein_sum"] = g["goldstein"].sum()
        out = out.fillna(0)
        out["goldstein_mean"] = np.where(out["n_events"] > 0,
                                         out["goldstein_sum"] / out["n_events"].where(out["n_events"] > 0, 1), 0.0)
        out["volume"] = vol.reindex(idx).fillna(0).astype(float).values
        out["volume_basis"] = basis
        for c in ["n_events"] + type_cols + ["q1", "q2", "q3", "q4"]:
            out[c] = out[c].astype(int)
        out["direction"] = f"{src_c}→{tgt_c}"
        out["source"], out["target"] = src_c, tgt_c
        out.index.name = "period"
        frames.append(out.reset_index())
    df = pd.concat(frames, ignore_index=True)
    v = df["volume"].where(df["volume"] > 0)
    for c in _PER_1K:
        df[c + "_per_1k"] = (df[c] / v * 1000).fillna(0.0)
    return df[cols + [c + "_per_1k" for c in _PER_1K]].sort_values(["direction", "period"], ignore_index=True)


_PER_1K = ["n_events", "q1", "q2", "q3", "q4", "goldstein_sum"]


def relationship_score(src: Any, a: str, b: str, *, freq: str = "week", half_life_periods: float = 4,
                       start=None, end=None, gov_only: bool = False, mentions: Any = None) -> pd.DataFrame:
    """Running cooperation-minus-conflict level with exponential memory (docs/analysis.md).

    Per period t (both directions pooled): coop_t = Σ positive Goldstein, confl_t = Σ |negative
    Goldstein|, each per 1,000 units of volume.  With λ = 0.5 ** (1 / half_life_periods):
    level_t = λ·level_{t-1} + (1-λ)·(coop_t − confl_t), and the bounded
    index_t = (C_t − K_t) / (C_t + K_t) of the decayed sums (−1 all conflict … +1 all coop;
    0 when nothing has been seen).  Also per direction: level_ab, level_ba.
    """
    if half_life_periods <= 0:
        raise AnalysisError("E406", detail="half_life_periods must be > 0")
    a, b = check_dyad(a, b)
    start, end = check_range(start, end)
    cols = ["period", "n_events", "volume", "coop_per_1k", "conflict_per_1k", "net_per_1k",
            "intensity_per_1k", "level", "index", "level_ab", "level_ba"]
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        ds = dyad_series(s, a, b, freq=freq, start=start, end=end, gov_only=gov_only, mentions=mentions)
        if ds.empty:
            return pd.DataFrame(columns=cols)
        ev = dyad_events(s, a, b, start=start, end=end, gov_only=gov_only)
    ev = ev.assign(period=period_start(ev["event_date"], freq))
    pos = ev["goldstein"].clip(lower=0)
    neg = (-ev["goldstein"]).clip(lower=0)
    periods = ds[ds["direction"] == f"{a}→{b}"]["period"].values
    vol = ds[ds["direction"] == f"{a}→{b}"].set_index("period")["volume"]
    out = pd.DataFrame(index=pd.DatetimeIndex(periods, name="period"))
    out["n_events"] = ds.groupby("period")["n_events"].sum()
    out["volume"] = vol
    v = out["volume"].where(out["volume"] > 0)
    out["coop_per_1k"] = (pos.groupby(ev["period"]).sum().reindex(out.index).fillna(0) / v * 1000).fillna(0)
    out["conflict_per_1k"] = (neg.groupby(ev["period"]).sum().reindex(out.index).fillna(0) / v * 1000).fillna(0)
    out["net_per_1k"] = out["coop_per_1k"] - out["conflict_per_1k"]
    out["intensity_per_1k"] = (out["n_events"] / v * 1000).fillna(0)
    lam = 0.5 ** (1.0 / half_life_periods)
    out["level"] = _decay(out["net_per_1k"].values, lam)
    c = _decay(out["coop_per_1k"].values, lam)
    k = _decay(out["conflict_per_1k"].values, lam)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["index"] = np.where(c + k > 0, (c - k) / (c + k), 0.0)
    for name, (x, y) in (("level_ab", (a, b)), ("level_ba", (b, a))):
        d = ds[ds["direction"] == f"{x}→{y}"].set_index("period")
        out[name] = _decay((d["goldstein_sum_per_1k"]).reindex(out.index).fillna(0).values, lam)
    return out.reset_index()[cols]


def _decay(x: np.ndarray, lam: float) -> np.ndarray:
    out = np.zeros(len(x))
    acc = 0.0
    for i, v in enumerate(x):
        acc = lam * acc + (1 - lam) * float(v)
        out[i] = acc
    return out
