"""Helpers for the rule tests: a minimal valid report in the 2021 format, and running one
rule on a text."""

from __future__ import annotations

from collections.abc import Iterable

from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Report
from govlint.parsing import parse_text
from govlint.rule import Rule

T3_KEYS = ["R1", "R2", "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
           "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3", "R3g", "R4"]

T3_LABELS = {
    "R1": "一、本年新收政府信息公开申请数量",
    "R2": "二、上年结转政府信息公开申请数量",
    "R3a": "三、本年度办理结果\t（一）予以公开",
    "R3b": "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "R3c1": "\t（三）不予公开\t1.属于国家秘密",
    "R3c2": "\t\t2.其他法律行政法规禁止公开",
    "R3c3": "\t\t3.危及“三安全一稳定”",
    "R3c4": "\t\t4.保护第三方合法权益",
    "R3c5": "\t\t5.属于三类内部事务信息",
    "R3c6": "\t\t6.属于四类过程性信息",
    "R3c7": "\t\t7.属于行政执法案卷",
    "R3c8": "\t\t8.属于行政查询事项",
    "R3d1": "\t（四）无法提供\t1.本机关不掌握相关政府信息",
    "R3d2": "\t\t2.没有现成信息需要另行制作",
    "R3d3": "\t\t3.补正后申请内容仍不明确",
    "R3e1": "\t（五）不予处理\t1.信访举报投诉类申请",
    "R3e2": "\t\t2.重复申请",
    "R3e3": "\t\t3.要求提供公开出版物",
    "R3e4": "\t\t4.无正当理由大量反复申请",
    "R3e5": "\t\t5.要求行政机关确认或重新出具已获取信息",
    "R3f1": "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "R3f2": "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "R3f3": "\t\t3.其他",
    "R3g": "\t（七）总计",
    "R4": "四、结转下年度继续办理",
}

# A consistent 表三: 5 new + 1 carried over = 5 done + 1 carried forward.
DEFAULT_T3: dict[str, list[int]] = {k: [0] * 7 for k in T3_KEYS}
DEFAULT_T3.update({
    "R1": [4, 1, 0, 0, 0, 0, 5],
    "R2": [1, 0, 0, 0, 0, 0, 1],
    "R3a": [2, 1, 0, 0, 0, 0, 3],
    "R3d1": [2, 0, 0, 0, 0, 0, 2],
    "R3g": [4, 1, 0, 0, 0, 0, 5],
    "R4": [1, 0, 0, 0, 0, 0, 1],
})

DEFAULT_T4 = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

DEFAULT_PARTS = {
    "title": "示例县人民政府办公室\n2024年政府信息公开工作年度报告",
    "preamble": ("根据《中华人民共和国政府信息公开条例》（国务院令第711号）、《国务院办公厅政府信息与政务公开办公室"
                 "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）等相关规定，"
                 "编制本报告，所列数据统计期限为2024年1月1日至2024年12月31日。"),
    "h1": "一、总体情况",
    "p1": ("（一）主动公开。全年主动公开政府信息300条，出台的行政规范性文件2件。\n\n"
           "（二）依申请公开。2024年，本机关收到政府信息公开申请5件，上年结转1件，办结5件，结转下年度继续办理1件。"
           "因政府信息公开引发行政复议1件，行政诉讼0件。\n\n"
           "（三）政府信息管理。废止行政规范性文件1件，现行有效行政规范性文件10件。\n\n"
           "（四）政府信息公开平台建设。维护政府门户网站。\n\n"
           "（五）监督保障。将政务公开纳入绩效考核。"),
    "h2": "二、主动公开政府信息情况",
    "h3": "三、收到和处理政府信息公开申请情况",
    "h4": "四、政府信息公开行政复议、行政诉讼情况",
    "h5": "五、存在的主要问题及改进情况",
    "p5": "存在问题：部分栏目更新不及时。改进情况：下一步将加强栏目巡查。",
    "h6": "六、其他需要报告的事项",
    "p6": "本机关2024年未发出收费通知，未收取信息处理费。",
}

DEFAULT_T2 = {"reg": [0, 0, 0], "norm": [2, 1, 10], "licence": [5], "penalty": [3], "coercion": [0], "fee": ["1.25"]}


def table2(t2: dict[str, list[object]]) -> str:
    r = {k: "\t".join(str(v) for v in vals) for k, vals in t2.items()}
    return (
        "第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        f"规章\t{r['reg']}\n"
        f"行政规范性文件\t{r['norm']}\n"
        "第二十条第（五）项\n"
        "信息内容\t本年处理决定数量\n"
        f"行政许可\t{r['licence']}\n"
        "第二十条第（六）项\n"
        "信息内容\t本年处理决定数量\n"
        f"行政处罚\t{r['penalty']}\n"
        f"行政强制\t{r['coercion']}\n"
        "第二十条第（八）项\n"
        "信息内容\t本年收费金额（单位：万元）\n"
        f"行政事业性收费\t{r['fee']}\n"
    )


def table3(t3: dict[str, list[object]]) -> str:
    head = (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t\t\n"
        "\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
        "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
    )
    lines = []
    for k in T3_KEYS:
        label = T3_LABELS[k]
        pad = "\t" * max(0, 2 - label.count("\t"))
        lines.append(label + pad + "\t" + "\t".join(str(v) for v in t3[k]))
    return head + "\n".join(lines) + "\n"


def table4(values: list[object]) -> str:
    return (
        "行政复议\t\t\t\t\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        + "\t".join(str(v) for v in values) + "\n"
    )


def make_report(
    t2: dict[str, list[object]] | None = None,
    t3: dict[str, list[object]] | None = None,
    t4: list[object] | None = None,
    **parts: str,
) -> str:
    """The text of a small, clean 2021-format report; override any piece by keyword
    (``p1=…`` for the prose of part 一, ``h4=…`` for a heading, ``t3={"R1": […]}`` …)."""
    p = dict(DEFAULT_PARTS)
    p.update(parts)
    t2v: dict[str, list[object]] = {k: list(v) for k, v in DEFAULT_T2.items()}
    t2v.update(t2 or {})
    t3v: dict[str, list[object]] = {k: list(v) for k, v in DEFAULT_T3.items()}
    t3v.update(t3 or {})
    chunks = [
        p["title"], p["preamble"], p["h1"], p["p1"],
        p["h2"], table2(t2v),
        p["h3"], table3(t3v),
        p["h4"], table4(t4 if t4 is not None else DEFAULT_T4),
        p["h5"], p["p5"], p["h6"], p["p6"],
    ]
    return "\n\n".join(c for c in chunks if c) + "\n"


def parse(text: str, path: str = "test.txt") -> Report:
    return parse_text(text, path)


def run(rule: type[Rule], report_or_text: Report | str) -> list[Diagnostic]:
    report = parse(report_or_text) if isinstance(report_or_text, str) else report_or_text
    return list(rule().check(report))


def codes(diags: Iterable[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diags]


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == Severity.ERROR]


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for i, ln in enumerate(text.splitlines(), 1):
        if needle in ln:
            return i
    raise AssertionError(f"{needle!r} not in text")
