"""What the reporting body is and may do (LAW011, ST009): only some bodies can make 规章, only
people's congresses and the State Council make 条例; a people's government's report must give its
考核、社会评议、责任追究 results (条例 第五十条第（四）项)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.context import Context, ReportRule
from govlint.diagnostic import Diagnostic, Severity
from govlint.rule import Rule

_MAKES = re.compile(r"(?<!贯彻)(?<!落实)(?<!学习)(?:制定|出台|制发|印发|颁布)(?:了)?(?:一系列|若干|多项|多部|相关|[0-9]+(?:部|件|项))?"
                    r"(?:政府)?(规章(?!制度)|条例(?!（?草案))")
_NATIONAL = re.compile(r"^(?:国家|国务院|中华人民共和国|中国)")


def may_make_rules(agency: str) -> bool | None:
    """Whether the body may make 规章 (立法法 第九十一、九十三条): the State Council's departments,
    and the people's governments of provinces and cities with districts.  None: unknown body."""
    if not agency:
        return None
    if _NATIONAL.match(agency):
        return True
    if agency.endswith("人民政府"):
        return not re.search(r"[县乡镇]|街道|[^自治]区人民政府$", agency)
    return False  # a department, office or bureau below the State Council


class RulemakingPower(ReportRule):
    code = "LAW011"
    name = "rulemaking-power"
    summary = "报告机关无权制定规章、条例时，正文不应称其制定了规章、条例"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "LAW011",
        "按《中华人民共和国立法法》，规章只能由国务院部门和省、自治区、直辖市、设区的市的人民政府制定；条例（法规）由人大"
        "及其常委会或国务院制定。县级及以下的政府、各级政府的工作部门的报告写“制定……规章”“制定……条例”，说法不成立"
        "（多半指的是“规章制度”或“规范性文件”）。“规章制度”和“贯彻落实……条例”不报告。",
        "表二“规章”一行只能由有规章制定权的机关填写；正文的说法与机关的权限不符，读者会怀疑表二的数字。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        agency = ctx.agency
        able = may_make_rules(agency)
        if able is None:
            return
        for s in ctx.sentences_with("规章", "条例"):  # every match names one
            for m in _MAKES.finditer(s.text):
                kind = m.group(1)[:2]
                if kind == "规章" and able:
                    continue
                if kind == "条例" and _NATIONAL.match(agency):
                    continue
                who = "人大及其常委会或国务院" if kind == "条例" else "国务院部门和省级、设区的市级人民政府"
                yield self.diag(ctx.report, s.seg.span(ctx.report, s.start + m.start(), s.start + m.end()),
                                f"「{agency}」无权制定{kind}（{kind}由{who}制定），「{m.group(0)}」的说法不成立")


_DUTIES = (("考核", "工作考核"), ("评议", "社会评议"), ("追究", "责任追究"))


class GovernmentDuties(ReportRule):
    code = "ST009"
    name = "government-assessment-results"
    summary = "人民政府的报告应写明工作考核、社会评议和责任追究结果"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "ST009",
        "《条例》第五十条第（四）项规定，各级人民政府的年度报告还应当包括工作考核、社会评议和责任追究结果情况，"
        "国办公开办函〔2021〕30号把它放在总体情况的“监督保障”中。报告机关是某某人民政府（不含其工作部门和办公室自己的报告）时，"
        "检查第一部分是否写到考核、评议和追究三项，缺哪一项报告哪一项。",
        "这是法定内容；只写监测检查、培训而不写考核、评议、追究结果，是常见的遗漏。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        if not ctx.agency.endswith("人民政府"):
            return
        body = ctx.body(1)
        part = next((p for p in ctx.report.parts if p.canonical == 1), None)
        if body is None or part is None:
            return
        missing = [name for key, name in _DUTIES if key not in body.text]
        if missing:
            yield self.diag(ctx.report, part.span,
                            f"「{ctx.agency}」的报告第一部分没有写{'、'.join(missing)}结果（《条例》第五十条第（四）项）")


RULES: list[type[Rule]] = [RulemakingPower, GovernmentDuties]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
