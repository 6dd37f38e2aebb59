"""Compiled regular expressions kept between runs of the command line.

A one-file ``govlint check`` compiles a few hundred patterns (the rules' word lists, the
grammar's lexer, the table readers); CPython compiles them in pure Python (``re._parser``,
``re._compiler``), which is the largest single part of the start-up.  What the compiler
produces is plain data (the flags, a list of ints, the group names) that ``_sre.compile``
accepts directly and validates, so it is kept in the user's cache folder, beside the grammar's
parser (``~/.cache/govlint/re-<python>-<magic>.marshal``), and handed back on the next run.
The file is read on the first compile of a run (a run answered by the cache compiles a dozen
patterns), each pattern's entry kept as its own :mod:`marshal` bytes: reading the whole table is
then one copy per pattern, and only the patterns used are turned back into their code.

Only the command line installs it (:func:`install`); a program that imports govlint keeps its
own ``re``.  Only on interpreters whose ``re`` compiler has the shape used below (CPython 3.10
to 3.13); anything unexpected (another Python, a damaged file, an entry ``_sre`` refuses) falls
back to Python's own compile, pattern by pattern.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from typing import Any

#: at most this many patterns are kept (patterns built from input text must not grow the file)
MAX_ENTRIES = 4000

_state: dict[str, Any] = {}


def _compiler() -> Any:
    """The module whose ``compile`` ``re`` calls, if it has the expected parts; else None."""
    if sys.implementation.name != "cpython" or not (3, 10) <= sys.version_info[:2] <= (3, 13):
        return None
    if sys.version_info >= (3, 11):
        from re import _compiler as comp
        from re import _parser as parse_mod
    else:  # pragma: no cover - Python 3.10
        import sre_compile as comp
        import sre_parse as parse_mod
    if not all(hasattr(comp, n) for n in ("compile", "_code", "_sre", "isstring")) or not hasattr(parse_mod, "parse"):
        return None
    _state["parse"] = parse_mod.parse
    return comp


def _name() -> str:
    comp = _state["compiler"]
    tag = f"{sys.version_info[0]}{sys.version_info[1]}-{comp._sre.MAGIC}"
    return f"re-cpython-{tag}-c.marshal"


def install() -> None:
    """Serve ``re``'s compiles from the cache (once per process; idempotent)."""
    if "compiler" in _state or os.environ.get("GOVLINT_NO_REGEX_CACHE"):
        return
    comp = _compiler()
    if comp is None:
        return
    if array("I").itemsize != comp._sre.CODESIZE:  # pragma: no cover - the code as bytes of 32-bit words
        return
    _state.update(compiler=comp, original=comp.compile, table=None, used={}, dirty=False)
    from govlint import kept

    kept.path(_state.setdefault("file", _name()))  # (imports what reading it needs before any compile is served)
    comp.compile = _compile


def _table() -> dict[Any, Any]:
    """The kept patterns, read on the first compile."""
    table = _state["table"]
    if table is None:
        from govlint import kept

        table = _state["table"] = kept.read_table(_state["file"]) or {}
    return table  # type: ignore[no-any-return]


def _compile(p: Any, flags: int = 0) -> Any:
    comp = _state["compiler"]
    if not comp.isstring(p) or flags & comp.SRE_FLAG_DEBUG:
        return _state["original"](p, flags)
    key = (p, flags)
    table = _table()
    held = table.get(key)
    if held is not None:
        try:
            entry = marshal.loads(held)
            compiled = comp._sre.compile(p, entry[0], array("I", entry[1]).tolist(), *entry[2:])
            _state["used"][key] = held
            _state["hits"] = _state.get("hits", 0) + 1
            return compiled
        except Exception:  # not what this interpreter accepts: compile it afresh
            pass
    parsed = _state["parse"](p, flags)
    code = [int(c) for c in comp._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    try:
        blob = array("I", code).tobytes()
    except (OverflowError, TypeError):  # pragma: no cover - not 32-bit words: not kept
        return _state["original"](p, flags)
    entry = (flags | parsed.state.flags, blob, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
    compiled = comp._sre.compile(p, entry[0], code, *entry[2:])
    _state["used"][key] = table[key] = marshal.dumps(entry)
    _state["dirty"] = True
    return compiled


def save() -> None:
    """Write the cache if this run compiled anything new (atomically; errors are ignored)."""
    if not _state.get("dirty"):
        return
    table = _state["table"] if len(_state["table"]) <= MAX_ENTRIES else _state["used"]  # (read: dirty)
    if len(table) > MAX_ENTRIES:
        return
    from govlint import kept

    if kept.write(_state["file"], table):
        _state["dirty"] = False
