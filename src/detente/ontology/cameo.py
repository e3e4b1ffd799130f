"""The CAMEO code table (names, Goldstein values, quad classes, PLOVER mapping) from
``detente/data/ontology/cameo.csv``, built from the published codebooks by
``scripts/build_ontology.py``."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from ..errors import DetenteError
from .tables import read_table


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
    out = {}
    for r in read_table("ontology", "cameo.csv"):
        out[r["code"]] = CameoCode(
            code=r["code"], name=r["name"], goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]), plover_type=r["plover_type"] or None,
            plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None)
    return out


def lookup(code: str) -> CameoCode:
    table = cameo_table()
    if code in table:
        return table[code]
    raise DetenteError("E204", code=code)


def normalize_cameo(code: Optional[str]) -> Optional[str]:
    """A CAMEO event code as in the table, or None.  Restores a leading zero lost by
    spreadsheet round-trips ("42" -> "042", "211" -> "0211")."""
    if code is None:
        return None
    code = code.strip()
    table = cameo_table()
    if code in table:
        return code
    if code.isdigit() and ("0" + code) in table:
        return "0" + code
    return None
