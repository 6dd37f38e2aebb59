"""Stage 4 — the arbiter: the table's own arithmetic chooses among the readings.

Segments with one reading are taken as they are (first come, first kept: a row read twice is a
duplicate) — unless the reading presumes where its values go: values given to rows whose labels
stand elsewhere (``FOLLOWING`` past its own row, ``BLOCK_ROWS``, ``BLOCK_COLUMNS``), or values
that other text interrupts (``Segment.interrupted``).  Such a reading is taken only when it
breaks no relation that holds, or cannot be checked, without it: a relation it breaks says the
presumption is wrong as likely as it says the report is (extraction tools print merged and
centred cells in orders of their own), and the report is not blamed for what could not be read —
the values stay unplaced, their rows named.

For the segments with several readings, every combination is tried (bounded) and scored by the
profile's relations (``sum(lhs) == sum(rhs)``) over the cells it makes known: a
combination that gives a row twice is impossible; of the rest, those that break no relation and
place the most cells win.  A segment whose winning readings agree is decided; where they differ,
the cells that differ stay undecided (the assembly lists the candidates) — no silent guesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product

from govlint.interpret.readings import Reading, ReadingKind
from govlint.interpret.segments import Segment
from govlint.interpret.tokens import Token, TokenKind, all_blank
from govlint.numbers import Number, parse_cell
from govlint.profile import Relation, TableSpec

__all__ = ["Decision", "Tie", "arbitrate"]

_MAX_COMBOS = 2048


@dataclass(slots=True)
class Tie:
    """A segment whose readings the arithmetic could not tell apart (for some of its rows)."""

    segment: Segment
    candidates: list[Reading]
    rows: list[str]  # the rows on which the candidates differ
    # every candidate keeps the table's relations (False: none does, so none is known to be the
    # true reading, and what they agree on is not determined either)
    consistent: bool = True


@dataclass(slots=True)
class Decision:
    """Which reading each row's values come from, and what the readings left open."""

    assigned: dict[str, tuple[ReadingKind, tuple[Token, ...], Segment]] = field(default_factory=dict)
    duplicates: list[tuple[str, Segment]] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    unplaced: list[Segment] = field(default_factory=list)  # values no reading could place
    settled: list[ReadingKind] = field(default_factory=list)  # readings chosen by arithmetic over others
    unsure: list[str] = field(default_factory=list)  # rows two whole-table layouts read differently, equally well


def complete_values(tspec: TableSpec, row: str, toks: Sequence[Token]) -> dict[str, Number] | None:
    """Column → value of a row whose every cell is a plain number, else None."""
    spec = tspec.row(row)
    if len(toks) != len(spec.columns):
        return None
    out: dict[str, Number] = {}
    for col, t in zip(spec.columns, toks):
        v = parse_cell(t.text, col in spec.money_columns) if t.kind is TokenKind.NUMBER else None
        if v is None:
            return None
        out[col] = v
    return out


def violations(relations: Sequence[Relation], known: dict[tuple[str, str], Number]) -> tuple[int, int]:
    """(relations broken, relations checked) over the cells in ``known``."""
    broken = checked = 0
    for rel in relations:
        total: Number = 0
        ok = True
        for sign, side in ((1, rel.lhs), (-1, rel.rhs)):
            for ref in side:
                v = known.get((ref.row, ref.column))
                if v is None:
                    ok = False
                    break
                total += sign * v
            if not ok:
                break
        if ok:
            checked += 1
            if total != 0:
                broken += 1
    return broken, checked


def presumes(reading: Reading, seg: Segment) -> bool:
    """The reading gives values to some row other than the one whose label they follow, or
    gathers values that other text interrupts (a column header between them: cells printed in
    an order of the tool's own, not a row)."""
    if not reading.cells:
        return False
    if seg.interrupted:
        return True
    kind = reading.kind  # (identity tests: an Enum's hash is Python code)
    if kind is not ReadingKind.FOLLOWING and kind is not ReadingKind.BLOCK_ROWS and kind is not ReadingKind.BLOCK_COLUMNS:
        return False
    own = seg.anchors[-1].row.key if seg.anchors else None
    return len(reading.cells) > 1 or reading.cells[0][0] != own


def arbitrate(segments: Sequence[Segment], tspec: TableSpec, relations: Sequence[Relation]) -> Decision:
    d = Decision()
    multi: list[Segment] = []
    presumed: list[Segment] = []
    for seg in segments:
        if not seg.readings:
            if seg.values:
                d.unplaced.append(seg)
            continue
        if len(seg.readings) > 1:
            multi.append(seg)
            continue
        if relations and presumes(seg.readings[0], seg):
            presumed.append(seg)
            continue
        _take(d, seg.readings[0], seg)
    if not multi and not presumed:
        return d
    base: dict[tuple[str, str], Number] = {}
    for row, (_, toks, _) in d.assigned.items():
        vals = complete_values(tspec, row, toks)
        if vals:
            for col, v in vals.items():
                base[(row, col)] = v
    for seg in presumed:  # in text order, each against what is read so far
        reading = seg.readings[0]
        known = dict(base)
        for row, toks in reading.cells:
            vals = complete_values(tspec, row, toks) if row not in d.assigned else None
            for col, v in (vals or {}).items():
                known[(row, col)] = v
        rows = set(reading.rows)  # (only the relations on its rows can change)
        touched = [rel for rel in relations if any(ref.row in rows for ref in (*rel.lhs, *rel.rhs))]
        if violations(touched, known)[0] > violations(touched, base)[0]:
            d.unplaced.append(seg)
            continue
        _take(d, reading, seg)
        base = known
    if not multi:
        return d
    value_cache: dict[tuple[int, int], dict[str, dict[str, Number] | None]] = {}

    def values_of(si: int, ri: int) -> dict[str, dict[str, Number] | None]:
        key = (si, ri)
        if key not in value_cache:
            value_cache[key] = {row: complete_values(tspec, row, toks) for row, toks in multi[si].readings[ri].cells}
        return value_cache[key]

    n_combos = 1
    for seg in multi:
        n_combos *= len(seg.readings)
    if n_combos <= _MAX_COMBOS:
        groups = [list(range(len(multi)))]
    else:  # too many together: each segment on its own, against the settled rows
        groups = [[i] for i in range(len(multi))]
    for group in groups:
        scored: list[tuple[int, int, tuple[int, ...]]] = []  # (broken, -cells placed, choice)
        for choice in product(*(range(len(multi[i].readings)) for i in group)):
            used = set(d.assigned)
            known = dict(base)
            placed = 0
            ok = True
            for si, ri in zip(group, choice):
                for row, vals in values_of(si, ri).items():
                    if row in used:
                        ok = False
                        break
                    used.add(row)
                    if vals:
                        placed += len(vals)
                        for col, v in vals.items():
                            known[(row, col)] = v
                if not ok:
                    break
            if not ok:
                continue
            broken, _ = violations(relations, known)
            scored.append((broken, -placed, choice))
        if not scored:
            d.unplaced.extend(multi[i] for i in group)
            continue
        best = min(s[:2] for s in scored)
        if best[0] > 0:  # no reading adds up: undecided
            for i in group:
                seg = multi[i]
                d.ties.append(Tie(seg, list(seg.readings), sorted({r for rd in seg.readings for r in rd.rows}), False))
            continue
        winners = [s[2] for s in scored if s[:2] == best]
        for pos, si in enumerate(group):
            seg = multi[si]
            chosen = sorted({w[pos] for w in winners})
            others = {s[2][pos] for s in scored if s[0] > 0}
            texts = [{row: tuple(t.text for t in toks) for row, toks in seg.readings[i].cells} for i in chosen]
            rows_in = [row for m in texts for row in m]
            differ = [row for i, row in enumerate(rows_in) if row not in rows_in[:i]
                      and any(o.get(row) != m.get(row) for m in texts for o in texts)]
            if not differ:  # the winners agree on every value (e.g. all zeros): take the first
                _take(d, seg.readings[chosen[0]], seg)
                if others - set(chosen):
                    d.settled.append(seg.readings[chosen[0]].kind)
                continue
            cands = [seg.readings[i] for i in chosen]
            for row, toks in cands[0].cells:
                if row not in differ:
                    d.assigned[row] = (cands[0].kind, toks, seg)
            d.ties.append(Tie(seg, cands, differ))
    return d


def score(d: Decision, tspec: TableSpec, relations: Sequence[Relation]) -> tuple[int, int]:
    """(relations broken, − cells placed) of a decision: lower is better."""
    known: dict[tuple[str, str], Number] = {}
    for row, (_, toks, _) in d.assigned.items():
        vals = complete_values(tspec, row, toks)
        if vals:
            for col, v in vals.items():
                known[(row, col)] = v
    return violations(relations, known)[0], -len(known)


def _take(d: Decision, reading: Reading, seg: Segment) -> None:
    for row, toks in reading.cells:
        held = d.assigned.get(row)
        if held is None or (held[0] is ReadingKind.PARTIAL and all_blank(held[1]) and not all_blank(toks)):
            # (a label followed by fewer blank cells than its row has columns says nothing of its
            # values: values another reading places there stand — markitdown prints a row's
            # numbers on the grid line above its label's, the label's line left blank)
            d.assigned[row] = (reading.kind, toks, seg)
        else:
            d.duplicates.append((row, seg))


def settle_tie(d: Decision, tie: Tie, kind: ReadingKind) -> bool:
    """Settle ``tie`` by the layout the rest of the document shows (``kind``), when exactly one
    candidate has that layout.  True when settled."""
    match = [c for c in tie.candidates if c.kind is kind]
    if len(match) != 1 or not tie.consistent:  # (a candidate that breaks relations is no reading)
        return False
    for row, toks in match[0].cells:
        if row in tie.rows:
            d.assigned[row] = (kind, toks, tie.segment)
    d.ties.remove(tie)
    return True
