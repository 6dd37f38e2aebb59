"""Parse rules (family PAR): what the parser could not understand, as diagnostics.

The parser records :class:`govlint.model.Finding` objects on the report; each finding kind is
one rule here, so it can be selected, ignored or re-graded like any other rule.  The rules are
data (:mod:`govlint.checks.parse_specs`); this module turns each spec into a rule class.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from govlint import hookimpl
from govlint.checks.parse_specs import SPECS, Spec
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Finding, Report
from govlint.rule import Rule, RuleKind

_READ = "（govlint 无法可靠读取此处，不是报告本身的问题，请对照原文）"


def _doc(what: str, why: str, bad: str, good: str) -> str:
    return f"## 说明\n\n{what}\n\n## 原因\n\n{why}\n\n## 错误示例\n\n```text\n{bad}\n```\n\n## 正确示例\n\n```text\n{good}\n```\n"


def trivial_split(f: Finding) -> bool:
    """A fused run of zeros only (``0000000``): its split is obvious and never worth a note."""
    raw = str(f.data.get("raw", ""))
    return bool(raw) and set(raw) <= set("0 ")


class ParseRule(Rule):
    """A rule that reports the parse findings of one ``finding`` kind: one diagnostic each, or
    (``grouped``) one per table with the rows as related locations — a web scrape fuses every
    row, and twenty notes on one table are noise."""

    finding: ClassVar[str] = ""
    note: ClassVar[str] = ""  # appended to every message
    grouped: ClassVar[str] = ""  # the middle of the per-table message
    skip_zeros: ClassVar[bool] = False

    def check(self, report: Report) -> Iterable[Diagnostic]:
        found = [f for f in report.findings if f.kind == self.finding]
        if not found:  # (most rules on most reports: no generator made and run for nothing)
            return ()
        return self._diagnostics(report, found)

    def _diagnostics(self, report: Report, found: list[Finding]) -> Iterator[Diagnostic]:
        if not self.grouped:
            for f in found:
                if not (self.skip_zeros and trivial_split(f)):
                    yield self.diag(report, f.span, f.message + self.note)
            return
        by_table: dict[str, list[Finding]] = {}
        for f in found:
            by_table.setdefault(str(f.data.get("table", "")), []).append(f)
        for table, rows in by_table.items():
            shown = [f for f in rows if not (self.skip_zeros and trivial_split(f))]
            if not shown:
                continue
            if len(rows) == 1:
                yield self.diag(report, rows[0].span, rows[0].message + self.note)
                continue
            yield self.diag(report, shown[0].span, f"表{table}有 {len(rows)} 行{self.grouped}{self.note}",
                            [Related(f.span, f.message) for f in shown])


def _rule(spec: Spec) -> type[ParseRule]:
    attrs = {
        "code": spec.code, "name": spec.name, "severity": spec.severity, "summary": spec.summary,
        "doc": _doc(spec.what, spec.why, spec.bad, spec.good), "finding": spec.finding or spec.name,
        "kind": RuleKind.READING if spec.reading else RuleKind.DEFECT, "reading": spec.reading,
        "note": spec.note if spec.note is not None else (_READ if spec.reading else ""),
        "grouped": spec.grouped, "skip_zeros": spec.skip_zeros, "opt_in": spec.opt_in,
        "__doc__": spec.summary, "__module__": __name__,
    }
    return type("".join(w.capitalize() for w in spec.name.split("-")), (ParseRule,), attrs)


PARSE_RULES: list[type[ParseRule]] = [_rule(s) for s in SPECS]
KNOWN_KINDS = frozenset(r.finding for r in PARSE_RULES)


class DecodeError(Rule):
    """Reported by the engine when a file cannot be decoded (not a parser finding)."""

    code, name, severity = "PAR014", "decode-error", Severity.ERROR
    reading = True  # a file that cannot be decoded is a reading problem too
    summary = "文件无法解码为文本"
    doc = _doc(
        "文件无法读取：文本文件既不是 UTF-8（可带 BOM）、UTF-16（带 BOM），也不是 GB18030/GBK 编码，或包含二进制内容；"
        "或者是 govlint 读不了的文档：旧版 Word/WPS 二进制文件（.doc/.wps）、OpenDocument（.odt）或 RTF（.rtf）文档、没有文字层的扫描 PDF、加密或不完整的 PDF/.docx、"
        "没有报告正文的网页，或缺少读取该格式的可选组件（消息中给出安装命令）。",
        "govlint 读取纯文本、Markdown，以及 PDF（govlint[pdf]）、Word .docx（govlint[docx]）和网页 .html；读不了的文件不能检查。",
        "（旧版 Word 二进制文件 报告.doc）",
        "（在 Word 或 WPS 中另存为的 报告.docx，或带文字层的 PDF）",
    )


class OtherFinding(Rule):
    """Findings of kinds no other parse rule names (nothing the parser says is lost)."""

    code, name, severity = "PAR000", "parse-finding", Severity.WARNING
    summary = "解析时发现的其他问题"
    doc = _doc(
        "解析器（或为它扩展读取方式的插件）记录了一种没有专门规则的问题时，由本规则报告，消息末尾的括号中是问题的类型。"
        "内置解析器记录的每一种问题都有自己的规则（PAR001–PAR027），所以通常不会出现本规则。",
        "解析器说不清的内容都应让用户看到，不静默丢弃。",
        "表三「一、本年新收政府信息公开申请数量」的读法无法确定（some-new-kind）",
        "（按消息核对原文；该类问题有了专门的规则后，以那条规则报告）",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for f in report.findings:
            if f.kind not in KNOWN_KINDS:
                yield self.diag(report, f.span, f"{f.message}（{f.kind}）")


RULES: list[type[Rule]] = [OtherFinding, *PARSE_RULES, DecodeError]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
