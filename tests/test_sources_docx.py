"""Word files built from the seeds (tests/docx_build.py: the seeds' prose, the parts as Word
list numbers, the tables laid out as the official form with merged label cells) read back to
the seeds' person-read tables (tests/test_parse_seeds.py) and parts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.corpus import read, seed
from tests.seed_readback import assert_reads_back_as_seed
from tests.test_parse_seeds import EXPECTED

from govlint.config import Config
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import load_plugins
from govlint.source import read_source

docx = pytest.importorskip("docx")
from tests.docx_build import W_NS, build  # noqa: E402  (needs python-docx)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {name: build(read(seed(name)), EXPECTED[name], folder / f"seed{name}.docx") for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_tables_and_parts_read_back(built: dict[str, Path], name: str) -> None:
    assert_reads_back_as_seed(built[name], name)


def test_list_numbers_come_from_numbering_xml(built: dict[str, Path]) -> None:
    word = docx.Document(str(built["001"]))
    typed = [p.text for p in word.paragraphs]
    assert "总体情况" in typed and "一、总体情况" not in typed  # the number is not in the text
    lines = (read_source(built["001"]).text or "").split("\n")
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines
    assert any(ln.startswith("（一）主动公开。") for ln in lines) and any(ln.startswith("（五）监督保障。") for ln in lines)
    # a new part restarts the sub-level: 二、 is followed by a table, not by （六）
    report = parse_text("\n".join(lines), "x.docx")
    assert [s.number for s in report.parts[0].subsections][:5] == ["一", "二", "三", "四", "五"]


def test_merged_label_cells_are_one_cell(built: dict[str, Path]) -> None:
    doc = read_source(built["000"]).document
    assert doc is not None
    t3 = [b.table for b in doc.blocks if b.table is not None][1]
    group = t3.grid[5][0]  # 三、本年度办理结果: vMerge over 22 rows
    assert group is not None and group.text == "三、本年度办理结果" and group.rowspan == 22
    assert all(t3.grid[r][0] is group for r in range(5, 27))
    first = t3.grid[3][0]  # 一、本年新收…: gridSpan 3
    assert first is t3.grid[3][2] and first.colspan == 3  # type: ignore[union-attr]


def test_tracked_changes_and_comments_are_ignored(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    word = docx.Document()
    p = word.add_paragraph("本年度共受理申请")
    p._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>13</w:t></w:r></w:ins>'))
    run = p.add_run("件。")
    word.add_comment(run, text="请核对数字", author="审核人")
    path = tmp_path / "changes.docx"
    word.save(str(path))
    text = read_source(path).text or ""
    assert "本年度共受理申请13件。" in text and "12" not in text and "请核对" not in text


def test_a_finding_names_the_table_cell(built: dict[str, Path], tmp_path: Path) -> None:
    rows = {k: list(v) for k, v in EXPECTED["001"][1].items()}
    rows["R1"][6] = 99  # 总计 of 本年新收 printed wrong (22 + 1 = 23)
    path = build(read(seed("001")), (EXPECTED["001"][0], rows, EXPECTED["001"][2]), tmp_path / "wrong.docx")
    result = Engine(Config(), load_plugins(installed=False)).run([str(path)])
    located = [d for d in result.diagnostics if d.location is not None and d.location.table is not None]
    assert located, [d.code for d in result.diagnostics]
    d = next(d for d in located if "99" in d.message or "23" in d.message)
    assert d.location.table == 2 and d.location.row == 4 and d.location.column == 10  # type: ignore[union-attr]
    assert "一、本年新收政府信息公开申请数量" in (d.location.cell or "") and "总计" in (d.location.cell or "")  # type: ignore[union-attr]


def test_docx_saved_by_libreoffice(built: dict[str, Path], tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice 未安装（apt-get install -y libreoffice-writer-nogui 约 300 MB，CI 不安装）：无法测试 LibreOffice 另存的 .docx")
    out = tmp_path / "lo"
    subprocess.run([office, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(built["001"])], check=True, capture_output=True, timeout=180)
    src = read_source(out / "seed001.docx")
    report = parse_text(src.text or "", "lo.docx")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        assert {r.key: r.values for r in report.tables[table_id].rows} == want


def test_content_controls_and_nested_tables_are_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    word = docx.Document()
    word.add_paragraph("前言")
    body = word.element.body
    sdt = parse_xml(f'<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>封面：2024年度报告</w:t></w:r></w:p>'
                    f"</w:sdtContent></w:sdt>")
    body.insert(1, sdt)
    t = word.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "外层"
    inner = t.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "内层乙"
    path = tmp_path / "sdt.docx"
    word.save(str(path))
    doc = read_source(path).document
    assert doc is not None
    texts = [b.text for b in doc.blocks if b.text]
    assert texts[:2] == ["前言", "封面：2024年度报告"]  # document order, the content control included
    table = next(b.table for b in doc.blocks if b.table is not None)
    assert table.grid[0][1] is not None and "内层甲" in table.grid[0][1].text and "内层乙" in table.grid[0][1].text
