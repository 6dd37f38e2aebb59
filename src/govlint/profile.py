"""Format profiles: the report format as data, loaded from ``rules/format-*.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import product
from typing import Any

from govlint.resources import rules_dir
from govlint.text import heading_key, normalise_label


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One of the six parts of the format: number, title and the titles reports use."""

    number: int
    title: str
    variants: tuple[str, ...]

    @property
    def numeral(self) -> str:
        return NUMERALS[self.number]


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One row of a format's table: key, label, the labels reports use and its columns."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    columns: tuple[str, ...] = ()  # column keys (per block for table 二)
    money_columns: tuple[str, ...] = ()  # columns holding money (decimals allowed)
    signed_columns: tuple[str, ...] = ()  # columns where a negative number is legitimate
    block: str | None = None  # caption of the block (table 二)
    money_unit: str = ""  # the unit the format prints over the money columns (万元), if any

    def __hash__(self) -> int:  # specs are cache keys: hash a few fields, not every nested tuple
        return hash((self.key, self.label, self.block))


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """A block of a table that has its own columns (table 二's blocks)."""

    caption: str
    item: str
    columns: tuple[str, ...]
    column_keys: tuple[str, ...]
    rows: tuple[RowSpec, ...]
    money_columns: tuple[str, ...] = ()
    signed_columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubtotalSpec:
    """A column some reports add that the format does not have (表三's 法人或其他组织 小计)."""

    header: str  # as printed in the header, e.g. 小计
    name: str  # what it is, for the finding
    position: int  # index of the extra value in a row read with it
    of: tuple[str, ...]  # the columns it sums


@dataclass(frozen=True, slots=True)
class MergedRowSpec:
    """A row printed in place of its sub-rows (a 2021 table printing （六）其他处理 as one row, the
    2019 way): read as one row; in the arithmetic it stands for the sum of its sub-rows."""

    key: str
    label: str
    rows: tuple[str, ...]
    row: RowSpec  # the merged row as a row of the table (the sub-rows' columns)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One of the format's tables: its rows, columns and blocks."""

    id: str
    part: int
    title: str
    rows: tuple[RowSpec, ...]
    columns: tuple[str, ...] = ()
    column_keys: tuple[str, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()
    header_words: tuple[str, ...] = ()
    note: str = ""
    single_line: bool = False
    subtotal: SubtotalSpec | None = None
    merged: tuple[MergedRowSpec, ...] = ()

    def __hash__(self) -> int:  # (as RowSpec) equal specs have equal id, part and title
        return hash((self.id, self.part, self.title))

    def row(self, key: str) -> RowSpec:
        for r in self.rows:
            if r.key == key:
                return r
        for m in self.merged:
            if m.key == key:
                return m.row
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class CellRef:
    """One cell of a format's table: table, row and column keys."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table}:{self.row}:{self.column}"


@dataclass(frozen=True, slots=True)
class Relation:
    """``sum(lhs) == sum(rhs)``, one instance per expansion of ``for_each``."""

    id: str
    name: str
    severity: str
    lhs: tuple[CellRef, ...]
    rhs: tuple[CellRef, ...]
    binding: tuple[tuple[str, str], ...] = ()  # e.g. (("col", "np"),)


@dataclass(frozen=True, slots=True)
class Claim:
    """A number the prose states about table cells (spec §e): its meaning, the pattern finding it
    (group ``n`` is the number) and the accepted readings — each a list of cells whose sum the number
    may equal, minus the cells of ``minus`` at the same index.  Shared by the table reader (a
    claim about one cell is a hint) and the prose-versus-table rule."""

    what: str
    pattern: re.Pattern[str]
    readings: tuple[tuple[CellRef, ...], ...]
    minus: tuple[tuple[CellRef, ...], ...] = ()
    need: str = ""  # a word every match contains: a sentence without it is not searched
    hint: bool = True  # a claim about one cell may settle what the reader cannot (False: stated loosely)


@dataclass(frozen=True, slots=True)
class Profile:
    """A report format (2021 or 2019): its parts, tables, relations and claims."""

    id: str
    name: str
    first_year: int
    last_year: int
    marker_labels: tuple[str, ...]
    parts: tuple[PartSpec, ...]
    tables: tuple[TableSpec, ...]
    relations: tuple[Relation, ...]
    references: dict[str, Any] = field(default_factory=dict)
    overview_topics: tuple[dict[str, Any], ...] = ()
    claims: tuple[Claim, ...] = ()
    generic_headers: re.Pattern[str] | None = None  # column headers that are no values (数据1 … 数据6)
    pre_2019_markers: re.Pattern[str] | None = None  # headings and labels of the 2007-条例 template
    raw: dict[str, Any] = field(default_factory=dict)

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def part_for_title(self, title: str) -> int | None:
        """Which part (1–6) a heading title names, or None."""
        return _part_for_title(self, _title_key(title))

    def relations_for(self, table_id: str) -> tuple[Relation, ...]:
        return _relations_for(self, table_id)

    def relations_with_merged(self, merged: dict[str, tuple[str, ...]]) -> list[Relation]:
        """The relations for a report whose tables print merged rows (row key → its sub-rows)."""
        return merge_relations(self.relations, merged) if merged else list(self.relations)

    def __hash__(self) -> int:
        return hash(self.id)


_title_key = lru_cache(maxsize=4096)(heading_key)  # heading titles repeat from report to report


@lru_cache(maxsize=256)
def _relations_for(profile: Profile, table_id: str) -> tuple[Relation, ...]:
    """(cached: asked for several times per table of every report) see :meth:`Profile.relations_for`."""
    return tuple(r for r in profile.relations if r.lhs and r.lhs[0].table == table_id)


@lru_cache(maxsize=4096)
def _part_for_title(profile: Profile, n: str) -> int | None:
    """(cached) see :meth:`Profile.part_for_title`."""
    if not n:
        return None
    for p in profile.parts:
        for t in (p.title, *p.variants):
            if normalise_label(t) == n:
                return p.number
    # looser: the printed title contains a canonical one (extra words), or differs by a
    # typo (行政法复议): a close match of the whole title
    from difflib import SequenceMatcher

    best, best_ratio = None, 0.0
    for p in profile.parts:
        for t in (p.title, *p.variants):
            nt = normalise_label(t)
            if len(nt) >= 4 and nt in n and len(n) <= len(nt) + 12:
                return p.number
            if 0.85 * (len(n) + len(nt)) > 2 * min(len(n), len(nt)):
                continue  # the ratio cannot reach 0.85 (and would cost O(len(n)) on a whole-report line)
            r = SequenceMatcher(None, n, nt).ratio()
            if r > best_ratio:
                best, best_ratio = p.number, r
    return best if best_ratio >= 0.85 else None


def merge_relations(relations: tuple[Relation, ...] | list[Relation],
                    merged: dict[str, tuple[str, ...]]) -> list[Relation]:
    """Relations where a merged row stands for the sum of its sub-rows: on each side the sub-rows'
    cells of one column become the merged row's cell; a relation over one sub-row alone (its row
    total) becomes that relation over the merged row.  Duplicates are dropped."""
    sub_of = {sub: key for key, subs in merged.items() for sub in subs}
    out: list[Relation] = []
    seen: set[tuple[tuple[CellRef, ...], tuple[CellRef, ...]]] = set()
    for rel in relations:
        sides = []
        for side in (rel.lhs, rel.rhs):
            refs: list[CellRef] = []
            for ref in side:
                new = CellRef(ref.table, sub_of.get(ref.row, ref.row), ref.column)
                if new not in refs or new.row == ref.row:
                    refs.append(new)
            sides.append(tuple(refs))
        lhs, rhs = sides
        if (lhs, rhs) in seen:
            continue
        seen.add((lhs, rhs))
        out.append(Relation(rel.id, rel.name, rel.severity, lhs, rhs, rel.binding))
    return out


NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def _cellref(s: str) -> CellRef:
    t, r, c = s.split(":")
    return CellRef(t, r, c)


def _expand(rel: dict[str, Any]) -> list[Relation]:
    for_each: dict[str, list[str]] = rel.get("for_each", {})
    names = list(for_each)
    out = []
    combos = list(product(*(for_each[n] for n in names))) if names else [()]
    for combo in combos:
        bind = dict(zip(names, combo))

        def sub(s: str, bind: dict[str, str] = bind) -> CellRef:
            return _cellref(re.sub(r"\{(\w+)\}", lambda m: bind[m.group(1)], s))

        out.append(
            Relation(
                id=rel["id"],
                name=rel["name"],
                severity=rel.get("severity", "error"),
                lhs=tuple(sub(x) for x in rel["lhs"]),
                rhs=tuple(sub(x) for x in rel["rhs"]),
                binding=tuple(bind.items()),
            )
        )
    return out


def _rowspec(d: dict[str, Any], columns: tuple[str, ...] = (), money: tuple[str, ...] = (),
             signed: tuple[str, ...] = (), block: str | None = None, unit: str = "") -> RowSpec:
    return RowSpec(
        key=d["key"],
        label=d["label"],
        aliases=tuple(d.get("aliases", ())),
        group=d.get("group"),
        columns=columns,
        money_columns=money,
        signed_columns=signed,
        block=block,
        money_unit=unit,
    )


def _table(d: dict[str, Any]) -> TableSpec:
    blocks = []
    rows: list[RowSpec] = []
    for b in d.get("blocks", []):
        ck = tuple(b["column_keys"])
        money = tuple(b.get("money_columns", ()))
        signed = tuple(b.get("signed_columns", ()))
        brows = tuple(_rowspec(r, ck, money, signed, b["caption"], b.get("money_unit", "")) for r in b["rows"])
        blocks.append(
            BlockSpec(
                caption=b["caption"],
                item=b["item"],
                columns=tuple(b["columns"]),
                column_keys=ck,
                rows=brows,
                money_columns=money,
                signed_columns=signed,
            )
        )
        rows.extend(brows)
    if not blocks:
        ck = tuple(d["column_keys"])
        rows = [_rowspec(r, ck) for r in d["rows"]]
    subtotal = None
    if "subtotal" in d:
        st = d["subtotal"]
        keys = tuple(d["column_keys"])
        subtotal = SubtotalSpec(st["header"], st["name"], keys.index(st["before"]), tuple(st["of"]))
    by_key = {r.key: r for r in rows}
    merged = tuple(
        MergedRowSpec(m["key"], m["label"], tuple(m["rows"]),
                      RowSpec(m["key"], m["label"], (), None, by_key[m["rows"][0]].columns,
                              by_key[m["rows"][0]].money_columns, by_key[m["rows"][0]].signed_columns))
        for m in d.get("merged_rows", []))
    return TableSpec(
        id=d["id"],
        part=int(d["part"]),
        title=d["title"],
        rows=tuple(rows),
        columns=tuple(d.get("columns", ())),
        column_keys=tuple(d.get("column_keys", ())),
        blocks=tuple(blocks),
        groups=tuple((g["key"], g["label"]) for g in d.get("groups", [])),
        header_words=tuple(d.get("header_words", ())),
        note=d.get("note", ""),
        single_line=bool(d.get("single_line", False)),
        subtotal=subtotal,
        merged=merged,
    )


_CLAIM_MACROS = {
    # the number and its unit; it starts where a digit run starts ((?<!\d)): a pattern beginning
    # with {N} would otherwise be tried at every digit of a long run (quadratic)
    "N": r"(?<!\d)(?P<n>\d+)\s*(?P<unit>件|起|宗|个|份|条)(?!余)",
    "GAP": r"[^。；;，,、\d（）()]{0,12}?",  # a few words, within the clause
}


def _claim(d: dict[str, Any]) -> Claim:
    pattern = re.sub(r"\{(N|GAP)\}", lambda m: _CLAIM_MACROS[m.group(1)], d["pattern"])
    return Claim(
        what=d["what"],
        pattern=re.compile(pattern),
        readings=tuple(tuple(_cellref(x) for x in r) for r in d["readings"]),
        minus=tuple(tuple(_cellref(x) for x in r) for r in d.get("minus", [])),
        need=d.get("need", ""),
        hint=d.get("hint", True),
    )


def profile_from_dict(data: dict[str, Any]) -> Profile:
    meta = data["profile"]
    relations: list[Relation] = []
    for rel in data.get("relations", []):
        relations.extend(_expand(rel))
    return Profile(
        id=str(meta["id"]),
        name=meta["name"],
        first_year=int(meta.get("first_year", 0)),
        last_year=int(meta.get("last_year", 9999)),
        marker_labels=tuple(meta.get("marker_labels", ())),
        parts=tuple(PartSpec(int(p["number"]), p["title"], tuple(p.get("variants", ()))) for p in data["parts"]),
        tables=tuple(_table(t) for t in data.get("tables", [])),
        relations=tuple(relations),
        references=dict(data.get("references", {})),
        overview_topics=tuple(data.get("overview_topics", ())),
        claims=tuple(_claim(c) for c in data.get("claims", [])),
        generic_headers=re.compile(meta["generic_headers"]) if meta.get("generic_headers") else None,
        pre_2019_markers=re.compile("|".join(map(re.escape, meta["pre_2019_markers"])))
        if meta.get("pre_2019_markers") else None,
        raw=data,
    )


@cache
def load_profiles() -> dict[str, Profile]:
    """Every profile in ``rules/``, by id."""
    from govlint import tomlcache  # here: the rules import this module, a cached run reads no profile

    out = {}
    for path in sorted(rules_dir().glob("format-*.toml")):
        prof = profile_from_dict(tomlcache.load(path))  # parsed once, kept between runs
        out[prof.id] = prof
    return out


def get_profile(profile_id: str = "2021") -> Profile:
    profiles = load_profiles()
    if profile_id not in profiles:
        raise KeyError(f"未知的格式配置 {profile_id!r}（可用：{', '.join(sorted(profiles))}）")
    return profiles[profile_id]


def profile_for_year(year: int | None) -> Profile | None:
    if year is None:
        return None
    for p in load_profiles().values():
        if p.first_year <= year <= p.last_year:
            return p
    return None
