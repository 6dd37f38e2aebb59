"""Set-level rules over small per-report summaries ("facts").

Why: a rule that looks at several reports at once (cross-year continuity, a region against the
offices under it, text reused from last year) must not need every parsed :class:`Report` in
memory — a sweep covers tens of thousands of reports.  Each report is therefore reduced, right
after it is parsed, to a :class:`Facts` record: small, JSON-serialisable, carrying the positions
a diagnostic needs.  ``govlint check`` keeps the facts in memory; ``govlint sweep`` streams them
to disk and hands each rule one group at a time, so memory stays flat in the number of reports.

Writing a set-level rule (subclass :class:`govlint.rule.Rule`; nothing else to register):

``summarize(report) -> JSON value | None``  (optional)
    Called once per report, right after parsing.  Return the few extra facts your rule needs
    beyond the standard ones below (e.g. hashes of prose sentences with their spans as
    ``[line, column, end_line, end_column]`` lists).  Keep it small: it is kept for every report.
    Read it back in ``check_facts`` with ``self.mine(facts)``.

``fact_groups(facts) -> iterable of str``  (optional)
    The groups a report belongs to; ``check_facts`` is called once per group.  Default: the
    reporting body (``facts.body``) for reports of a known format, so a rule sees all years of
    one body together.  A region rule returns the parent's name for a child *and* its own name.

``check_facts(group: Sequence[Facts]) -> iterable of Diagnostic``  (makes the rule set-level)
    The reports of one group, sorted by (year, path).  Override ``check_group(key, group)``
    instead when the group's key matters (the region rule: which body the group is about).  Build diagnostics with
    ``self.diag(facts, span, message, related)`` — ``facts`` stands in for the report (it has
    ``.path``), ``span`` is any :class:`Span` found in the facts; ``Related(span, message, path)``
    points into another report of the group.

Standard facts of every report (:func:`summarize_report`): ``path``, ``body`` (the reporting
body as named in the title, before the year), ``year``, ``profile``, ``template``, ``title``,
``title_span`` and ``tables``: ``facts.tables["三"].rows["R4"].cells["tot"]`` is a
:class:`CellFact` (``value`` int/Decimal/None, ``raw`` text, ``status`` a :class:`CellStatus`,
``span``); :meth:`Facts.value` is the shortcut for a trustworthy value (None unless the cell
was read).  Row and column keys are those of ``rules/format-*.toml``.

``configure(config)``  (optional)
    Called once with the run's :class:`govlint.config.Config` (e.g. ``config.hierarchy``, the
    mapping file the region rule reads).

Rules must be deterministic and must not depend on the order of groups: ``govlint sweep``
runs them group by group from its store, possibly on another machine than the files' reader.

The older ``Rule.check_reports(reports)`` still works for plugins but keeps every Report in
memory for the whole run (``govlint sweep`` refuses it); prefer the facts API.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from govlint.model import Cell, Number, Report, Row, Span

if TYPE_CHECKING:
    from govlint.diagnostic import Diagnostic
    from govlint.rule import Rule

FACTS_VERSION = 1
# the body is what comes before the report year: a year-like number of its own followed by 年
# (2023年, 2023年度, 2019—2020年), so a body name with digits (第2012分局, 第12034号) is kept
# whole; titles without 年 after the year: the first year-like number of its own; before either,
# a document number (〔) or the report's own name (政府信息公开工作…, 政府信息公开年度报告)
_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}"
_REPORT_YEAR = re.compile(rf"{_YEAR}(?:[-—–~至到]{_YEAR})?年")
_YEAR_LIKE = re.compile(rf"{_YEAR}(?![0-9])")
_NOT_NAME = re.compile(r"〔|政府信息公开(?:工作|年度报告)")
_SPACE = re.compile(r"\s+")


class CellStatus(str, Enum):
    """How a table cell was read (a reading problem is not a report defect)."""

    READ = "read"  # a number the text determines
    PLACEHOLDER = "placeholder"  # printed as / — 无 …: no value
    BLANK = "blank"  # row found, nothing printed for this column
    UNRELIABLE = "unreliable"  # row found but not read completely: value not trusted
    MISSING = "missing"  # the row (or the table) was not found


_STATUS = {s.value: s for s in CellStatus}


class CellFact(NamedTuple):
    value: Number | None
    raw: str
    status: CellStatus
    span: Span | None


@dataclass(slots=True)
class RowFact:
    """One table row of a report's facts: its cells by column key."""

    key: str
    label: str
    complete: bool
    span: Span | None
    cells: dict[str, CellFact]


@dataclass(slots=True)
class TableFact:
    """One table of a report's facts: its rows by key."""

    id: str
    found: bool
    span: Span | None
    columns: list[str]
    rows: dict[str, RowFact]


@dataclass(slots=True)
class Facts:
    """The summary of one report that set-level rules, the export and the sweep work on."""

    path: str
    body: str | None
    year: int | None
    profile: str
    template: str
    title: str = ""
    title_span: Span | None = None
    tables: dict[str, TableFact] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # rule code → its summarize() result
    counts: dict[str, int] = field(default_factory=dict)  # filled by the sweep/export: findings per severity

    def cell(self, table: str, row: str, column: str) -> CellFact | None:
        t = self.tables.get(table)
        r = t.rows.get(row) if t is not None else None
        return r.cells.get(column) if r is not None else None

    def value(self, table: str, row: str, column: str) -> Number | None:
        """The cell's value when it was read (status ``read``), else None."""
        c = self.cell(table, row, column)
        return c.value if c is not None and c.status is CellStatus.READ else None

    @property
    def anchor(self) -> Span:
        """A place to attach a diagnostic about the report as a whole (the title, else line 1)."""
        return self.title_span or Span(1, 1, 1, 1)

    # --------------------------------------------------------------- serialisation

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": FACTS_VERSION,
            "path": self.path,
            "body": self.body,
            "year": self.year,
            "profile": self.profile,
            "template": self.template,
            "title": self.title,
            "title_span": _span_out(self.title_span),
            "tables": {
                t.id: {
                    "found": t.found,
                    "span": _span_out(t.span),
                    "columns": t.columns,
                    "rows": {
                        r.key: {
                            "label": r.label,
                            "complete": r.complete,
                            "span": _span_out(r.span),
                            "cells": {
                                k: [_num_out(c.value), c.raw, c.status.value, _span_out(c.span)]
                                for k, c in r.cells.items()
                            },
                        }
                        for r in t.rows.values()
                    },
                }
                for t in self.tables.values()
            },
            "extra": self.extra,
            "counts": self.counts,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Facts:
        tables = {}
        for tid, t in d.get("tables", {}).items():
            rows = {}
            for key, r in t["rows"].items():
                cells = {
                    k: CellFact(v if type(v) is int else _num_in(v), raw, _STATUS[st],
                                None if sp is None else _span_in(sp))
                    for k, (v, raw, st, sp) in r["cells"].items()
                }
                rows[key] = RowFact(key, r["label"], r["complete"], _span_in(r["span"]), cells)
            tables[tid] = TableFact(tid, t["found"], _span_in(t["span"]), list(t["columns"]), rows)
        return cls(
            path=d["path"], body=d.get("body"), year=d.get("year"), profile=d.get("profile", ""),
            template=d.get("template", "report"), title=d.get("title", ""),
            title_span=_span_in(d.get("title_span")), tables=tables, extra=d.get("extra") or {},
            counts=d.get("counts") or {},
        )

    def to_json(self) -> str:
        # strict (no NaN/Infinity, TypeError for what JSON cannot hold) yet fast: the sweep
        # writes one per report, and a walk over every cell in Python costs more than the parse
        import json  # (the sweep's: not on a check's start-up)

        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    @classmethod
    def from_json(cls, line: str) -> Facts:
        import json

        return cls.from_dict(json.loads(line))


def _span_out(s: Span | None) -> list[int] | None:
    return None if s is None else list(s)


def _span_in(s: Sequence[int] | None) -> Span | None:
    if s is None:
        return None
    if len(s) == 6:  # the usual case, checked without a generator: facts are read back by the 100,000
        a, b, c, d, e, f = s
        if type(a) is int and type(b) is int and type(c) is int and type(d) is int and type(e) is int \
                and type(f) is int:
            return Span(a, b, c, d, e, f)
    return Span(*(int(v) for v in s[:6]))


def _num_out(v: Number | None) -> int | str | None:
    return str(v) if isinstance(v, Decimal) else v  # money stays exact: a string


def _num_in(v: Any) -> Number | None:
    if isinstance(v, str):
        try:
            return Decimal(v)
        except InvalidOperation:
            return None
    return v if isinstance(v, int) else None


# ------------------------------------------------------------------- building facts


@lru_cache(maxsize=256)
def body_of(title: str) -> str | None:
    """The reporting body as named in the title, before the report year (whitespace dropped),
    or None (no year, document number or report name to end it; under two characters).  The
    one definition: the set-level groups, the rules' ``Context.agency`` and the prose scope."""
    text = _SPACE.sub("", title)
    year = _REPORT_YEAR.search(text) or _YEAR_LIKE.search(text)
    other = _NOT_NAME.search(text)
    ends = [m.start() for m in (year, other) if m is not None]
    if not ends:
        return None
    name = text[:min(ends)]
    return name if len(name) >= 2 else None


def cell_status(row: Row, cell: Cell) -> CellStatus:
    if not row.found:
        return CellStatus.MISSING
    if not row.complete and cell.value is not None:
        return CellStatus.UNRELIABLE
    if cell.value is not None:
        return CellStatus.READ
    if cell.placeholder:
        return CellStatus.PLACEHOLDER
    return CellStatus.BLANK


def summarize_report(report: Report, rules: Sequence[Rule] = (),
                     guard: Callable[[Rule, Callable[[], Any]], Any] | None = None) -> Facts:
    """The standard facts of ``report`` plus each rule's ``summarize`` result (``guard`` runs a
    rule's code safely and returns None when it fails)."""
    tables: dict[str, TableFact] = {}
    new, missing, placeholder, blank = tuple.__new__, CellStatus.MISSING, CellStatus.PLACEHOLDER, CellStatus.BLANK
    for t in report.tables.values():
        rows: dict[str, RowFact] = {}
        for r in t.rows:  # (cell_status, decided once per row: hundreds of cells per report)
            # (a Cell unpacked as the tuple it is: column, raw, value, span, placeholder)
            if r.span is None:
                cells = {col: new(CellFact, (v, raw, missing, sp)) for col, raw, v, sp, _ in r.cells}
            else:
                read = CellStatus.READ if r.complete else CellStatus.UNRELIABLE
                cells = {col: new(CellFact, (v, raw, read if v is not None else placeholder if ph else blank, sp))
                         for col, raw, v, sp, ph in r.cells}
            rows[r.key] = RowFact(r.key, r.label, r.complete, r.span, cells)
        tables[t.id] = TableFact(t.id, t.found, t.span, list(t.columns), rows)
    facts = Facts(
        path=report.path, body=body_of(report.title), year=report.year, profile=report.profile,
        template=str(report.template), title=report.title, title_span=report.title_span, tables=tables,
    )
    for rule in rules:
        if type(rule).summarize is _base_summarize():
            continue
        value = guard(rule, lambda r=rule: r.summarize(report)) if guard else rule.summarize(report)  # type: ignore[misc]
        if value is not None:
            facts.extra[rule.code] = value
    return facts


def _base_summarize() -> Any:
    from govlint.rule import Rule

    return Rule.summarize


# ------------------------------------------------------------------- running set-level rules


def is_set_level(rule: Rule) -> bool:
    from govlint.rule import Rule

    return type(rule).check_facts is not Rule.check_facts or type(rule).check_group is not Rule.check_group


def groups_of(rule: Rule, facts: Iterable[Facts]) -> dict[str, list[Facts]]:
    """The facts grouped as ``rule.fact_groups`` says, each group sorted by (year, path)."""
    out: dict[str, list[Facts]] = {}
    for f in facts:
        for key in dict.fromkeys(rule.fact_groups(f)):
            out.setdefault(key, []).append(f)
    for group in out.values():
        group.sort(key=lambda f: (f.year or 0, f.path))
    return out


def group_where(key: str) -> str:
    """Where a set-level fault happened, for its message: the group's key as the user reads it
    (the parts of a composite key are joined with U+001F)."""
    return f"报告组「{key.replace(chr(0x1f), ' ')}」"


Guard = Callable[["Rule", Callable[[], Iterable["Diagnostic"]], str], Iterable["Diagnostic"]]


def check_groups(rule: Rule, groups: Mapping[str, list[Facts]], guard: Guard | None = None) -> Iterator[Diagnostic]:
    """``rule.check_facts`` on every group, in the order of the group keys."""
    for key in sorted(groups):
        group = groups[key]
        if guard is None:
            yield from rule.check_group(key, group)
        else:
            yield from guard(rule, lambda k=key, g=group: rule.check_group(k, g),  # type: ignore[misc]
                             group_where(key))


def run_set_rules(rules: Sequence[Rule], facts: Sequence[Facts], guard: Guard | None = None) -> list[Diagnostic]:
    """Every set-level rule over facts held in memory (what ``govlint check`` does)."""
    out: list[Diagnostic] = []
    for rule in rules:
        out.extend(check_groups(rule, groups_of(rule, facts), guard))
    return out
