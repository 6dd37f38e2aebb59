"""Locate the data shipped with govlint: ``grammar/`` and ``rules/``.

In a wheel they live inside the package (``govlint/_data/``, put there by hatchling's
force-include); in a source checkout or an editable install they are the top-level folders of
the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` ("grammar" or "rules"), wherever govlint is installed."""
    candidates = [_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name]
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError(f"govlint 数据目录 {name!r} 不存在（查找了 {', '.join(map(str, candidates))}）")


def grammar_path(filename: str = "report.lark") -> Path:
    return data_dir("grammar") / filename


def rules_dir() -> Path:
    return data_dir("rules")
