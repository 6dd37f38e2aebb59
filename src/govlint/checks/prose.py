"""Prose-versus-table rules (PT): numbers stated in the text compared with the table cells."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from govlint import hookimpl
from govlint.checks.arithmetic import cell_label, present_value
from govlint.checks.common import Joined, clip
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.facts import body_of
from govlint.model import Number, Report, Span
from govlint.numbers import parse_count
from govlint.profile import CellRef, Claim, Profile
from govlint.rule import Rule

# The claims (what a number means, the pattern finding it, its accepted readings) are the profile's
# ``[[claims]]`` (rules/format-*.toml): the one list the table reader takes its hints from.  (The
# results of 行政复议 stated after its count are hints only: their matches overlap the count's.)


def c(row: str, col: str = "tot", table: str = "三") -> CellRef:
    return CellRef(table, row, col)


_DIGIT = re.compile(r"\d")
_OTHER_SCOPE = re.compile(r"全[县市区省]|各[县市区]|各部门|各单位|全系统|同比|较上年|比上年|较去年|其中")


def _own_scope(report: Report) -> str | None:
    """"全区" is the report's own scope when the reporting body is the 区 itself (平潭综合实验区,
    某区人民政府), not one of its departments: then the sentence is about the report's numbers."""
    return _own_scope_of(report.title)


@lru_cache(maxsize=64)
def _own_scope_of(title: str) -> str | None:
    agency = re.sub(r"(?:人民)?政府$", "", body_of(title) or "")
    if agency and agency[-1] in "县市区省":
        return "全" + agency[-1]
    return None


def _other_scope(report: Report, text: str) -> bool:
    own = _own_scope(report)
    return any(m.group(0) != own for m in _OTHER_SCOPE.finditer(text))


def _sum(report: Report, cells: Sequence[CellRef]) -> tuple[Number, list[tuple[CellRef, Number, Span]]] | None:
    total: Number = 0
    parts: list[tuple[CellRef, Number, Span]] = []
    for ref in cells:
        pv = present_value(report, ref)
        if pv is None:
            return None
        total += pv[0]
        parts.append((ref, pv[0], pv[1]))
    return total, parts


_YEAR_OF = re.compile(r"((?:19|20)\d{2})\s*年")


def _other_year(report: Report, sentence: str) -> bool:
    if report.year is None:
        return False
    years = {int(y) for y in _YEAR_OF.findall(sentence)}
    return bool(years - {report.year})


def _carried_in_hint(report: Report, claim: Claim, n: int) -> str:
    """Why a number of requests received may differ: it counts last year's carried-over ones."""
    if claim.readings != ((c("R1"),),):
        return ""
    got = _sum(report, [c("R1"), c("R2")])
    if got is None or got[0] != n or got[1][1][1] == 0:
        return ""
    return f"（{n} 是本年新收加上年结转 {got[1][1][1]} 之和：收到的申请应指本年新收，上年结转另行说明）"


def _describe(prof: Profile, cells: Sequence[CellRef]) -> str:
    return " + ".join(cell_label(prof, r) for r in cells)


class ProseNumbers(ReportRule):
    code = "PT001"
    name = "prose-table-numbers"
    summary = "正文中的申请数、办结数、复议诉讼数、规范性文件数应与表格一致"
    severity = Severity.WARNING
    doc = """\
## 说明

把正文里写明的数字与表格对照：收到/受理申请数（本年新收；若正文的数等于新收加上年结转，诊断说明这一点）、本年新收、上年结转、办结（（七）总计，即本年办理完毕的全部申请，含上年结转的）、结转下年度继续办理、行政复议和行政诉讼案件数、本年制发/废止/现行有效的行政规范性文件数。正文按去掉换行后的文字匹配；只匹配明确的句式，句中提到其他年份、全县/各部门等其他范围（报告机关就是该县、区本身时，“全县”“全区”即本报告的范围，照常比较）或“同比”“其中”等的不比较；表格单元格缺失时不比较。

## 原因

正文和表格是同一组数据的两种表述，不一致时读者无法判断哪一个是对的（常见原因是正文沿用了初稿或上年的数字）。

## 错误示例

```text
经梳理，2024 年失效废止的规范性文件 7 件……
行政规范性文件	3	6	17
```

## 正确示例

```text
经梳理，2024 年失效废止的规范性文件 6 件……
行政规范性文件	3	6	17
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        for s in ctx.prose_sentences:
            seg, s0, sentence = s.seg, s.start, s.text
            if not _DIGIT.search(sentence) or _other_year(report, sentence):
                continue  # every claim has a number
            taken: list[tuple[int, int]] = []
            for claim in prof.claims:
                if claim.need not in sentence:
                    continue
                for m in claim.pattern.finditer(sentence):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    before = sentence[max(0, m.start() - 15): m.start()]
                    if _other_scope(report, before + m.group(0)):
                        continue
                    taken.append((m.start(), m.end()))
                    parsed = parse_count(m.group("n"))  # bounded: no int() over thousands of digits
                    if parsed is None:
                        continue
                    n = parsed
                    # (each reading's value; the cells named only for a number that matches none)
                    readings: list[tuple[Number, Sequence[CellRef], Sequence[CellRef]]] = []
                    first: list[tuple[CellRef, Number, Span]] = []
                    for k, cells in enumerate(claim.readings):
                        minus = claim.minus[k] if k < len(claim.minus) else ()
                        got = _sum(report, cells)
                        less = _sum(report, minus)
                        if got is None or less is None:
                            readings = []
                            break
                        readings.append((got[0] - less[0], cells, minus))
                        if k == 0:
                            first = got[1]
                    if not readings or any(v == n for v, _, _ in readings):
                        continue
                    values = [(v, _describe(prof, cells) + "".join(f" − {cell_label(prof, r)}" for r in minus))
                              for v, cells, minus in readings]
                    related = [Related(span, f"{cell_label(prof, ref)} = {v}") for ref, v, span in first]
                    stated = "，或 ".join(f"{desc} = {v}" for v, desc in values)
                    hint = _carried_in_hint(report, claim, n)
                    yield self.diag(
                        report, seg.span(report, s0 + m.start(), s0 + m.end()),
                        f"正文「{clip(m.group(0))}」所写{claim.what}为 {n}，与表格不符：{stated}{hint}",
                        related,
                    )


_NO_REQUESTS = re.compile(r"(?:未|没有)(?:收到|受理|接到|接收)(?:过)?(?:任何)?\s*(?:形式的)?\s*(?:政府信息公开|依申请公开|信息公开)?申请")
_NO_CASES = re.compile(
    r"(?:无|未(?:曾)?(?:发生|引发|产生|出现|涉及)?|没有(?:发生|引发)?)(?:因|涉及)?(?:政府信息公开(?:工作|申请)?)?"
    r"(?:引发|而引起|引起|产生)?的?\s*(?P<fy>行政复议)?\s*(?:和|或|及|、|或者)?\s*(?P<ss>行政诉讼)?"
)


class ProseZeroClaims(ReportRule):
    code = "PT002"
    name = "prose-zero-claims"
    summary = "正文称未收到申请或未发生复议诉讼时，表格应为 0"
    severity = Severity.WARNING
    doc = """\
## 说明

正文写“未收到政府信息公开申请”，表三“一、本年新收政府信息公开申请数量”总计却大于 0；或正文写“未发生（无）行政复议、行政诉讼”，表四相应总计却大于 0——两者矛盾。本规则只看明确的否定句式。

## 原因

否定性表述常是从上一年的报告或模板中照抄的，与本年表格冲突时必有一处错误。

## 错误示例

```text
2024 年，我局未收到政府信息公开申请。
一、本年新收政府信息公开申请数量	2	0	0	0	0	0	2
```

## 正确示例

```text
2024 年，我局收到政府信息公开申请 2 件，均已按期答复。
一、本年新收政府信息公开申请数量	2	0	0	0	0	0	2
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        for s in ctx.sentences_with("申请", "行政复议", "行政诉讼"):  # what the two patterns need
            seg, s0, sentence = s.seg, s.start, s.text
            if _other_year(report, sentence) or _other_scope(report, sentence):
                continue
            for m in _NO_REQUESTS.finditer(sentence):
                yield from self._against(report, prof, seg, s0, m, [c("R1")], "本年新收申请")
            if "行政复议" not in sentence and "行政诉讼" not in sentence:
                continue  # _NO_CASES only counts with one of them
            for m in _NO_CASES.finditer(sentence):
                if m.group("fy"):
                    yield from self._against(report, prof, seg, s0, m, [c("fy", "zj", "四")], "行政复议")
                if m.group("ss"):
                    yield from self._against(report, prof, seg, s0, m,
                                             [c("zs", "zj", "四"), c("hs", "zj", "四")], "行政诉讼")

    def _against(self, report: Report, prof: Profile, seg: Joined, s0: int, m: re.Match[str],
                 cells: list[CellRef], what: str) -> Iterator[Diagnostic]:
        got = _sum(report, cells)
        if got is None or got[0] == 0:
            return
        total, parts = got
        yield self.diag(
            report, seg.span(report, s0 + m.start(), s0 + m.end()),
            f"正文称「{clip(m.group(0))}」，但表格中{what}为 {total}（{_describe(prof, cells)}）",
            [Related(span, f"{cell_label(prof, ref)} = {v}") for ref, v, span in parts],
        )


RULES: list[type[Rule]] = [ProseNumbers, ProseZeroClaims]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
