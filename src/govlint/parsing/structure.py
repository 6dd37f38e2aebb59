"""Run the Lark grammar (grammar/report.lark) and return the report's line structure.

The grammar's tokens are whole lines; an embedded transformer turns them into small
:class:`Line` records while the LALR parser runs, so no parse tree is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, NamedTuple

from govlint.resources import grammar_path

Token = Any  # a Lark token: a str with ``type`` and ``start_pos`` (Lark itself is not imported here)


class LineKind(Enum):
    """What a line is, by the grammar's terminal that matched it (the names are the terminals')."""

    TITLE = "TITLE"
    PART_HEAD = "PART_HEAD"  # 一、总体情况
    SUB_HEAD = "SUB_HEAD"  # （一）主动公开情况
    ARTICLE_REF = "ARTICLE_REF"  # 第十四条第（二）项 on a line of its own
    TEXT = "TEXT"


_KIND = LineKind.__members__  # terminal name → kind (a plain mapping lookup)


class Line(NamedTuple):
    """A source line (or, for text that puts many lines on one, a stretch of a line).

    ``start``/``end`` are character offsets of the content, trailing blanks excluded.  (A
    NamedTuple: the cheapest object to make, and a report has hundreds of lines.)
    """

    kind: LineKind
    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawSubsection:
    """One subsection's heading and lines, before the model is built."""

    head: Line
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class RawPart:
    """One part's heading, lines and subsections, before the model is built."""

    head: Line
    lines: list[Line] = field(default_factory=list)
    subsections: list[RawSubsection] = field(default_factory=list)


@dataclass(slots=True)
class RawDocument:
    """The report's lines grouped into parts, as the grammar reads them."""

    front: list[Line]
    parts: list[RawPart]
    title: list[Line] = field(default_factory=list)


_new = tuple.__new__  # Line(...) without the NamedTuple's Python-level __new__
_TEXT = LineKind.TEXT


def _lines(tok: Token, rest: LineKind | None = _TEXT) -> list[Line]:
    """One :class:`Line` per non-blank line of a token, its content from the first to the last
    non-blank character (blanks as ``str.isspace``).  The first is of the token's kind, the
    lines after it of kind ``rest`` (a heading's token carries the text lines after it; the
    title block's lines are all ``TITLE``: ``rest=None``).  (Split and strip in C: a regex
    match per line costs several times as much.)"""
    pos = tok.start_pos or 0
    kind = _KIND[tok.type]
    new = _new
    out: list[Line] = []
    for piece in str(tok).split("\n"):
        lead = piece.lstrip()
        if lead:
            content = lead.rstrip()
            at = pos + len(piece) - len(lead)
            out.append(new(Line, (kind, at, at + len(content), content)))
            kind = rest or kind
        pos += len(piece) + 1
    return out


class _Build:
    """Callbacks run by the LALR parser as it reduces (``transformer=`` of Lark: looked up by
    rule name, so no Lark base class is needed)."""

    def title(self, children: list[Any]) -> tuple[str, list[Line]]:
        return ("title", _lines(children[0], None))

    def front_sub(self, children: list[Any]) -> list[Line]:
        return _lines(children[0])

    def front(self, children: list[Any]) -> list[Line]:
        out: list[Line] = []
        for c in children:  # line tokens, and front_sub's lists
            out.extend(c if isinstance(c, list) else _lines(c))
        return out

    def subsection(self, children: list[Any]) -> RawSubsection:
        head, *lines = _lines(children[0])
        for tok in children[1:]:
            lines.extend(_lines(tok))
        return RawSubsection(head, lines)

    def part(self, children: list[Any]) -> RawPart:
        head, *lines = _lines(children[0])
        p = RawPart(head, lines)
        for c in children[1:]:
            if isinstance(c, RawSubsection):
                p.subsections.append(c)
            else:
                lines.extend(_lines(c))
        return p

    def start(self, children: list[Any]) -> RawDocument:
        title: list[Line] = []
        if children and isinstance(children[0], tuple):
            title = children.pop(0)[1]
        return RawDocument(children[0], children[1:], title)


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The parser, from the cached standalone module (see :mod:`.grammar_cache`)."""
    from govlint.parsing.grammar_cache import build_parser

    return build_parser(grammar_text(), _Build())


def grammar_text() -> str:
    """The grammar as Lark reads it: ``grammar/report.lark`` with the heading shapes filled in."""
    from govlint.parsing.shapes import fill

    return fill(grammar_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _line_terminals() -> tuple[tuple[re.Pattern[str], LineKind], ...]:
    from govlint.parsing.shapes import grammar_pieces

    pieces = grammar_pieces()
    return tuple((re.compile(pieces[k.value]), k) for k in (LineKind.PART_HEAD, LineKind.SUB_HEAD, LineKind.ARTICLE_REF))


def line_kind(line: str) -> LineKind:
    """The kind the grammar's lexer gives ``line`` (a whole source line, leading blanks included;
    not one of the title block): its line terminals in their priority order, the first that matches."""
    for pattern, kind in _line_terminals():
        if pattern.match(line):
            return kind
    return LineKind.TEXT


def parse_structure(text: str) -> RawDocument:
    """Parse ``text`` into front matter and parts.  Never raises on any input: the grammar
    accepts every sequence of lines; should Lark still fail, every line becomes front text."""
    try:
        doc = _parser().parse(text)
        assert isinstance(doc, RawDocument)
        return doc
    except Exception:  # pragma: no cover - defensive (LarkError of whichever Lark runs)
        lines = []
        pos = 0
        for raw in text.split("\n"):
            content = raw.rstrip()
            if content.strip():
                lead = len(content) - len(content.lstrip())
                lines.append(Line(LineKind.TEXT, pos + lead, pos + len(content), content.lstrip()))
            pos += len(raw) + 1
        return RawDocument(lines, [])
