"""Stage 1 — tokens: the text of a table region (or an explicit cell grid) as typed tokens.

Two sources give the same token stream, so every later stage serves both:

* :func:`tokens_from_text` — flat text as any extraction tool prints it (tabs, spaces, one cell
  per line, wrapped labels, fused digits, markdown pipe rows).  Page footers (``- 2 -``,
  ``—3—``), markdown rules and prose sentences are skipped.
* :func:`tokens_from_grid` — rows of cells found in a document's own structure (a PDF/Word/HTML
  table).  Each row is bracketed by ``ROW_OPEN`` / ``ROW_CLOSE``; an empty cell in a row holding
  numbers is an ``EMPTY`` token (a blank cell, not a missing one).  A markdown pipe row in flat
  text is read the same way.

Positions are character offsets into the report text (for a grid: whatever offsets the caller
gives its cells; :class:`GridCell` carries them).  No number is converted here — the token keeps
its text; :mod:`govlint.numbers` decides what a numeral is worth, with bounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from govlint.text import BR_TAG, FW_DIGITS

__all__ = ["GridCell", "Token", "TokenKind", "tokens_from_grid", "tokens_from_text", "PLACEHOLDERS"]


class TokenKind(Enum):
    TEXT = "text"  # label, header or note text (a fragment: labels may be split over tokens)
    NUMBER = "number"  # an ASCII numeral (maybe a fused digit run)
    PLACEHOLDER = "placeholder"  # "/", "—", "无" where a number should be
    INVALID = "invalid"  # a numeral misread by OCR: "O", "l0", full-width digits
    EMPTY = "empty"  # a blank grid cell in a row that holds numbers
    ROW_OPEN = "row-open"  # start of a grid row (markdown pipe line or document table row)
    ROW_CLOSE = "row-close"


VALUE_KINDS = frozenset({TokenKind.NUMBER, TokenKind.PLACEHOLDER, TokenKind.INVALID, TokenKind.EMPTY})
_VALUE_NAMES = frozenset(k.value for k in VALUE_KINDS)  # (str hashing is cheaper than Enum hashing)


class Token(NamedTuple):
    """(A NamedTuple: a report has hundreds of tokens, and a tuple is the cheapest object to make.)"""

    kind: TokenKind
    text: str
    start: int
    end: int
    glued: bool = False  # a number glued to text in the source (one-line / fused layouts)

    @property
    def is_value(self) -> bool:
        return self.kind._value_ in _VALUE_NAMES


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of an explicit grid: its text and where it is (offsets into the report text)."""

    text: str
    start: int = 0
    end: int = 0


PLACEHOLDERS = frozenset({"/", "／", "—", "——", "-", "－", "–", "无", "\\", "、"})
_NUM_FULL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_CHUNK = re.compile(r"[^\s|]+")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# a cell where a number should be, but OCR read letters or a Chinese zero: "O", "l0", "〇"
_INVALID = re.compile(r"(?:[0-9]*[OoIl][0-9OoIl]*|〇)\Z")
# full-width digits (typed in a full-width input mode: ２０２４, １２) are the same numerals: folded
# before a chunk is read by govlint.text.FW_DIGITS, one character for one (offsets stay; the token holds the ASCII digits)
_FW_DIGIT = re.compile("[０-９]")
# thousands separators, strictly grouped (cells written 1,0,0 or 12,34 are no such numeral)
_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
_UNIT_AFTER = tuple("年月日件条号%项个次人")
# a whole cell of a count or an amount with its unit written after it (the tables' units: 件, 万元)
_WITH_UNIT = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)(?:件|条|个|项|次|人次|万元|元)\Z")


# The lines that are not read chunk by chunk, found in one pass over the region: lines without
# table content (page footers — 4 —, -5-, 第 3 页; markdown rules; headings), markdown pipe rows
# (group 1) and sentences (prose around the table).  No alternative repeats the leading blanks'
# [ \t]: that would backtrack quadratically on a line of 20,000 tabs.
_SPECIAL = re.compile(
    r"(?m)^[ \t\f\u3000]*(?:[-—–－]+[ \t]*[0-9]+[ \t]*[-—–－]+[ \t]*$|第[ \t]*[0-9]+[ \t]*页[ \t]*$|"
    # page separators of other tools: -- 3 of 7 -- (pdf-parse), 第 3 页 共 7 页, 共 7 页 第 3 页
    r"(?:[-—–－]+[ \t]*)?[0-9]+[ \t]+of[ \t]+[0-9]+(?:[ \t]*[-—–－]+)?[ \t]*$|"
    r"(?:第[ \t]*[0-9]+[ \t]*页[ \t,，/／]*共[ \t]*[0-9]+[ \t]*页|共[ \t]*[0-9]+[ \t]*页[ \t,，/／]*第[ \t]*[0-9]+[ \t]*页)[ \t]*$|"
    r"\|[ \t]*:?-{3,}|:?-{3,}|#)[^\n]*"
    r"|^[^\S\n]*(\|[^\n]*)"
    r"|^[^\n]*。[^\n]*"
    # a page footer with the next page's first line beside it (PyMuPDF's sorted text:
    # "- 4 -    法提供   2.没有现成…", "- 1 -信息内容 …"): the footer only, the rest (text, not a
    # value first) is read
    r"|^[ \t\f\u3000]*[-—–－]{1,2}[ \t]*[0-9]{1,3}[ \t]*[-—–－]{1,2}[ \t]*(?=[^\s0-9\-—–－|])"
)
# every special line holds one of these characters (each alternative of _SPECIAL needs one)
_CANDIDATE = re.compile(r"[-—–－页|#。f]")
# a chunk with any of these is more than label text (a numeral, a glued number, an OCR-misread digit)
_NOT_PLAIN_TEXT = re.compile(r"[0-9OoIl０-９〇]")
# a label numbered by one digit, with no other numeral in it: one text token
_NUMBERED_LABEL = re.compile(r"[1-9]\\?[.．、][^0-9OoIl０-９〇]*\Z")  # 1\. : markdown's escape (mammoth)


def all_blank(toks: Sequence[Token]) -> bool:
    """Every token a blank grid cell (``EMPTY``): a grid line with no values in it."""
    return all(t.kind is TokenKind.EMPTY for t in toks)


def tokens_from_text(text: str, start: int = 0, end: int | None = None,
                     headers: re.Pattern[str] | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` (see the module docstring).  A chunk matching ``headers``
    (the profile's generic column headers, e.g. 数据1 … 数据6) is text, not a number."""
    end = len(text) if end is None else end
    if text.find("<br", start, end) != -1:  # a line break inside a markdown table's cell (pymupdf4llm)
        # (a blank as long as the tag: offsets stay)
        text = text[:start] + BR_TAG.sub(lambda m: " " * len(m.group()), text[start:end]) + text[end:]
    toks: list[Token] = []
    if start and start < end and text[start - 1] != "\n":
        # the region starts inside a line: the rest of that line is a line of its own
        nl = text.find("\n", start, end)
        stop = end if nl == -1 else nl
        _lines(text[start:stop], start, 0, stop - start, toks, headers)
        start = stop
    if start < end:
        _lines(text, 0, start, end, toks, headers)
    return toks


def _lines(text: str, base: int, start: int, end: int, toks: list[Token],
           headers: re.Pattern[str] | None) -> None:
    # ``start`` is where a line starts.  A special line has one of the characters of
    # _CANDIDATE: only the lines holding one are matched against _SPECIAL, at their start (the
    # same matches as _SPECIAL.finditer over the whole region, which tries every position).
    pos = start
    search = _CANDIDATE.search
    at = start
    block: list[list[GridCell]] = []  # the pipe rows of one markdown table, read when it ends
    while (c := search(text, at, end)) is not None:
        ls = max(start, text.rfind("\n", start, c.start()) + 1)
        # (a line whose footer was cut off is read on from there: its start is matched no more)
        m = _SPECIAL.match(text, ls, end) if ls >= pos else None
        if m is None:
            nl = text.find("\n", c.start(), end)
            if nl == -1:
                break
            at = nl + 1
            continue
        if m.start() > pos and not text[pos:m.start()].isspace():
            _pipe_block(block, toks, headers)
            _chunks(text, base, pos, m.start(), toks, headers)
        if m.lastindex == 1:
            a, stop = m.span(1)
            block.append(_pipe_cells(text[a:stop], base + a))
        elif not _RULE.match(text, m.start(), m.end()):
            _pipe_block(block, toks, headers)
        pos = at = m.end()
    _pipe_block(block, toks, headers)
    if pos < end:
        _chunks(text, base, pos, end, toks, headers)


_RULE = re.compile(r"[ \t|:-]*-{3}[ \t|:-]*\Z")  # a markdown table's rule line: | --- | :-- |


def _pipe_block(block: list[list[GridCell]], toks: list[Token], headers: re.Pattern[str] | None) -> None:
    """The rows of one pipe table, less the columns blank in every row, header included (a
    spacer column: markitdown gives a PDF table's column gaps columns of their own), and less
    the blank cells of the label columns — those before the first column any row has a value in
    (a label merged across columns: pandoc's gfm leaves the cells it spans blank)."""
    if not block:
        return
    width = len(block[0])
    if len(block) > 1 and all(len(r) == width for r in block):
        keep = [k for k in range(width) if any(r[k].text.strip() for r in block)]
        if len(keep) < width:
            block[:] = [[r[k] for k in keep] for r in block]
            width = len(keep)
        first = next((k for k in range(width) if any(_value_cell(r[k].text) for r in block)), 0)
        if first:
            block[:] = [[c for k, c in enumerate(r) if k >= first or c.text.strip()] for r in block]
    for cells in block:
        _grid_row(cells, toks, headers)
    block.clear()


def _value_cell(text: str) -> bool:
    t = text.strip()
    return bool(t) and (t in PLACEHOLDERS or bool(_NUM_FULL.match(t.translate(FW_DIGITS).replace(",", ""))))


def _chunks(text: str, base: int, start: int, end: int, toks: list[Token],
            headers: re.Pattern[str] | None) -> None:
    # str.split breaks at the same blanks as the regex's \s (str.isspace), without a match object
    # and a reset of the regex state per chunk; a pipe inside a line separates chunks too (same
    # length as the blank it becomes: offsets stay).  A chunk is found again from the end of the
    # previous one, across blanks only.
    stretch = text[start:end]
    if _FW_DIGIT.search(stretch):
        stretch = stretch.translate(FW_DIGITS)  # one character for one: offsets stay
    if "|" in stretch:
        stretch = stretch.replace("|", " ")
    find = stretch.find
    append = toks.append
    number = TokenKind.NUMBER
    text_kind = TokenKind.TEXT
    odd = _NOT_PLAIN_TEXT.search
    placeholders = PLACEHOLDERS
    new = tuple.__new__  # Token(...) without the NamedTuple's Python-level __new__
    pos = 0
    at0 = base + start
    for c in stretch.split():
        pos = find(c, pos)
        at = at0 + pos
        pos += len(c)
        if c.isdigit() and c.isascii():  # the common case: a plain count
            append(new(Token, (number, c, at, at + len(c), False)))
        elif c not in placeholders and ((c.isalpha() and not c.isascii()) or not odd(c)):
            # the other common case: label or header text.  (Letters beyond ASCII: CJK, no numeral of
            # any script; an ASCII O or l among them is no misread digit: the chunk is text either way.)
            append(new(Token, (text_kind, c, at, at + len(c), False)))
        elif _NUMBERED_LABEL.match(c):
            append(new(Token, (text_kind, c, at, at + len(c), False)))  # 1.属于国家秘密: a numbered label
        elif headers is not None and headers.fullmatch(c):
            append(new(Token, (text_kind, c, at, at + len(c), False)))  # a generic header (数据1): no value
        elif c == "、" and _alone(text, start + pos - 1, start + pos):
            # a line holding only 、: a character of a vertical label (三 / 、 / 本 / 年 …), not a blank cell
            append(new(Token, (text_kind, c, at, at + 1, False)))
        else:
            _chunk(c, at, toks)


def _alone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the only thing on its line."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return not text[a:start].strip() and not text[end:len(text) if b == -1 else b].strip()


def tokens_from_grid(rows: Iterable[Sequence[GridCell | str]]) -> list[Token]:
    """Tokens of an explicit grid: each row a sequence of cells (:class:`GridCell`, or plain
    strings when positions do not matter).  Merged label cells may be repeated or blank; a
    group label may stand in a cell of its own — label alignment sorts them out."""
    toks: list[Token] = []
    for row in rows:
        _grid_row([c if isinstance(c, GridCell) else GridCell(c) for c in row], toks)
    return toks


def _pipe_cells(line: str, ls: int) -> list[GridCell]:
    cells: list[GridCell] = []
    pos = line.index("|") + 1
    while True:
        nxt = line.find("|", pos)
        if nxt == -1:
            if line[pos:].strip():
                cells.append(GridCell(line[pos:], ls + pos, ls + len(line)))
            break
        if nxt > pos or not cells:  # ``||``: the previous cell goes on (merged across columns, MultiMarkdown)
            cells.append(GridCell(line[pos:nxt], ls + pos, ls + nxt))
        pos = nxt + 1
    return cells


def _grid_row(cells: Sequence[GridCell], out: list[Token], headers: re.Pattern[str] | None = None) -> None:
    if any(_FW_DIGIT.search(c.text) for c in cells):
        cells = [GridCell(c.text.translate(FW_DIGITS), c.start, c.end) for c in cells]
    has_number = any(any(ch.isdigit() for ch in c.text) for c in cells)
    first = cells[0].start if cells else 0
    last = cells[-1].end if cells else 0
    # blank cells among the label cells (a merged label cell left blank) are not values
    first_num = next((i for i, c in enumerate(cells) if _NUM_FULL.match(c.text.strip())), len(cells))
    label_end = max((i for i, c in enumerate(cells[:first_num]) if c.text.strip()), default=-1)
    out.append(Token(TokenKind.ROW_OPEN, "", first, first))
    for ci, c in enumerate(cells):
        if not c.text.strip():
            if has_number and ci > label_end:
                out.append(Token(TokenKind.EMPTY, "", c.start, c.end))
            continue
        lead = len(c.text) - len(c.text.lstrip())
        if headers is not None and headers.fullmatch(c.text.strip()):
            out.append(Token(TokenKind.TEXT, c.text.strip(), c.start + lead, c.start + lead + len(c.text.strip())))
            continue
        for m in _CHUNK.finditer(c.text):
            _chunk(m.group(0), c.start + m.start() if c.end > c.start else c.start + lead, out)
    out.append(Token(TokenKind.ROW_CLOSE, "", last, last))


def _chunk(chunk: str, at: int, out: list[Token]) -> None:
    """One whitespace-free chunk: a numeral, a placeholder, an OCR-misread numeral, or text with
    numerals glued to it (``规章000``, ``2.其他…``: a digit before ``.``/``、`` numbers a label)."""
    if _NUMBERED_LABEL.match(chunk):  # the common case, decided at once: 1.属于国家秘密
        out.append(Token(TokenKind.TEXT, chunk, at, at + len(chunk)))
        return
    if chunk.isascii() and _NUM_FULL.match(chunk):
        out.append(Token(TokenKind.NUMBER, chunk, at, at + len(chunk)))
        return
    if _INVALID.match(chunk):
        out.append(Token(TokenKind.INVALID, chunk, at, at + len(chunk)))
        return
    if (unit := _WITH_UNIT.match(chunk)) is not None:  # 3件, 96171.6万元: the cell's number, its unit after it
        out.append(Token(TokenKind.NUMBER, unit.group(1), at, at + unit.end(1)))
        return
    if _GROUPED.match(chunk):  # 3,985,758 / 96,171.6: one numeral with thousands separators
        out.append(Token(TokenKind.NUMBER, chunk.replace(",", ""), at, at + len(chunk)))
        return
    if chunk in PLACEHOLDERS:
        out.append(Token(TokenKind.PLACEHOLDER, chunk, at, at + len(chunk)))
        return
    text_from = 0
    for m in _DIGITS.finditer(chunk):
        d_start, d_end = m.start(), m.end()
        digits = m.group(0)
        nxt = chunk[d_end : d_end + 1]
        if nxt == "\\":  # 2\.其他…: markdown's escape of a list number (mammoth, pandoc)
            nxt = chunk[d_end + 1 : d_end + 2]
        prev = chunk[d_start - 1 : d_start] if d_start else ""
        if nxt in (".", "．", "、") and "." not in digits and digits[-1] != "0":
            # "2.其他…": the last digit numbers the label that follows (no label is numbered 0:
            # "0、" is a value with a stray 、 beside it — PyMuPDF puts 三、 printed down a cell there)
            if len(digits) > 1:
                _text(chunk, text_from, d_start, at, out)
                out.append(Token(TokenKind.NUMBER, digits[:-1], at + d_start, at + d_end - 1, glued=True))
                text_from = d_end - 1
            continue
        if nxt.startswith(_UNIT_AFTER) or prev in ("第", "〔", "[", "【"):
            continue  # 2024年, 第3, 〔2021〕: part of the text
        if prev == "-" and d_start >= 1:
            d_start -= 1  # a negative number (本年增/减)
            digits = "-" + digits
        _text(chunk, text_from, d_start, at, out)
        out.append(Token(TokenKind.NUMBER, digits, at + d_start, at + d_end, glued=True))
        text_from = d_end
    _text(chunk, text_from, len(chunk), at, out)


def _text(chunk: str, a: int, b: int, at: int, out: list[Token]) -> None:
    if b > a:
        piece = chunk[a:b]
        kind = TokenKind.PLACEHOLDER if piece in PLACEHOLDERS and not out else TokenKind.TEXT
        out.append(Token(kind, piece, at + a, at + b))
