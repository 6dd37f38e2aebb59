"""The model as JSON (the contract of ``govlint parse``) and as an indented tree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govlint.model import Number, Report, Table
from govlint.numbers import to_json
from govlint.profile import get_profile


def _num(v: Number | None) -> int | float | str | None:
    return to_json(v)


def _plain(v: Any) -> Any:
    """Finding data as JSON values: Decimals (money cells, 2019-format amounts) become numbers."""
    if isinstance(v, Decimal):
        return to_json(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def table_to_dict(table: Table) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "found": table.found,
        "line": table.span.line if table.span else None,
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "values": [_num(v) for v in row.values],
                "raw": [c.raw for c in row.cells],
                "line": row.span.line if row.span else None,
                "span": row.span.to_dict() if row.span else None,  # the row's own text (label to last value)
                "complete": row.complete,
            }
            for row in table.rows
        ],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The JSON contract of ``govlint parse``: path, profile, parts, tables, findings."""
    try:
        profile_name = get_profile(report.profile).name
    except KeyError:  # pragma: no cover
        profile_name = report.profile
    return {
        "path": report.path,
        "profile": report.profile,
        "profile_name": profile_name,
        "template": str(report.template),
        "year": report.year,
        "title": report.title,
        **({"published": report.published} if report.published else {}),
        "title_line": report.title_span.line if report.title_span else None,
        "parts": [
            {
                "number": p.number,
                "index": p.index,
                "canonical": p.canonical,
                "title": p.title,
                "line": p.span.line,
                "subsections": [{"number": s.number, "title": s.title, "line": s.span.line} for s in p.subsections],
            }
            for p in report.parts
        ],
        "tables": [table_to_dict(t) for t in report.tables.values()],
        "findings": [_plain(f.to_dict()) for f in report.findings],
    }


def report_to_tree(report: Report) -> str:
    """A readable outline of the model, one node per line with its line number."""
    out: list[str] = []
    add = out.append
    try:
        profile_name = get_profile(report.profile).name
    except KeyError:  # pragma: no cover
        profile_name = report.profile
    add(f"report {report.path}  格式 {report.profile}（{profile_name}） 年度 {report.year or '?'}")
    if report.title:
        add(f"├─ title L{report.title_span.line if report.title_span else '?'}: {report.title}")
    if report.preamble:
        add(f"├─ preamble: {len(report.preamble)} 段 (L{report.preamble[0].span.line})")
    for p in report.parts:
        mark = "" if p.canonical else "  [未识别的标题]"
        add(f"├─ part {p.number}、{p.title} L{p.span.line}{mark}")
        for para in p.paragraphs:
            add(f"│   ├─ paragraph L{para.span.line}-{para.span.end_line}: {para.joined[:30]}…")
        for a in p.article_refs:
            add(f"│   ├─ article-ref L{a.span.line}: {a.text}")
        for s in p.subsections:
            add(f"│   ├─ subsection （{s.number}）{s.title} L{s.span.line}: {len(s.paragraphs)} 段")
    for t in report.tables.values():
        add(f"├─ table {t.id}「{t.title}」" + (f" L{t.span.line}" if t.span else " (未找到)"))
        for row in t.rows:
            vals = " ".join("—" if v is None else str(v) for v in row.values)
            where = f"L{row.span.line}" if row.span else "未找到"
            flag = "" if row.complete or not row.found else "  [不完整]"
            add(f"│   ├─ {row.label} [{where}]: {vals}{flag}")
    if report.findings:
        add(f"└─ findings: {len(report.findings)}")
        for f in report.findings:
            add(f"    ├─ L{f.span.line}:{f.span.column} {f.kind}: {f.message}")
    return "\n".join(out) + "\n"
