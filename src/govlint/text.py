"""Text normalisation shared by the parser and the rules.

Nothing here rewrites the source: these functions compute *keys* for comparing labels and
titles, positions always come from the original text.
"""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}

# Characters kept in a label key: CJK ideographs, ASCII letters and digits (the runs of them are
# found and joined: the engine skips to a kept character, where removing the others with a
# negated class tries a match at every character)
# (written X X* rather than X+: a pattern beginning with a class lets the engine skip to it)
_KEEP = "[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]"
_KEPT = re.compile(f"{_KEEP}{_KEEP}*").findall

# Full-width digits (and letters) → ASCII, one character for one (the table reader folds the
# digits only: a full-width letter in a cell is no numeral)
FW_DIGITS = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}
_FW = FW_DIGITS | {i: i - 0xFEE0 for i in range(0xFF21, 0xFF3B)} | {i: i - 0xFEE0 for i in range(0xFF41, 0xFF5B)}
_FW_ANY = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def normalise_label(s: str) -> str:
    """A comparison key: no spaces, line breaks, brackets or punctuation; full-width digits
    folded.  ``（二）部分公开（区分…）`` and ``(二) 部分公开 (区分…)`` get the same key."""
    if _FW_ANY.search(s):  # translate() looks up every character; most labels have none to fold
        s = s.translate(_FW)
    return "".join(_KEPT(s))


BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break tag (markdown tables of converters)
# the inline tags a converter's markdown wraps a heading in (pymupdf4llm: # <u>五、存在的…</u>)
INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|span)\b[^<>]{0,80}>|" + BR_TAG.pattern, re.IGNORECASE)


def heading_key(s: str) -> str:
    """:func:`normalise_label` of a heading's text, inline tags left out (pymupdf4llm writes a
    heading it takes into a table as ``|三、<br>收到和处理政|府信息公开申请情况|``, an underlined one
    as ``<u>五、存在的主要问题及改进情况</u>``)."""
    return normalise_label(INLINE_TAG.sub("", s) if "<" in s else s)


def heading_text(s: str) -> str:
    """A heading's text from a table row's cells or a converter's tags: bars and tags left out."""
    return INLINE_TAG.sub("", s).replace("|", "").strip()


def int_to_cn(n: int) -> str:
    """0 … 99 as a Chinese numeral (零, 七, 十二, 二十); other numbers as digits."""
    digits = "零一二三四五六七八九"
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cn_to_int(s: str) -> int | None:
    """Chinese numeral 一 … 九十九 → int (None if not one)."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        tens = CN_DIGITS.get(a, None) if a else 1
        ones = CN_DIGITS.get(b, None) if b else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return CN_DIGITS.get(s)
    # 二〇二四-style digit-by-digit
    if all(c in CN_DIGITS for c in s):
        v = 0
        for c in s:
            v = v * 10 + CN_DIGITS[c]
        return v
    return None
