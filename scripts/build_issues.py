"""Compile the Phoenix issue dictionary into the field part of detente's issue taxonomy.

    python scripts/build_issues.py                              # ../shared/data/petrarch2/Phoenix.IssueCoding.txt
    python scripts/build_issues.py --phoenix FILE --taxonomy src/detente/data/analysis/issues.yaml
    python scripts/build_issues.py --check                      # exit 1 when the file is not what this writes

``src/detente/data/analysis/issues.yaml`` has two parts.  Above the marker line (``MARKER``)
are the entries written by hand (``source: detente``) and the clause vocabulary; this script
keeps them as they are and rewrites everything below the marker from the Phoenix dictionary
(MIT, Open Event Data Alliance), in the taxonomy's entry format:

* a block ``<ISSUE CATEGORY="ENERGY" TYPE="ALL"> ... </ISSUE>`` is a category; every issue
  code in it (``oil [OIL]``) becomes an entry with id ``oil``, category ``energy`` and source
  ``Phoenix.IssueCoding.txt:LINE`` (the line of its first phrase); a phrase line without a
  code belongs to the block's own code (the ``KIDNAP`` block has no codes at all);
* ``n:``/``v:`` (noun or verb, any inflection) are dropped: the taxonomy's phrases are lemmas
  and match any inflection; ``+`` joins words with or without a hyphen or space
  (``non+proliferation`` gives "non-proliferation", "non proliferation", "nonproliferation");
* ``~phrase`` and ``~~phrase`` are null phrases: each becomes an ``exclude`` of the entries of
  its block whose phrases it contains ("~olive oil" excludes for ``oil``); one that contains
  none of them is left out (PETRARCH used those to cancel acronyms across a whole story, which
  a clause-level matcher has no use for) and counted;
* a code whose id is already a hand-written entry (``SANCTIONS``) is left out and counted: the
  hand-written entry covers it;
* ``LEMMA_EXCLUSIONS`` adds exclusions the dictionary did not need: it matched word forms, and the
  taxonomy matches lemmas, so "a moratorium on strikes on energy facilities" reads "on strike"
  (a labour strike) unless a military strike's own words cancel it.

Output is deterministic (file order, no timestamps).  The account printed at the end says what
every line of the dictionary became: read = phrases + exclusions + left out, by reason.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PHOENIX = REPO.parent / "shared" / "data" / "petrarch2" / "Phoenix.IssueCoding.txt"
DEFAULT_TAXONOMY = REPO / "src" / "detente" / "data" / "analysis" / "issues.yaml"
MARKER = ("# --- compiled: scripts/build_issues.py writes everything below from the Phoenix issue "
          "dictionary; edit the script, not this part ---")

# exclusions for matching lemmas (see the module docstring), by entry id
LEMMA_EXCLUSIONS = {
    "labor_strike": ["strike on", "strike against", "strike at", "air strike", "airstrike", "drone strike",
                     "missile strike", "military strike", "retaliatory strike", "preemptive strike"],
}

_BLOCK = re.compile(r'^<ISSUE\s+CATEGORY="([^"]+)"')
_CODED = re.compile(r"^(.*?)\s*\[([A-Z0-9_-]+)\]")     # "phrase [CODE]" (anything after is junk)


@dataclass
class Entry:
    id: str
    label: str
    category: str
    source: str
    phrases: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


def issue_id(code: str) -> str:
    return code.lower().replace("-", "_")


def label_of(code: str) -> str:
    words = code.replace("-", " ").replace("_", " ").lower().split()
    if words and words[0] == "id":         # Phoenix's "ID_" codes are issue identifiers, not "Id ..."
        words = words[1:]
    return " ".join(words).capitalize()


def phrase_variants(raw: str) -> list[str]:
    """The plain-text phrases one dictionary phrase stands for (see the module docstring)."""
    words = [re.sub(r"\b[nv]:", "", w) for w in raw.lower().split()]
    variants = [[]]
    for w in words:
        if "+" in w and w.strip("+"):
            parts = [p for p in w.split("+") if p]
            joins = [" ".join(parts), "-".join(parts), "".join(parts)]
            variants = [v + [j] for v in variants for j in joins]
        else:
            variants = [v + [w.strip("+")] for v in variants]
    out = []
    for v in variants:
        text = " ".join(x for x in v if x)
        if text and text not in out:
            out.append(text)
    return out


def _words(text: str) -> list[str]:
    return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text)]


def _contains(haystack: str, needle: str) -> bool:
    """Does ``haystack`` hold the words of ``needle`` in a row (plural "s" ignored)?"""
    h, n = _words(haystack), _words(needle)
    return bool(n) and any(h[i:i + len(n)] == n for i in range(len(h) - len(n) + 1))


def compile_phoenix(path: Path, taken: set[str]) -> tuple[list[Entry], Counter]:
    """Entries from the dictionary at ``path``, leaving out ids in ``taken``; and the account."""
    entries: dict[str, Entry] = {}
    account: Counter = Counter()
    category = None
    block_entries: list[str] = []
    block_nulls: list[tuple[int, str]] = []
    name = path.name

    def close_block() -> None:
        for line_no, null in block_nulls:
            owners = [entries[i] for i in block_entries
                      if any(_contains(null, p) for p in entries[i].phrases)]
            if not owners:
                account["exclusions left out: contain no phrase of their block"] += 1
                continue
            account["exclusions"] += 1
            for e in owners:
                for v in phrase_variants(null):
                    if v not in e.exclude:
                        e.exclude.append(v)

    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        m = _BLOCK.match(text)
        if m:
            category, block_entries, block_nulls = m.group(1), [], []
            continue
        if text.startswith("</ISSUE"):
            if category is not None:       # the dictionary closes one block twice
                close_block()
            category, block_entries, block_nulls = None, [], []
            continue
        if category is None:
            account["left out: outside an ISSUE block"] += 1
            continue
        account["phrase lines read"] += 1
        if text.startswith("~"):
            block_nulls.append((line_no, text.lstrip("~").strip()))
            continue
        m = _CODED.match(text)
        raw, code = (m.group(1), m.group(2)) if m else (text, category)
        iid = issue_id(code)
        if iid in taken:
            account[f"left out: {iid} is a hand-written entry"] += 1
            continue
        entry = entries.get(iid)
        if entry is None:
            entry = entries[iid] = Entry(iid, label_of(code), issue_id(category), f"{name}:{line_no}")
        if iid not in block_entries:
            block_entries.append(iid)
        added = 0
        for v in phrase_variants(raw):
            if v not in entry.phrases:
                entry.phrases.append(v)
                added += 1
        account["phrases" if added else "left out: repeats a phrase of its entry"] += 1
    for iid, extra in LEMMA_EXCLUSIONS.items():
        if iid in entries:
            entries[iid].exclude += [x for x in extra if x not in entries[iid].exclude]
            account["exclusions for matching lemmas"] += len(extra)
    account["entries"] = len(entries)
    return list(entries.values()), account


def _flow(items: list[str]) -> str:
    return yaml.safe_dump(items, default_flow_style=True, width=10**6, allow_unicode=True).strip()


def render(entries: list[Entry]) -> str:
    out = [MARKER, "# (Phoenix issue dictionary, MIT licence, (c) Open Event Data Alliance)"]
    for e in entries:
        out.append(f"  - id: {e.id}")
        out.append(f"    label: {_flow([e.label])[1:-1]}")
        out.append(f"    category: {e.category}")
        out.append(f"    source: '{e.source}'")
        out.append(f"    phrases: {_flow(e.phrases)}")
        if e.exclude:
            out.append(f"    exclude: {_flow(e.exclude)}")
    return "\n".join(out) + "\n"


def build(phoenix: Path, taxonomy: Path) -> tuple[str, Counter]:
    """The taxonomy file's new text and the account."""
    text = taxonomy.read_text(encoding="utf-8")
    head, sep, _ = text.partition(MARKER)
    if not sep:
        raise SystemExit(f"{taxonomy}: no marker line; the compiled part goes below:\n{MARKER}")
    hand = yaml.safe_load(head) or {}
    taken = {e["id"] for e in hand.get("issues") or []}
    entries, account = compile_phoenix(phoenix, taken)
    return head + render(entries), account


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    ap.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY)
    ap.add_argument("--check", action="store_true", help="only say whether the file is current")
    args = ap.parse_args(argv)
    if not args.phoenix.exists():
        print(f"{args.phoenix}: not found (the Phoenix issue dictionary)", file=sys.stderr)
        return 2
    new, account = build(args.phoenix, args.taxonomy)
    for key in sorted(account):
        print(f"{account[key]:6d}  {key}")
    if args.check:
        current = args.taxonomy.read_text(encoding="utf-8") == new
        print("current" if current else f"{args.taxonomy} is not what the script writes")
        return 0 if current else 1
    args.taxonomy.write_text(new, encoding="utf-8")
    print(f"wrote {args.taxonomy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
