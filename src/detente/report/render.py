"""Turn the report model (:func:`detente.report.model.collect`) into one self-contained page.

Figures are plain Plotly JSON (``{"data": [...], "layout": {...}}``) built here; every point
carries a ``customdata`` key into ``model["evidence"]``, so the page can show the sentences
behind any point.  plotly.js comes from the installed ``plotly`` package and is inlined: the
page makes no network request when opened.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

import jinja2

from ..display import asset, plotly_js
from ..ontology import PLOVER_TYPES

QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation",
              3: "Verbal conflict", 4: "Material conflict"}
QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fb6a4a", 4: "#a50f15"}
DIR_COLOURS = ["#1f77b4", "#d62728"]
COUNTRY_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]


def _template_file(name: str) -> str:
    return resources.files("detente.report").joinpath("templates", name).read_text(encoding="utf-8")


def script_json(obj: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _base_layout(title: str, **kw: Any) -> dict:
    lay = {"title": {"text": title, "font": {"size": 15}}, "margin": {"l": 55, "r": 20, "t": 45, "b": 45},
           "hovermode": "closest", "legend": {"orientation": "h", "y": -0.18},
           "paper_bgcolor": "#ffffff", "plot_bgcolor": "#fafafa",
           "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12}}
    lay.update(kw)
    return lay


# ---------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------
def fig_dyad(m: dict) -> Optional[dict]:
    rows = m.get("series")
    if not rows:
        return None
    a, b = m["a"], m["b"]
    traces = []
    for i, direction in enumerate((f"{a}→{b}", f"{b}→{a}")):
        rs = [r for r in rows if r.get("direction") == direction]
        if not rs:
            continue
        x = [r["period"] for r in rs]
        keys = [r["key"] for r in rs]
        gs = [r.get("goldstein_sum") for r in rs]
        vol = [r.get("n_events", r.get("volume")) for r in rs]
        gm = [r.get("goldstein_mean") for r in rs]
        col = DIR_COLOURS[i]
        traces.append({"type": "scatter", "mode": "lines+markers", "name": f"{direction} Goldstein (sum)",
                       "x": x, "y": gs, "customdata": keys, "line": {"color": col},
                       "marker": {"size": 8}, "legendgroup": direction, "xaxis": "x", "yaxis": "y",
                       "text": [f"mean {v:.2f}" if isinstance(v, (int, float)) else "" for v in gm],
                       "hovertemplate": "%{x}<br>Goldstein sum %{y:.1f} (%{text})<br>click for sentences"
                                        f"<extra>{direction}</extra>"})
        traces.append({"type": "bar", "name": f"{direction} events", "x": x, "y": vol, "customdata": keys,
                       "marker": {"color": col, "opacity": 0.55}, "legendgroup": direction,
                       "xaxis": "x", "yaxis": "y2",
                       "hovertemplate": "%{x}<br>%{y} events<br>click for sentences"
                                        f"<extra>{direction}</extra>"})
    shapes, cps = [], m.get("changepoints") or []
    for cp in cps:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": cp["date"], "x1": cp["date"],
                       "y0": 0, "y1": 1, "line": {"color": "#444", "width": 1.5, "dash": "dash"}})
    if cps:
        gsum = [r.get("goldstein_sum") or 0 for r in rows] or [0]
        traces.append({"type": "scatter", "mode": "markers", "name": "change point",
                       "x": [cp["date"] for cp in cps], "y": [max(gsum)] * len(cps),
                       "customdata": [cp.get("key") for cp in cps], "xaxis": "x", "yaxis": "y",
                       "marker": {"symbol": "diamond", "size": 12, "color": "#222"},
                       "hovertemplate": "change point %{x}<extra></extra>"})
    lay = _base_layout(f"Directed events {a}→{b} and {b}→{a}: Goldstein and counts per {m['freq']}",
                       barmode="group", shapes=shapes, height=460,
                       yaxis={"domain": [0.42, 1], "title": {"text": "Goldstein sum"}, "zeroline": True},
                       yaxis2={"domain": [0, 0.34], "title": {"text": "events"}},
                       xaxis={"type": "date", "anchor": "y2"})
    return {"data": traces, "layout": lay}


def fig_score(m: dict) -> Optional[dict]:
    rows = m.get("score")
    if not rows:
        return None
    x = [r.get("period") for r in rows]
    traces = [{"type": "scatter", "mode": "lines+markers", "name": "level", "x": x,
               "y": [r.get("level") for r in rows], "line": {"color": "#5f3dc4"},
               "hovertemplate": "%{x}<br>level %{y:.2f}<extra></extra>"}]
    icol = "intensity" if any(r.get("intensity") is not None for r in rows) else "intensity_per_1k"
    if any(r.get(icol) is not None for r in rows):
        traces.append({"type": "bar", "name": icol, "x": x, "y": [r.get(icol) for r in rows],
                       "yaxis": "y2", "marker": {"color": "#adb5bd", "opacity": 0.5},
                       "hovertemplate": "%{x}<br>intensity %{y:.2f}<extra></extra>"})
    # clickable: the series key of the same period (both directions' sentences via the quad keys)
    pkeys = {q["period"]: q for q in m.get("quad") or []}
    for t in traces:
        t["customdata"] = [f"qall|{p}" if p in pkeys else None for p in x]
    lay = _base_layout("Relationship score (level: cooperative > 0 > conflictual)", height=300,
                       yaxis={"title": {"text": "level"}, "zeroline": True},
                       yaxis2={"overlaying": "y", "side": "right", "showgrid": False,
                               "title": {"text": "intensity"}}, xaxis={"type": "date"})
    return {"data": traces, "layout": lay}


def fig_quad(m: dict) -> Optional[dict]:
    rows = m.get("quad")
    if not rows:
        return None
    x = [r["period"] for r in rows]
    traces = []
    for q in (1, 2, 3, 4):
        traces.append({"type": "bar", "name": QUAD_NAMES[q], "x": x, "y": [r[f"q{q}"] for r in rows],
                       "customdata": [r[f"key{q}"] for r in rows], "marker": {"color": QUAD_COLOURS[q]},
                       "hovertemplate": "%{x}<br>%{y} events<extra>" + QUAD_NAMES[q] + "</extra>"})
    lay = _base_layout(f"Quad-class mix per {m['freq']} (both directions)", barmode="stack", height=340,
                       xaxis={"type": "date"}, yaxis={"title": {"text": "events"}})
    return {"data": traces, "layout": lay}


def _hist_x(h: dict) -> Any:
    for k in ("since", "date", "period", "as_of", "start"):
        if h.get(k):
            return h[k]
    return None


def fig_stage(m: dict) -> Optional[dict]:
    """The stage over time as a step line; the axis names every stage of the ladder with the
    names of stages.yaml (the ones the CLI prints); partial stages (one side only) as hollow
    markers."""
    st = m.get("stage")
    if not st:
        return None
    names = {int(r["stage"]): r["name"] for r in st.get("ladder") or []}
    hist = [h for h in (st.get("history") or []) if _hist_x(h) is not None and h.get("stage") is not None]
    if not hist and st.get("since") is not None and st.get("stage"):
        hist = [{"since": st["since"], "stage": st["stage"], "key": st.get("key")}]
    if not hist:
        return None
    x = [_hist_x(h) for h in hist]
    y = [int(h["stage"]) for h in hist]
    if m.get("end") and x[-1] < m["end"]:       # the line runs to the end of the window
        x, y = x + [m["end"]], y + [y[-1]]
        hist = hist + [{"key": st.get("key")}]
    keys = [h.get("key") or st.get("key") for h in hist]
    text = [names.get(v, "") for v in y]
    traces = [{"type": "scatter", "mode": "lines+markers", "line": {"shape": "hv", "color": "#0b7285"},
               "marker": {"size": 10}, "x": x, "y": y, "customdata": keys, "text": text,
               "name": "stage", "hovertemplate": "%{x}: stage %{y} — %{text}<extra></extra>"}]
    partial = st.get("partial") or []
    if partial:
        traces.append({"type": "scatter", "mode": "markers", "name": "one side only",
                       "x": [p["since"] for p in partial], "y": [p["stage"] for p in partial],
                       "customdata": [p.get("key") for p in partial],
                       "text": [f"{p['name']} — {p['side']} only" for p in partial],
                       "marker": {"size": 11, "symbol": "circle-open", "color": "#0b7285", "line": {"width": 2}},
                       "hovertemplate": "%{x}: stage %{y} — %{text}<extra></extra>"})
    top = max(names) if names else max(y)
    lay = _base_layout("Normalization stage ladder", height=340, showlegend=bool(partial),
                       xaxis={"type": "date"},
                       yaxis={"tickmode": "array", "tickvals": list(range(0, top + 1)),
                              "ticktext": [f"{i} {names.get(i, '')}" for i in range(0, top + 1)],
                              "range": [-0.5, top + 0.5]},
                       margin={"l": 260, "r": 20, "t": 45, "b": 45})
    return {"data": traces, "layout": lay}


def fig_stances(m: dict) -> Optional[dict]:
    st = m.get("stances")
    actors = (st or {}).get("actors") or []
    if not actors:
        return None
    countries = sorted({a.get("country") or "—" for a in actors})
    dual = (st or {}).get("dual_track") or {}
    traces = []
    for i, c in enumerate(countries):
        acs = [a for a in actors if (a.get("country") or "—") == c]
        label = c + (" (dual track)" if dual.get(c) else "")
        iv = [a.get("interval") or [a.get("score"), a.get("score")] for a in acs]
        traces.append({"type": "scatter", "mode": "markers+text", "name": label,
                       "x": [a.get("score") for a in acs],
                       "y": [a.get("actor") + ("" if a.get("rank") else " (unranked)") for a in acs],
                       "error_x": {"type": "data", "symmetric": False, "color": "#888", "thickness": 1,
                                   "array": [hi - a.get("score") for a, (lo, hi) in zip(acs, iv)],
                                   "arrayminus": [a.get("score") - lo for a, (lo, hi) in zip(acs, iv)]},
                       "text": [f"n={a.get('n_statements', '')}" for a in acs], "textposition": "middle right",
                       "customdata": [a.get("key") for a in acs],
                       "marker": {"size": 10, "color": COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)],
                                  "symbol": [("diamond" if dual.get(c) else "circle") + ("" if a.get("rank") else "-open")
                                             for a in acs],
                                  "line": {"width": 1, "color": "#333"}},
                       "hovertemplate": "%{y}<br>stance %{x:.2f}, %{text} statements<extra>" + label + "</extra>"})
    flags = ", ".join(f"{c}: {'yes' if v else 'no'}" for c, v in sorted(dual.items())) or "n/a"
    lay = _base_layout(f"Stances toward the other side (−1 hostile … +1 conciliatory; 90% interval) · "
                       f"dual track: {flags}", height=max(280, 60 + 28 * len(actors)),
                       xaxis={"range": [-1.1, 1.1], "zeroline": True, "title": {"text": "hostile ← stance → conciliatory"}},
                       yaxis={"type": "category", "automargin": True}, margin={"l": 160, "r": 30, "t": 45, "b": 50})
    return {"data": traces, "layout": lay}


def fig_third(m: dict) -> Optional[dict]:
    tp = m.get("third") or {}
    partners = [r for r in tp.get("partners") or [] if r.get("country")]
    leverage = [r for r in tp.get("leverage") or [] if r.get("country")]
    if not partners and not leverage:
        return None
    a, b = m["a"], m["b"]
    top = sorted({r["country"] for r in partners},
                 key=lambda c: -sum(r.get("n_events") or 0 for r in partners if r["country"] == c))[:15]
    traces = []
    for i, side in enumerate((a, b)):
        rs = {r["country"]: r for r in partners if r.get("side") == side}
        traces.append({"type": "bar", "orientation": "h", "name": f"{side} with …",
                       "y": top, "x": [(rs.get(c) or {}).get("n_events", 0) for c in top],
                       "customdata": [(rs.get(c) or {}).get("key") for c in top],
                       "text": [_partner_hover(rs.get(c)) for c in top],
                       "marker": {"color": DIR_COLOURS[i]}, "xaxis": "x", "yaxis": "y",
                       "hovertemplate": "%{y}: %{x} events<br>%{text}<extra>" + side + "</extra>"})
    if leverage:
        lv = leverage[:10]
        traces.append({"type": "bar", "orientation": "h", "name": f"named in {a}–{b} sentences",
                       "y": [r["country"] for r in lv], "x": [r.get("n_sentences") for r in lv],
                       "customdata": [r.get("key") for r in lv], "marker": {"color": "#868e96"},
                       "xaxis": "x2", "yaxis": "y2",
                       "hovertemplate": "%{y} named in %{x} dyad sentences<extra></extra>"})
    n = max(len(top), len(leverage[:10]), 3)
    lay = _base_layout(f"Third parties: each side's partners, and countries named in {a}–{b} sentences",
                       barmode="group", height=max(300, 80 + 26 * n),
                       xaxis={"domain": [0, 0.58] if leverage else [0, 1], "title": {"text": "events with partner"}},
                       yaxis={"type": "category", "automargin": True, "autorange": "reversed"},
                       xaxis2={"domain": [0.72, 1], "anchor": "y2", "title": {"text": "sentences"}},
                       yaxis2={"type": "category", "anchor": "x2", "automargin": True, "autorange": "reversed"})
    return {"data": traces, "layout": lay}


def _partner_hover(r: Optional[dict]) -> str:
    if not r:
        return "no events"
    parts = []
    if r.get("goldstein_mean") is not None:
        parts.append(f"mean Goldstein {r['goldstein_mean']:.2f}")
    if r.get("coop_share") is not None:
        parts.append(f"{100 * r['coop_share']:.0f}% cooperative")
    if r.get("corr_goldstein") is not None:
        parts.append(f"corr. with dyad {r['corr_goldstein']:+.2f}")
    return ", ".join(parts)


FIGURES = [
    ("chart-dyad", "Directed dyad series", fig_dyad, "series"),
    ("chart-score", "Relationship score", fig_score, "score"),
    ("chart-quad", "Quad-class mix", fig_quad, "series"),
    ("chart-stage", "Stage ladder", fig_stage, "stage"),
    ("chart-stances", "Stance map", fig_stances, "stances"),
    ("chart-third", "Third parties", fig_third, "third_parties"),
]


def _add_period_all_keys(m: dict) -> None:
    """Evidence for 'everything in this period' (used by the score chart)."""
    ev = m["evidence"]
    for q in m.get("quad") or []:
        ids, total = [], 0
        for k in (1, 2, 3, 4):
            e = ev.get(q[f"key{k}"]) or {}
            ids += e.get("ids", [])
            total += e.get("total", 0)
        ids.sort(key=lambda i: -abs(m["events"].get(i, {}).get("goldstein") or 0))
        ev[f"qall|{q['period']}"] = {"label": f"All events · {m['freq']} of {q['period']}",
                                     "ids": ids[:25], "total": total}


# the top margin left when a figure's title moves to the page: room for Plotly's toolbar
TOOLBAR_MARGIN = 30


def fit_to_page(fig: dict) -> tuple[str, dict]:
    """The figure's title, and the figure laid out so that no label is cut off or covered.

    The title leaves the figure (the page shows it above the chart): Plotly's toolbar sits
    in the figure's top corner, over any long title.  Every axis makes room for its labels
    (long stage names, actor names), the legend goes below everything else at the foot of
    the figure (a legend placed a fraction of the plot below the axis lands on the axis
    title in a short chart), and bars keep their text for the hover box only (drawn on the
    bars it ran into the legend and the other bars)."""
    lay = fig["layout"]
    title = lay.pop("title", None) or {}
    lay["margin"] = {**lay.get("margin", {}), "t": TOOLBAR_MARGIN}
    for name, axis in lay.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            axis["automargin"] = True
    if lay.get("showlegend", True):
        lay["legend"] = {**lay.get("legend", {}), "orientation": "h", "x": 0, "xanchor": "left",
                         "yref": "container", "y": 0, "yanchor": "bottom"}
    for trace in fig["data"]:
        if trace.get("type") == "bar" and "text" in trace:
            trace["textposition"] = "none"
    return (title.get("text", "") if isinstance(title, dict) else str(title)), fig


def build_figures(m: dict) -> list[dict]:
    _add_period_all_keys(m)
    out = []
    for div_id, title, fn, section in FIGURES:
        try:
            fig = fn(m)
        except Exception as exc:  # a malformed section must not break the page
            m["errors"][f"figure {div_id}"] = f"{type(exc).__name__}: {exc}"
            fig = None
        reason, heading = None, title
        if fig is None:
            reason = m["errors"].get(section) or "no data for this dyad and period"
        else:
            heading, fig = fit_to_page(fig)
        out.append({"id": div_id, "title": title, "heading": heading or title, "figure": fig, "reason": reason})
    return out


# ---------------------------------------------------------------------------------------
# Page
# ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("detente.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True, lstrip_blocks=True,
    )


def render(model: dict, *, inline_plotly: bool = True) -> str:
    """The full HTML page for a collected model."""
    figs = build_figures(model)
    payload = {k: v for k, v in model.items()}
    payload["figures"] = {f["id"]: f["figure"] for f in figs if f["figure"]}
    tmpl = _env().get_template("report.html.j2")
    return tmpl.render(
        m=model, figs=figs,
        quad_names=QUAD_NAMES, plover=PLOVER_TYPES,
        data_json=script_json(payload),
        plotly_js=plotly_js() if inline_plotly else "",
        evidence_js=asset("evidence.js"),
        evidence_css=asset("evidence.css"),
        report_js=_template_file("report.js"),
        report_css=_template_file("report.css"),
    )
