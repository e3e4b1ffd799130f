"""`detente dyad|stage|agenda|stances|outlook|third-parties`: thin Typer layer over detente.analysis."""
from __future__ import annotations

import json
from datetime import date as Date
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from ._common import MIN_CONFIDENCE_OPTION, db_option, fail, parse_date_option, require_store


class Fmt(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Freq(str, Enum):
    day = "day"
    week = "week"
    month = "month"


def _open(db: Path, min_confidence: Optional[float] = None):
    from ..analysis import AnalysisError, open_source
    require_store(db)
    try:
        store = open_source(db)
    except AnalysisError as exc:
        fail(str(exc))
    # --min-confidence: every event the analysis reads goes through the store's event_filter
    return store if min_confidence is None else store.filtered(min_confidence=min_confidence)


def _iso(code: str) -> str:
    from ..analysis import AnalysisError, check_iso3
    try:
        return check_iso3(code)
    except AnalysisError as exc:
        fail(str(exc))
    return code


def _inputs(a: str, b: str, db: Path, min_confidence: Optional[float], start: Optional[str] = None,
            end: Optional[str] = None) -> tuple[str, str, Optional[Date], Optional[Date], Any]:
    """What every analysis command reads first: the pair (ISO3), ``--from``/``--to`` and the
    store, filtered by ``--min-confidence``; a bad one ends the command with its message."""
    a_, b_ = _iso(a), _iso(b)
    s, e = parse_date_option(start, "--from"), parse_date_option(end, "--to")
    return a_, b_, s, e, _open(db, min_confidence)


def _emit(fmt: Fmt, frame, payload: Any, title: str) -> None:
    import pandas as pd

    from ..analysis import jsonable
    if fmt is Fmt.json:
        typer.echo(json.dumps(jsonable(payload), ensure_ascii=False, indent=2))
        return
    df = frame.copy()
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = df[c].dt.date.astype(str)
    if fmt is Fmt.csv:
        typer.echo(df.to_csv(index=False), nl=False)
        return
    from rich.console import Console
    from rich.table import Table
    t = Table(title=title)
    for c in df.columns:
        t.add_column(str(c), overflow="fold")
    for row in df.itertuples(index=False):
        t.add_row(*["" if v is None or (isinstance(v, float) and v != v)
                    else (f"{v:.3g}" if isinstance(v, float) else str(v)) for v in row])
    Console(width=200).print(t)


def _run(fn):
    from ..analysis import AnalysisError
    try:
        return fn()
    except AnalysisError as exc:
        fail(str(exc))


DB = db_option("Event store to read (a DuckDB file with an events table, opened read-only).")
FROM = typer.Option(None, "--from", metavar="DATE",
                    help="first day, YYYY-MM-DD (default: the first day of the stories that name A or B)")
TO = typer.Option(None, "--to", metavar="DATE",
                  help="last day, YYYY-MM-DD (default: the last day of the stories that name A or B)")
AS_OF = typer.Option(None, "--as-of", metavar="DATE", help="as it stood on this day, YYYY-MM-DD")
FMT = typer.Option(Fmt.table, "--format", help="A table to read, or CSV / JSON for programs.")
SIDE_A = typer.Argument(..., metavar="A", help="One country of the dyad, ISO 3166-1 alpha-3 (e.g. USA).")
SIDE_B = typer.Argument(..., metavar="B", help="The other country, ISO 3166-1 alpha-3 (e.g. RUS).")
FREQ_HELP = "Length of one period of the series."


def register(app: typer.Typer) -> None:
    from .. import analysis as A

    @app.command("dyad")
    def dyad_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB,
                 start: Optional[str] = FROM, end: Optional[str] = TO,
                 freq: Freq = typer.Option(Freq.week, "--freq", help=FREQ_HELP),
                 gov_only: bool = typer.Option(False, "--gov-only", help="only government/military actors"),
                 fmt: Fmt = FMT,
                 min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """Directed per-period event counts, Goldstein and volume-normalised rates (A→B and B→A)."""
        a_, b_, s, e, src = _inputs(a, b, db, min_confidence, start, end)
        df = _run(lambda: A.dyad_series(src, a_, b_, freq=freq.value, start=s, end=e, gov_only=gov_only))
        if fmt is Fmt.table:
            cols = ["period", "direction", "n_events", "q1", "q2", "q3", "q4", "goldstein_sum",
                    "goldstein_mean", "volume", "n_events_per_1k", "goldstein_sum_per_1k"]
            frame = df[cols]
        else:
            frame = df
        payload = frame.assign(period=frame["period"].dt.date.astype(str)).to_dict("records") if len(frame) else []
        _emit(fmt, frame, payload, f"{a_}–{b_} dyad series ({freq.value})")

    @app.command("stage")
    def stage_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB, as_of: Optional[str] = AS_OF,
                  start: Optional[str] = FROM, fmt: Fmt = FMT,
                  min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """Normalization stage (the ladder of data/analysis/stages.yaml) with its evidence and history."""
        d = parse_date_option(as_of, "--as-of")
        a_, b_, s, _, src = _inputs(a, b, db, min_confidence, start)
        r = _run(lambda: A.normalization_stage(src, a_, b_, as_of=d, start=s))
        if fmt is Fmt.table:
            from rich.console import Console
            console = Console(width=200)
            head = f"[bold]{a_}–{b_}: stage {r.stage} – {r.name}[/bold]"
            if r.stage:
                head += f" since {r.since}, claimed by {', '.join(r.claimed_by) or '—'}"
            console.print(head)
            for p in r.partial:
                console.print(f"  partial: stage {p['stage']} – {p['name']}: {p['side']} only, since {p['since']}")
            if r.note:
                console.print(f"  note: {r.note}")
        _emit(fmt, r.ladder, r.to_json(), "normalization ladder")
        if fmt is Fmt.table and len(r.history):
            _emit(fmt, r.history[["date", "stage", "name", "change", "reason", "sentence"]], None, "stage history")

    @app.command("agenda")
    def agenda_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB, start: Optional[str] = FROM,
                   end: Optional[str] = TO, as_of: Optional[str] = AS_OF,
                   all_issues: bool = typer.Option(False, "--all-issues",
                                                   help="every issue the events carry, not only the "
                                                        "categories of data/analysis/agenda.yaml"),
                   fmt: Fmt = FMT, min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """The issues the pair's events are about, each with its status (Peace Accords Matrix 0-3) and changes."""
        d = parse_date_option(as_of, "--as-of")
        a_, b_, s, e, src = _inputs(a, b, db, min_confidence, start, end)
        r = _run(lambda: A.agenda(src, a_, b_, start=s, end=e, as_of=d, all_issues=all_issues))
        _emit(fmt, r.to_frame(), r.to_json(), f"{a_}–{b_} agenda (0 mentioned or demanded, 1 under negotiation, "
                                              "2 agreed in principle, 3 implemented)")
        if fmt is Fmt.table:
            if len(r.history):
                _emit(fmt, r.history, None, "status changes")
            if r.note:
                typer.echo(f"note: {r.note}")

    @app.command("stances")
    def stances_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB, start: Optional[str] = FROM,
                    end: Optional[str] = TO, fmt: Fmt = FMT,
                    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """Each speaker's stance toward the other side, hostile (-1) to conciliatory (+1), with n and a
        90% interval; speakers with too few statements are listed unranked."""
        a_, b_, s, e, src = _inputs(a, b, db, min_confidence, start, end)
        r = _run(lambda: A.stances(src, a_, b_, start=s, end=e))
        _emit(fmt, r.to_frame(), r.to_json(), f"{a_}–{b_} stances")
        if fmt is Fmt.table:
            typer.echo(f"ranked: speakers with {r.to_json()['min_statements']} statements or more; "
                       "dual track: " + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in r.dual_track.items()))

    @app.command("outlook")
    def outlook_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB, start: Optional[str] = FROM,
                    end: Optional[str] = TO, freq: Freq = typer.Option(Freq.week, "--freq", help=FREQ_HELP),
                    fmt: Fmt = FMT, min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """Change points (date, direction, events around), next-period forecast and backtest skill."""
        a_, b_, s, e, src = _inputs(a, b, db, min_confidence, start, end)
        r = _run(lambda: A.outlook(src, a_, b_, freq=freq.value, start=s, end=e))
        if fmt is Fmt.json:
            _emit(fmt, None, r.to_json(), "")
            return
        import pandas as pd
        cp = pd.DataFrame([{k: c[k] for k in ("period", "direction", "driven_by", "level_before", "level_after",
                                              "goldstein_mean_before", "goldstein_mean_after")} |
                           {"top_event": (c["top_events"][0]["sentence"] or c["top_events"][0]["cameo"])
                            if c["top_events"] else None} for c in r.change_points])
        if fmt is Fmt.csv:
            _emit(fmt, r.to_frame(), None, "")
            return
        _emit(fmt, cp if len(cp) else pd.DataFrame({"change_points": ["none found"]}), None, "change points")
        f = r.forecast
        typer.echo(f"forecast {f['period']}: Goldstein mean {f['goldstein_mean']} (90% interval {f['interval_90']}), "
                   f"quad shares {f['quad_shares']}, P(conflict>coop) {f['p_conflict_gt_coop']}")
        bt = r.backtest
        if bt.get("n_origins"):
            rows = [{"metric": k, **v} for k, v in bt.items() if isinstance(v, dict)]
            _emit(fmt, pd.DataFrame(rows), None, f"backtest ({bt['n_origins']} origins, vs naive persistence)")
        else:
            typer.echo("backtest: too few periods")

    @app.command("third-parties")
    def third_cmd(a: str = SIDE_A, b: str = SIDE_B, db: Path = DB, start: Optional[str] = FROM,
                  end: Optional[str] = TO, freq: Freq = typer.Option(Freq.month, "--freq", help=FREQ_HELP),
                  fmt: Fmt = FMT, min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION) -> None:
        """Each side's relations with other countries beside the dyad, and leverage mentions."""
        a_, b_, s, e, src = _inputs(a, b, db, min_confidence, start, end)
        r = _run(lambda: A.third_parties(src, a_, b_, freq=freq.value, start=s, end=e))
        _emit(fmt, r.to_frame(), r.to_json(), f"{a_}–{b_} third parties")
        if fmt is Fmt.table and r.leverage:
            import pandas as pd
            _emit(fmt, pd.DataFrame([{"country": x["country"], "n_sentences": x["n_sentences"],
                                      "example": x["evidence"][0]["sentence"] if x["evidence"] else None}
                                     for x in r.leverage]), None, "third countries named in dyad sentences")
