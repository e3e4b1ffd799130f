"""Gather everything the report shows into one JSON-safe *model* (a dict).

The numbers come from :mod:`detente.analysis`; the sentences behind them come straight from
the events table (read with bound parameters only).  Each section is collected on its own:
when one fails (an analysis function missing or raising), the others still render and the
page says plainly which section is missing and why (``model["errors"]``).
"""
from __future__ import annotations

import math
import warnings
from datetime import date as Date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

import duckdb
import pandas as pd
import pyarrow as pa

from ..schema import EVENT_ARROW_SCHEMA, PLOVER_TYPES, row_to_event_json

EVENT_COLUMNS = [f.name for f in EVENT_ARROW_SCHEMA]
MAX_EVIDENCE_PER_KEY = 25      # sentences embedded per chart point (the most intense first)
MAX_TIMELINE = 40              # key events in the timeline table


class ReportError(ValueError):
    """Bad input to the report (bad ISO3, bad date, unreadable source)."""


def check_iso3(code: str) -> str:
    c = (code or "").strip().upper()
    if len(c) != 3 or not c.isascii() or not c.isalpha():
        raise ReportError(f"not an ISO 3166-1 alpha-3 country code: {code!r}")
    return c


def parse_date(d: Any, what: str) -> Optional[Date]:
    if d is None or d == "":
        return None
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, Date):
        return d
    try:
        return Date.fromisoformat(str(d))
    except ValueError:
        raise ReportError(f"bad {what} {d!r}: expected YYYY-MM-DD") from None


# ---------------------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------------------
def jsonable(v: Any) -> Any:
    """Numpy/pandas/datetime values -> plain JSON values (NaN -> None)."""
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, pd.Period):
        return v.start_time.date().isoformat()
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, Date):
        return v.isoformat()
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        return jsonable(v.tolist())
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "to_json") and callable(v.to_json):
        return jsonable(v.to_json())
    return v


def frame_records(df: Any) -> list[dict]:
    if df is None:
        return []
    if isinstance(df, pd.DataFrame):
        return [jsonable(r) for r in df.reset_index(drop=df.index.name is None
                                                    and isinstance(df.index, pd.RangeIndex))
                .to_dict("records")]
    if isinstance(df, list):
        return [jsonable(r) for r in df]
    return jsonable(df)


def period_key(v: Any) -> Optional[str]:
    """Normalise a period label (Timestamp, Period, date, string) to 'YYYY-MM-DD'."""
    if v is None:
        return None
    if isinstance(v, pd.Period):
        return v.start_time.date().isoformat()
    try:
        return pd.Timestamp(v).date().isoformat()
    except (ValueError, TypeError):
        return str(v)


# ---------------------------------------------------------------------------------------
# Reading events (the sentences behind every number)
# ---------------------------------------------------------------------------------------
def _connection(src: Any) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A DuckDB connection with an ``events`` table for any accepted ``src``; owned flag."""
    if isinstance(src, (pa.Table, pd.DataFrame)):
        con = duckdb.connect()
        if isinstance(src, pd.DataFrame):
            df = src.copy()
            for c in EVENT_COLUMNS:
                if c not in df.columns:
                    df[c] = None
            if df["event_date"].isna().all() and "date" in df.columns:
                df["event_date"] = pd.to_datetime(df["date"].astype(str).str[:10], errors="coerce")
            con.register("events", df)
        else:
            con.register("events", src)
        return con, True
    if isinstance(src, (str, Path)):
        p = Path(src)
        if not p.exists():
            raise ReportError(f"no such database file: {p}")
        return duckdb.connect(str(p), read_only=True), True
    if isinstance(src, duckdb.DuckDBPyConnection):
        return src, False
    if hasattr(src, "con"):
        return src.con, False
    raise ReportError(f"unsupported source type {type(src).__name__}")


def read_dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str,
                     start: Optional[Date], end: Optional[Date]) -> pd.DataFrame:
    cols = {d[0] for d in con.execute("SELECT * FROM events LIMIT 0").description}
    sel = ", ".join(c if c in cols else f"NULL AS {c}" for c in EVENT_COLUMNS)
    where = ("((source_country = ? AND target_country = ?) OR "
             "(source_country = ? AND target_country = ?)) AND event_date IS NOT NULL")
    params: list[Any] = [a, b, b, a]
    if start is not None:
        where += " AND event_date >= ?"
        params.append(start)
    if end is not None:
        where += " AND event_date <= ?"
        params.append(end)
    df = con.execute(f"SELECT {sel} FROM events WHERE {where} ORDER BY event_date, event_id",
                     params).fetch_df()
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def events_json(df: pd.DataFrame) -> list[dict]:
    out = []
    for r in df.to_dict("records"):
        out.append(jsonable(row_to_event_json({k: jsonable(v) for k, v in r.items()})))
    return out


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
            n = len(rows) if total is None else total
            evs = events_json(_intensity_order(rows).head(MAX_EVIDENCE_PER_KEY))
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


_ANALYSIS_MODULES = ("series", "stages", "agenda", "stances", "third_parties", "thirdparty",
                     "third", "outlook", "changepoints", "forecast")


class _AnalysisAPI:
    """``detente.analysis``'s public functions, looked up late (the package may export them
    from ``__init__`` or only from its submodules)."""

    def __getattr__(self, name: str) -> Any:
        import importlib
        pkg = importlib.import_module("detente.analysis")
        fn = getattr(pkg, name, None)
        if callable(fn):
            return fn
        for mod in _ANALYSIS_MODULES:
            try:
                sub = importlib.import_module(f"detente.analysis.{mod}")
            except ModuleNotFoundError as exc:
                if exc.name != f"detente.analysis.{mod}":
                    raise
                continue
            fn = getattr(sub, name, None)
            if callable(fn):
                return fn
        raise AttributeError(f"detente.analysis has no function {name!r} (not written yet?)")


def _analysis() -> _AnalysisAPI:
    return _AnalysisAPI()


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
    a, b = check_iso3(a), check_iso3(b)
    if a == b:
        raise ReportError(f"a dyad needs two different countries, got {a} twice")
    start_d, end_d = parse_date(start, "start date"), parse_date(end, "end date")
    if start_d and end_d and start_d > end_d:
        raise ReportError(f"start date {start_d} is after end date {end_d}")
    con, owned = _connection(src)
    try:
        return _collect(con, src, a, b, start_d, end_d, freq)
    finally:
        if owned:
            con.close()


def _collect(con, src, a, b, start_d, end_d, freq) -> dict[str, Any]:
    m = _Model()
    d = m.data
    ev = read_dyad_events(con, a, b, start_d, end_d)
    freq = freq or _pick_freq(start_d, end_d, ev)
    # analysis functions get the same connection (an EventStore or connection is passed through)
    asrc = src if not isinstance(src, (str, Path)) else con
    d.update({
        "a": a, "b": b, "freq": freq,
        "start": start_d.isoformat() if start_d else None,
        "end": end_d.isoformat() if end_d else None,
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
        df = _analysis().dyad_series(asrc, a, b, freq=freq, **kw)
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
        df = _analysis().relationship_score(asrc, a, b, freq=freq)
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
        st = _analysis().normalization_stage(asrc, a, b, as_of=end_d)
        js = jsonable(st.to_json())
        evid = js.get("evidence") or []
        js["key"] = m.add_evidence("stage|current", evid,
                                   f"Stage {js.get('stage')} ({js.get('name')}): evidence")
        hist = getattr(st, "history", None)
        js["history"] = frame_records(hist) if hist is not None else []
        for i, h in enumerate(js["history"]):
            hevid = h.pop("evidence", None)
            if hevid is None and h.get("event_id"):
                hevid = _events_by_id(con, [h["event_id"]])
            if isinstance(hevid, list):
                h["key"] = m.add_evidence(f"stage|{i}", hevid,
                                          f"Stage {h.get('stage')} from {h.get('since') or h.get('date') or h.get('period')}")
        return js
    d["stage"] = m.section("stage", stage)

    # -- agenda ----------------------------------------------------------------------------
    def agenda():
        items = jsonable(_analysis().agenda(asrc, a, b, **kw).to_json())
        if isinstance(items, dict):
            items = items.get("items", [])
        for i, it in enumerate(items):
            it["key"] = m.add_evidence(f"agenda|{i}", it.get("evidence") or [], f"Agenda: {it.get('item')}")
            it.pop("evidence", None)
        return items
    d["agenda"] = m.section("agenda", agenda)

    # -- stances ---------------------------------------------------------------------------
    def stances():
        js = jsonable(_analysis().stances(asrc, a, b).to_json())
        for i, ac in enumerate(js.get("actors", [])):
            ac["key"] = m.add_evidence(f"actor|{i}", ac.get("evidence") or [],
                                       f"Statements by {ac.get('actor')}", ac.get("n_statements"))
            ac.pop("evidence", None)
        return js
    d["stances"] = m.section("stances", stances)

    # -- third parties ---------------------------------------------------------------------
    def third():
        tp = _analysis().third_parties(asrc, a, b, freq="month", **kw)
        return _third_rows(m, tp, ev, con, a, b, start_d, end_d)
    d["third"] = m.section("third_parties", third)

    # -- outlook (change points, forecast) -------------------------------------------------
    def outlook():
        o = _analysis().outlook(asrc, a, b, freq="week")
        js = jsonable(o.to_json() if hasattr(o, "to_json") else o)
        return js
    d["outlook"] = m.section("outlook", outlook)
    d["changepoints"] = _changepoints(d.get("outlook"))
    for i, cp in enumerate(d["changepoints"]):
        evid = cp.pop("evidence", None)
        if isinstance(evid, list):
            cp["key"] = m.add_evidence(f"cp|{i}", evid, f"Change point {cp.get('date')}")
        elif cp.get("date"):
            day = pd.Timestamp(cp["date"])
            near = ev[(ev["event_date"] >= day - pd.Timedelta(days=14)) &
                      (ev["event_date"] <= day + pd.Timedelta(days=14))]
            cp["key"] = m.add_evidence(f"cp|{i}", near, f"Events within two weeks of the change point {cp['date']}")

    # -- key events timeline -----------------------------------------------------------------
    top = _intensity_order(ev).head(MAX_TIMELINE).sort_values(["event_date", "event_id"])
    d["timeline"] = []
    for e in events_json(top):
        d["events"][e["event_id"]] = e
        m.data["evidence"][f"e|{e['event_id']}"] = {"label": f"Event {e['event_id']}",
                                                   "ids": [e["event_id"]], "total": 1}
        d["timeline"].append(e["event_id"])
    return d


def _events_by_id(con, ids: list[str]) -> list[dict]:
    cols = {d[0] for d in con.execute("SELECT * FROM events LIMIT 0").description}
    sel = ", ".join(c if c in cols else f"NULL AS {c}" for c in EVENT_COLUMNS)
    ph = ", ".join("?" for _ in ids)
    return events_json(con.execute(f"SELECT {sel} FROM events WHERE event_id IN ({ph})", list(ids)).fetch_df())


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


def _changepoints(outlook: Any) -> list[dict]:
    """Find change points in whatever shape ``outlook().to_json()`` gives."""
    if not isinstance(outlook, dict):
        return []
    raw = None
    for k in ("change_points", "changepoints", "breaks"):
        if k in outlook:
            raw = outlook[k]
            break
    out = []
    for cp in raw or []:
        if isinstance(cp, dict):
            c = dict(cp)
            if "evidence" not in c and isinstance(c.get("top_events"), list):
                c["evidence"] = c.pop("top_events")
            if c.get("before") is None and c.get("goldstein_mean_before") is not None:
                c["before"], c["after"] = c["goldstein_mean_before"], c.get("goldstein_mean_after")
                c["series"] = "mean Goldstein per event"
            c["date"] = period_key(c.get("date") or c.get("period") or c.get("at") or c.get("since"))
        else:
            c = {"date": period_key(cp)}
        out.append(c)
    return [c for c in out if c.get("date")]


def _third_rows(m: _Model, tp: Any, ev, con, a, b, start_d, end_d) -> dict:
    """Partners of each side (with the events behind each bar) and third countries named in
    dyad sentences (possible leverage)."""
    js = jsonable(tp.to_json() if hasattr(tp, "to_json") and not isinstance(tp, pd.DataFrame) else tp)
    if isinstance(tp, pd.DataFrame):
        js = {"partners": frame_records(tp), "leverage": []}
    partners = list(js.get("partners") or [])
    for i, r in enumerate(partners):
        side, c = r.get("side"), r.get("country")
        if not side or not c:
            continue
        rows = _pair_events(con, side, c, start_d, end_d)
        r["key"] = m.add_evidence(f"third|{i}", rows, f"{side} ↔ {c}: events", r.get("n_events"))
    leverage = list(js.get("leverage") or [])
    for i, r in enumerate(leverage):
        r["key"] = m.add_evidence(f"lev|{i}", r.pop("evidence", None) or [],
                                  f"{r.get('country')} named in {a}–{b} sentences", r.get("n_sentences"))
    return {"partners": partners, "leverage": leverage}


def _pair_events(con, x: str, y: str, start_d, end_d) -> pd.DataFrame:
    return read_dyad_events(con, x, y, start_d, end_d)
