"""The CAMEO code table (names, Goldstein values, quad classes, PLOVER mapping) from
``detente/data/ontology/cameo.csv``, built from the published codebooks by
``scripts/build_ontology.py``."""
from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Optional


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: Optional[str]
    plover_mode: Optional[str]
    plover_context: Optional[str]

    @property
    def root(self) -> str:
        return self.code[:2]


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    text = (resources.files("detente") / "data" / "ontology" / "cameo.csv").read_text(encoding="utf-8")
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        out[r["code"]] = CameoCode(
            code=r["code"], name=r["name"], goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]), plover_type=r["plover_type"] or None,
            plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None)
    return out


def lookup(code: str) -> CameoCode:
    table = cameo_table()
    if code in table:
        return table[code]
    from ..errors import DetenteError

    raise DetenteError("E204", code=code)
