"""Diagnostics: what a rule reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from govlint.span import Span


class Severity(str, Enum):
    """Ordered: INFO < WARNING < ERROR."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]  # (asked twice per finding by the outputs: no dict made per call)

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"未知的严重级别 {value!r}（应为 error、warning 或 info）") from None


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(slots=True)
class SourceLocation:
    """Where a diagnostic is in the published document itself (PDF, Word, web page), beside
    its line/column in the canonical text govlint reads.  Every field is optional."""

    page: int | None = None  # PDF page, 1-based
    bbox: tuple[float, float, float, float] | None = None  # PDF points: x0, top, x1, bottom
    paragraph: int | None = None  # .docx: paragraph number in the body, 1-based
    table: int | None = None  # .docx/.html/.pdf: table number in the document, 1-based
    row: int | None = None  # grid row of the cell, 1-based
    column: int | None = None  # grid column of the cell, 1-based
    cell: str | None = None  # the cell's row and column labels, e.g. "（一）予以公开 / 自然人"
    source_line: int | None = None  # HTML: line in the page source, 1-based
    source_column: int | None = None

    def describe(self) -> str:
        """Chinese, for people: 第 3 页，第 2 个表格第 4 行第 2 列（…）."""
        bits: list[str] = []
        if self.page is not None:
            bits.append(f"第 {self.page} 页")
        if self.paragraph is not None:
            bits.append(f"第 {self.paragraph} 段")
        if self.table is not None:
            where = f"第 {self.table} 个表格"
            if self.row is not None and self.column is not None:
                where += f"第 {self.row} 行第 {self.column} 列"
            bits.append(where)
        if self.cell:
            bits.append(f"单元格「{self.cell}」")
        if self.source_line is not None:
            bits.append(f"网页源代码第 {self.source_line} 行第 {self.source_column or 1} 列")
        return "，".join(bits)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in ("page", "paragraph", "table", "row", "column", "cell", "source_line", "source_column"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        if self.bbox is not None:
            d["bbox"] = [round(x, 1) for x in self.bbox]
        return d


@dataclass(slots=True)
class Related:
    """Another location that explains a diagnostic (e.g. the table cell a sentence disagrees with)."""

    span: Span
    message: str
    path: str | None = None  # None: same file as the diagnostic

    def to_dict(self, default_path: str) -> dict[str, Any]:
        return {"path": self.path or default_path, **self.span.to_dict(), "message": self.message}


@dataclass(frozen=True, slots=True)
class Fix:
    """A certain, purely textual correction: replace ``old`` at offsets ``start`` … ``end``
    of the report text (``Report.text``: line ends normalised to LF) with ``new``.
    Applied only by ``govlint check --fix`` (see :mod:`govlint.fixes`)."""

    start: int
    end: int
    old: str
    new: str


@dataclass(slots=True)
class Diagnostic:
    """One finding: where it is, which rule, how severe, and what to do about it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    related: list[Related] = field(default_factory=list)
    reading: bool = False  # about what govlint could not read, not a defect of the report
    location: SourceLocation | None = None  # in the original document (PDF/Word/HTML), when known
    fix: Fix | None = None  # a safe textual fix, if the rule offers one
    fingerprint: str = ""  # code + normalised context (govlint.fingerprint), filled in by the engine

    @classmethod
    def at(
        cls,
        path: str,
        span: Span,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        related: list[Related] | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        return cls(
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=code,
            name=name,
            severity=severity,
            message=message,
            related=list(related or []),
            fix=fix,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "related": [r.to_dict(self.path) for r in self.related],
            **({"reading": True} if self.reading else {}),
            **({"location": self.location.to_dict()} if self.location is not None else {}),
        }
