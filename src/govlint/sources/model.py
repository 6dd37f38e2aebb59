"""The document model every source adapter produces: blocks in reading order (paragraphs,
headings, tables as cell grids), each with a location a person can find in the original file,
plus metadata and reading problems.  Adapters know the file format; they do not know the
report format (which row is which is the table reader's job, after canonical rendering)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from enum import Enum
from types import ModuleType

from govlint.diagnostic import SourceLocation


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"


class ProblemKind(str, Enum):
    """Why a document could not be read (or not completely).  Never a defect of the report."""

    MISSING_EXTRA = "missing-extra"  # the optional library for the format is not installed
    NO_TEXT_LAYER = "no-text-layer"  # a scanned PDF: images only
    ENCRYPTED = "encrypted"
    BROKEN = "broken"  # truncated or corrupt file
    LEGACY_BINARY = "legacy-binary"  # .doc / .wps (OLE compound file)
    OTHER_FORMAT = "other-format"  # a word processor's format govlint does not read: .odt, .rtf
    NO_REPORT = "no-report"  # a web page without a report body
    UNREADABLE = "unreadable"  # the file system refused


@dataclass(slots=True)
class Problem:
    kind: ProblemKind
    message: str  # Chinese, for the user
    fatal: bool = True  # nothing usable was read


@dataclass(slots=True)
class GridCell:
    """One cell of a table as the file lays it out; a merged cell occupies several grid
    positions but is one object (``row``/``col`` is its top-left position)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    location: SourceLocation | None = None


@dataclass(slots=True)
class Table:
    """A rectangular grid: ``grid[r][c]`` is the cell covering that position (merged cells
    repeat the same object), or None where the file has no cell."""

    grid: list[list[GridCell | None]]
    location: SourceLocation | None = None

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str = ""
    table: Table | None = None
    location: SourceLocation | None = None


@dataclass(slots=True)
class Document:
    path: str
    format: str  # "pdf", "docx", "html"
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # title, published …
    problems: list[Problem] = field(default_factory=list)

    def fatal(self) -> Problem | None:
        return next((p for p in self.problems if p.fatal), None)


def optional_library(doc: Document, module: str, what: str, distribution: str, extra: str) -> ModuleType | None:
    """The optional library that reads ``what``, or ``None`` with a MISSING_EXTRA problem on ``doc``
    that says which extra to install (the core install has none of them)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        doc.problems.append(Problem(ProblemKind.MISSING_EXTRA,
                                    f"读取{what}需要可选组件 {distribution}：请运行 pip install 'govlint[{extra}]'"))
        return None


def grid_from_cells(cells: list[GridCell]) -> list[list[GridCell | None]]:
    """Place cells (with spans) into a dense grid."""
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    grid: list[list[GridCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for c in cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if grid[r][k] is None:
                    grid[r][k] = c
    return grid
