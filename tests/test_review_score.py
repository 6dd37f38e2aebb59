"""govlint's judgement against what reviewers found by hand (tests/corpus/review/defects.json, a copy
of the reviewed list): recall, false errors on extraction artefacts, diagnostics per report.

The matching is that of the shared score-review tool: a defect is found when a diagnostic's span
(or a related span) overlaps its snippet — the whole line on ordinary lines, ±40 characters on a
very long line (a scraped web page on one line); notice codes never count.  An error-level
diagnostic on an ARTEFACT is a false error.  Each report is checked alone and each series
together, with default settings.
"""

from __future__ import annotations

import bisect
import json
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from govlint.config import Config
from govlint.diagnostic import Diagnostic, Severity
from govlint.engine import Engine
from govlint.model import Span
from govlint.plugins import load_plugins
from govlint.source import read_report

CORPUS = Path(__file__).resolve().parent / "corpus"
TRUTH = json.loads((CORPUS / "review" / "defects.json").read_text(encoding="utf-8"))
LONG, TOL = 1000, 40
TAGS = ("ERR", "FMT", "TYPO", "WARN")
# defects no general rule can decide (reviewed by hand): a truncated word and a homophone slip,
# a 商务局 text copied into an 工信局 report, and the claim that applications were handled when none
# arrived (the wording is a generic description of the procedure)
UNDECIDABLE = {
    ("real/shanghai_kewei_2024.md", "信息发布审查管，"),
    ("real/shanghai_kewei_2024.md", "重新涉\n及部门网站"),
    ("seeds/004_e71065047dcdf68b.txt", "本局结合商务工作要点"),
    ("seeds/004_e71065047dcdf68b.txt", "对企业依申请公开的来件仔细整理"),
}


class Text:
    def __init__(self, text: str) -> None:
        self.t = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.lens = [len(x) for x in text.split("\n")]

    def off(self, line: int, col: int) -> int:
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.t)
        return self.starts[line - 1] + min(max(col - 1, 0), self.lens[line - 1])

    def span(self, s: Span | Diagnostic) -> tuple[int, int]:
        a = self.off(s.line, s.column)
        b = self.off(s.end_line, s.end_column)
        return a, max(b, a + 1)

    def regions(self, snippet: str, occurrence: int | None = None, tolerant: bool = True) -> list[tuple[int, int]]:
        occ, i = [], self.t.find(snippet)
        while i >= 0 and snippet:
            occ.append(i)
            i = self.t.find(snippet, i + 1)
        if occurrence:
            occ = occ[occurrence - 1:occurrence]
        out = []
        for s in occ:
            e = s + len(snippet)
            if not tolerant:
                out.append((s, e))
                continue
            sl = bisect.bisect_right(self.starts, s)
            el = bisect.bisect_right(self.starts, max(s, e - 1))
            if max(self.lens[sl - 1:el]) > LONG:
                out.append((s - TOL, e + TOL))
            else:
                out.append((self.starts[sl - 1], self.starts[el - 1] + self.lens[el - 1] + 1))
        return out


def _overlaps(span: tuple[int, int], regs: list[tuple[int, int]]) -> bool:
    return any(span[0] < r1 and span[1] > r0 for r0, r1 in regs)


@dataclass
class Score:
    found: Counter[str]
    total: Counter[str]
    missed: list[str]
    false_errors: list[str]
    counts: dict[str, int]


@cache
def score() -> Score:
    engine = Engine(Config(), load_plugins(installed=False))
    files = list(dict.fromkeys(TRUTH["reports"] + [e["file"] for e in TRUTH["defects"]]))
    texts = {}
    for f in files:
        text, _ = read_report(CORPUS / f)
        assert text is not None, f
        texts[f] = Text(text.replace("\r\n", "\n").replace("\r", "\n"))
    by_path = {str(CORPUS / f): f for f in files}
    pooled: dict[str, dict[tuple[object, ...], Diagnostic]] = {f: {} for f in files}
    runs = [[str(CORPUS / f)] for f in files]
    runs += [[str(CORPUS / f) for f in g["files"]] for g in TRUTH.get("series", [])]
    for paths in runs:
        for d in engine.run(paths).diagnostics:
            f = by_path.get(d.path)
            if f is not None:
                pooled[f].setdefault((d.line, d.column, d.end_line, d.end_column, d.code, d.message), d)
    artefacts = [(a, texts[a["file"]].regions(s, tolerant=False)) for a in TRUTH["artefacts"]
                 for s in [a["snippet"], *a.get("also", [])]]
    false_errors = []
    for f, ds in pooled.items():
        for d in ds.values():
            if d.severity is Severity.ERROR and any(a["file"] == f and _overlaps(texts[f].span(d), regs)
                                                    for a, regs in artefacts):
                false_errors.append(f"{f}:{d.line} {d.code} {d.message}")
    notice = set(TRUTH.get("notice_codes", []))
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = []
    for e in TRUTH["defects"]:
        if (e["file"], e["snippet"]) in UNDECIDABLE:
            continue
        t = texts[e["file"]]
        regs = [r for s in [e["snippet"], *e.get("also", [])]
                for r in t.regions(s, e.get("occurrence") if s == e["snippet"] else None)]
        assert regs, f"snippet not in {e['file']}: {e['snippet']!r}"
        total[e["tag"]] += 1
        hit = any(
            d.code not in notice | set(e.get("not_codes", []))
            and any(_overlaps(t.span(s), regs) for s in [d, *(r.span for r in d.related if (r.path or d.path) == d.path)])
            for d in pooled[e["file"]].values()
        )
        found[e["tag"]] += hit
        if not hit:
            missed.append(f"{e['file']} {e['tag']} {e['what']}")
    return Score(found, total, missed, false_errors, {f: len(ds) for f, ds in pooled.items()})


pytestmark = pytest.mark.skipif(not (CORPUS / "review" / "defects.json").exists(), reason="no reviewed list")


def test_every_err_and_fmt_defect_is_found() -> None:
    s = score()
    missed = [m for m in s.missed if m.split()[1] in ("ERR", "FMT")]
    assert missed == []
    assert s.found["ERR"] == s.total["ERR"] == 6 and s.found["FMT"] == s.total["FMT"] == 6


def test_decidable_typo_and_warn_defects_are_found() -> None:
    s = score()
    assert s.missed == [], s.missed
    assert sum(s.total.values()) == len(TRUTH["defects"]) - len(UNDECIDABLE)


def test_recall_over_the_whole_list_is_at_least_80_percent() -> None:
    s = score()
    assert sum(s.found.values()) / len(TRUTH["defects"]) >= 0.8


def test_no_error_on_an_extraction_artefact() -> None:
    assert score().false_errors == []


def test_median_diagnostics_per_report_at_most_8() -> None:
    counts = score().counts
    assert statistics.median(counts.values()) <= 8, counts
    # a fragment of a report gets exactly one diagnostic
    assert counts["real/huaian_2024_fragment.txt"] == 1
