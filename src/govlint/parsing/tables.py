"""Table assembly: map the text of parts 二, 三 and 四 onto the profile's canonical tables.

The text of a table region is cut into tokens — label text, numbers, placeholders — whatever
the layout (tabs, spaces, one cell per line, wrapped labels, markdown pipes, one line for
everything).  Labels are matched by normalised text (:func:`govlint.text.normalise_label`):
a row is the canonical label that ends the label text read since the last numbers, so
row-spanning group labels (三、本年度办理结果, （三）不予公开 …) and noise in front of a label do
not matter.  Numbers following a label belong to its row, across line breaks, until the next
label.  Values are never invented: a row with too few values keeps what it has and is marked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from govlint.interpret.tokens import tokens_from_text
from govlint.model import Cell, Finding, Number, Report, Row, Span, Table
from govlint.parsing.fused import FusedRow, Resolution, resolve, segmentations
from govlint.parsing.positions import LineIndex
from govlint.profile import CellRef, Profile, Relation, RowSpec, TableSpec
from govlint.text import normalise_label

PLACEHOLDERS = frozenset({"/", "／", "—", "——", "-", "－", "–", "无", "\\", "、"})
_NUM = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NUM_FULL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_CHUNK = re.compile(r"[^\s|]+")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# a cell where a number should be, but OCR read letters or full-width/Chinese digits: "O", "l0", "１２", "〇"
_INVALID = re.compile(r"(?:[0-9]*[OoIl][0-9OoIl]*|[０-９]+|〇)\Z")
_UNIT_AFTER = tuple("年月日件条号%项个次人万元")


@dataclass(slots=True)
class Tok:
    kind: str  # "T" text, "N" number, "P" placeholder
    text: str
    start: int
    end: int
    glued: bool = False  # a number glued to text in the source (one-line / fused layouts)


@dataclass(slots=True)
class _Collected:
    spec: RowSpec
    label_start: int
    label_end: int
    raw_label: str
    values: list[Tok] = field(default_factory=list)


# ----------------------------------------------------------------------------- tokens


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the physical lines in text[start:end]."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop
        pos = stop + 1


# lines that carry no table content: blank, page footers (— 4 —), markdown rules (|---|), headings (#)
_SKIP = re.compile(r"[ \t\u3000]*(?:$|[-—–－][ \t]*[0-9]+[ \t]*[-—–－][ \t]*$|\|?[ \t]*:?-{3,}|#)")


_KIND = {"text": "T", "number": "N", "placeholder": "P", "invalid": "X", "empty": "P", "row-open": "S",
         "row-close": "B"}


def tokenise(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end] (see :mod:`govlint.interpret.tokens`), in this module's form."""
    return [Tok(_KIND[t.kind.value], t.text, t.start, t.end, t.glued) for t in tokens_from_text(text, start, end)]


# ----------------------------------------------------------------------------- matching


@lru_cache(maxsize=512)
def _label_keys(spec: RowSpec) -> tuple[str, ...]:
    return tuple(normalise_label(x) for x in (spec.label, *spec.aliases))


@lru_cache(maxsize=64)
def _known_chars(tspec: TableSpec) -> frozenset[str]:
    words = [r.label for r in tspec.rows] + [g[1] for g in tspec.groups] + list(tspec.header_words)
    words += [tspec.note, tspec.title, "信息内容", "第二十条第项一五六八九", "单位万元", "表二三四"]
    words += [c for b in tspec.blocks for c in b.columns]
    return frozenset("".join(normalise_label(w) for w in words))


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio()


class _Matcher:
    def __init__(self, tspec: TableSpec) -> None:
        self.tspec = tspec
        self.keys = [(spec, k) for spec in tspec.rows for k in _label_keys(spec)]
        self.order = {spec.key: i for i, spec in enumerate(tspec.rows)}

    def match(self, buffer_key: str, filled: set[str], last_index: int) -> tuple[RowSpec | None, int, bool]:
        """(row, length of the matched key in the buffer, exact?)."""
        best: tuple[RowSpec, int] | None = None
        for spec, k in self.keys:
            if k and buffer_key.endswith(k) and (best is None or len(k) > best[1]):
                best = (spec, len(k))
        if best is not None:
            return best[0], best[1], True
        # garbled label (OCR): accept the next expected rows if the text's tail is close
        tail_best: tuple[RowSpec, int, float] | None = None
        for spec in self.tspec.rows[last_index + 1 : last_index + 4]:
            if spec.key in filled:
                continue
            for k in _label_keys(spec):
                tail = buffer_key[-len(k) :] if len(buffer_key) >= len(k) else buffer_key
                if len(tail) < 2:
                    continue
                r = _similar(tail, k)
                if r >= 0.6 and (tail_best is None or r > tail_best[2]):
                    tail_best = (spec, len(tail), r)
        if tail_best is not None:
            return tail_best[0], tail_best[1], False
        return None, 0, False


@lru_cache(maxsize=64)
def _matcher(tspec: TableSpec) -> _Matcher:
    return _Matcher(tspec)


# ----------------------------------------------------------------------------- assembly


def _region(report: Report, tspec: TableSpec) -> tuple[int, int, Span | None]:
    """Offsets of the text holding table ``tspec`` and the heading that opens it (if any)."""
    text = report.text
    part = report.part(tspec.part)
    if part is not None and part.body_span is not None:
        return part.span.end, part.body_span.end, part.span
    # no such part: the text between its neighbours
    before = [p for p in report.parts if p.canonical and p.canonical < tspec.part and p.body_span]
    after = [p for p in report.parts if p.canonical and p.canonical > tspec.part]
    start = before[-1].span.end if before else 0
    if before and before[-1].canonical in (2, 3, 4):
        start = before[-1].body_span.end if before[-1].body_span else start
    end = after[0].span.start if after else len(text)
    if not after and before and before[-1].canonical in (2, 3, 4):
        return end, end, None
    if not after and not before:
        return 0, len(text), None
    return start, end, None


def _cell(tok: Tok, ckey: str, where: Callable[[], str], tspec: TableSpec, row_key: str, idx: LineIndex,
          findings: list[Finding]) -> Cell:
    """The cell for a value token; a placeholder or an unreadable value is also a finding
    (``where`` names the cell in the message, computed only then)."""
    sp = idx.span(tok.start, tok.end)
    if tok.kind == "N":
        raw = tok.text
        return Cell(ckey, raw, Decimal(raw) if "." in raw else int(raw), sp)
    data = {"table": tspec.id, "row": row_key, "column": ckey, "raw": tok.text}
    if tok.kind == "P":
        findings.append(Finding(
            "value-placeholder",
            where() + (f"填写为「{tok.text}」" if tok.text else "为空") + "，应填写数字（无则填 0）", sp, data))
        return Cell(ckey, tok.text, None, sp, tok.text)
    if tok.kind == "X":
        findings.append(Finding(
            "value-invalid", f"{where()}填写为「{tok.text}」，不是数字（可能是识别错误，请核对原文），按缺失处理", sp, data))
        return Cell(ckey, tok.text, None, sp)
    return Cell(ckey, tok.text, None, sp)  # pragma: no cover - every value token kind is handled


def _is_fused(values: list[Tok], n: int, spec: RowSpec | None = None) -> bool:
    """Too few numbers, but digit runs that cannot be single numbers (leading zeros) or
    one long run: a fused row (web scrapes) rather than a missing value.  A minus sign is
    allowed where the row has a signed column (本年增/减), a decimal where it has money."""
    signed = bool(spec and spec.signed_columns)
    money = bool(spec and spec.money_columns)
    if len(values) >= n:
        return False
    for t in values:
        if t.kind != "N" or (t.text.startswith("-") and not signed) or ("." in t.text and not money):
            return False
    digits = sum(len(_digits_of(t.text)) for t in values)
    if digits < n:
        return False
    return any(len(t.text) > 1 and t.text.startswith("0") for t in values) or len(values) == 1 or any(
        t.glued for t in values
    )


def _digits_of(token: str) -> str:
    """The integer digits of a number token: "-18538" → "18538", "395.90" → "395"."""
    return token.lstrip("-").split(".", 1)[0]


def _restore(token_texts: Sequence[str], values: Sequence[int]) -> list[Number]:
    """Put back what was taken off the digit runs before splitting: the minus sign belongs to
    the first value of its run, the decimal part to the last."""
    out: list[Number] = []
    vi = 0
    for tok in token_texts:
        digits = _digits_of(tok)
        start = vi
        used = 0
        while vi < len(values) and used < len(digits):
            used += len(str(values[vi]))
            vi += 1
        chunk: list[Number] = list(values[start:vi])
        if chunk and tok.startswith("-"):
            chunk[0] = -chunk[0]
        if chunk and "." in tok:
            chunk[-1] = Decimal(f"{chunk[-1]}.{tok.split('.', 1)[1]}")
        out.extend(chunk)
    out.extend(values[vi:])
    return out


def assemble_tables(report: Report, prof: Profile, idx: LineIndex) -> None:
    for tspec in prof.tables:
        start, end, heading = _region(report, tspec)
        if tspec.single_line:
            table = _assemble_single_line(report, tspec, idx, start, end, heading)
        else:
            table = _assemble_rows(report, tspec, prof, idx, start, end, heading)
        report.tables[tspec.id] = table


def _empty_row(spec: RowSpec) -> Row:
    return Row(spec.key, spec.label, [Cell(c, "", None) for c in spec.columns])


def _assemble_rows(
    report: Report, tspec: TableSpec, prof: Profile, idx: LineIndex, start: int, end: int, heading: Span | None
) -> Table:
    text = report.text
    toks = tokenise(text, start, end)
    matcher = _matcher(tspec)
    known = _known_chars(tspec)
    collected: dict[str, _Collected] = {}
    buffer: list[Tok] = []
    last_index = -1
    findings = report.findings

    def flush_numbers_without_label(nums: list[Tok]) -> None:
        if nums:
            sp = idx.span(nums[0].start, nums[-1].end)
            findings.append(
                Finding(
                    "unrecognised-line",
                    f"表{tspec.id}中的数值「{' '.join(t.text for t in nums)}」前没有可识别的行标签，未采用",
                    sp,
                    {"table": tspec.id, "text": " ".join(t.text for t in nums)},
                )
            )

    has_md = any(t.kind == "S" for t in toks)
    in_md = False
    # reading order of the records: ("L", row key) or ("U", numbers without a label)
    sequence: list[tuple[str, str | list[Tok]]] = []
    i = 0
    n_toks = len(toks)
    while i < n_toks:
        tok = toks[i]
        if tok.kind == "T":
            buffer.append(tok)
            i += 1
            continue
        if tok.kind in ("S", "B"):
            # a markdown line is a record of its own: labels floating around it are not its label
            in_md = tok.kind == "S"
            buffer = []
            i += 1
            continue
        # a run of numbers
        j = i
        while j < n_toks and toks[j].kind in ("N", "P", "X"):
            j += 1
        nums = toks[i:j]
        i = j
        if in_md and not buffer:
            sequence.append(("U", nums))
            continue
        if has_md and not in_md and buffer and "\n" in text[buffer[-1].end : nums[0].start]:
            # in a markdown region, a loose number line belongs to no label
            flush_numbers_without_label(nums)
            buffer = []
            continue
        buffer_key = normalise_label("".join(t.text for t in buffer))
        spec, matched_len, exact = matcher.match(buffer_key, set(collected), last_index)
        if spec is None:
            flush_numbers_without_label(nums)
            buffer = []
            continue
        # which buffer tokens make up the label?
        label_toks = _tail_tokens(buffer, matched_len)
        prefix = buffer[: len(buffer) - len(label_toks)]
        _noise(prefix, known, tspec, idx, findings)
        raw_label = "".join(t.text for t in label_toks)
        lstart = label_toks[0].start if label_toks else nums[0].start
        lend = label_toks[-1].end if label_toks else nums[0].start
        if not exact:
            findings.append(
                Finding(
                    "unrecognised-line",
                    f"表{tspec.id}中的行标签「{raw_label}」无法完全识别，按顺序视为「{spec.label}」",
                    idx.span(lstart, lend),
                    {"table": tspec.id, "row": spec.key, "text": raw_label},
                )
            )
        if spec.key in collected:
            first = collected[spec.key]
            findings.append(
                Finding(
                    "row-duplicate",
                    f"表{tspec.id}的行「{spec.label}」重复出现（首次在第 {idx.position(first.label_start)[0]} 行），"
                    "重复的一行未采用",
                    idx.span(lstart, nums[-1].end),
                    {"table": tspec.id, "row": spec.key},
                )
            )
        else:
            collected[spec.key] = _Collected(spec, lstart, lend, raw_label, list(nums))
            last_index = matcher.order[spec.key]
            sequence.append(("L", spec.key))
        buffer = []

    if any(kind == "U" for kind, _ in sequence):
        _fill_gaps(sequence, collected, matcher, tspec, idx, findings, flush_numbers_without_label)

    if collected and "tot" in tspec.column_keys:
        first_label = min(c.label_start for c in collected.values())
        if "小计" in normalise_label(text[start:first_label]):
            _drop_subtotal_column(collected, tspec, idx, findings)

    rows: list[Row] = []
    fused_pending: list[tuple[Row, _Collected]] = []
    for spec in tspec.rows:
        col = collected.get(spec.key)
        if col is None:
            rows.append(_empty_row(spec))
            continue
        row = _row_from(col, tspec, idx, findings, fused_pending)
        rows.append(row)

    found = bool(collected)
    table_span: Span | None = None
    if found:
        first_start = min(c.label_start for c in collected.values())
        last_end = max((c.values[-1].end if c.values else c.label_end) for c in collected.values())
        table_span = idx.span(heading.start if heading else first_start, last_end)
    table = Table(tspec.id, tspec.title, list(tspec.column_keys), rows, table_span)
    if fused_pending:
        _resolve_fused(table, tspec, prof, fused_pending, idx, findings, _prose_hints(report, tspec))
    _report_missing(report, table, tspec, heading, idx, start)
    return table


def _fill_gaps(sequence: list[tuple[str, str | list[Tok]]], collected: dict[str, _Collected], matcher: _Matcher,
               tspec: TableSpec, idx: LineIndex, findings: list[Finding], reject) -> None:  # type: ignore[no-untyped-def]
    """Markdown tables broken by a PDF converter leave value lines without their label (the
    label floats elsewhere).  Between two labelled rows, if exactly as many unlabelled value
    lines stand as official rows are missing there, they are those rows, in the official
    order; the finding says so.  Otherwise they are not used."""
    order = matcher.order
    pending: list[list[Tok]] = []
    before = -1

    def settle(after: int) -> None:
        if not pending:
            return
        missing = [spec for spec in tspec.rows[before + 1 : after] if spec.key not in collected]
        if len(missing) == len(pending):
            for spec, nums in zip(missing, pending):
                collected[spec.key] = _Collected(spec, nums[0].start, nums[0].start, "", list(nums))
            findings.append(
                Finding(
                    "row-inferred",
                    f"表{tspec.id}中有 {len(pending)} 行数值没有行标签（标签错位），按官方行序推定为："
                    + "、".join(f"「{spec.label}」" for spec in missing),
                    idx.span(pending[0][0].start, pending[-1][-1].end),
                    {"table": tspec.id, "rows": [spec.key for spec in missing]},
                )
            )
        else:
            for nums in pending:
                reject(nums)
        pending.clear()

    for kind, item in sequence:
        if kind == "U":
            assert isinstance(item, list)
            pending.append(item)
        else:
            assert isinstance(item, str)
            settle(order[item])
            before = order[item]
    settle(len(tspec.rows))


def _drop_subtotal_column(collected: dict[str, _Collected], tspec: TableSpec, idx: LineIndex,
                          findings: list[Finding]) -> None:
    """Some reports add a 法人或其他组织 小计 column before 总计 (not in the format).  In a row
    with one value too many, the value before the total is that subtotal when it equals the
    sum of the 法人或其他组织 columns (all but the first and the total): it is dropped, and one
    finding says so.  A row where it does not add up is left alone (and reported as too long)."""
    n = len(tspec.column_keys)
    dropped: list[Tok] = []
    for col in collected.values():
        vals = col.values
        if len(vals) != n + 1 or any(t.kind != "N" or not t.text.isdigit() for t in vals):
            continue
        nums = [int(t.text) for t in vals]
        if nums[n - 1] == sum(nums[1 : n - 1]):
            dropped.append(vals[n - 1])
            col.values = vals[: n - 1] + vals[n:]
    if dropped:
        findings.append(
            Finding(
                "extra-column",
                f"表{tspec.id}多了一列「小计」（法人或其他组织小计，格式中没有这一列），"
                f"已在 {len(dropped)} 行中去掉该列后读取",
                idx.span(dropped[0].start, dropped[0].end),
                {"table": tspec.id, "column": "小计", "rows": len(dropped)},
            )
        )


def _tail_tokens(buffer: list[Tok], key_len: int) -> list[Tok]:
    """The shortest tail of ``buffer`` whose normalised text covers ``key_len`` characters."""
    acc = 0
    k = len(buffer)
    while k > 0 and acc < key_len:
        k -= 1
        acc += len(normalise_label(buffer[k].text))
    return buffer[k:]


def _noise(prefix: list[Tok], known: frozenset[str], tspec: TableSpec, idx: LineIndex,
           findings: list[Finding]) -> None:
    """Text before a row label that belongs to no label, header or note (OCR noise)."""
    for t in prefix:
        key = normalise_label(t.text)
        if not key:
            continue
        odd = [c for c in key if c not in known]
        if odd and len(odd) * 2 >= len(key):
            findings.append(
                Finding(
                    "unrecognised-line",
                    f"表{tspec.id}中有无法识别的文字「{t.text}」（可能是识别噪声），已忽略",
                    idx.span(t.start, t.end),
                    {"table": tspec.id, "text": t.text},
                )
            )


def _row_from(col: _Collected, tspec: TableSpec, idx: LineIndex, findings: list[Finding],
              fused_pending: list[tuple[Row, _Collected]]) -> Row:
    spec = col.spec
    n = len(spec.columns)
    vals = col.values
    while len(vals) > n and vals[-1].kind == "P" and vals[-1].text == "":
        vals = vals[:-1]  # trailing empty markdown cells of a too-wide table
    span = idx.span(col.label_start, vals[-1].end if vals else col.label_end)
    row = Row(spec.key, spec.label, [], span, col.raw_label, complete=False)
    if len(vals) == n:
        row.complete = True
        for ckey, tok in zip(spec.columns, vals):
            row.cells.append(_cell(tok, ckey, _where(tspec, spec, ckey), tspec, spec.key, idx, findings))
        return row
    if _is_fused(vals, n, spec):
        row.cells = [Cell(c, "", None) for c in spec.columns]
        fused_pending.append((row, col))
        return row
    if len(vals) < n:
        for ckey, tok in zip(spec.columns, vals):
            row.cells.append(_cell(tok, ckey, _where(tspec, spec, ckey), tspec, spec.key, idx, findings))
        for ckey in spec.columns[len(vals) :]:
            row.cells.append(Cell(ckey, "", None))
        findings.append(
            Finding(
                "row-short",
                f"表{tspec.id}的行「{spec.label}」只有 {len(vals)} 个数值，应有 {n} 个；"
                "缺少哪一列无法确定，该行数值不参与核算",
                span,
                {"table": tspec.id, "row": spec.key, "found": len(vals), "expected": n,
                 "values": [t.text for t in vals]},
            )
        )
        return row
    row.cells = [Cell(c, "", None) for c in spec.columns]
    findings.append(
        Finding(
            "row-long",
            f"表{tspec.id}的行「{spec.label}」有 {len(vals)} 个数值，应有 {n} 个；无法确定对应关系，未采用",
            span,
            {"table": tspec.id, "row": spec.key, "found": len(vals), "expected": n,
             "values": [t.text for t in vals]},
        )
    )
    return row


def _where(tspec: TableSpec, spec: RowSpec, ckey: str) -> Callable[[], str]:
    return lambda: f"表{tspec.id}「{spec.label}」的{_col_name(tspec, spec, ckey)}"


def _col_name(tspec: TableSpec, spec: RowSpec, ckey: str) -> str:
    if tspec.blocks:
        for b in tspec.blocks:
            if ckey in b.column_keys and spec in b.rows:
                return "「" + b.columns[b.column_keys.index(ckey)] + "」"
    if ckey in tspec.column_keys and len(tspec.columns) == len(tspec.column_keys):
        return "「" + tspec.columns[tspec.column_keys.index(ckey)] + "」列"
    return ckey


def _report_missing(report: Report, table: Table, tspec: TableSpec, heading: Span | None, idx: LineIndex,
                    start: int) -> None:
    if not table.found:
        at = heading or idx.span(start, start)
        where = f"第{['', '一', '二', '三', '四', '五', '六'][tspec.part]}部分"
        report.findings.append(
            Finding("table-missing", f"未找到表{tspec.id}「{tspec.title}」（应在{where}）", at,
                    {"table": tspec.id})
        )
        return
    assert table.span is not None
    missing = [row for row in table.rows if not row.found]
    at = heading or table.span
    if len(missing) > 3:
        # one finding for a table that is mostly absent (a fragment), not one per row
        report.findings.append(
            Finding(
                "row-missing",
                f"表{tspec.id}中未找到 {len(missing)} 行：" + "、".join(f"「{r.label}」" for r in missing),
                at,
                {"table": tspec.id, "rows": [r.key for r in missing]},
            )
        )
        return
    for row in missing:
        report.findings.append(
            Finding("row-missing", f"表{tspec.id}中未找到行「{row.label}」", at, {"table": tspec.id, "row": row.key})
        )


# ----------------------------------------------------------------------------- table 四


def _assemble_single_line(
    report: Report, tspec: TableSpec, idx: LineIndex, start: int, end: int, heading: Span | None
) -> Table:
    """表四: a header, then the three groups' 15 numbers side by side (one line)."""
    toks = tokenise(report.text, start, end)
    runs: list[list[Tok]] = []
    before: list[str] = []  # the text just before each run
    cur: list[Tok] = []
    text_since: list[str] = []
    for t in toks:
        if t.kind in ("T", "S", "B"):
            if cur:
                runs.append(cur)
                before.append(normalise_label("".join(text_since)))
                cur = []
                text_since = []
            if t.kind == "T":
                text_since.append(t.text)
        elif t.text or cur:  # a soft empty markdown cell does not open a run
            cur.append(t)
    if cur:
        runs.append(cur)
        before.append(normalise_label("".join(text_since)))
    n_cols = len(tspec.column_keys)
    total = n_cols * len(tspec.rows)
    rows = [_empty_row(spec) for spec in tspec.rows]
    table = Table(tspec.id, tspec.title, list(tspec.column_keys), rows, None)
    if not runs:
        _report_missing(report, table, tspec, heading, idx, start)
        return table
    exact = [r for r in runs if len(r) == total]
    if not exact and _labelled_groups(report, table, tspec, runs, before, idx, heading):
        return table
    chosen = exact[-1] if exact else max(runs, key=lambda r: (sum(len(t.text) for t in r), len(r)))
    for r in runs[: runs.index(chosen)]:  # what follows the data line is not the table
        report.findings.append(
            Finding(
                "unrecognised-line",
                f"表{tspec.id}表头中有无法识别的数值「{' '.join(t.text for t in r)}」，已忽略",
                idx.span(r[0].start, r[-1].end),
                {"table": tspec.id},
            )
        )
    table.span = idx.span(heading.start if heading else chosen[0].start, chosen[-1].end)
    if len(chosen) == total:
        for gi, row in enumerate(rows):
            group = chosen[gi * n_cols : (gi + 1) * n_cols]
            row.span = idx.span(group[0].start, group[-1].end)
            row.raw_label = tspec.rows[gi].label
            row.complete = True
            row.cells = []
            for ckey, tok in zip(tspec.column_keys, group):
                row.cells.append(
                    _cell(tok, ckey, _where(tspec, tspec.rows[gi], ckey), tspec, row.key, idx, report.findings))
        return table
    if _is_fused(chosen, total):
        _resolve_fused_single(report, table, tspec, chosen, idx)
        return table
    report.findings.append(
        Finding(
            "row-short" if len(chosen) < total else "row-long",
            f"表{tspec.id}读到 {len(chosen)} 个数值，应为 {total} 个（{len(tspec.rows)} 组 × {n_cols}）；"
            "无法确定对应关系，未采用",
            idx.span(chosen[0].start, chosen[-1].end),
            {"table": tspec.id, "found": len(chosen), "expected": total, "values": [t.text for t in chosen]},
        )
    )
    for row in rows:
        row.span = idx.span(chosen[0].start, chosen[-1].end)
    return table


def _labelled_groups(report: Report, table: Table, tspec: TableSpec, runs: list[list[Tok]], before: list[str],
                     idx: LineIndex, heading: Span | None) -> bool:
    """表四 printed one group per line (``行政复议 0 0 0 0 0`` …): runs of five numbers right
    after a group label.  True when every group was found this way."""
    n_cols = len(tspec.column_keys)
    found: dict[str, list[Tok]] = {}
    for run, text in zip(runs, before):
        if len(run) != n_cols:
            continue
        for spec in tspec.rows:
            if text.endswith(normalise_label(spec.label)) and spec.key not in found:
                found[spec.key] = run
                break
    if len(found) != len(tspec.rows):
        return False
    for spec, row in zip(tspec.rows, table.rows):
        group = found[spec.key]
        row.span = idx.span(group[0].start, group[-1].end)
        row.raw_label = spec.label
        row.complete = True
        row.cells = [
            _cell(tok, ckey, _where(tspec, spec, ckey), tspec, row.key, idx, report.findings)
            for ckey, tok in zip(tspec.column_keys, group)
        ]
    first = min(r.span.start for r in table.rows if r.span)
    last = max(r.span.end for r in table.rows if r.span)
    table.span = idx.span(heading.start if heading else first, last)
    return True


# ----------------------------------------------------------------------------- fused digits


def _fixed_values(table: Table) -> dict[str, dict[str, int | None]]:
    out: dict[str, dict[str, int | None]] = {}
    for row in table.rows:
        if row.complete:
            out[row.key] = {c.column: (c.value if isinstance(c.value, int) else None) for c in row.cells}
    return out


# Prose that states a 表二 cell: "现行有效行政规范性文件698件", "本年度制发的规范性文件88件".
# Keyed by the column header they confirm, so they apply only to a format with that column.
_PROSE_HINTS: dict[str, re.Pattern[str]] = {
    "本年制发件数": re.compile(r"(?:新制发|制发|制定|出台|印发)(?:了|的)?(?:行政)?规范性文件(?:共|为)?([0-9]+)件"),
    "本年废止件数": re.compile(r"(?:失效废止|废止)(?:了|的)?(?:行政)?规范性文件(?:共|为)?([0-9]+)件"),
    "现行有效件数": re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共|为)?([0-9]+)件"),
}


def _prose_hints(report: Report, tspec: TableSpec) -> dict[tuple[str, str], int]:
    """Cell values the prose states unambiguously (one value per cell), for choosing between
    the splits of a fused digit run that the table's arithmetic cannot decide."""
    if not tspec.blocks:
        return {}
    flat = re.sub(r"\s+", "", report.text)
    hints: dict[tuple[str, str], int] = {}
    for block in tspec.blocks:
        for header, ckey in zip(block.columns, block.column_keys):
            pattern = _PROSE_HINTS.get(header)
            if pattern is None:
                continue
            found = {int(m.group(1)) for m in pattern.finditer(flat)}
            if len(found) == 1:
                for row in block.rows:
                    if row.key == "norm":
                        hints[(row.key, ckey)] = found.pop()
                        break
    return hints


def _resolve_fused(table: Table, tspec: TableSpec, prof: Profile, pending: list[tuple[Row, _Collected]],
                   idx: LineIndex, findings: list[Finding], hints: dict[tuple[str, str], int] | None = None) -> None:
    frows = [
        FusedRow(row.key, tuple(_digits_of(t.text) for t in col.values), len(col.spec.columns), col.spec.columns)
        for row, col in pending
    ]
    try:
        res = resolve(tspec.id, _fixed_values(table), frows, prof.relations_for(tspec.id))
    except Exception as exc:  # pragma: no cover - the solver is bounded; never let it sink a parse
        res = {}
        findings.append(Finding("digits-unsplittable", f"拆分连写数字时出错：{exc}", table.span or Span(1, 1, 1, 1)))
    for row, col in pending:
        r = res.get(row.key)
        confirmed = _confirm_by_prose(row.key, col, r, hints or {})
        if confirmed is not None:
            r = Resolution("unique", confirmed, (confirmed,))
            raw = " ".join(t.text for t in col.values)
            said = "、".join(f"{_col_name(tspec, col.spec, ck)} {v}" for (rk, ck), v in (hints or {}).items()
                            if rk == row.key)
            findings.append(
                Finding(
                    "digits-recovered",
                    f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，表内关系无法确定拆分；正文写明{said}，"
                    f"据此唯一拆分为 {' / '.join(map(str, confirmed))}",
                    idx.span(col.values[0].start, col.values[-1].end),
                    {"table": tspec.id, "row": row.key, "raw": raw, "values": list(confirmed), "by": "prose"},
                )
            )
            row.cells = _cells_from_split(row, col.values, list(confirmed), idx)
            row.complete = True
            continue
        if r is not None and any(t.text.startswith("-") or "." in t.text for t in col.values):
            texts = [t.text for t in col.values]
            r = Resolution(
                r.status,
                tuple(_restore(texts, r.values)) if r.values is not None else None,  # type: ignore[arg-type]
                tuple(tuple(_restore(texts, c)) for c in r.candidates),  # type: ignore[misc, arg-type]
            )
        _apply_resolution(row, col.values, r, tspec, idx, findings)


def _confirm_by_prose(row_key: str, col: _Collected, r: Resolution | None,
                      hints: dict[tuple[str, str], int]) -> tuple[int, ...] | None:
    """The one split of an ambiguous row that agrees with every value the prose states."""
    if r is None or r.status != "ambiguous":
        return None
    wanted = {ck: v for (rk, ck), v in hints.items() if rk == row_key}
    if not wanted or any(t.text.startswith("-") or "." in t.text for t in col.values):
        return None
    cands = segmentations([t.text for t in col.values], len(col.spec.columns))
    if cands is None:
        return None
    cols = list(col.spec.columns)
    fits = [c for c in cands if all(c[cols.index(ck)] == v for ck, v in wanted.items())]
    return fits[0] if len(fits) == 1 else None


def _apply_resolution(row: Row, toks: Sequence[Tok], r: Resolution | None, tspec: TableSpec, idx: LineIndex,
                      findings: list[Finding]) -> None:
    raw = " ".join(t.text for t in toks)
    span = idx.span(toks[0].start, toks[-1].end)
    status = r.status if r is not None else "none"
    if r is not None and status == "unique" and r.values is not None:
        values = list(r.values)
        row.cells = _cells_from_split(row, toks, values, idx)
        row.complete = True
        findings.append(
            Finding(
                "digits-recovered",
                f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，唯一可行的拆分（数字不以 0 开头、符合表内勾稽关系）为 "
                f"{' / '.join(map(str, values))}",
                span,
                {"table": tspec.id, "row": row.key, "raw": raw, "values": values},
            )
        )
        return
    cands = [list(c) for c in (r.candidates if r is not None else ())]
    if status == "ambiguous":
        shown = "；".join(" / ".join(map(str, c)) for c in cands[:5])
        findings.append(
            Finding(
                "digits-ambiguous",
                f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，有多种可行的拆分（如 {shown}），"
                "表内勾稽关系无法确定唯一一种，该行数值按缺失处理",
                span,
                {"table": tspec.id, "row": row.key, "raw": raw, "candidates": cands},
            )
        )
    else:
        findings.append(
            Finding(
                "digits-unsplittable",
                f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，找不到符合勾稽关系的拆分，该行数值按缺失处理",
                span,
                {"table": tspec.id, "row": row.key, "raw": raw},
            )
        )


def _cells_from_split(row: Row, toks: Sequence[Tok], values: Sequence[Number], idx: LineIndex) -> list[Cell]:
    """Cells with the sub-span of each value inside its digit run."""
    cells: list[Cell] = []
    vi = 0
    columns = [c.column for c in row.cells]
    for t in toks:
        pos = t.start
        remaining = t.text
        while remaining and vi < len(values):
            s = str(values[vi])
            if not remaining.startswith(s):
                break
            cells.append(Cell(columns[vi], s, values[vi], idx.span(pos, pos + len(s))))
            pos += len(s)
            remaining = remaining[len(s) :]
            vi += 1
    while len(cells) < len(columns):  # pragma: no cover - a split always covers the digits
        cells.append(Cell(columns[len(cells)], "", None))
    return cells


def _resolve_fused_single(report: Report, table: Table, tspec: TableSpec, toks: list[Tok], idx: LineIndex) -> None:
    cols = tuple(f"{r.key}.{c}" for r in tspec.rows for c in tspec.column_keys)
    rels = []
    for r in tspec.rows:
        rels.append(
            Relation(
                "EQ-4", "", "error",
                (CellRef(tspec.id, "ALL", f"{r.key}.{tspec.column_keys[-1]}"),),
                tuple(CellRef(tspec.id, "ALL", f"{r.key}.{c}") for c in tspec.column_keys[:-1]),
            )
        )
    frow = FusedRow("ALL", tuple(t.text for t in toks), len(cols), cols)
    try:
        res = resolve(tspec.id, {}, [frow], rels).get("ALL")
    except Exception:  # pragma: no cover
        res = None
    all_row = Row("ALL", "表四", [Cell(c, "", None) for c in cols])
    _apply_resolution(all_row, toks, res, tspec, idx, report.findings)
    n = len(tspec.column_keys)
    for gi, row in enumerate(table.rows):
        group = all_row.cells[gi * n : (gi + 1) * n]
        row.cells = [Cell(c.column.split(".", 1)[1], c.raw, c.value, c.span) for c in group]
        row.complete = all_row.complete
        row.span = idx.span(toks[0].start, toks[-1].end)
        row.raw_label = row.label
