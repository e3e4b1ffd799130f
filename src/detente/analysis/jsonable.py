"""Analysis results as JSON: one conversion of numpy, pandas and date values to plain JSON
values, used by every result's ``to_json`` consumer (the CLI, the report, the dashboard)."""
from __future__ import annotations

import math
from datetime import date as Date
from datetime import datetime
from typing import Any, Optional

import pandas as pd


def jsonable(v: Any) -> Any:
    """Numpy/pandas/datetime values -> plain JSON values (NaN, NaT and NA -> None); results
    with a ``to_json`` method become their JSON."""
    if v is None or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, pd.Period):
        return v.start_time.date().isoformat()
    if isinstance(v, (datetime, Date)):
        return v.isoformat()
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        return jsonable(v.tolist())
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "to_json") and callable(v.to_json):
        return jsonable(v.to_json())
    return v


def frame_records(df: Optional[pd.DataFrame]) -> list[dict]:
    """The rows of a result frame as JSON objects (a named index becomes a column)."""
    if df is None:
        return []
    keep_index = df.index.name is not None or not isinstance(df.index, pd.RangeIndex)
    return [jsonable(r) for r in df.reset_index(drop=not keep_index).to_dict("records")]


def period_key(v: Any) -> Optional[str]:
    """A period label (Timestamp, Period, date or ISO string) as 'YYYY-MM-DD'."""
    if v is None:
        return None
    if isinstance(v, pd.Period):
        return v.start_time.date().isoformat()
    return pd.Timestamp(v).date().isoformat()
