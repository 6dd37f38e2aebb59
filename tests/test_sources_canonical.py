"""Canonical rendering of document tables, as a property: for any grid with merged cells, the
pipe table has one column per grid column (a cell merged across columns goes on as ``||``), the
text reader sees every cell's text in order — no blank of a merged label cell taken for a value
— and the line map finds each cell again."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.diagnostic import SourceLocation
from govlint.interpret.tokens import TokenKind, tokens_from_text
from govlint.sources.canonical import render
from govlint.sources.model import Block, BlockKind, Document, GridCell, Table, grid_from_cells

LABELS = ["规章", "行政许可", "（三）不予公开", "1.属于国家秘密", "自然人", "三、本年度办理结果", "总计"]


@st.composite
def tables(draw: st.DrawFn) -> Table:
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(2, 7))
    labels = draw(st.integers(1, n_cols - 1))  # label columns on the left, values on the right
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in taken:
                continue
            rs = draw(st.integers(1, max(1, min(3, n_rows - r)))) if c < labels else 1
            cs = 1
            while c + cs < labels and (r, c + cs) not in taken and draw(st.booleans()):
                cs += 1
            if any((i, j) in taken for i in range(r, r + rs) for j in range(c, c + cs)):
                rs = 1
            if c < labels:
                text = draw(st.sampled_from(LABELS + [""]))
            else:
                text = draw(st.one_of(st.integers(0, 99999).map(str), st.just("")))
            cells.append(GridCell(text, r, c, rs, cs, SourceLocation(table=1, row=r + 1, column=c + 1)))
            taken.update((i, j) for i in range(r, r + rs) for j in range(c, c + cs))
    return Table(grid_from_cells(cells))


@settings(max_examples=60, deadline=None)
@given(tables())
def test_pipe_rows_keep_the_grid(table: Table) -> None:
    doc = Document("x", "docx", [Block(BlockKind.TABLE, table=table)])
    rendering = render(doc)
    lines = rendering.text.split("\n")
    rows = [i for i, ln in enumerate(lines, 1) if ln.startswith("|") and not ln.startswith("|---")]
    assert len(rows) == table.n_rows
    for r, n in enumerate(rows):
        line = lines[n - 1]
        assert line.count("|") == table.n_cols + 1
        origin = [c for k, c in enumerate(table.grid[r]) if c is not None and c.row == r and c.col == k]
        toks = [t for t in tokens_from_text(line) if t.kind in (TokenKind.TEXT, TokenKind.NUMBER)]
        assert [t.text for t in toks] == [c.text for c in origin if c.text]
        # blanks: a blank left of the labels is the rest of a merged label cell; right of them, a
        # blank value (EMPTY) — counted over the cells the reader sees (``||`` is no cell)
        texts = [c.text if c is not None and c.row == r else "" for k, c in enumerate(table.grid[r])
                 if c is None or c.col == k]
        has_number = any(ch.isdigit() for t in texts for ch in t)
        first_num = next((i for i, t in enumerate(texts) if t.isdigit()), len(texts))
        label_end = max((i for i, t in enumerate(texts[:first_num]) if t), default=-1)
        want = sum(1 for i, t in enumerate(texts) if not t and i > label_end) if has_number else 0
        assert sum(t.kind is TokenKind.EMPTY for t in tokens_from_text(line)) == want
        start = 1
        for c in origin:  # each cell found again by the line map, at its column
            if c.text:
                col = line.index(f" {c.text} |", start) + 2
                start = col
                loc = rendering.line_map.locate(n, col)
                assert loc is not None and (loc.row, loc.column) == (c.row + 1, c.col + 1)


def test_cell_text_joins_wrapped_labels_and_numbers() -> None:
    from govlint.sources.canonical import cell_text

    assert cell_text("三、\n本\n年\n度\n办\n理\n结\n果") == "三、本年度办理结果"  # a vertical label
    assert cell_text("结 果\n维持") == "结果维持"
    assert cell_text("3985\n758") == "3985758"  # a number wrapped in a narrow cell
    assert cell_text("a|b") == "a\\|b"
