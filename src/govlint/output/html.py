"""``html``: one self-contained review page (no external assets: opens offline, from a file
share).  A summary across reports (per report and per rule, sortable, filterable by
severity); per report its findings — report defects apart from reading problems — its three
tables with the cells a finding involves highlighted (message on hover and click), and the
prose passages with the findings marked in context.

The page is rebuilt from the decoded texts the engine keeps (``Context.sources``): each report
is parsed again here, so nothing extra is held during the run.  Every piece of report text is
HTML-escaped and control characters are shown as visible symbols.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Report, Span, Table
from govlint.output import SEVERITY_LABEL, Context
from govlint.parsing.positions import LineIndex

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
PASSAGE_MAX = 600  # characters of context shown around a finding in a long paragraph


def esc(text: object) -> str:
    """HTML-escaped, control characters shown as their visible symbols (␇ for BEL …)."""
    s = html.escape(str(text), quote=True)
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", s)


@dataclass
class Item:
    """A diagnostic on the page: its id, and where it points (offsets into its report)."""

    id: str
    diag: Diagnostic
    reading: bool
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, message) in this report


def _offsets(index: LineIndex, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int]:
    starts = index.starts

    def at(ln: int, col: int) -> int:
        ln = max(1, min(ln, len(starts) - 1))
        return min(starts[ln - 1] + max(col, 1) - 1, index.length)

    s, e = at(line, column), at(end_line, end_column)
    return s, max(s, e)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1]:
        return b[0] <= a[0] < max(b[1], b[0] + 1)
    return max(a[0], b[0]) < min(a[1], b[1])


def _span_attr(s: Span) -> str:
    return f"{s.line}:{s.column}-{s.end_line}:{s.end_column}"


def render_html(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    from govlint.parsing import parse_text

    paths = sorted({d.path for d in diagnostics} | set(ctx.sources))
    items: dict[str, list[Item]] = defaultdict(list)
    by_id: list[Item] = []
    for n, d in enumerate(diagnostics, 1):
        rule = ctx.rules.get(d.code)
        item = Item(f"d{n}", d, bool(getattr(rule, "reading", False)))
        items[d.path].append(item)
        by_id.append(item)
    reports: dict[str, tuple[Report, LineIndex]] = {}
    for p in paths:
        if p in ctx.sources:
            text = ctx.sources[p]
            reports[p] = (parse_text(text, p), LineIndex(text))
    # where each diagnostic points, in every report on the page (related spans may be elsewhere)
    marks: dict[str, list[tuple[tuple[int, int], Item, str]]] = defaultdict(list)
    for item in by_id:
        d = item.diag
        targets = [(d.path, d.line, d.column, d.end_line, d.end_column, d.message)]
        targets += [(r.path or d.path, r.span.line, r.span.column, r.span.end_line, r.span.end_column,
                     f"相关：{r.message}") for r in d.related]
        for path, ln, col, eln, ecol, msg in targets:
            if path in reports:
                marks[path].append((_offsets(reports[path][1], ln, col, eln, ecol), item, msg))
    out = [_HEAD.replace("{style}", _STYLE)]
    out.append(_summary(paths, items, diagnostics, ctx, {p: r.year for p, (r, _) in reports.items()}))
    for i, p in enumerate(paths, 1):
        out.append(_report_section(i, p, reports.get(p), items.get(p, []), marks.get(p, [])))
    out.append('<div id="popup" role="dialog" hidden></div>\n<script>' + _SCRIPT + "</script>\n</body>\n</html>\n")
    return "".join(out)


# ------------------------------------------------------------------- summary


def _counts(its: Iterable[Item]) -> Counter[str]:
    c: Counter[str] = Counter()
    for it in its:
        c["reading" if it.reading else it.diag.severity.value] += 1
    return c


def _summary(paths: list[str], items: dict[str, list[Item]], diagnostics: Sequence[Diagnostic], ctx: Context,
             years: dict[str, int | None]) -> str:
    total = _counts(it for its in items.values() for it in its)
    sev = "，".join(f"{SEVERITY_LABEL[s]} {total.get(s.value, 0)}" for s in SEVERITIES)
    clean = max(0, ctx.files_checked - len([p for p in paths if items.get(p)]))
    out = ['<header><h1>政府信息公开工作年度报告审阅</h1>',
           f'<p class="summary">共检查 {ctx.files_checked} 个文件；报告问题：{sev}；'
           f'另有读取问题 {total.get("reading", 0)} 处（govlint 未能可靠读出的内容，不是报告本身的错误）。'
           + (f"{clean} 个文件未发现问题。" if clean else "") + "</p>",
           '<div id="filters">显示级别：'
           + "".join(f'<label><input type="checkbox" data-sev="{s.value}" checked> {SEVERITY_LABEL[s]}</label>'
                     for s in SEVERITIES)
           + '<label><input type="checkbox" data-sev="reading" checked> 读取问题</label></div></header>',
           '<section id="overview"><h2>按报告</h2>',
           '<table class="sortable" id="by-report"><thead><tr><th data-type="text">报告</th>'
           '<th data-type="num">年度</th>'
           + "".join(f'<th data-type="num" data-sev="{s.value}">{SEVERITY_LABEL[s]}</th>' for s in SEVERITIES)
           + '<th data-type="num" data-sev="reading">读取问题</th></tr></thead><tbody>']
    for i, p in enumerate(paths, 1):
        c = _counts(items.get(p, []))
        out.append(f'<tr><td><a href="#r{i}">{esc(p)}</a></td><td>{esc(years.get(p) or "")}</td>'
                   + "".join(f'<td data-sev="{s}">{c.get(s, 0)}</td>' for s in ("error", "warning", "info", "reading"))
                   + "</tr>")
    out.append('</tbody></table><h2>按规则</h2><table class="sortable" id="by-rule"><thead><tr>'
               '<th data-type="text">规则</th><th data-type="text">名称</th><th data-type="text">级别</th>'
               '<th data-type="num">问题数</th><th data-type="num">报告数</th></tr></thead><tbody>')
    per_rule: dict[tuple[str, str, str], list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        per_rule[(d.code, d.name, d.severity.value)].append(d)
    for (code, name, sv), ds in sorted(per_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rule = ctx.rules.get(code)
        shown = "reading" if getattr(rule, "reading", False) else sv
        out.append(f'<tr data-sev="{shown}"><td><code>{esc(code)}</code></td><td title="{esc(getattr(rule, "summary", ""))}">'
                   f'{esc(name)}</td><td>{esc(SEVERITY_LABEL[Severity(sv)])}</td><td>{len(ds)}</td>'
                   f"<td>{len({d.path for d in ds})}</td></tr>")
    out.append("</tbody></table></section>\n")
    return "".join(out)


# ------------------------------------------------------------------- one report


def _finding(it: Item) -> str:
    d = it.diag
    sev = "reading" if it.reading else d.severity.value
    label = "读取" if it.reading else SEVERITY_LABEL[d.severity]
    rel = "".join(f"<li>{esc(r.path or d.path)}:{r.span.line}:{r.span.column} {esc(r.message)}</li>" for r in d.related)
    return (f'<li class="finding sev-{sev}" id="{it.id}" data-sev="{sev}" data-code="{esc(d.code)}">'
            f'<span class="badge">{label}</span> <code>{esc(d.code)}</code> <span class="name">{esc(d.name)}</span> '
            f'<span class="pos">第 {d.line} 行第 {d.column} 列</span> <span class="msg">{esc(d.message)}</span>'
            + (f'<ul class="related">{rel}</ul>' if rel else "") + "</li>")


def _report_section(i: int, path: str, parsed: tuple[Report, LineIndex] | None, its: list[Item],
                    marks: list[tuple[tuple[int, int], Item, str]]) -> str:
    report = parsed[0] if parsed else None
    title = report.title if report is not None and report.title else path
    out = [f'<section class="report" id="r{i}" data-path="{esc(path)}"><h2>{esc(title)}</h2>'
           f'<p class="path">{esc(path)}</p>']
    defects = [it for it in its if not it.reading]
    reading = [it for it in its if it.reading]
    out.append("<h3>报告问题</h3>" + (f'<ol class="findings">{"".join(_finding(it) for it in defects)}</ol>'
                                     if defects else '<p class="none">未发现报告问题。</p>'))
    if reading:
        out.append('<h3>读取问题</h3><p class="note">以下是 govlint 未能可靠读出的内容（例如连写的数字、无法识别的文字），'
                   "不是报告本身的错误；请对照原件核实。</p>"
                   f'<ol class="findings reading">{"".join(_finding(it) for it in reading)}</ol>')
    if report is not None:
        used: set[int] = set()
        out.append("<h3>统计表</h3>")
        for t in report.tables.values():
            out.append(_table(report, t, parsed[1], marks, used))  # type: ignore[index]
        out.append(_passages(report, marks, used))
    out.append("</section>\n")
    return "".join(out)


def _hl(span: Span | None, marks: list[tuple[tuple[int, int], Item, str]], used: set[int]) -> tuple[str, str]:
    """(class attribute, data/title attributes) of a cell or label a finding involves."""
    if span is None:
        return "", ""
    hits = []
    for n, (rng, it, msg) in enumerate(marks):
        if _overlaps(rng, (span.start, span.end)):
            used.add(n)
            hits.append((it, msg))
    if not hits:
        return "", f' data-span="{_span_attr(span)}"'
    worst = max((it.diag.severity for it, _ in hits if not it.reading), key=lambda s: s.rank, default=None)
    sev = worst.value if worst is not None else "reading"
    ids = " ".join(dict.fromkeys(it.id for it, _ in hits))
    tip = "\n".join(dict.fromkeys(f"{it.diag.code} {msg}" for it, msg in hits))
    return f' class="hl sev-{sev}"', f' data-span="{_span_attr(span)}" data-diags="{ids}" title="{esc(tip)}" tabindex="0"'


def _table(report: Report, t: Table, index: LineIndex, marks: list[tuple[tuple[int, int], Item, str]],
           used: set[int]) -> str:
    from govlint.commands.export import column_labels

    labels = column_labels(report.profile, t.id)
    out = [f'<div class="stat" data-table="{esc(t.id)}"><h4>表{esc(t.id)} {esc(t.title)}'
           + ("" if t.found else '<span class="missing">（未找到）</span>') + "</h4>"]
    groups: list[tuple[tuple[str, ...], list]] = []  # rows with the same columns share one grid (表二's blocks)
    for row in t.rows:
        cols = tuple(c.column for c in row.cells)
        if not groups or groups[-1][0] != cols:
            groups.append((cols, []))
        groups[-1][1].append(row)
    for cols, rows in groups:
        head = "".join(f"<th>{esc(labels.get((rows[0].key, c)) or labels.get(('', c), c))}</th>" for c in cols)
        out.append(f"<table><thead><tr><th>项目</th>{head}</tr></thead><tbody>")
        for row in rows:
            # a finding on the row's label (not on its cells) marks the label
            label_span = row.span
            if row.span is not None and row.cells and any(c.span for c in row.cells):
                first = min(c.span.start for c in row.cells if c.span)
                label_span = index.span(row.span.start, max(row.span.start, first)) if first > row.span.start else None
            cls, attrs = _hl(label_span, marks, used) if label_span is not None else ("", "")
            cells = []
            for c in row.cells:
                ccls, cattrs = _hl(c.span, marks, used)
                shown = c.raw if c.raw else ("" if c.value is None else str(c.value))
                cells.append(f'<td{ccls or ""} data-row="{esc(row.key)}" data-col="{esc(c.column)}"{cattrs}>{esc(shown)}</td>')
            missing = "" if row.found else ' class="row-missing" title="报告中未找到此行"'
            out.append(f'<tr{missing}><th{cls}{attrs} data-row="{esc(row.key)}">{esc(row.label)}</th>{"".join(cells)}</tr>')
        out.append("</tbody></table>")
    out.append("</div>")
    return "".join(out)


def _passages(report: Report, marks: list[tuple[tuple[int, int], Item, str]], used: set[int]) -> str:
    """The paragraphs (else the source lines) holding findings not shown in a table, marked."""
    text = report.text
    paras = [(p.span.start, p.span.end) for p in report.paragraphs]
    blocks: dict[tuple[int, int], list[tuple[tuple[int, int], Item, str]]] = defaultdict(list)
    for n, (rng, it, msg) in enumerate(marks):
        if n in used:
            continue
        block = next((p for p in paras if p[0] <= rng[0] < p[1]), None)
        if block is None:  # a heading, the title …: its line(s)
            lo = text.rfind("\n", 0, rng[0]) + 1
            hi = text.find("\n", max(rng[1], rng[0] + 1) - 1)
            block = (lo, len(text) if hi == -1 else hi)
        blocks[block].append((rng, it, msg))
    if not blocks:
        return ""
    out = ["<h3>正文中的问题</h3>"]
    for (lo, hi), ms in sorted(blocks.items()):
        ms.sort(key=lambda m: m[0])
        a, b = lo, hi
        if hi - lo > PASSAGE_MAX:  # long paragraphs: a window around the findings
            a = max(lo, ms[0][0][0] - PASSAGE_MAX // 3)
            b = min(hi, max(m[0][1] for m in ms) + PASSAGE_MAX // 3)
        parts, pos = [], a
        for (s, e), it, msg in ms:
            s, e = max(s, pos), min(max(e, s), b)
            parts.append(esc(text[pos:s]))
            sev = "reading" if it.reading else it.diag.severity.value
            parts.append(f'<mark class="hl sev-{sev}" data-diags="{it.id}" title="{esc(it.diag.code + " " + msg)}" '
                         f'tabindex="0">{esc(text[s:e]) or "␣"}</mark>')
            pos = e
        parts.append(esc(text[pos:b]))
        ids = " ".join(dict.fromkeys(it.id for _, it, _ in ms))
        out.append(f'<blockquote class="passage" data-diags="{ids}">{"…" if a > lo else ""}{"".join(parts)}'
                   f'{"…" if b < hi else ""}</blockquote>')
    return "".join(out)


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>govlint 审阅页</title>
<style>{style}</style>
</head>
<body>
"""

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc}h4{margin:.8em 0 .3em}
table{border-collapse:collapse;margin:.3em 0 1em}th,td{border:1px solid #bbb;padding:2px 6px;font-size:.9em}
thead th{background:#f0f0f0}.sortable thead th{cursor:pointer}.sortable th[aria-sort=ascending]::after{content:" ▲"}
.sortable th[aria-sort=descending]::after{content:" ▼"}.stat td{text-align:right;min-width:2.5em}
.stat tbody th{text-align:left;font-weight:normal;max-width:28em}.row-missing{color:#999}
.hl{cursor:pointer;outline:2px solid}.sev-error.hl{background:#fdd;outline-color:#c00}
.sev-warning.hl{background:#fff1c2;outline-color:#d90}.sev-info.hl{background:#dff0ff;outline-color:#38c}
.sev-reading.hl{background:#eee;outline:2px dashed #777}.hl.off{background:none;outline:none}
.badge{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;font-size:.8em}
.sev-error .badge{background:#c00}.sev-warning .badge{background:#d90}.sev-info .badge{background:#38c}
.sev-reading .badge{background:#777}.pos{color:#666;font-size:.85em}.path{color:#666;font-family:monospace}
.note{color:#555;font-size:.9em}blockquote.passage{border-left:4px solid #ccc;margin:.5em 0;padding:.3em .8em;white-space:pre-wrap}
mark{padding:0 1px}.finding.flash{background:#ffe}.missing{color:#c00;font-weight:normal}
#filters label{margin-right:1em}#popup{position:absolute;z-index:10;max-width:32em;background:#fff;border:1px solid #888;
box-shadow:2px 2px 6px rgba(0,0,0,.3);padding:.5em .8em;font-size:.9em}#popup[hidden]{display:none}
.hidden{display:none}#by-report tr.dim{color:#aaa}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  function cellValue(row, i) { return row.cells[i] ? row.cells[i].textContent.trim() : ""; }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.dataset.type === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  function shown() {
    var on = {};
    document.querySelectorAll("#filters input").forEach(function (b) { on[b.dataset.sev] = b.checked; });
    return on;
  }
  function applyFilter() {
    var on = shown();
    document.querySelectorAll(".finding").forEach(function (li) { li.classList.toggle("hidden", !on[li.dataset.sev]); });
    document.querySelectorAll("#by-rule tbody tr").forEach(function (tr) { tr.classList.toggle("hidden", !on[tr.dataset.sev]); });
    document.querySelectorAll("[data-diags].hl").forEach(function (el) {
      var any = el.dataset.diags.split(" ").some(function (id) {
        var li = document.getElementById(id); return li && !li.classList.contains("hidden");
      });
      el.classList.toggle("off", !any);
    });
    document.querySelectorAll("#by-report tbody tr").forEach(function (tr) {
      var n = 0;
      tr.querySelectorAll("td[data-sev]").forEach(function (td) { if (on[td.dataset.sev]) { n += parseInt(td.textContent, 10) || 0; } });
      tr.classList.toggle("dim", n === 0);
    });
  }
  document.querySelectorAll("#filters input").forEach(function (b) { b.addEventListener("change", applyFilter); });
  var popup = document.getElementById("popup");
  function openPopup(el) {
    popup.textContent = "";
    el.dataset.diags.split(" ").forEach(function (id) {
      var li = document.getElementById(id);
      if (!li || li.classList.contains("hidden")) { return; }
      var p = document.createElement("p");
      var a = document.createElement("a");
      a.href = "#" + id;
      a.textContent = li.querySelector("code").textContent;
      p.appendChild(a);
      p.appendChild(document.createTextNode(" " + li.querySelector(".msg").textContent));
      popup.appendChild(p);
    });
    var r = el.getBoundingClientRect();
    popup.style.left = (window.scrollX + r.left) + "px";
    popup.style.top = (window.scrollY + r.bottom + 4) + "px";
    popup.hidden = popup.childNodes.length === 0;
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-diags].hl") : null;
    if (el) { openPopup(el); ev.stopPropagation(); return; }
    if (!popup.contains(ev.target)) { popup.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { popup.hidden = true; }
    if (ev.key === "Enter" && document.activeElement && document.activeElement.matches("[data-diags].hl")) {
      openPopup(document.activeElement);
    }
  });
  applyFilter();
  document.body.dataset.ready = "1";
})();
"""
