"""Gather everything the report shows into one JSON-safe *model* (a dict).

The numbers come from :mod:`detente.analysis`; the sentences behind them come from the store's
events (read through its relations, with bound filters only).  Each section is collected on
its own: when one fails (an analysis raising on odd data), the others still render and the
page says plainly which section is missing and why (``model["errors"]``).
"""
from __future__ import annotations

import warnings
from datetime import date as Date, datetime, timezone
from typing import Any, Callable, Optional

import pandas as pd

from .. import analysis
from ..analysis import AnalysisError, evidence, frame_records, jsonable, period_key
from ..ontology import PLOVER_TYPES
from ..store import EventStore

MAX_EVIDENCE_PER_KEY = 25      # sentences embedded per chart point (the most intense first)
MAX_TIMELINE = 40              # key events in the timeline table

ReportError = AnalysisError    # bad ISO3, bad date, unreadable source: the analysis checks


# ---------------------------------------------------------------------------------------
# Reading events (the sentences behind every number)
# ---------------------------------------------------------------------------------------
def read_dyad_events(store: EventStore, a: str, b: str, start: Optional[Date], end: Optional[Date]) -> pd.DataFrame:
    """Every coded mention or imported event between a and b (both directions)."""
    df = store.events(pair=(a, b), start=start, end=end, dated=True).df()
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def _intensity_order(df: pd.DataFrame) -> pd.DataFrame:
    """Most telling first: strongest |Goldstein|, then the latest."""
    if df.empty:
        return df
    return df.assign(_abs=df["goldstein"].abs().fillna(0)).sort_values(
        ["_abs", "event_date"], ascending=[False, False]).drop(columns="_abs")


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------
class _Model:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {"errors": {}, "evidence": {}, "events": {}}

    def section(self, name: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Exception as exc:  # one section must not take the whole report down
            msg = f"{type(exc).__name__}: {exc}"
            self.data["errors"][name] = msg
            warnings.warn(f"report section {name!r} unavailable: {msg}", RuntimeWarning, stacklevel=2)
            return None

    def add_evidence(self, key: str, rows: pd.DataFrame | list[dict], label: str,
                     total: Optional[int] = None) -> str:
        """Register the events behind one chart point / table row under ``key``."""
        if isinstance(rows, pd.DataFrame):
            evs = evidence(_intensity_order(rows).head(MAX_EVIDENCE_PER_KEY))
        else:
            evs = [jsonable(e) for e in rows][:MAX_EVIDENCE_PER_KEY]
        n = len(rows) if total is None else total
        ids = []
        for e in evs:
            if e and e.get("event_id"):
                self.data["events"][e["event_id"]] = e
                ids.append(e["event_id"])
        self.data["evidence"][key] = {"label": label, "ids": ids, "total": int(n)}
        return key


def _direction_label(a: str, b: str) -> str:
    return f"{a}→{b}"


def _assign_periods(dates: pd.Series, starts: list[pd.Timestamp]) -> pd.Series:
    """Map each event date to the latest period start <= it (works for any freq label)."""
    if not starts:
        return pd.Series([None] * len(dates), index=dates.index, dtype=object)
    st = pd.Series(sorted(set(starts)))
    idx = st.searchsorted(dates, side="right") - 1
    return pd.Series([st.iloc[i].date().isoformat() if i >= 0 else None for i in idx],
                     index=dates.index, dtype=object)


def _pick_freq(start: Optional[Date], end: Optional[Date], ev: pd.DataFrame) -> str:
    lo = start or (ev["event_date"].min().date() if len(ev) else None)
    hi = end or (ev["event_date"].max().date() if len(ev) else None)
    if lo and hi and (hi - lo).days <= 120:
        return "week"
    return "month"


def collect(src: Any, a: str, b: str, *, start: Any = None, end: Any = None,
            freq: Optional[str] = None) -> dict[str, Any]:
    """Everything the report needs, as a JSON-safe dict (see module docstring)."""
    a, b = analysis.check_dyad(a, b)
    start_d, end_d = analysis.check_range(start, end)
    with analysis.opened(src) as store:
        return _collect(store, a, b, start_d, end_d, freq)


def _collect(store: EventStore, a: str, b: str, start_d: Optional[Date], end_d: Optional[Date],
             freq: Optional[str]) -> dict[str, Any]:
    m = _Model()
    d = m.data
    asked = (start_d, end_d)
    # the window defaults to the period the stories cover: an event dated from a story's
    # background ("the war it launched in 2022") must not stretch the axes back years
    start_d, end_d = analysis.in_story_period(store, a, b, start_d, end_d)
    ev = read_dyad_events(store, a, b, start_d, end_d)
    freq = freq or _pick_freq(start_d, end_d, ev)
    d.update({
        "a": a, "b": b, "freq": freq,
        "start": start_d.isoformat() if start_d else None,
        "end": end_d.isoformat() if end_d else None,
        "window_from_stories": asked != (start_d, end_d),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "n_events": int(len(ev)),
        "first_event": ev["event_date"].min().date().isoformat() if len(ev) else None,
        "last_event": ev["event_date"].max().date().isoformat() if len(ev) else None,
        "n_stories": int(ev["story_id"].nunique()) if len(ev) else 0,
        "plover_types": list(PLOVER_TYPES),
    })
    kw = {"start": start_d, "end": end_d}

    # -- directed series -----------------------------------------------------------------
    def series():
        df = analysis.dyad_series(store, a, b, freq=freq, **kw)
        df = df.copy()
        df["period"] = [period_key(p) for p in df["period"]]
        return df
    sdf = m.section("series", series)
    starts = sorted({pd.Timestamp(p) for p in sdf["period"]}) if sdf is not None and len(sdf) else []
    if not starts and len(ev):  # still group evidence by calendar period when series failed
        rule = "W-MON" if freq == "week" else "MS"
        starts = list(pd.date_range(ev["event_date"].min().to_period(
            "W" if freq == "week" else "M").start_time, ev["event_date"].max(), freq=rule))
    ev["period"] = _assign_periods(ev["event_date"], starts)
    ev["direction"] = [_direction_label(s, t) for s, t in zip(ev["source_country"], ev["target_country"])]
    if sdf is not None:
        rows = frame_records(sdf)
        for r in rows:
            key = f"p|{r.get('direction')}|{r['period']}"
            sub = ev[(ev["direction"] == r.get("direction")) & (ev["period"] == r["period"])]
            m.add_evidence(key, sub, f"{r.get('direction')} · {freq} of {r['period']}")
            r["key"] = key
        d["series"] = rows
    # quad-class mix (both directions), one evidence key per period x quad class
    quad = []
    for p, sub in ev.groupby("period", sort=True):
        row = {"period": p}
        for q in (1, 2, 3, 4):
            qs = sub[sub["quad_class"] == q]
            row[f"q{q}"] = int(len(qs))
            row[f"key{q}"] = m.add_evidence(f"q|{p}|{q}", qs, f"quad class {q} · {freq} of {p}")
        quad.append(row)
    d["quad"] = quad

    # -- relationship score and headline trend --------------------------------------------
    def score():
        df = analysis.relationship_score(store, a, b, freq=freq)
        df = df.copy()
        df["period"] = [period_key(p) for p in df["period"]]
        if start_d is not None:
            df = df[df["period"] >= start_d.isoformat()]
        if end_d is not None:
            df = df[df["period"] <= end_d.isoformat()]
        return frame_records(df)
    d["score"] = m.section("score", score)
    d["trend"] = _trend(d["score"]) if d.get("score") else None

    # -- normalization stage -------------------------------------------------------------
    def stage():
        st = analysis.normalization_stage(store, a, b, as_of=end_d, start=start_d)
        js = jsonable(st.to_json())
        js["key"] = m.add_evidence("stage|current", js["evidence"],
                                   f"Stage {js['stage']} ({js['name']}): evidence")
        js["ladder"] = [{"stage": k, "name": v} for k, v in sorted(analysis.stage_names().items())]
        for i, p in enumerate(js.get("partial") or []):
            p["key"] = m.add_evidence(f"stage|partial|{i}", p.pop("evidence") or [],
                                      f"Stage {p['stage']} ({p['name']}): {p['side']} only")
        js["history"] = frame_records(st.history)
        for i, h in enumerate(js["history"]):
            if h.get("event_id"):      # the event that moved the stage
                h["key"] = m.add_evidence(f"stage|{i}", evidence(store.events(event_ids=[h["event_id"]]).df()),
                                          f"Stage {h['stage']} from {h['date']}")
        return js
    d["stage"] = m.section("stage", stage)

    # -- agenda ----------------------------------------------------------------------------
    def agenda():
        res = analysis.agenda(store, a, b, **kw)
        items = jsonable(res.to_json())
        for i, it in enumerate(items):
            it["key"] = m.add_evidence(f"agenda|{i}", it.pop("evidence", None) or [],
                                       f"Agenda: {it['label']} at status {it['status']}")
            for j, c in enumerate(it.get("changes") or []):
                c["key"] = m.add_evidence(f"agenda|{i}|{j}", c.pop("evidence", None) or [],
                                          f"Agenda: {it['label']} {c['change']} to {c['status']} on {c['date']}")
        d["agenda_note"] = res.note
        return items
    d["agenda"] = m.section("agenda", agenda)
    d["agenda_statuses"] = analysis.status_names()

    # -- stances ---------------------------------------------------------------------------
    def stances():
        js = jsonable(analysis.stances(store, a, b, **kw).to_json())
        for i, ac in enumerate(js.get("actors", [])):
            ac["key"] = m.add_evidence(f"actor|{i}", ac.get("evidence") or [],
                                       f"Statements by {ac.get('actor')}", ac.get("n_statements"))
            ac.pop("evidence", None)
        return js
    d["stances"] = m.section("stances", stances)

    # -- third parties ---------------------------------------------------------------------
    def third():
        tp = analysis.third_parties(store, a, b, freq="month", **kw)
        return _third_rows(m, tp, store, a, b, start_d, end_d)
    d["third"] = m.section("third_parties", third)

    # -- outlook (change points, forecast) -------------------------------------------------
    def outlook():
        return jsonable(analysis.outlook(store, a, b, freq="week", **kw).to_json())
    d["outlook"] = m.section("outlook", outlook)
    d["changepoints"] = _changepoints(d.get("outlook"))
    for i, cp in enumerate(d["changepoints"]):
        cp["key"] = m.add_evidence(f"cp|{i}", cp.pop("evidence"), f"Change point {cp['date']}")

    # -- key events timeline (news of the window: not events dated from a background clause)
    news = ev[ev["date_precision"].fillna("") != analysis.BACKGROUND] if len(ev) else ev
    # one row per sentence and date: a sentence coded as several events, or carried by several
    # stories, is one key event, shown by its most intense event; its row opens all of them
    ordered = _intensity_order(news)
    if len(ordered):
        said = ordered["sentence"].fillna("").str.split().str.join(" ") + "|" + ordered["event_date"].astype(str)
        ordered = ordered.assign(_said=said)
        top = ordered.drop_duplicates("_said").head(MAX_TIMELINE).sort_values(["event_date", "event_id"])
    else:
        top = ordered
    d["timeline"] = []
    for e, key in zip(evidence(top.drop(columns="_said", errors="ignore")), top.get("_said", [])):
        d["events"][e["event_id"]] = e
        same = ordered[ordered["_said"] == key].drop(columns="_said")
        m.add_evidence(f"e|{e['event_id']}", same, f"Event {e['event_id']}" if len(same) == 1
                       else f"{len(same)} events coded from this sentence on {e['date']}")
        d["timeline"].append(e["event_id"])
    return d


def _trend(score: list[dict]) -> Optional[dict]:
    """Direction of the relationship score over its last (up to) six periods."""
    pts = [(i, r.get("level")) for i, r in enumerate(score) if r.get("level") is not None]
    if len(pts) < 2:
        return None
    pts = pts[-6:]
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    den = sum((p[0] - mx) ** 2 for p in pts) or 1.0
    slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / den
    spread = (max(p[1] for p in pts) - min(p[1] for p in pts)) or 1.0
    rel = slope * (n - 1) / spread
    label = "improving" if rel > 0.25 else "worsening" if rel < -0.25 else "flat"
    return {"slope": slope, "label": label, "n_periods": n, "last_level": pts[-1][1],
            "last_period": score[pts[-1][0]].get("period")}


def _changepoints(outlook: Optional[dict]) -> list[dict]:
    """The outlook's change points as the charts draw them: a date, a direction, the tone (net
    Goldstein per event, the series the breaks are found on) before and after, and the events
    around the break as their evidence."""
    out = []
    for cp in (outlook or {}).get("change_points") or []:
        c = {k: v for k, v in cp.items() if k != "top_events"}
        c.update(date=period_key(cp["period"]), evidence=cp["top_events"], before=cp["goldstein_mean_before"],
                 after=cp["goldstein_mean_after"], series="net Goldstein per event")
        out.append(c)
    return out


def _third_rows(m: _Model, tp: Any, store: EventStore, a: str, b: str, start_d, end_d) -> dict:
    """Partners of each side (with the events behind each bar) and third countries named in
    dyad sentences (possible leverage)."""
    js = jsonable(tp.to_json())
    partners = list(js["partners"])
    for i, r in enumerate(partners):
        side, c = r["side"], r["country"]
        rows = read_dyad_events(store, side, c, start_d, end_d)
        r["key"] = m.add_evidence(f"third|{i}", rows, f"{side} ↔ {c}: events", r["n_events"])
    leverage = list(js["leverage"])
    for i, r in enumerate(leverage):
        r["key"] = m.add_evidence(f"lev|{i}", r.pop("evidence"),
                                  f"{r['country']} named in {a}–{b} sentences", r["n_sentences"])
    return {"partners": partners, "leverage": leverage}
