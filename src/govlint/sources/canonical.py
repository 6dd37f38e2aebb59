"""Canonical rendering: a :class:`Document` as the text govlint reads (markdown: one line per
paragraph or heading, tables as pipe tables), plus a line map from each canonical line (and
each table cell on it) back to its place in the original file.  ``govlint extract`` writes
exactly this text, so a report kept in git as markdown reads to the same model as the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from govlint.diagnostic import SourceLocation
from govlint.sources.model import Block, BlockKind, Document, GridCell, Table

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# a line break or spaces between two CJK characters (wrapped or justified cell text) is no word space
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_NUMBERISH = re.compile(r"^[\s\d.,，、%％()（）\-—–/／]*$")


_WRAPPED_NUMBER = re.compile(r"[0-9.,]+(?:\n[0-9.,]+)+")


def cell_text(text: str) -> str:
    """One line: wrapped and justified cell text joined, pipes escaped for markdown.  A number
    wrapped in a narrow cell ("3985" / "758") is one number again: a cell holds one value."""
    s = text.strip()
    if _WRAPPED_NUMBER.fullmatch(s):
        return s.replace("\n", "")
    s = _CJK_GAP.sub("", s)
    s = _SPACES.sub(" ", s)
    return s.replace("|", "\\|")


def paragraph_text(text: str) -> str:
    """A paragraph on one line: line breaks inside it joined (no space between CJK)."""
    s = _CJK_GAP.sub(lambda m: "" if "\n" in m.group(0) else m.group(0), text.strip())
    return re.sub(r"\s*\n\s*", " ", s)


@dataclass(slots=True)
class LineEntry:
    location: SourceLocation | None = None
    cells: list[tuple[int, int, SourceLocation]] = field(default_factory=list)  # 1-based columns


@dataclass(slots=True)
class LineMap:
    lines: list[LineEntry] = field(default_factory=list)  # index 0 = canonical line 1

    def locate(self, line: int, column: int) -> SourceLocation | None:
        if not 1 <= line <= len(self.lines):
            return None
        entry = self.lines[line - 1]
        for a, b, loc in entry.cells:
            if a <= column < b:
                return loc
        return entry.location


@dataclass(slots=True)
class Rendering:
    text: str
    line_map: LineMap


def _is_value(text: str) -> bool:
    return bool(text.strip()) and bool(_NUMBERISH.match(text)) and any(ch.isdigit() for ch in text)


def _labels(table: Table) -> tuple[list[str], list[str]]:
    """Row labels (the text cells of each row, merged cells included) and column labels (the
    text of the rows above the first row with numbers), for naming a cell to a person."""
    grid = table.grid
    first_values = next(
        (r for r, row in enumerate(grid) if any(c is not None and _is_value(c.text) for c in row)), len(grid)
    )
    col_labels: list[str] = []
    for k in range(table.n_cols):
        parts: list[str] = []
        for r in range(first_values):
            c = grid[r][k] if k < len(grid[r]) else None
            t = cell_text(c.text) if c is not None else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        col_labels.append(" ".join(parts))
    row_labels: list[str] = []
    for row in grid:
        parts = []
        seen: set[int] = set()
        for c in row:
            if c is None or id(c) in seen or _is_value(c.text):
                continue
            seen.add(id(c))
            t = cell_text(c.text)
            if t:
                parts.append(t)
        row_labels.append(" ".join(parts))
    return row_labels, col_labels


def _render_table(table: Table, out: list[str], entries: list[LineEntry]) -> None:
    row_labels, col_labels = _labels(table)
    for r, row in enumerate(table.grid):
        line = "|"
        cells: list[tuple[int, int, SourceLocation]] = []
        for k in range(table.n_cols):
            c: GridCell | None = row[k] if k < len(row) else None
            if c is not None and c.col != k:
                line += "|"  # the rest of a cell merged across columns: ``||`` (MultiMarkdown)
                continue
            # a cell merged across rows has its text in its first row, blank below
            t = cell_text(c.text) if c is not None and c.row == r else ""
            start = len(line) + 2  # 1-based column of the cell's text
            line += f" {t} |"
            if c is not None and c.location is not None and t:
                label = " / ".join(x for x in (row_labels[r], col_labels[k]) if x and x != t)
                loc = replace(c.location, cell=label or None)
                cells.append((start, start + max(len(t), 1), loc))
        out.append(line)
        entries.append(LineEntry(table.location, cells))
        if r == 0:
            out.append("|" + "---|" * table.n_cols)
            entries.append(LineEntry(table.location))


def render(doc: Document) -> Rendering:
    out: list[str] = []
    entries: list[LineEntry] = []
    if doc.metadata.get("title") or doc.metadata.get("published"):
        # the header of a web-page scrape, which the text reader already understands
        for key, label in (("title", "标题"), ("published", "发布时间")):
            if doc.metadata.get(key):
                out.append(f"{label}: {doc.metadata[key]}")
                entries.append(LineEntry())
        out.append("")
        entries.append(LineEntry())
    for block in doc.blocks:
        _render_block(block, out, entries)
    while out and not out[-1]:
        out.pop()
        entries.pop()
    return Rendering("\n".join(out) + "\n", LineMap(entries))


def _render_block(block: Block, out: list[str], entries: list[LineEntry]) -> None:
    if block.kind is BlockKind.TABLE and block.table is not None:
        if out and out[-1]:
            out.append("")
            entries.append(LineEntry())
        _render_table(block.table, out, entries)
        out.append("")
        entries.append(LineEntry())
        return
    text = paragraph_text(block.text)
    if not text:
        return
    if text.startswith("|"):
        text = "\\" + text  # a paragraph is never read as a table row
    out.append(text)
    entries.append(LineEntry(block.location))
