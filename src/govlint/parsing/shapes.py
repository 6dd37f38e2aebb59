"""Heading shapes: the one place that says what a part heading (``一、总体情况``), a subsection
heading (``（一）主动公开情况``) and a 条例 caption (``第二十条第（一）项``) look like.

The grammar's line terminals are written with these pieces (``grammar/report.lark`` names them
``{{NAME}}``; :func:`fill` puts them in before Lark sees the grammar), the builder takes a
heading's numeral and title with :data:`PART_NUMBER` / :data:`SUB_NUMBER`, and the table reader
asks :func:`govlint.parsing.structure.line_kind` (the grammar's terminals, in the grammar's order)
whether a line is a heading.  So a shape changed here changes all three alike.

Named groups (``(?P<numeral>…)``) are for the Python side; the grammar gets them as plain groups.
"""

from __future__ import annotations

import re

__all__ = ["ARTICLE", "INLINE_PART", "INLINE_SUB", "PART_NUMBER", "SUB_NUMBER", "fill", "grammar_pieces"]

BLANK = r"[ \t\f\u3000]"  # a blank inside a line (a form feed too: page breaks of PDF text tools)
# the page number of the page before, printed on the heading's line (PyMuPDF's sorted text puts
# a page's footer and the next page's first line side by side: "- 2 -  三、收到和处理…")
PAGE_NUMBER = r"(?:[-—–－]{1,2}[ \t]*[0-9]{1,3}[ \t]*[-—–－]{1,2}[ \t]+)"
# a markdown heading mark or a list bullet before the number, and the inline tags a converter
# opens there (pymupdf4llm: # <u>五、存在的主要问题及改进情况</u>)
MARKER = rf"{PAGE_NUMBER}?(?:[#*>\-•]+[ \t]*)?(?:<(?:u|b|i|em|strong)>[ \t]*)*"
NUMERAL_CHAR = r"[一二三四五六七八九十]"
NUMERAL = NUMERAL_CHAR + "{1,2}"
PART_MARK = r"[、，,.．。]"  # 一、 一， 一, 一. 一． (一。: OCR reads 、 as 。)
OPEN = r"[（(]"
CLOSE = r"[）)]"

# the number of a part heading (一、) and of a subsection heading (（一）), without the marker
PART_CORE = rf"(?P<numeral>{NUMERAL}){BLANK}*{PART_MARK}"
SUB_CORE = rf"{OPEN}{BLANK}*(?P<numeral>{NUMERAL}){BLANK}*{CLOSE}"
ARTICLE_CORE = r"第(?P<article>[一二三四五六七八九十百]+)条"
# the 条例 article and item a table caption cites: 第二十条第（一）项
ARTICLE_BODY = (rf"{ARTICLE_CORE}{BLANK}*第?{BLANK}*{OPEN}{BLANK}*(?P<item>[一二三四五六七八九十]+){BLANK}*{CLOSE}"
                rf"{BLANK}*项")
# Lines of 表三 that start with a numeral are table rows, not part headings: 一、本年新收…,
# 二、上年结转…, 三、本年度办理结果, 四、结转下年度继续办理 (the row labels of both formats); and so
# are the lines where the first piece of a merged group label (``三、`` of 三、本年度办理结果, printed
# down its tall cell) sits beside a row's own label, which starts with a number of its own
# (``三、 （一）予以公 0 0 0 …``, ``三、 4.保护第三方…``): a part title never starts with one.
NOT_A_PART = rf"(?:本|上年|结转|{OPEN}{BLANK}*{NUMERAL}{BLANK}*{CLOSE}|\d{{1,2}}{BLANK}*[.．、])"
# a line starting like a heading or a caption (after its leading blanks): where a run of text ends
HEAD_START = rf"{BLANK}*{MARKER}(?:{PART_CORE}|{SUB_CORE}|{ARTICLE_CORE}|{{{{DIGIT_PART}}}})"

# the whole lines, as the grammar's terminals match them (line breaks after them included)
# A title must follow — on the line, or on the next line when the numeral stands alone on its own:
# a Word list number is set apart from its text by a tab, and pdftotext's default mode prints the
# two as lines of their own (``二、`` / ``主动公开政府信息情况``).  Then only a part title of the formats
# may follow ({{TITLE_START}}: the profiles' part titles), as a lone 三、 is also the first piece of
# 表三's merged 三、本年度办理结果 (``三、`` / ``本年`` / ``度办`` …).
# A part numbered in Arabic digits ({{DIGIT_PART}}: 1. 总体情况 — an ordered list's numbers as a
# browser shows them, or typed so) is one only with a part title of the formats after its number
# and nothing else on the line: 1. 2. number points of prose and rows of the tables everywhere.
PART_HEAD = (rf"{BLANK}*{MARKER}(?:{PART_CORE}(?:(?!{BLANK}*{NOT_A_PART}){BLANK}*[^\s][^\n]*"
             rf"|{BLANK}*(?=\n(?:{BLANK}*\n)*{BLANK}*{{{{TITLE_START}}}}))|{{{{DIGIT_PART}}}})\n*")
SUB_HEAD = rf"{BLANK}*{MARKER}{SUB_CORE}[^\n]*\n*"
ARTICLE_REF = rf"{BLANK}*{ARTICLE_BODY}{BLANK}*(?=\n|$)\n*"  # alone on its line
# the lines of text after a heading's line, up to the next line that starts like one: the
# grammar's heading tokens carry them (a token fewer per heading for the parser)
RUN = rf"(?:(?!{HEAD_START})[^\n]+\n*)*"

# What the builder matches on a heading line (its leading blanks already cut off): the numeral
# and where the title starts.
# (a heading a converter took into a table's first cell — |三、<br>收到和处理… — is found by its
# title, see builder._recover_unnumbered_heads: its number is read past the cell's bar and tags)
PART_NUMBER = re.compile(rf"^(?:\|{BLANK}*)?{MARKER}(?P<numeral>{NUMERAL}|[1-9]){BLANK}*{PART_MARK}(?:{BLANK}|<br\s*/?>|\|)*")
SUB_NUMBER = re.compile(rf"^{MARKER}{SUB_CORE}{BLANK}*")
ARTICLE = re.compile(ARTICLE_BODY)  # (the named groups are groups 1 and 2 too)

# Inside one long line (a web scrape that prints the whole report on one line) a heading is
# recognised more strictly, as prose is full of 一、 and （一）: a part number of the six parts
# with 、 only (the builder then wants a part title after it), a subsection number without blanks.
INLINE_PART = re.compile(r"([一二三四五六])[ \t\u3000]*、")
INLINE_SUB = re.compile(rf"{OPEN}({NUMERAL_CHAR}){CLOSE}")

_GROUP = re.compile(r"\(\?P<\w+>")


def title_start() -> str:
    """How a part title of the formats starts: the first four characters of every part title and
    variant in the format profiles (``rules/format-*.toml``), blanks allowed between them."""
    from govlint.profile import load_profiles

    starts = {p_title[:4] for prof in load_profiles().values() for part in prof.parts
              for p_title in (part.title, *part.variants)}
    return "(?:" + "|".join(f"{BLANK}*".join(map(re.escape, s)) for s in sorted(starts)) + ")"


def digit_part() -> str:
    """A part heading numbered in Arabic digits: a digit with 、 or . and then a part title of
    the formats (a title or a variant from ``rules/format-*.toml``, blanks allowed between its
    characters), alone on its line.  The digit need not be the part's: a web page's list may
    number its items anew (LibreOffice writes a list that goes on after a table as a new
    ``<ol>``: browsers start it at 1) — the title says which part it is."""
    from govlint.profile import load_profiles

    titles = {t for prof in load_profiles().values() for part in prof.parts for t in (part.title, *part.variants)}
    spelled = "|".join(f"{BLANK}*".join(map(re.escape, t)) for t in sorted(titles, key=lambda t: (-len(t), t)))
    return rf"[1-9]{BLANK}*[、.．]{BLANK}*(?:{spelled}){BLANK}*(?=\n|$)"


def grammar_pieces() -> dict[str, str]:
    """The shapes the grammar names, as plain regular expressions (named groups made plain)."""
    digits = digit_part()
    pieces = {"BLANK": BLANK, "HEAD_START": HEAD_START, "PART_HEAD": PART_HEAD.replace("{{TITLE_START}}", title_start()),
              "SUB_HEAD": SUB_HEAD, "ARTICLE_REF": ARTICLE_REF, "RUN": RUN}
    return {k: _GROUP.sub("(?:", v.replace("{{DIGIT_PART}}", digits)) for k, v in pieces.items()}


_PLACE = re.compile(r"\{\{([A-Z_]+)\}\}")


def fill(grammar: str) -> str:
    """``grammar`` with each ``{{NAME}}`` replaced by the shape of that name (KeyError for a name
    that is not one)."""
    pieces = grammar_pieces()
    return _PLACE.sub(lambda m: pieces[m.group(1)], grammar)
