"""Parse rules (family PAR): what the parser could not understand, as diagnostics.

The parser records :class:`govlint.model.Finding` objects on the report; each finding kind is
one rule here, so it can be selected, ignored or re-graded like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from govlint import hookimpl
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Finding, Report
from govlint.rule import Rule, RuleKind

_READ = "（govlint 无法可靠读取此处，不是报告本身的问题，请对照原文）"


class ParseRule(Rule):
    """A rule that reports the parse findings of one ``finding`` kind."""

    finding = ""

    note = ""  # appended to every message

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for f in report.findings:
            if f.kind == self.finding:
                yield self.diag(report, f.span, f.message + self.note)


class ReadingRule(ParseRule):
    """A parse rule about what govlint could not read (never an error of the report)."""

    kind = RuleKind.READING
    reading = True
    note = _READ


def trivial_split(f: Finding) -> bool:
    """A fused run of zeros only (``0000000``): its split is obvious and never worth a note."""
    raw = str(f.data.get("raw", ""))
    return bool(raw) and set(raw) <= set("0 ")


class GroupedRule(ReadingRule):
    """One diagnostic per table for findings of this kind (the rows as related locations):
    a web scrape fuses every row, and twenty notes on one table are noise."""

    what = ""

    def check(self, report: Report) -> Iterator[Diagnostic]:
        by_table: dict[str, list[Finding]] = {}
        for f in report.findings:
            if f.kind == self.finding:
                by_table.setdefault(str(f.data.get("table", "")), []).append(f)
        for table, found in by_table.items():
            shown = [f for f in found if not self.skip(f)]
            if not shown:
                continue
            if len(found) == 1:
                yield self.diag(report, found[0].span, found[0].message + self.note)
                continue
            yield self.diag(
                report, shown[0].span,
                f"表{table}有 {len(found)} 行{self.what}{self.note}",
                [Related(f.span, f.message) for f in shown],
            )

    def skip(self, f: Finding) -> bool:
        return self.finding == "digits-recovered" and trivial_split(f)


def _doc(what: str, why: str, bad: str, good: str) -> str:
    return f"## 说明\n\n{what}\n\n## 原因\n\n{why}\n\n## 错误示例\n\n```text\n{bad}\n```\n\n## 正确示例\n\n```text\n{good}\n```\n"


class PartMissing(ParseRule):
    code, name, finding, severity = "PAR001", "part-missing", "part-missing", Severity.ERROR
    summary = "报告缺少格式规定的某一部分"
    doc = _doc(
        "检查报告是否包含年度报告格式规定的全部六个部分（一、总体情况 … 六、其他需要报告的事项）。按标题识别，编号错误的部分也能找到。",
        "《中华人民共和国政府信息公开条例》第五十条规定了年度报告应当包括的内容，国办公开办函〔2021〕30号将其定为六个部分，不能遗漏。",
        "一、总体情况\n……\n五、存在的主要问题及改进情况\n……\n（报告到此结束，没有第六部分）",
        "……\n五、存在的主要问题及改进情况\n……\n六、其他需要报告的事项\n2024年，本机关未收取信息处理费。",
    )


class TableMissing(ParseRule):
    code, name, finding, severity = "PAR002", "table-missing", "table-missing", Severity.ERROR
    summary = "找不到格式规定的统计表"
    doc = _doc(
        "检查第二、三、四部分是否有格式规定的统计表（表二主动公开、表三依申请公开、表四行政复议和行政诉讼）。",
        "年度报告格式以统一的表格报告数据，缺表则无法核对和汇总。",
        "三、收到和处理政府信息公开申请情况\n本年度共收到申请 5 件，均已办结。",
        "三、收到和处理政府信息公开申请情况\n（表格：一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5 ……）",
    )


class RowMissing(ReadingRule):
    code, name, finding, severity = "PAR003", "row-missing", "row-missing", Severity.WARNING
    summary = "统计表缺少格式规定的行"
    doc = _doc(
        "检查统计表是否包含格式规定的每一行（表三 25 行、表二 6 行、表四 3 组）。行标签按规范化文本比对，忽略空格、换行、括号全半角。",
        "删去的行使合计无法核对，也说明使用了旧模板或改动了模板。",
        "（六）其他处理 0 0 0 0 0 0 0\n（七）总计 …",
        "（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他 0 0 0 0 0 0 0",
    )


class RowShort(ReadingRule):
    code, name, finding, severity = "PAR004", "row-short", "row-short", Severity.WARNING
    summary = "统计表某行的数值少于列数"
    doc = _doc(
        "表格某一行读到的数值少于列数（表三每行 7 个：六类申请人和总计）。纯文本中这通常是文字提取丢了单元格，"
        "不能确定是报告本身缺数，所以这是“无法读取”的提示（警告），该行不参与合计核算。"
        "在单元格结构明确的表格（如 markdown 表格）中留空的单元格，由 PAR009 作为报告本身的问题报告。",
        "缺少一个数值时无法判断缺的是哪一列，govlint 不作猜测。",
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0",
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
    )


class RowLong(ReadingRule):
    code, name, finding, severity = "PAR005", "row-long", "row-long", Severity.WARNING
    summary = "统计表某行的数值多于列数"
    doc = _doc(
        "检查表格每一行的数值是否多于列数。多出的数值无法对应到列，该行不采用。",
        "常见于两行数值挤在一起或多出一列（如“法人或其他组织小计”）。",
        "（一）予以公开 9 0 0 0 0 0 9 0 0 0 0 0 0 0",
        "（一）予以公开 9 0 0 0 0 0 9\n（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
    )


class UnrecognisedLine(ReadingRule):
    code, name, finding, severity = "PAR006", "unrecognised-line", "unrecognised-line", Severity.WARNING
    summary = "统计表区域内有无法识别的文字或数值"
    doc = _doc(
        "报告表格区域内出现无法对应到任何行标签、表头或注释的文字或数值（常见于 OCR 识别噪声），或行标签残缺只能按顺序推定。",
        "govlint 不猜测：无法识别的内容明确指出，请人工核对原文。",
        "MAKK\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0",
        "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0",
    )


class RowDuplicate(ParseRule):
    code, name, finding, severity = "PAR007", "row-duplicate", "row-duplicate", Severity.WARNING
    summary = "统计表中同一行出现了两次"
    doc = _doc(
        "同一个行标签在表格中出现两次以上；只采用第一次出现的数值。",
        "重复的行会让读者不知道以哪个数为准。",
        "2.重复申请 0 0 0 0 0 0 0\n2.重复申请 1 0 0 0 0 0 1",
        "2.重复申请 1 0 0 0 0 0 1",
    )


class ValueInvalid(ReadingRule):
    code, name, finding, severity = "PAR008", "value-invalid", "value-invalid", Severity.WARNING
    summary = "统计表单元格的内容不是数字"
    doc = _doc(
        "统计表的单元格应为非负整数（行政事业性收费为金额）。内容既不是数字，也不是“/”“—”“无”等占位符时报告此问题，该单元格不参与核算。",
        "无法识别的数值使合计无法核对，通常是录入错误或文字转换出错（如把 0 识别成字母 O）。",
        "（一）予以公开\t9\t0\tO\t0\t0\t0\t9",
        "（一）予以公开\t9\t0\t0\t0\t0\t0\t9",
    )


class ValuePlaceholder(ParseRule):
    code, name, finding, severity = "PAR009", "value-placeholder", "value-placeholder", Severity.WARNING
    summary = "表格单元格用“/”“—”“无”或空白代替数字"
    doc = _doc(
        "单元格写成“/”“—”“无”或留空，而不是数字 0。这些值与 0 区分保存，不参与核算。",
        "统计表要求填写数字；没有发生的事项应填 0，留空或写“/”含义不明确。",
        "规章\t/\t/\t/",
        "规章\t0\t0\t0",
    )


class DigitsRecovered(GroupedRule):
    """Unique splits: a note at most once per table, never for runs of zeros."""

    code, name, finding, severity = "PAR010", "digits-recovered", "digits-recovered", Severity.INFO
    summary = "连写在一起的数字已按表内勾稽关系唯一拆分（每张表至多一条提示）"
    what = "数字连写，均已按表内勾稽关系唯一拆分（不全为 0 的各行见相关位置）"
    note = ""
    doc = _doc(
        "网页抓取的文本常把一行的数字连在一起（如“640020470”）。govlint 用表格自身的关系（行总计等于各列之和、"
        "（七）总计等于各项之和、第一项加第二项等于第三项加第四项、表四各组总计）寻找拆分，只有唯一一种拆分符合时才采用。"
        "每张表至多一条提示，各行的拆分列在相关位置中；全为 0 的连写（如“0000000”）拆分显而易见，不提示。"
        "表二没有合计关系，若正文明确写出该行的数字（如“现行有效行政规范性文件698件”“制发的规范性文件88件”），且只有一种拆分与之相符，也据此采用。",
        "数值是推算出来的，应当知道；若原文本身有误，推算可能不成立。",
        "一、本年新收政府信息公开申请数量640020470",
        "一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70",
    )


class DigitsAmbiguous(GroupedRule):
    code, name, finding, severity = "PAR011", "digits-ambiguous", "digits-ambiguous", Severity.WARNING
    summary = "连写的数字有多种拆分方式，无法确定"
    what = "连写的数字有多种可行的拆分，无法确定，按缺失处理（各行见相关位置）"
    doc = _doc(
        "连写的数字有不止一种符合表内关系的拆分，govlint 不作猜测：该行数值按缺失处理，并列出候选拆分。",
        "例如表二“行政规范性文件693665”可以是 69/3/665，也可以是 6/93/665，表二没有可用于判断的合计关系。",
        "行政规范性文件693665",
        "行政规范性文件 69 3 665",
    )


class DigitsUnsplittable(GroupedRule):
    code, name, finding, severity = "PAR012", "digits-unsplittable", "digits-unsplittable", Severity.WARNING
    summary = "连写的数字找不到符合表内关系的拆分"
    what = "连写的数字找不到符合表内关系的拆分，按缺失处理（各行见相关位置）"
    doc = _doc(
        "连写的数字无论怎样拆分都不符合表内关系，该行数值按缺失处理。",
        "原文的数字可能本身有误或缺失，请核对原文。",
        "（七）总计630020468",
        "（七）总计 63 0 0 2 0 4 69",
    )


class TemplateUnknown(ParseRule):
    code, name, finding, severity = "PAR013", "template-unknown", "template-unknown", Severity.INFO
    summary = "2018 年及以前的报告（2007 年条例时期的旧模板）不在检查范围内"
    doc = _doc(
        "报告年度为 2018 年或更早，或使用 2019 年以前（2007 年条例时期）的旧模板（概述、统计表、收费及减免情况等）。"
        "这类报告按当时的规定编制，不适用现行格式，govlint 只给出这一条提示，不作其他检查。",
        "2019 年修订的条例施行前，年度报告没有统一的表格格式，按现行格式检查只会得到一连串无意义的“缺少部分”。",
        "一、概述\n二、主动公开政府信息的情况\n……\n五、政府信息公开的收费及减免情况",
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n……",
    )


class DecodeError(Rule):
    """Reported by the engine when a file cannot be decoded (not a parser finding)."""

    code, name, severity = "PAR014", "decode-error", Severity.ERROR
    summary = "文件无法解码为文本"
    doc = _doc(
        "文件无法读取：文本文件既不是 UTF-8（可带 BOM）、UTF-16（带 BOM），也不是 GB18030/GBK 编码，或包含二进制内容；"
        "或者是 govlint 读不了的文档：旧版 Word/WPS 二进制文件（.doc/.wps）、没有文字层的扫描 PDF、加密或不完整的 PDF/.docx、"
        "没有报告正文的网页，或缺少读取该格式的可选组件（消息中给出安装命令）。",
        "govlint 读取纯文本、Markdown，以及 PDF（govlint[pdf]）、Word .docx（govlint[docx]）和网页 .html；读不了的文件不能检查。",
        "（旧版 Word 二进制文件 报告.doc）",
        "（在 Word 或 WPS 中另存为的 报告.docx，或带文字层的 PDF）",
    )


class RowInferred(ReadingRule):
    code, name, finding, severity = "PAR015", "row-inferred", "row-inferred", Severity.WARNING
    summary = "表格数值与行标签错位，已按官方行序推定"
    doc = _doc(
        "PDF 转换的 markdown 表格常把行标签和数值拆开。两条已识别的行之间，若没有标签的数值行数恰好等于缺少的行数，"
        "则按官方行序对应，并以本警告说明；数量不符时不采用。",
        "对应关系是推定的，请对照原文核实。",
        "| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    )


class ProfileUnknown(ParseRule):
    code, name, finding, severity = "PAR016", "profile-unknown", "profile-unknown", Severity.WARNING
    summary = "配置的格式（profile）不存在"
    doc = _doc(
        "配置中 profile 指定的格式不存在，改用按报告年度选择的格式。",
        "格式决定表格的行列和核算关系。",
        'profile = "2020"',
        'profile = "2021"',
    )


class NotAReport(ParseRule):
    code, name, finding, severity = "PAR018", "not-a-report", "not-a-report", Severity.WARNING
    summary = "文件不像政府信息公开工作年度报告（空文件或其他文档）"
    doc = _doc(
        "文件中找不到年度报告的部分标题（一、总体情况 … 六、其他需要报告的事项），也找不到统计表：它可能是空文件，"
        "或与报告放在一起的其他文档（如 README.md）。只报告这一条；默认为警告，不会让检查失败。"
        "不需要检查的文件可在配置的 exclude 中排除。",
        "检查目录时，目录中的其他文本文件也会被读取；说清楚它不是报告，比报告一连串“缺少部分”更有用。",
        "# 使用说明\n本仓库存放本单位历年政府信息公开工作年度报告。",
        'exclude = ["README.md"]   # govlint.toml',
    )


class ExtraColumn(ParseRule):
    code, name, finding, severity = "PAR019", "extra-column", "extra-column", Severity.WARNING
    summary = "表三多了格式中没有的“小计”列"
    doc = _doc(
        "表三的列应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计。有的报告（或第三方模板）在总计前"
        "加了“法人或其他组织小计”一列。若该列恰好等于五类法人或其他组织之和，govlint 去掉这一列后读取表格，并以本警告说明。",
        "报告应使用统一格式，多出的列使各单位的报告无法按统一格式汇总。",
        "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 小计 总计\n"
        "一、本年新收政府信息公开申请数量 22 0 0 0 0 1 1 23",
        "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
        "一、本年新收政府信息公开申请数量 22 0 0 0 0 1 23",
    )


class FormatMismatch(ParseRule):
    code, name, finding, severity = "PAR017", "format-mismatch", "format-mismatch", Severity.ERROR
    summary = "报告年度与所用表格格式不符（如 2021 年以后的报告仍用 2019 年格式）"
    doc = _doc(
        "按报告年度，2021 年及以后的报告应使用国办公开办函〔2021〕30号的格式，2019、2020 年度使用国办公开办函〔2019〕60号"
        "的格式。表格明显使用另一种格式（如“本年新制作数量”“第二十条第（九）项 政府集中采购”）时报告本条，并按实际格式读取表格。",
        "2021 年格式调整了表二、表三的行列（如新增“本年废止件数”，“（六）其他处理”细分为三项），旧格式的数据无法与新格式汇总比较。",
        "2022年度报告\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 0 0",
        "2022年度报告\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0",
    )


class CellsAmbiguous(ReadingRule):
    code, name, finding, severity = "PAR020", "cells-ambiguous", "cells-ambiguous", Severity.WARNING
    summary = "表格数值有多种读法（逐行、逐列或错行），表内关系无法确定"
    doc = _doc(
        "提取工具可能先印出一段行标签、再逐行或逐列印出数值（如 pdfminer）。govlint 列出各种可能的读法，用表格自身的"
        "勾稽关系选择；有多种读法都符合（或都不符合）时不作猜测：这些行的数值按缺失处理，并列出候选。",
        "数值对应到哪一行、哪一列无法从文本确定。",
        "规章\n行政规范性文件\n本年制发件数 本年废止件数 现行有效件数\n1\n8\n0\n26\n11\n66",
        "规章 1 0 11\n行政规范性文件 8 26 66",
    )


class CellsUnplaced(ReadingRule):
    code, name, finding, severity = "PAR021", "cells-unplaced", "cells-unplaced", Severity.WARNING
    summary = "表格中有数值无法对应到行和列"
    doc = _doc(
        "表格区域里有数值，但没有一种读法能把它们对应到格式规定的行和列（例如多张子表的数值交错排列）。"
        "这些行的数值按缺失处理；这是读取问题，不是报告缺少这些行。",
        "数值的位置在提取出的文本中已经打乱。",
        "行政复议\n未经复议直接起诉\n72\n64\n178\n37\n复议后起诉\n12\n1\n1\n6\n351",
        "行政复议 72 64 178 37 351\n未经复议直接起诉 13 4 8 1 26\n复议后起诉 12 1 1 6 20",
    )


class LayoutInferred(ReadingRule):
    code, name, finding, severity = "PAR022", "layout-inferred", "layout-inferred", Severity.INFO
    summary = "数值排列方式按同一文本中其他表格推定"
    doc = _doc(
        "一段先印行标签、后印数值的表格，若表内没有勾稽关系可判断逐行还是逐列（如表二），而同一文本中其他表格经核算"
        "确定为某种排列，则按同样的排列读取，并以本提示说明。",
        "同一提取工具对一份文件的各张表格排列方式相同；推定依据已写明，可对照原文核实。",
        "规章\n行政规范性文件\n1\n8\n0\n26\n11\n66",
        "规章 1 0 11\n行政规范性文件 8 26 66",
    )


PARSE_RULES: list[type[ParseRule]] = [
    PartMissing, TableMissing, RowMissing, RowShort, RowLong, UnrecognisedLine, RowDuplicate, ValueInvalid,
    ValuePlaceholder, DigitsRecovered, DigitsAmbiguous, DigitsUnsplittable, TemplateUnknown, RowInferred,
    ProfileUnknown, FormatMismatch, NotAReport, ExtraColumn, CellsAmbiguous, CellsUnplaced, LayoutInferred,
]
KNOWN_KINDS = frozenset(r.finding for r in PARSE_RULES)


class OtherFinding(Rule):
    """Findings of kinds no other parse rule names (nothing the parser says is lost)."""

    code, name, severity = "PAR000", "parse-finding", Severity.WARNING
    summary = "解析时发现的其他问题"
    doc = _doc(
        "解析器记录的、不属于其他解析规则的问题。",
        "解析器说不清的内容都应让用户看到，不静默丢弃。",
        "（取决于具体问题）",
        "（按提示修改原文）",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for f in report.findings:
            if f.kind not in KNOWN_KINDS:
                yield self.diag(report, f.span, f"{f.message}（{f.kind}）")


RULES: list[type[Rule]] = [OtherFinding, *PARSE_RULES, DecodeError]

# a file that cannot be decoded is a reading problem too (the reading rules above say so themselves)
DecodeError.reading = True


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
