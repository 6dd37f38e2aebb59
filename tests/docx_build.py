"""Build Word (.docx) reports for the tests with python-docx: the seeds' prose with the parts
and subsections as Word list numbers (numbering.xml, not typed text), and the three tables
laid out as the official form prints them (merged label cells: gridSpan and vMerge), filled
with the person-read values of tests/test_parse_seeds.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document  # type: ignore[import-not-found]
from docx.oxml import parse_xml  # type: ignore[import-not-found]

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PART_TITLES = ["总体情况", "主动公开政府信息", "收到和处理政府信息公开申请", "行政复议", "存在的主要问题", "其他需要报告"]
NUMERALS = "一二三四五六"

T3_LABELS = [  # (row key, group label in column 2 or None, own label)
    ("R3a", None, "（一）予以公开"), ("R3b", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("R3c1", "（三）不予公开", "1.属于国家秘密"), ("R3c2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("R3c3", "（三）不予公开", "3.危及“三安全一稳定”"), ("R3c4", "（三）不予公开", "4.保护第三方合法权益"),
    ("R3c5", "（三）不予公开", "5.属于三类内部事务信息"), ("R3c6", "（三）不予公开", "6.属于四类过程性信息"),
    ("R3c7", "（三）不予公开", "7.属于行政执法案卷"), ("R3c8", "（三）不予公开", "8.属于行政查询事项"),
    ("R3d1", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("R3d2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("R3d3", "（四）无法提供", "3.补正后申请内容仍不明确"), ("R3e1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("R3e2", "（五）不予处理", "2.重复申请"), ("R3e3", "（五）不予处理", "3.要求提供公开出版物"),
    ("R3e4", "（五）不予处理", "4.无正当理由大量反复申请"), ("R3e5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("R3f1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("R3f2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("R3f3", "（六）其他处理", "3.其他"), ("R3g", None, "（七）总计"),
]

NUMBERING = f"""<w:abstractNum {W_NS} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _add_numbering(doc: Any) -> None:
    part = doc.part.numbering_part.element
    nums = part.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    anchor = nums[0] if nums else None
    abstract = parse_xml(NUMBERING)
    if anchor is not None:
        anchor.addprevious(abstract)
    else:
        part.append(abstract)
    part.append(parse_xml(NUM))


def _numbered(doc: Any, text: str, level: int) -> None:
    p = doc.add_paragraph(text)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def _fmt(v: Any) -> str:
    return "" if v is None else str(v)


def _set(table: Any, r: int, c: int, text: str) -> None:
    table.cell(r, c).text = text


def table2(doc: Any, rows: dict[str, list[Any]]) -> None:
    t = doc.add_table(rows=14, cols=4)
    blocks = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "reg"), ("行政规范性文件", "norm")]),
              ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licence")]),
              ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
              ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fee")])]
    r = 0
    for caption, heads, items in blocks:
        t.cell(r, 0).merge(t.cell(r, 3)).text = caption
        _set(t, r + 1, 0, "信息内容")
        if len(heads) == 1:
            t.cell(r + 1, 1).merge(t.cell(r + 1, 3)).text = heads[0]
        else:
            for k, h in enumerate(heads):
                _set(t, r + 1, k + 1, h)
        r += 2
        for label, key in items:
            _set(t, r, 0, label)
            vals = rows[key]
            if len(vals) == 1:
                t.cell(r, 1).merge(t.cell(r, 3)).text = _fmt(vals[0])
            else:
                for k, v in enumerate(vals):
                    _set(t, r, k + 1, _fmt(v))
            r += 1
    assert r == 14


def table3(doc: Any, rows: dict[str, list[Any]]) -> None:
    n = 3 + 2 + len(T3_LABELS) + 1
    t = doc.add_table(rows=n, cols=10)
    t.cell(0, 0).merge(t.cell(2, 2)).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t.cell(0, 3).merge(t.cell(0, 9)).text = "申请人情况"
    t.cell(1, 3).merge(t.cell(2, 3)).text = "自然人"
    t.cell(1, 4).merge(t.cell(1, 8)).text = "法人或其他组织"
    t.cell(1, 9).merge(t.cell(2, 9)).text = "总计"
    for k, h in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        _set(t, 2, 4 + k, h)

    def values(r: int, key: str) -> None:
        for k, v in enumerate(rows[key]):
            _set(t, r, 3 + k, _fmt(v))

    t.cell(3, 0).merge(t.cell(3, 2)).text = "一、本年新收政府信息公开申请数量"
    values(3, "R1")
    t.cell(4, 0).merge(t.cell(4, 2)).text = "二、上年结转政府信息公开申请数量"
    values(4, "R2")
    first = 5
    t.cell(first, 0).merge(t.cell(first + len(T3_LABELS) - 1, 0)).text = "三、本年度办理结果"
    r = first
    i = 0
    while i < len(T3_LABELS):
        key, group, label = T3_LABELS[i]
        if group is None:
            t.cell(r, 1).merge(t.cell(r, 2)).text = label
            values(r, key)
            r += 1
            i += 1
            continue
        j = i
        while j < len(T3_LABELS) and T3_LABELS[j][1] == group:
            j += 1
        t.cell(r, 1).merge(t.cell(r + j - i - 1, 1)).text = group
        for key2, _, label2 in T3_LABELS[i:j]:
            _set(t, r, 2, label2)
            values(r, key2)
            r += 1
        i = j
    t.cell(r, 0).merge(t.cell(r, 2)).text = "四、结转下年度继续办理"
    values(r, "R4")


def table4(doc: Any, rows: dict[str, list[Any]]) -> None:
    t = doc.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(0, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for k, h in enumerate(heads):
        t.cell(1, k).merge(t.cell(2, k)).text = h
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    for k, h in enumerate(heads * 2):
        _set(t, 2, 5 + k, h)
    for k, v in enumerate([*rows["fy"], *rows["zs"], *rows["hs"]]):
        _set(t, 3, k, _fmt(v))


_HEADING = re.compile(r"^\s*([一二三四五六])、\s*(.+?)\s*$")
_SUB = re.compile(r"^\s*[（(]([一二三四五六七八九十])[)）]\s*(.*)$")


def part_lines(text: str) -> list[tuple[str, list[str]]]:
    """The seed's lines split at its six part headings (the first line after the previous one
    that starts with the part's numeral and names its title): [(title, body lines)]."""
    lines = text.split("\n")
    out: list[tuple[str, list[str]]] = [("", [])]
    want = 0
    for ln in lines:
        m = _HEADING.match(ln)
        if want < 6 and m and m.group(1) == NUMERALS[want] and PART_TITLES[want] in m.group(2).replace(" ", ""):
            out.append((m.group(2), []))
            want += 1
            continue
        out[-1][1].append(ln)
    assert want == 6, "six part headings"
    return out


def build(seed_text: str, tables: Sequence[dict[str, list[Any]]], path: Path) -> Path:
    """A .docx of the seed: preamble and parts 一, 五, 六 as paragraphs; parts 二–四 as tables."""
    doc = Document()
    _add_numbering(doc)
    parts = part_lines(seed_text)
    for ln in parts[0][1]:
        if ln.strip():
            doc.add_paragraph(ln.strip())
    builders = {2: table2, 3: table3, 4: table4}
    for number, (title, body) in enumerate(parts[1:], 1):
        _numbered(doc, title, 0)
        if number in builders:
            builders[number](doc, tables[number - 2])
            continue
        for ln in body:
            m = _SUB.match(ln)
            if m and number == 1:
                _numbered(doc, m.group(2), 1)  # （一）… as a Word list number
            elif ln.strip():
                doc.add_paragraph(ln.strip())
    doc.save(str(path))
    return path
