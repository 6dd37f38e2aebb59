"""Rule cases as data beside the rules: ``cases/CODE.toml`` holds a rule's failing and passing
examples (taken from real reports), the documentation shows them, and one test runs them all
through the real plugin loading.

A case is a table of ``[[fail]]`` or ``[[pass]]`` with

- ``text``: a passage added to part 一 of a clean real report (``cases/base-report.txt``), or
- ``replace``: a list of ``[old, new]`` pairs applied to that report (for table cells),

and optionally ``show`` (what the documentation shows, when the passage or the replacements
alone would not read well), ``note`` (shown under it) and, for a failing case, ``count`` (the
number of diagnostics expected, default at least one).  A set-level rule's case also has a
``previous`` table: last year's report of the same body (``base``: ``base-report.txt`` with its
years moved back by one, the default, or another clean real report of ``cases/``; ``replace``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_ANCHOR = "二、主动公开政府信息情况"


@dataclass(frozen=True)
class Case:
    """One documented example of a rule: a text that fails or passes, and how it is shown."""

    fails: bool
    text: str = ""
    replace: tuple[tuple[str, str], ...] = ()
    note: str = ""
    count: int | None = None
    previous: tuple[str, tuple[tuple[str, str], ...]] | None = None  # (base file, replacements)
    show: str = ""

    def report_text(self) -> str:
        """The clean base report with this case's passage or replacements."""
        base = base_report()
        for old, new in self.replace:
            if old not in base:
                raise ValueError(f"规则用例的替换原文不在基准报告中：{old!r}")
            base = base.replace(old, new, 1)
        if self.text:
            base = base.replace(_ANCHOR, self.text.rstrip("\n") + "\n\n" + _ANCHOR, 1)
        return base

    def previous_text(self) -> str | None:
        """Last year's report of a set-level case (None for a single-report case)."""
        if self.previous is None:
            return None
        name, pairs = self.previous
        text = base_report(name)
        if name == _BASE:
            text = text.replace("2024", "2023")
        for old, new in pairs:
            if old not in text:
                raise ValueError(f"规则用例的替换原文不在 {name} 中：{old!r}")
            text = text.replace(old, new, 1)
        return text

    def shown(self) -> str:
        """What the documentation shows of the case: ``show``, else the passage and the new text
        of the replacements (the extraction's blank lines between wrapped lines left out)."""
        if self.show:
            return self.show.strip("\n")
        shown = [self.text.strip("\n")] if self.text else []
        shown += [re.sub(r"\n\s*\n", "\n", new) for _, new in self.replace]
        return "\n".join(shown)


_BASE = "base-report.txt"


def base_report(name: str = _BASE) -> str:
    """A clean real report the cases are built on."""
    from importlib import resources

    return resources.files("govlint.checks").joinpath(f"cases/{name}").read_text(encoding="utf-8")


@cache
def load_cases(code: str) -> tuple[Case, ...]:
    """The cases of rule ``code`` (empty when it has no case file)."""
    from importlib import resources

    f = resources.files("govlint.checks").joinpath(f"cases/{code}.toml")
    if not f.is_file():
        return ()
    from govlint.config import toml_module  # here: loading the rules reads no case file

    data: dict[str, Any] = toml_module().loads(f.read_text(encoding="utf-8"))
    out: list[Case] = []
    for key, fails in (("fail", True), ("pass", False)):
        for c in data.get(key, []):
            prev = c.get("previous")
            previous = None if prev is None else (
                prev.get("base", _BASE), tuple(tuple(p) for p in prev.get("replace", [])))
            out.append(Case(fails, c.get("text", ""), tuple(tuple(p) for p in c.get("replace", [])),  # type: ignore[misc]
                            c.get("note", ""), c.get("count"), previous, c.get("show", "")))  # type: ignore[arg-type]
    return tuple(out)


class _Doc:
    """A rule's ``doc``, built on first read: the case files are not read when rules are only
    loaded (every ``govlint check``), only when the documentation is shown."""

    def __init__(self, code: str, what: str, why: str) -> None:
        self.args = (code, what, why)

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return _doc(*self.args)


def doc_from_cases(code: str, what: str, why: str) -> Any:
    """A rule's documentation (a ``str`` when read from the rule): what it checks, why, and its
    own cases as the examples."""
    return _Doc(code, what, why)


@cache
def _doc(code: str, what: str, why: str) -> str:
    cases = load_cases(code)
    out = [f"## 说明\n\n{what}\n\n## 原因\n\n{why}\n"]
    for title, fails in (("错误示例", True), ("正确示例", False)):
        shown = [c for c in cases if c.fails is fails]
        if not shown:
            continue
        out.append(f"## {title}\n")
        for c in shown:
            out.append(f"```text\n{c.shown()}\n```\n" + (f"\n{c.note}\n" if c.note else ""))
    return "\n".join(out)
