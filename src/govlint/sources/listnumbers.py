"""Ordered-list numbers as a browser draws them (HTML ``<ol>``/``<li>``): the number is text the
reader of a web page sees, so the HTML reader puts it before the item's text.  Styles: the
``type`` attribute (1, a, A, i, I) and CSS ``list-style-type`` (decimal, latin/alpha, roman, the
Chinese counter styles with their 、 suffix, none)."""

from __future__ import annotations

import re

from govlint.text import int_to_cn

__all__ = ["ListNumbers"]

# list-style-type / list-style (CSS) and the type attribute of <ol>: how a browser numbers the items
_DECLARATION = re.compile(r"(list-style(?:-type)?)\s*:\s*([^;]*)", re.I)
_TYPE_ATTR = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_CJK_STYLES = frozenset({"cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal",
                         "simp-chinese-formal", "trad-chinese-formal"})
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


_KNOWN = frozenset({"decimal", "decimal-leading-zero", "lower-alpha", "lower-latin", "upper-alpha", "upper-latin",
                    "lower-roman", "upper-roman", "none", "disc", "circle", "square", *_CJK_STYLES})


def _css_style(style: str) -> str | None:
    """The list style a ``style`` attribute sets: its last ``list-style-type``, or the type among the
    words of a ``list-style`` shorthand, whatever their order (``inside cjk-ideographic``; a position
    or an image is no type; ``none`` is the type only when no other word is one)."""
    found = None
    for m in _DECLARATION.finditer(style):
        words = m.group(2).lower().replace("!important", " ").split()
        if m.group(1).lower() == "list-style-type":
            found = words[0] if words else found
            continue
        types = [w for w in words if w in _KNOWN]
        if types:
            found = next((w for w in types if w != "none"), "none")
    return found


def _list_style(attrs: dict[str, str]) -> str | None:
    css = _css_style(attrs.get("style", ""))
    if css:
        return css
    kind = attrs.get("type", "")
    return _TYPE_ATTR.get(kind) if kind else None


class ListNumbers:
    """The numbers of an ``<ol>``'s items as a browser draws them: from ``start`` (or ``value`` on
    an item), up or down (``reversed``), in the list's style (``type``, CSS ``list-style-type`` on
    the list or the item; decimal by default), followed by the style's suffix.  ``attrs``: the
    list's attributes; ``items``: how many items it has (a reversed list counts down from it)."""

    def __init__(self, attrs: dict[str, str], items: int) -> None:
        self.style = _list_style(attrs) or "decimal"
        self.step = -1 if "reversed" in attrs else 1
        start = attrs.get("start", "").strip()
        if start.lstrip("-").isdigit():
            self.next = int(start)
        elif self.step < 0:
            self.next = items
        else:
            self.next = 1

    def marker(self, item: dict[str, str]) -> str:
        """The next item's number as drawn (``item``: its attributes)."""
        value = item.get("value", "").strip()
        if value.lstrip("-").isdigit():
            self.next = int(value)
        n, self.next = self.next, self.next + self.step
        return _marker(n, _list_style(item) or self.style)


def _marker(n: int, style: str) -> str:
    if style in ("none", "disc", "circle", "square") or n < 0:
        return ""
    if style in _CJK_STYLES:
        if style == "cjk-decimal":
            return "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) + "、"
        return int_to_cn(n) + "、"
    if style in ("lower-alpha", "lower-latin", "upper-alpha", "upper-latin") and n > 0:
        letters = ""
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return (letters.upper() if style.startswith("upper") else letters) + ". "
    if style in ("lower-roman", "upper-roman") and 0 < n < 4000:
        roman = ""
        for v, letter in _ROMAN:
            while n >= v:
                roman, n = roman + letter, n - v
        return (roman.upper() if style == "upper-roman" else roman) + ". "
    if style == "decimal-leading-zero":
        return f"{n:02d}. "
    return f"{n}. "
