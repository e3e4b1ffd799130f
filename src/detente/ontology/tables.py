"""Reading the CSV tables under ``detente/data/`` (``#`` lines are comments)."""
from __future__ import annotations

import csv
from importlib import resources


def read_table(*parts: str) -> list[dict[str, str]]:
    """The rows of ``detente/data/<parts...>`` as dicts keyed by its header line."""
    path = resources.files("detente").joinpath("data", *parts)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))
