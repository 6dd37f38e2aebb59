"""Heading shapes, defined once (src/govlint/parsing/shapes.py) and used by the grammar, the builder
and the table reader's continuation.  The headings are the ones a person reads in the corpus files;
the lines of 表三 that start with a numeral (一、本年新收… 三、 四、结转…) are rows, not headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import CORPUS, read, seed

from govlint.parsing import parse_text
from govlint.parsing.shapes import ARTICLE, PART_NUMBER, SUB_NUMBER, fill
from govlint.parsing.structure import LineKind, grammar_text, line_kind, parse_structure
from govlint.resources import grammar_path

SIX = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
EXTRACTORS = sorted((CORPUS / "extractors").glob("*.txt"))
TEXTS = sorted([*(CORPUS / "seeds").glob("*.txt"), *(CORPUS / "real").glob("*.*"), *EXTRACTORS])


@pytest.mark.parametrize("name", ["000", "001", "002", "004"])
def test_the_seeds_part_headings(name: str) -> None:
    heads = [p.head.text for p in parse_structure(read(seed(name))).parts]
    assert heads == SIX


def test_seed_003_prints_a_seventh_numbered_heading() -> None:
    # line 82: "六、按照《国务院办公厅关于印发<政府信息公开处理费管理办法>的通知》…" printed as a heading
    heads = [p.head.text for p in parse_structure(read(seed("003"))).parts]
    assert heads[:6] == SIX and heads[6].startswith("六、按照《国务院办公厅关于印发<政府信息公开处理费管理办法>")


@pytest.mark.parametrize("path", EXTRACTORS, ids=lambda p: p.stem)
def test_the_extractions_part_headings(path: Path) -> None:
    # every tool prints the six headings on lines of their own (pdftotext -layout indents them)
    assert [p.head.text for p in parse_structure(read(path)).parts] == SIX


def test_part_one_subsections_of_seed_004() -> None:
    subs = [s.head.text for s in parse_structure(read(seed("004"))).parts[0].subsections]
    assert subs == ["（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况",
                    "（四）政府信息公开平台建设", "（五）政府信息公开监督保障"]


@pytest.mark.parametrize("line", [
    "一、本年新收政府信息公开申请数量\t\t22\t", "二、上年结转政府信息公开申请数量 0 0", "三、本年度办理结果",
    "三、", " 三、本", "四、结转下年度继续办理 0 0 0 0 0 0 0",
    # the first piece of the merged 三、本年度办理结果 beside a row's own label (LibreOffice PDFs of
    # the seeds through pdfplumber and pdftotext -layout, tests/data/extracted/seed00*_libreoffice_*)
    "三、 （一）予以公 0 0 0 0 0 0 0", "三、   （一）予以公     0    0    0    0    0        0    0",
    "三、 (二) 部分公开", "三、 4.保 0 0 0 0 0 0 0", "三、4．保护第三方合法权益",
])
def test_table_three_rows_that_start_with_a_numeral_are_no_headings(line: str) -> None:
    assert line_kind(line) is LineKind.TEXT


@pytest.mark.parametrize("line, kind", [
    ("五、存在的主要问题及改进情况", LineKind.PART_HEAD),
    ("   一、总体情况", LineKind.PART_HEAD),  # pdftotext -layout
    ("# 二、主动公开政府信息情况", LineKind.PART_HEAD),  # markdown
    ("一．总体情况", LineKind.PART_HEAD),
    ("（一）存在问题", LineKind.SUB_HEAD),
    ("(三) 政府信息管理。强化公开后的政府信息监测检查", LineKind.SUB_HEAD),  # seed 001
    ("- (二)依申请公开。", LineKind.SUB_HEAD),  # seed 002
    ("（ 二 ）改进情况", LineKind.SUB_HEAD),
    ("第二十条第（一）项", LineKind.ARTICLE_REF),
    ("第二十条第（一）项的规定", LineKind.TEXT),  # a caption stands alone on its line
    ("1 0 1 1 3 0", LineKind.TEXT),
])
def test_line_kinds(line: str, kind: LineKind) -> None:
    assert line_kind(line) is kind


def _source_line(text: str, start: int) -> str:
    """The whole source line around offset ``start`` (leading blanks included)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    return text[a : len(text) if b == -1 else b]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_line_kind_is_the_grammars(path: Path) -> None:
    # what line_kind says of a line is what the grammar's lexer made of it, on every corpus line
    text = read(path)
    raw = parse_structure(text)
    lines = [*raw.front, *(ln for p in raw.parts for ln in (p.head, *p.lines, *(x for s in p.subsections
                                                                                 for x in (s.head, *s.lines))))]
    assert lines
    for ln in lines:
        assert line_kind(_source_line(text, ln.start)) is ln.kind, ln.text


def test_the_builder_takes_numeral_and_title_by_the_same_shapes() -> None:
    for line, numeral, title in [("# 一、总体情况", "一", "总体情况"), ("十二． 其他", "十二", "其他")]:
        m = PART_NUMBER.match(line)
        assert m and m.group(1) == numeral and line[m.end():] == title
    for line, numeral, title in [("（ 三 ）政府信息管理", "三", "政府信息管理"), ("- (二)依申请公开", "二", "依申请公开")]:
        m = SUB_NUMBER.match(line)
        assert m and m.group(1) == numeral and line[m.end():] == title
    m = ARTICLE.search("根据第二十条 第（ 五 ）项")
    assert m and (m.group(1), m.group(2)) == ("二十", "五")


def test_seed_001_part_numbers_titles_and_captions() -> None:
    report = parse_text(read(seed("001")), "<seed 001>")
    assert [(p.number, p.index, p.title) for p in report.parts] == [
        (h[0], i + 1, h[2:]) for i, h in enumerate(SIX)]
    # part 二's captions, read in the file: 第二十条第（一）项, （五）, （六）, （八）
    assert [(a.article, a.item) for a in report.part(2).article_refs] == [
        ("二十", "一"), ("二十", "五"), ("二十", "六"), ("二十", "八")]


def test_the_filled_grammar_is_a_lark_grammar() -> None:
    lark = pytest.importorskip("lark")
    text = grammar_text()
    assert "{{" not in text and "{{HEAD_START}}" in read(grammar_path())
    # Lark itself (not the cached standalone parser) reads the same structure from a seed
    tree = lark.Lark(text, parser="lalr", lexer="contextual").parse(read(seed("004")))
    # (a heading's token carries the text lines after it: the heading is its first line)
    heads = [str(t.children[0]).split("\n")[0].strip() for t in tree.children if getattr(t, "data", None) == "part"]
    assert heads == SIX


def test_an_unknown_shape_name_is_an_error() -> None:
    with pytest.raises(KeyError):
        fill("X: /{{NO_SUCH_SHAPE}}/")


def test_no_title_line_starts_like_a_heading() -> None:
    # an indented part heading at the top is a part, not a line of the title block
    raw = parse_structure("  一、总体情况\n某局2024年政府信息公开工作年度报告\n正文。\n二、主动公开政府信息情况\n文字\n")
    assert raw.title == [] and [p.head.text for p in raw.parts] == ["一、总体情况", "二、主动公开政府信息情况"]
    # a bracketed year is no subsection heading: it stays in the title block
    report = parse_text("某区某局\n（二〇二四年）\n政府信息公开工作年度报告\n一、总体情况\n文字。\n")
    assert report.title == "某区某局（二〇二四年）政府信息公开工作年度报告"


def test_a_caption_under_a_table_label_is_recorded_once() -> None:
    # in a table part a "（一）…" line without prose is a table label, not a subsection: its lines
    # (the caption 第二十条第（五）项 here) go back to the part and are read once
    text = ("一、总体情况\n本机关依法公开政府信息。\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "（一）信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n第二十条第（五）项\n"
            "行政许可 0\n三、收到和处理政府信息公开申请情况\n")
    refs = parse_text(text).part(2).article_refs
    assert [(a.article, a.item) for a in refs] == [("二十", "一"), ("二十", "五")]
    assert [text[a.span.start:a.span.end] for a in refs] == ["第二十条第（一）项", "第二十条第（五）项"]
