"""The built-in rules' metadata without importing their modules.

A one-file ``govlint check`` answered by the cache needs, of the rules, only what decides the
settings (code, name, default severity, ``opt_in``: selection and ``[severity]``), the plugin
each comes from and which are set-level: the settings key of the cache.  Importing the rule
modules for that (and the parser and format profiles they import) was a third of the start-up.

So a run that imported the built-in rules keeps that metadata in the user's cache folder
(``~/.cache/govlint/rules-<stamp>.marshal``, beside the regex cache), under a hash of the source
of every module a built-in rule's metadata can come from (:func:`stamp`); the next run reads it
when the sources still hash the same.  A rule edited since is a different stamp: its modules are
imported (and the table written again).  Plain data (:mod:`marshal` of strings and booleans,
checked on reading): a damaged or foreign file is ignored.  ``GOVLINT_NO_RULE_TABLE=1``: the
modules are always imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, TypeGuard

from govlint.diagnostic import Severity
from govlint.digest import blake2b

if TYPE_CHECKING:
    from govlint.rule import Rule

#: the modules (relative to the package) whose source decides the built-in rules' metadata
_SOURCES = ("rule.py", "plugins.py", "guard.py", "discover.py", "diagnostic.py")


class RuleInfo(Protocol):
    """What selection and ``[severity]`` read of a rule: a rule class, or its :class:`RuleMeta`."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def opt_in(self) -> bool: ...


class RuleMeta:
    """What the settings need of a rule class: the same attributes (``code``, ``name``,
    ``severity``, ``opt_in``), the plugin it comes from, its module and what kind of rule it is."""

    __slots__ = ("code", "name", "severity", "opt_in", "plugin", "module", "set_level", "whole_set")

    def __init__(self, code: str, name: str, severity: Severity, opt_in: bool, plugin: str, module: str,
                 set_level: bool, whole_set: bool) -> None:
        self.code, self.name, self.severity, self.opt_in = code, name, severity, opt_in
        self.plugin, self.module = plugin, module
        #: overrides ``check_facts`` / ``check_group`` (see govlint.facts)
        self.set_level = set_level
        #: overrides the deprecated ``check_reports`` (every parsed report kept)
        self.whole_set = whole_set

    def row(self) -> tuple[str, str, str, bool, str, str, bool, bool]:
        return (self.code, self.name, self.severity.value, self.opt_in, self.plugin, self.module, self.set_level,
                self.whole_set)

    def __repr__(self) -> str:
        return f"RuleMeta{self.row()!r}"


def meta_of(cls: type[Rule], plugin: str) -> RuleMeta:
    """The metadata of a rule class (from ``plugin``)."""
    from govlint.rule import Rule

    set_level = cls.check_facts is not Rule.check_facts or cls.check_group is not Rule.check_group
    return RuleMeta(cls.code, cls.name, cls.severity, bool(getattr(cls, "opt_in", False)), plugin, cls.__module__,
                    set_level, cls.check_reports is not Rule.check_reports)


def _package() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def stamp() -> str | None:
    """A hash of the source of every module that can decide a built-in rule's metadata (the
    ``checks`` package and :data:`_SOURCES`); None when a source is missing (a build without
    ``.py`` files: the modules are imported)."""
    root = _package()
    checks = os.path.join(root, "checks")
    try:
        names = sorted(n for n in os.listdir(checks) if n.endswith(".py"))
        h = blake2b(digest_size=16)
        for path in [*(os.path.join(checks, n) for n in names), *(os.path.join(root, n) for n in _SOURCES)]:
            with open(path, "rb") as fh:
                data = fh.read()
            h.update(f"{os.path.basename(path)}:{len(data)}\n".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def _name(source_stamp: str) -> str:
    return f"rules-{source_stamp}.marshal"


def _valid(rows: object) -> TypeGuard[tuple[tuple[str, str, str, bool, str, str, bool, bool], ...]]:
    shape = (str, str, str, bool, str, str, bool, bool)
    return isinstance(rows, tuple) and bool(rows) and all(
        isinstance(r, tuple) and len(r) == len(shape) and all(type(v) is t for v, t in zip(r, shape))
        and r[2] in _SEVERITIES for r in rows)


_SEVERITIES = {s.value for s in Severity}


def builtin_meta() -> list[RuleMeta] | None:
    """The built-in rules' metadata kept by an earlier run, ordered by code; None when there is
    none for these sources (then the modules are imported)."""
    source_stamp = stamp()
    if source_stamp is None or os.environ.get("GOVLINT_NO_RULE_TABLE"):
        return None
    from govlint import kept

    rows = kept.read(_name(source_stamp))
    if not _valid(rows):
        return None
    return [RuleMeta(code, name, Severity(sev), opt_in, plugin, module, set_level, whole_set)
            for code, name, sev, opt_in, plugin, module, set_level, whole_set in rows]


def remember(rules: Iterable[RuleMeta]) -> None:
    """Keep the built-in rules' metadata for the next runs (once per stamp; errors ignored)."""
    source_stamp = stamp()
    if source_stamp is None or os.environ.get("GOVLINT_NO_RULE_TABLE"):
        return
    from govlint import kept

    if not kept.exists(_name(source_stamp)):
        kept.write(_name(source_stamp), tuple(m.row() for m in rules))


def from_modules() -> list[RuleMeta]:
    """The built-in rules' metadata from their modules (imported), ordered by code."""
    from govlint.plugins import load_plugins

    plugins = load_plugins(installed=False, table=False)
    return [meta_of(cls, plugins.origin[cls.code]) for cls in plugins.rules]
