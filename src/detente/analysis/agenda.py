"""Agenda register: items named in agreements, tracked on the Peace Accords Matrix 0-3 scale."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

import pandas as pd

from ._source import check_iso3, check_range, dyad_events, evidence, opened
from ._text import group_match, load_yaml, regex

STATUS_NAMES = {0: "not started", 1: "minimal", 2: "intermediate", 3: "full"}
MAX_EVIDENCE = 8


def _vocab() -> dict:
    return load_yaml("agenda.yaml")


def is_agreement(row: dict) -> bool:
    code = str(row.get("cameo") or "")
    return row.get("event_type") == "AGREE" or code.startswith(("057", "03", "046"))


def extract_items(sentence: Optional[str]) -> list[str]:
    """Enumerated agenda items in an agreement sentence, normalised; [] when none."""
    if not sentence:
        return []
    v = _vocab()
    tail = None
    for mk in v["list_markers"]:
        m = regex(mk).search(sentence)
        if m:
            tail = sentence[m.end():]
            break
    if tail is None:
        return []
    tail = re.split(r"[.!?](\s|$)", tail)[0]
    tail = re.split(r"\b(?:after|before|during|when|which|where|said|in a deal|brokered|within)\b", tail)[0]
    pieces = [p for p in re.split(r",|;|\band\b|\bas well as\b|\bplus\b", tail) if p.strip()]
    out: list[str] = []
    for p in pieces:
        words = p.split()
        caps = sum(1 for w in words[1:] if w[:1].isupper())
        if caps >= 2 and caps * 2 >= len(words):
            continue  # mostly a name ("the White House", "meet Russian President Vladimir Putin in Budapest")
        item = normalise_item(p)
        if item and item not in out:
            out.append(item)
    return out


def normalise_item(text: str) -> Optional[str]:
    v = _vocab()
    t = re.sub(r"[^\w\s'-]", " ", text.lower()).strip()
    t = re.sub(r"^(\d+|\(?[a-z]\)|\(?\d+\))\s+", "", t)
    for it in v["items"]:
        if regex(it["match"]).search(t):
            return it["item"]
    drop = set(v["drop_words"])
    words = [w for w in t.split() if w not in drop and not w.isdigit()]
    if len(words) < 1 or (len(words) == 1 and len(words[0]) < 4):
        return None
    words = [re.sub(r"^(restor|resum|reopen|facilitat|reviv|improv|stabili[sz]|establish|return)\w*$", "", w)
             for w in words]
    words = [w for w in words if w]
    return " ".join(words[:6]) or None


def _item_regex(item: str) -> re.Pattern:
    for it in _vocab()["items"]:
        if it["item"] == item:
            return regex(it.get("mention") or it["match"])
    words = [re.escape(w[:6]) for w in item.split() if len(w) > 2]
    return re.compile("".join(f"(?=.*\\b{w})" for w in words), re.I | re.S)


def progress_level(sentence: Optional[str], cameo: Optional[str] = None) -> Optional[int]:
    """PAM level a sentence reports for an item it mentions; -1 = setback; None = none."""
    if not sentence or str(cameo or "").startswith("03"):
        return None
    v = _vocab()
    if group_match(v["setback"], sentence, realized=True):
        return -1
    for lvl in (3, 2, 1):
        if group_match(v["progress"][lvl], sentence, realized=lvl > 1):
            return lvl
    return None


@dataclass
class AgendaResult:
    a: str
    b: str
    items: list[dict]

    def to_json(self) -> list[dict]:
        return [{"item": i["item"], "status": i["status"], "since": i["since"], "evidence": i["evidence"]}
                for i in self.items]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"item": i["item"], "status": i["status"], "status_name": STATUS_NAMES[i["status"]],
                              "since": i["since"], "registered": i["registered"], "n_evidence": len(i["evidence"])}
                             for i in self.items],
                            columns=["item", "status", "status_name", "since", "registered", "n_evidence"])


def agenda(src: Any, a: str, b: str, *, start=None, end=None) -> AgendaResult:
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    with opened(src) as s:
        ev = dyad_events(s, a, b, start=start, end=end)
    recs = ev.to_dict("records")
    items: dict[str, dict] = {}
    for r in recs:
        d = pd.Timestamp(r["event_date"]).date().isoformat()
        if is_agreement(r):
            new = [x for x in extract_items(r.get("sentence")) if x not in items]
            for x in new:
                items[x] = {"item": x, "status": 0, "since": d, "registered": d, "evidence": [r],
                            "sentence_keys": {(r["story_id"], r.get("sentence_id"))}}
            if new:
                continue
        for it in items.values():
            key = (r["story_id"], r.get("sentence_id"))
            if key in it["sentence_keys"] or d < it["registered"]:
                continue
            if not r.get("sentence") or not _item_regex(it["item"]).search(r["sentence"]):
                continue
            lvl = progress_level(r["sentence"], r.get("cameo"))
            if lvl is None:
                continue
            it["sentence_keys"].add(key)
            new_status = 1 if lvl == -1 else max(it["status"], lvl)
            if lvl == -1 and it["status"] <= 1:
                new_status = it["status"] if it["status"] else 0
            if new_status != it["status"]:
                it["status"], it["since"] = new_status, d
            it["evidence"].append(r)
    out = []
    for it in items.values():
        out.append({"item": it["item"], "status": it["status"], "since": it["since"],
                    "registered": it["registered"], "evidence": evidence(it["evidence"][:1] + it["evidence"][1:][-(MAX_EVIDENCE - 1):])})
    return AgendaResult(a, b, out)
