"""The one place numbers are parsed: bounded, typed by column.

A table cell is a count (``int``) or, in a money column, an amount (``Decimal``).  Text is only
a number when it is a plain ASCII numeral of bounded size: a digit run longer than
:data:`MAX_DIGITS` is no cell value (it is a fused run, an ID or garbage) and is never handed to
``int()`` (Python refuses ``int()`` over 4,300 digits, and a long run would be slow anyway).
A decimal point is accepted only where the column holds money, so ``10.00`` in a money column is
one value, never the fused cells ``1`` / ``0.00``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Union

Number = Union[int, Decimal]  # noqa: UP007 (a runtime alias, Python 3.10 safe)

MAX_DIGITS = 15
"""Longest digit run read as one cell value (10^15 − 1: more than any count or 万元 amount)."""

_INT = re.compile(r"-?[0-9]{1,15}\Z")
_DEC = re.compile(r"-?[0-9]{1,15}\.[0-9]{1,6}\Z")
_NUMERAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")


def is_numeral(text: str) -> bool:
    """ASCII digits, an optional minus sign and decimal part (any length: a shape test only)."""
    return text.isascii() and bool(_NUMERAL.match(text))


def digits_of(text: str) -> str:
    """The integer digits of a numeral: "-18538" → "18538", "395.90" → "395"."""
    return text.lstrip("-").split(".", 1)[0]


def parse_count(text: str) -> int | None:
    """A count: bounded ASCII integer (a leading minus allowed), else None."""
    if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS:
        return int(text)  # the common case, without the regex
    if not text.isascii() or not _INT.match(text):
        return None
    return int(text)


def parse_money(text: str) -> Number | None:
    """An amount: a bounded integer, or a bounded decimal as ``Decimal``; else None."""
    if not text.isascii():
        return None
    if _INT.match(text):
        return int(text)
    if _DEC.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
            return None
    return None


def parse_cell(text: str, money: bool) -> Number | None:
    """The value of a cell's text in a money column (``money``) or a count column."""
    return parse_money(text) if money else parse_count(text)


def bounded(text: str) -> bool:
    """Whether a numeral is short enough to be one cell value."""
    return len(digits_of(text)) <= MAX_DIGITS


def to_json(value: Number | None) -> int | float | str | None:
    """A cell value for JSON: ints stay ints; a Decimal becomes a float when that is exact
    (``96171.6``), else its string (no precision silently lost)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent == 0:
            return int(value)
        f = float(value)
        return f if Decimal(repr(f)) == value else str(value)
    return value
