"""Plain data govlint keeps between runs in the user's cache folder (one place for all of it).

The regex cache, the dataclasses' compiled methods, the parsed format profiles and the built-in
rules' metadata are each one :mod:`marshal` file in ``$XDG_CACHE_HOME/govlint`` (see
:func:`user_cache_dir`).  They share how such a file is read and written: read
whole, and anything unexpected (missing, damaged, written by another Python) is as if there were
none; written atomically (a temporary file beside it, then :func:`os.replace`), so runs side by
side never see half a file, and a cache folder that cannot be written is no error.  Each caller
checks the shape of what it reads back: the file is the user's own, but not trusted to be whole.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["exists", "path", "read", "read_table", "replace_atomically", "user_cache_dir", "write"]


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/govlint`` (default ``~/.cache/govlint``; on Windows ``%LOCALAPPDATA%``)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    ) or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govlint"


def path(name: str) -> str:
    """The file ``name`` in the user's cache folder."""
    return os.path.join(user_cache_dir(), name)


def read(name: str) -> object | None:
    """What the file ``name`` holds, or None when there is no such file or it cannot be read."""
    try:
        with open(path(name), "rb") as fh:
            return marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def read_table(name: str) -> dict[Any, Any] | None:
    """What the file ``name`` holds when it is a dict (the shape every kept table has), else None."""
    value = read(name)
    return value if isinstance(value, dict) else None


def replace_atomically(target: str | Path, fill: Callable[[IO[bytes]], object]) -> bool:
    """Write ``target`` whole or not at all: ``fill`` writes a temporary file beside it, which then
    replaces it (its folder made when missing).  False, and no temporary file left, when the
    folder cannot be written."""
    target = os.fspath(target)
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder or ".", exist_ok=True)
        with open(tmp, "wb") as fh:
            fill(fh)
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True


def write(name: str, value: Any) -> bool:
    """Keep ``value`` as the file ``name`` (atomically); False when it could not be written
    (a value :mod:`marshal` cannot hold, no writable cache folder)."""
    try:
        blob = marshal.dumps(value)
    except ValueError:
        return False
    return replace_atomically(path(name), lambda fh: fh.write(blob))


def exists(name: str) -> bool:
    """Whether the file ``name`` is kept."""
    return os.path.exists(path(name))
