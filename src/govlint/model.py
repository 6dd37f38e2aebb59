"""The typed document model a report is read into.

report → parts → subsections → paragraphs, and the statistical tables → rows → cells.
Every node carries a :class:`Span` that points into the original text: the parser never
rewrites the source, so positions stay true to the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple, Union

from govlint.span import Span  # (its own module: diagnostics need it without the model)

Number = Union[int, Decimal]  # noqa: UP007 (a runtime alias, Python 3.10 safe)


@dataclass(slots=True)
class Finding:
    """Something the parser could not understand (or recovered with effort).

    ``kind`` is a stable kebab-case identifier (``part-missing``, ``row-short`` …); the
    engine turns each kind into a diagnostic of a parse rule.  ``message`` is Chinese.
    """

    kind: str
    message: str
    span: Span
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "message": self.message, **self.span.to_dict()}
        if self.data:
            d["data"] = self.data
        return d


class Cell(NamedTuple):
    """One value cell of a statistical table.

    ``value`` is an ``int`` for counts, a ``Decimal`` for money (万元) and ``None`` when the
    value is absent.  A placeholder such as ``/``, ``—`` or ``无`` is kept in ``placeholder``
    (value ``None``), distinct from an explicit ``0``.  (A NamedTuple, as :class:`Span`: a
    report has hundreds of cells, and a cell is read, never changed.)
    """

    column: str
    raw: str
    value: Number | None
    span: Span | None = None
    placeholder: str | None = None

    @property
    def present(self) -> bool:
        return self.value is not None


@dataclass(slots=True)
class Row:
    """A canonical table row, found (``span`` set) or not (``span`` None, every value None)."""

    key: str
    label: str
    cells: list[Cell]
    span: Span | None = None
    raw_label: str = ""
    complete: bool = False

    @property
    def values(self) -> list[Number | None]:
        return [c.value for c in self.cells]

    @property
    def found(self) -> bool:
        return self.span is not None

    @property
    def cells_read(self) -> bool:
        """Whether any cell of the row was printed (a value, a placeholder or unreadable text)."""
        return any(c.raw or c.span is not None for c in self.cells)

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None


@dataclass(slots=True)
class Table:
    """A statistical table of the profile: rows always in the official order."""

    id: str
    title: str
    columns: list[str]
    rows: list[Row]
    span: Span | None = None
    # rows printed in place of their sub-rows (（六）其他处理 as one row in a 2021 table): key → sub-rows;
    # the merged row is in ``rows`` (after its sub-rows, which stay unread)
    merged: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return self.span is not None

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key or r.label == key:
                return r
        return None

    def value(self, row: str, column: str) -> Number | None:
        r = self.row(row)
        if r is None:
            return None
        c = r.cell(column)
        return c.value if c else None


@dataclass(slots=True)
class Paragraph:
    """Prose.  ``text`` is the source slice; ``joined`` has the extraction's line breaks removed."""

    text: str
    span: Span

    @property
    def joined(self) -> str:
        return join_wrapped(self.text)


@dataclass(slots=True)
class ArticleRef:
    """A table caption such as 第二十条第（一）项."""

    text: str
    article: str
    item: str
    span: Span


@dataclass(slots=True)
class Subsection:
    """A numbered subsection of a part, e.g. （一）."""

    number: str  # Chinese numeral inside the brackets, e.g. "一"
    title: str
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.joined for p in self.paragraphs)


@dataclass(slots=True)
class Part:
    """One of the numbered parts 一、 … 六、 (as printed: the number may be wrong)."""

    number: str  # Chinese numeral as printed, e.g. "三"
    index: int  # the numeral's value, 1 for 一
    title: str
    span: Span  # the heading
    body_span: Span | None = None  # heading to the end of the part
    paragraphs: list[Paragraph] = field(default_factory=list)  # before the first subsection
    subsections: list[Subsection] = field(default_factory=list)
    article_refs: list[ArticleRef] = field(default_factory=list)
    canonical: int | None = None  # which profile part (1–6) the title matches, if any

    @property
    def all_paragraphs(self) -> list[Paragraph]:
        out = list(self.paragraphs)
        for s in self.subsections:
            out.extend(s.paragraphs)
        return out

    @property
    def text(self) -> str:
        return "".join(p.joined for p in self.all_paragraphs)


class Template(str, Enum):
    """What kind of text a report is: one in the current template (checked), or one govlint does
    not check, with one finding saying why.  (A ``str`` Enum: ``report.template == "report"`` holds
    and the JSON output writes the value.)"""

    REPORT = "report"
    FRAGMENT = "fragment"  # a page or two cut out of a report (table rows, no title, few parts)
    PRE_2019 = "pre-2019"  # the 2007-条例 template (概述 … 统计表)
    NOT_A_REPORT = "not-a-report"  # an empty file, a text that is no annual report

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class Report:
    """One parsed annual report: its title, parts, tables and what could not be read."""

    path: str
    text: str
    profile: str = "2021"
    year: int | None = None
    title: str = ""
    title_span: Span | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    template: Template = Template.REPORT
    published: str | None = None  # publication date/time the page states (发布时间, <meta name="PubDate">)

    def part(self, index: int) -> Part | None:
        """The first part whose title matches canonical part ``index`` (1–6), else by number."""
        for p in self.parts:
            if p.canonical == index:
                return p
        for p in self.parts:
            if p.index == index and p.canonical is None:
                return p
        return None

    def table(self, table_id: str) -> Table | None:
        return self.tables.get(table_id)

    @property
    def paragraphs(self) -> list[Paragraph]:
        out = list(self.preamble)
        for p in self.parts:
            out.extend(p.all_paragraphs)
        return out


def join_wrapped(text: str) -> str:
    """Join lines wrapped by the extraction: drop line breaks (and the blanks around them)
    between CJK text, keep one space between two Latin/digit runs."""
    if "\n" not in text:
        return text.strip()
    lines = [ln.strip() for ln in text.splitlines()]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and ln[0].isascii() and ln[0].isalnum():
            out += " "
        out += ln
    return out
