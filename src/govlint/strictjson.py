"""Strict JSON: what govlint writes is always valid JSON (RFC 8259), or an error — never
``Infinity``, ``NaN`` or a number a JSON reader cannot hold.

``json.dumps`` writes ``Infinity`` for a float that overflowed (a 400-digit number read as a
float) and accepts integers of any size (JavaScript readers keep 53 bits).  :func:`dumps`
refuses both with :class:`StrictJSONError` (a Chinese message naming the place), writes a
finite ``Decimal`` as the number it is, and Enums as their value.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from enum import Enum
from typing import Any

#: the largest integer a JSON reader is sure to hold exactly (IEEE double, 2**53)
MAX_SAFE_INT = 2**53


class StrictJSONError(ValueError):
    """A value that has no faithful JSON form."""


def _check(value: Any, where: str) -> Any:
    """``value`` with Decimals and Enums made plain; raises for the unrepresentable."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INT:
            raise StrictJSONError(f"{where} 的整数超出 JSON 可精确表示的范围（±2^53）")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StrictJSONError(f"{where} 的数值 {value!r} 不是有限数，JSON 无法表示")
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise StrictJSONError(f"{where} 的数值 {value} 不是有限数，JSON 无法表示")
        if value == value.to_integral_value() and value.as_tuple().exponent == 0 and abs(value) <= MAX_SAFE_INT:
            return int(value)
        f = float(value)
        if not math.isfinite(f):
            raise StrictJSONError(f"{where} 的数值超出 JSON 可表示的范围")
        return f if Decimal(repr(f)) == value else str(value)  # no precision silently lost
    if isinstance(value, Enum):
        return _check(value.value, where)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                k = str(_check(k, where))
            out[k] = _check(v, f"{where}.{k}")
        return out
    if isinstance(value, (list, tuple)):
        return [_check(v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise StrictJSONError(f"{where} 的值类型 {type(value).__name__} 不能写成 JSON")


def plain(value: Any) -> Any:
    """``value`` as plain JSON data (see the module docstring); raises :class:`StrictJSONError`."""
    return _check(value, "$")


def dumps(value: Any, *, indent: int | None = 2, compact: bool = False) -> str:
    """Strict, UTF-8-friendly (``ensure_ascii=False``) JSON text of ``value``."""
    separators = (",", ":") if compact else None
    return json.dumps(plain(value), ensure_ascii=False, indent=None if compact else indent,
                      separators=separators, allow_nan=False)
