"""The generated methods of dataclasses, compiled once and kept between runs of the command line.

Creating a dataclass writes the source of its ``__init__``, ``__repr__``, ``__eq__`` … and
compiles each with :func:`exec`; compiling is most of the cost, and govlint's modules define
some hundred dataclasses: on a one-file check that was the largest part of the imports.  The
source of a method is the same from one run to the next, so its compiled code is kept in the
user's cache folder (``~/.cache/govlint/dataclasses-<python tag>.marshal``, beside the regex
cache and the grammar's parser, with the same trust: a folder of the user's own) and executed
from there: what is executed is what ``exec`` of the same text would compile.  Each method's
code is kept as its :mod:`marshal` bytes and turned back into code only when a class needs it:
reading the table is then a copy, whatever other commands and earlier versions put in it (a run
makes a few hundred of the methods the table holds).

:mod:`dataclasses` calls ``exec`` by its global name; :func:`install` gives the module an
``exec`` of its own that looks the text up first.  Only the command line installs it; a program
that imports govlint keeps the standard behaviour.  Anything unexpected (a damaged file, an
entry that is not a code object) falls back to compiling the text.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from types import CodeType
from typing import Any

#: at most this many methods are kept (a plugin making dataclasses at run time must not grow it)
MAX_ENTRIES = 4000

_state: dict[str, Any] = {}


def _name() -> str:
    from importlib import _bootstrap_external  # (loaded by every CPython: the bytecode's magic)

    magic = _bootstrap_external.MAGIC_NUMBER.hex()
    return f"dataclasses-{sys.implementation.cache_tag}-{magic}-b.marshal"


def install() -> None:
    """Serve the compiles of :mod:`dataclasses` from the cache (once per process)."""
    if "table" in _state or os.environ.get("GOVLINT_NO_DATACLASS_CACHE") or sys.implementation.name != "cpython":
        return
    import dataclasses

    if "exec" in vars(dataclasses):  # someone else's: leave it alone
        return
    _state.update(file=_name(), table=None, new={}, module=dataclasses)
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _table() -> dict[str, Any]:
    table = _state["table"]
    if table is None:
        from govlint import kept

        table = _state["table"] = kept.read_table(_state["file"]) or {}
    return table  # type: ignore[no-any-return]


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002 - exec's own names
    if isinstance(source, str):
        code: Any = _table().get(source)
        if isinstance(code, bytes):
            try:
                code = marshal.loads(code)
            except (ValueError, EOFError, TypeError):  # damaged: compiled afresh
                code = None
        if not isinstance(code, CodeType):
            code = compile(source, "<string>", "exec")  # what exec(source) compiles
            _state["new"][source] = marshal.dumps(code)
        source = code
    builtins.exec(source, globals, locals)


def save() -> None:
    """Write the cache if this run compiled anything new (atomically; errors are ignored)."""
    new = _state.get("new")
    if not new:
        return
    table = {**_table(), **new}
    if len(table) > MAX_ENTRIES:
        table = dict(new) if len(new) <= MAX_ENTRIES else {}
    _state["new"] = {}
    if not table:
        return
    from govlint import kept

    kept.write(_state["file"], table)
