"""Change points, a next-period forecast and rolling-origin backtests against persistence."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._source import check_iso3, check_range, dyad_events, evidence, in_story_period, opened
from .series import dyad_series, period_start

MIN_PERIODS_CP = 6            # fewer periods with events: no change-point search
CP_PENALTY = 2.0              # per break, times ln(n), in units of the noise: the Schwarz criterion
MIN_TRAIN = 6                 # first backtest origin
ALPHAS = (0.2, 0.4, 0.6, 0.8)  # simple-exponential-smoothing grid
P_CLIP = (0.02, 0.98)
Z90 = 1.645
TOP_EVENTS = 5


def _ses(x: np.ndarray, alpha: float) -> tuple[float, np.ndarray]:
    """Simple exponential smoothing: final level and one-step-ahead predictions."""
    lvl = x[0]
    preds = np.empty(len(x))
    preds[0] = np.nan
    for i in range(1, len(x)):
        preds[i] = lvl
        lvl = alpha * x[i] + (1 - alpha) * lvl
    return lvl, preds


def _fit_alpha(x: np.ndarray) -> float:
    if len(x) < 3:
        return ALPHAS[-1]
    best = min(ALPHAS, key=lambda a: np.nanmean((_ses(x, a)[1][1:] - x[1:]) ** 2))
    return float(best)


def _dyad_frame(src, a, b, freq, start=None, end=None) -> pd.DataFrame:
    """Both directions pooled per period: counts, Goldstein sum and mean, quad classes,
    coverage volume and the volume-normalised rates."""
    ds = dyad_series(src, a, b, freq=freq, start=start, end=end)
    if ds.empty:
        return pd.DataFrame()
    g = ds.groupby("period").agg(n_events=("n_events", "sum"), goldstein_sum=("goldstein_sum", "sum"),
                                 q1=("q1", "sum"), q2=("q2", "sum"), q3=("q3", "sum"), q4=("q4", "sum"),
                                 volume=("volume", "first"))
    g["goldstein_mean"] = np.where(g["n_events"] > 0, g["goldstein_sum"] / g["n_events"].clip(lower=1), np.nan)
    covered = g["volume"] > 0
    g["n_per_1k"] = np.where(covered, g["n_events"] / g["volume"].where(covered, 1) * 1000, 0.0)
    g["net_per_1k"] = np.where(covered, g["goldstein_sum"] / g["volume"].where(covered, 1) * 1000, np.nan)
    for direction, part in ds.groupby("direction"):       # each direction's share of the level
        g[f"net_per_1k {direction}"] = part.set_index("period")["goldstein_sum_per_1k"].reindex(g.index).values
    return g


@functools.cache
def _weighted_mean_cost() -> type:
    """The segment cost of a change in mean where each period's value is an average over
    its events: sum of w (x - mean_w)^2 over the segment, w = the period's events, from
    running sums (constant time per segment). The signal is two columns, value and weight.
    Built on first use because importing ruptures takes seconds."""
    from ruptures.base import BaseCost

    class WeightedMeanCost(BaseCost):
        model = "weighted_l2"
        min_size = 1

        def fit(self, signal):
            self.signal = np.asarray(signal, dtype=float)
            x, w = self.signal[:, 0], self.signal[:, 1]
            self._w, self._wx, self._wxx = (np.concatenate([[0.0], np.cumsum(v)]) for v in (w, w * x, w * x * x))
            return self

        def error(self, start, end):
            w = self._w[end] - self._w[start]
            wx = self._wx[end] - self._wx[start]
            return float(self._wxx[end] - self._wxx[start] - wx * wx / w) if w > 0 else 0.0

    return WeightedMeanCost


def within_period_sd(ev: pd.DataFrame) -> float:
    """Pooled standard deviation of the events' Goldstein values around their own period's
    mean (periods with two events or more): one event's noise, untouched by any level shift."""
    per = ev.groupby("period")["goldstein"].agg(["var", "count"])
    per = per[per["count"] >= 2]
    dof = float((per["count"] - 1).sum())
    return math.sqrt(float((per["var"] * (per["count"] - 1)).sum()) / dof) if dof else 0.0


def noise_scale(x: np.ndarray, w: np.ndarray, within_sd: float = 0.0) -> float:
    """Sigma of one event in a period's mean (var(x_i) = sigma^2 / w_i): the larger of the
    events' spread within their periods (``within_sd``) and the spread of neighbouring periods'
    differences, scaled to unit variance and read through the MAD (1.4826 x; their standard
    deviation when the MAD is 0). The second is larger when a period's events move together
    (stories of one week share a tone), and a level shift moves one difference, not the
    spread."""
    d = np.diff(x) / np.sqrt(1 / w[1:] + 1 / w[:-1])
    between = (1.4826 * float(np.median(np.abs(d - np.median(d)))) or float(d.std())) if len(d) else 0.0
    return max(between, within_sd)


def change_points(g: pd.DataFrame, within_sd: float = 0.0) -> list[int]:
    """Indices (into g) where a new segment of the relation's tone starts.

    The signal is the tone of each period with events: its net Goldstein per event, which is
    the volume-normalised net Goldstein (per 1,000 units of coverage) over the
    volume-normalised event rate, so news volume cancels out of it. A period's tone is an
    average over its events, so it is weighed by them: a week of twenty events says more than
    a week of one, and a period with no event says nothing about tone and is left out. Pelt
    (ruptures; min_size 1, so a single heavy period can stand on its own) minimises the
    weighted squared error, scaled by the noise (:func:`noise_scale`; ``within_sd`` from
    :func:`within_period_sd` of the same events), plus CP_PENALTY x ln(n)
    per break -- the Schwarz criterion for a change in mean (two parameters per break, its
    place and the new level). ``benchmarks/changepoints.py`` measures it on simulated news."""
    import ruptures as rpt
    active = np.flatnonzero(g["n_events"].values > 0)
    n = len(active)
    if n < MIN_PERIODS_CP:
        return []
    w = g["n_events"].values[active].astype(float)
    x = g["goldstein_sum"].values[active].astype(float) / w
    sigma = noise_scale(x, w, within_sd)
    if sigma == 0:
        return []
    signal = np.column_stack([x, w / sigma ** 2])
    algo = rpt.Pelt(custom_cost=_weighted_mean_cost()(), min_size=1, jump=1).fit(signal)
    return [int(active[k]) for k in algo.predict(pen=CP_PENALTY * math.log(n)) if k < n]


def describe_change_points(g: pd.DataFrame, ev: pd.DataFrame, breaks: list[int]) -> list[dict]:
    """Each break: its period, direction (the tone of the segment after it against the one
    before), the tone (net Goldstein per event) of both segments, their level (net Goldstein
    per 1k coverage, the mean over periods with coverage) and events per 1k, the directed dyad
    (a→b or b→a) whose own level moved most that way (``driven_by``), and the events of the
    last period with events before the break and of the break's own period that weigh most in
    its direction (the most hostile first for a turn down)."""
    by_direction = [c for c in g.columns if c.startswith("net_per_1k ")]
    periods = list(g.index)
    covered = g["volume"] > 0
    bounds = [0] + breaks + [len(g)]

    def tone(part: pd.DataFrame) -> float:
        n = part["n_events"].sum()
        return float(part["goldstein_sum"].sum() / n) if n else float("nan")

    out = []
    for j, i in enumerate(breaks):
        before, after = g.iloc[bounds[j]:i], g.iloc[i:bounds[j + 2]]
        tb, ta = tone(before), tone(after)
        down = ta < tb
        lb = float(before["net_per_1k"][covered.iloc[bounds[j]:i]].mean())
        la = float(after["net_per_1k"][covered.iloc[i:bounds[j + 2]]].mean())
        prev = [k for k in range(bounds[j], i) if g["n_events"].iloc[k] > 0]
        lo = periods[prev[-1] if prev else i]         # from the last period with events before the break
        near = ev[(ev["period"] >= lo) & (ev["period"] <= periods[i])]
        near = near.sort_values(["goldstein", "event_date"], ascending=[down, True]).drop(columns="period")
        moved = {c.split(" ", 1)[1]: float(after[c][covered.iloc[i:bounds[j + 2]]].mean()
                                           - before[c][covered.iloc[bounds[j]:i]].mean()) for c in by_direction}
        moved = {k: v for k, v in moved.items() if not math.isnan(v)}
        driver = (min if down else max)(moved, key=moved.get) if moved else None
        out.append({"period": periods[i].date().isoformat(), "direction": "down" if down else "up",
                    "driven_by": driver,
                    "level_before": round(lb, 2), "level_after": round(la, 2),
                    "goldstein_mean_before": None if math.isnan(tb) else round(tb, 2),
                    "goldstein_mean_after": None if math.isnan(ta) else round(ta, 2),
                    "n_per_1k_before": round(float(before["n_per_1k"].mean()), 2),
                    "n_per_1k_after": round(float(after["n_per_1k"].mean()), 2),
                    "top_events": evidence(near, TOP_EVENTS)})
    return out


@dataclass
class OutlookResult:
    a: str
    b: str
    freq: str
    change_points: list[dict]
    forecast: dict
    backtest: dict
    series: pd.DataFrame

    def to_json(self) -> dict[str, Any]:
        return {"freq": self.freq, "change_points": self.change_points, "forecast": self.forecast,
                "backtest": self.backtest}

    def to_frame(self) -> pd.DataFrame:
        return self.series.reset_index()


def _shares(row) -> np.ndarray:
    q = np.array([row["q1"], row["q2"], row["q3"], row["q4"]], dtype=float)
    return q / q.sum() if q.sum() > 0 else np.full(4, np.nan)


def outlook(src: Any, a: str, b: str, *, freq: str = "week", start=None, end=None) -> OutlookResult:
    """Change points, a forecast and its backtest over ``start``..``end`` (default: the period
    the stories cover)."""
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    empty_bt = {"method": "rolling origin, one step ahead", "n_origins": 0}
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        g = _dyad_frame(s, a, b, freq, start, end)
        if g.empty:
            return OutlookResult(a, b, freq, [], {"period": None, "goldstein_mean": None}, empty_bt, g)
        ev = dyad_events(s, a, b, start=start, end=end)
    ev = ev.assign(period=period_start(ev["event_date"], freq))
    periods = list(g.index)
    cps = describe_change_points(g, ev, change_points(g, within_period_sd(ev)))
    # --- forecast ------------------------------------------------------------------------
    active = g[g["n_events"] > 0]
    x = active["goldstein_mean"].values.astype(float)
    shares = np.array([_shares(r) for _, r in active.iterrows()]) if len(active) else np.zeros((0, 4))
    conflict = (active["q3"] + active["q4"] > active["q1"] + active["q2"]).astype(float).values
    step = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(weeks=1), "month": pd.DateOffset(months=1)}[freq]
    next_period = (periods[-1] + step).date().isoformat()
    fc: dict[str, Any] = {"period": next_period, "goldstein_mean": None, "interval_90": None,
                          "quad_shares": None, "p_conflict_gt_coop": None, "alpha": None,
                          "n_training_periods": int(len(x)),
                          "note": "forecast for the next period with events; SES on active periods"}
    if len(x) >= 2:
        alpha = _fit_alpha(x)
        lvl, preds = _ses(x, alpha)
        resid = x[1:] - preds[1:]
        rmse = float(np.sqrt(np.mean(resid ** 2))) if len(resid) else 0.0
        sh = np.array([_ses(shares[:, k], alpha)[0] for k in range(4)])
        sh = sh / sh.sum() if sh.sum() > 0 else sh
        pc = float(np.clip(_ses(conflict, alpha)[0], *P_CLIP))
        fc.update({"goldstein_mean": round(float(lvl), 3),
                   "interval_90": [round(float(np.clip(lvl - Z90 * rmse, -10, 10)), 3),
                                   round(float(np.clip(lvl + Z90 * rmse, -10, 10)), 3)],
                   "quad_shares": {f"q{k+1}": round(float(sh[k]), 3) for k in range(4)},
                   "p_conflict_gt_coop": round(pc, 3), "alpha": alpha})
    elif len(x) == 1:
        fc.update({"goldstein_mean": round(float(x[0]), 3)})
    # --- backtest ------------------------------------------------------------------------
    bt = dict(empty_bt)
    if len(x) > MIN_TRAIN:
        err_m, err_n, bs_m, bs_n, br_m, br_n = [], [], [], [], [], []
        for t in range(MIN_TRAIN, len(x)):
            tr = x[:t]
            alpha = _fit_alpha(tr)
            lvl = _ses(tr, alpha)[0]
            err_m.append(abs(lvl - x[t]))
            err_n.append(abs(tr[-1] - x[t]))
            sm = np.array([_ses(shares[:t, k], alpha)[0] for k in range(4)])
            sm = sm / sm.sum() if sm.sum() > 0 else np.full(4, 0.25)
            bs_m.append(float(np.sum((sm - shares[t]) ** 2)))
            bs_n.append(float(np.sum((shares[t - 1] - shares[t]) ** 2)))
            pm = float(np.clip(_ses(conflict[:t], alpha)[0], *P_CLIP))
            pn = float(np.clip(conflict[t - 1], *P_CLIP))
            br_m.append((pm - conflict[t]) ** 2)
            br_n.append((pn - conflict[t]) ** 2)

        def skill(m, n):
            return None if n == 0 else round(1 - m / n, 3)

        mae_m, mae_n = float(np.mean(err_m)), float(np.mean(err_n))
        qb_m, qb_n = float(np.mean(bs_m)), float(np.mean(bs_n))
        cb_m, cb_n = float(np.mean(br_m)), float(np.mean(br_n))
        bt = {"method": "rolling origin, one step ahead", "n_origins": len(err_m), "min_train": MIN_TRAIN,
              "goldstein_mae": {"model": round(mae_m, 3), "naive": round(mae_n, 3), "skill": skill(mae_m, mae_n)},
              "quad_share_brier": {"model": round(qb_m, 4), "naive": round(qb_n, 4), "skill": skill(qb_m, qb_n)},
              "conflict_gt_coop_brier": {"model": round(cb_m, 4), "naive": round(cb_n, 4),
                                         "skill": skill(cb_m, cb_n)}}
    return OutlookResult(a, b, freq, cps, fc, bt, g)
