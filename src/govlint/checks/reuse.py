"""Text reuse against last year's report of the same body (CY012, set-level): the share of this
year's prose sentences that repeat last year's word for word (numbers and years aside)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import applies
from govlint.checks.context import context
from govlint.checks.crossyear import consecutive
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.digest import blake2b
from govlint.facts import Facts
from govlint.model import Report, Span
from govlint.rule import Rule

SHARE = 0.5  # above this share of repeated sentences, provincial assessments mark a report down
MIN_CHARS = 12  # shorter sentences (headings, 无。) repeat by nature
MIN_SENTENCES = 8


_NOT_WORD = r"[\s\d０-９.,，。；;：:、（）()“”\"'《》]"
_NOT_WORDS = re.compile(f"{_NOT_WORD}{_NOT_WORD}*")  # (X X* for X+: see govlint.text._KEPT)


def _key(sentence: str) -> str | None:
    """A sentence without spacing, punctuation and numbers (2023 → 2024 does not make it new)."""
    s = _NOT_WORDS.sub("", sentence)
    if len(s) < MIN_CHARS:
        return None
    return blake2b(s.encode("utf-8"), digest_size=6).hexdigest()


class TextReuse(Rule):
    code = "CY012"
    name = "text-reuse"
    summary = "本年报告的正文不应大部分照抄上一年度的报告"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "CY012",
        "同一机关相邻两年的报告一起检查时，统计本年报告正文（不含表格）中与上年报告逐字相同的句子所占比例"
        "（忽略空格、标点和数字，所以只改了年份和数字的句子也算相同）；超过一半时报告。",
        "年度报告应反映本年的工作；多地的政务公开考核把照抄上年报告（重复率过半）列为扣分项。",
    )

    def summarize(self, report: Report) -> Any:
        if not applies(report):
            return None
        out: list[list[Any]] = []
        ctx = context(report)
        position = ctx.index.position
        for s in ctx.prose_sentences:
            key = _key(s.text)
            if key is not None:  # where the sentence starts (as its span would: only that is kept)
                out.append([key, *position(s.seg.offsets[s.start])])
        return out or None

    def check_facts(self, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        for prev, cur in consecutive(group):
            before, now = self.mine(prev) or [], self.mine(cur) or []
            if len(now) < MIN_SENTENCES or not before:
                continue
            old = {k: (ln, col) for k, ln, col in before}
            same = [(ln, col, old[k]) for k, ln, col in now if k in old]
            share = len(same) / len(now)
            if share <= SHARE:
                continue
            ln, col, (pl, pc) = same[0]
            yield self.diag(
                cur, cur.anchor,
                f"正文 {len(now)} 句中有 {len(same)} 句（{share:.0%}）与 {prev.year} 年度的报告相同（不计数字），疑为照抄上年报告",
                [Related(Span(ln, col, ln, col + 1), "第一处相同的句子"),
                 Related(Span(pl, pc, pl, pc + 1), f"{prev.year} 年报告中的同一句", prev.path)],
            )


RULES: list[type[Rule]] = [TextReuse]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
