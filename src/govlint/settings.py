"""Effective settings of a run: command-line overrides on top of configuration files, and the
configuration of each file — the nearest ``govlint.toml`` or ``pyproject.toml`` with
``[tool.govlint]`` above it, as ruff does (``govlint check sub/reports`` uses
``sub/pyproject.toml`` for the files under it).  A file with no configuration above it uses
the run's own (found from the current directory); ``--config`` makes one file apply to all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govlint.config import Config, ConfigError, find_config, load_config, parse_fail_on, unknown_selector
from govlint.plugins import PluginSet, load_plugins


@dataclass
class Overrides:
    """Selections given on the command line (they override every configuration file)."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None

    def validate(self, plugins: PluginSet) -> None:
        """A command-line selector that names no rule is a usage error of the command line
        (not of a configuration file)."""
        for flag, sels in (("--select", self.select or []), ("--extend-select", self.extend_select),
                           ("--ignore", self.ignore)):
            bad = unknown_selector(sels, plugins.meta)
            if bad is not None:
                raise ConfigError(f"命令行 {flag} 中的 {bad!r} 不是已知的规则代码、代码前缀或规则名（用 govlint rules 查看）")

    def apply(self, config: Config, plugins: PluginSet) -> None:
        """Check the configuration's own selectors, then apply these on top."""
        config.validate_selectors(plugins.meta)
        if self.select is not None:
            config.select = list(self.select)
        config.extend_select = config.extend_select + self.extend_select
        config.ignore = config.ignore + self.ignore
        if self.fail_on:
            config.fail_on = parse_fail_on(self.fail_on)


def plugins_for(config: Config, cache: dict[tuple[tuple[str, ...], Path], PluginSet] | None = None,
                allow_plugins: bool = False) -> PluginSet:
    """The plugins ``config`` names — local ones only with consent (:mod:`govlint.trust`)."""
    from govlint import trust

    verdict = trust.check(config.path, config.plugins, allow_plugins, explicit=False)
    local = config.plugins if verdict.allowed else []
    key = (tuple(local), config.base_dir)
    if cache is not None and key in cache:
        return cache[key]
    plugins = load_plugins(local, config.base_dir)
    if verdict.message:
        plugins.errors.insert(0, verdict.message)
    if cache is not None:
        cache[key] = plugins
    return plugins


class Resolver:
    """``path → (config, plugins)`` of the nearest configuration file, or None for the run's own."""

    def __init__(self, root: Config, overrides: Overrides, plugin_errors: list[str],
                 allow_plugins: bool = False) -> None:
        self.root = root
        self.allow_plugins = allow_plugins
        self.overrides = overrides
        self.plugin_errors = plugin_errors  # errors of plugins named in nested configurations
        self._by_dir: dict[Path, Path | None] = {}
        self._loaded: dict[Path, tuple[Config, PluginSet]] = {}
        self._plugins: dict[tuple[tuple[str, ...], Path], PluginSet] = {}
        self._by_folder: dict[str, tuple[Config, PluginSet] | None] = {}  # unresolved folder → answer
        self._root_file = root.path.resolve() if root.path is not None else None

    def config_file(self, folder: Path) -> Path | None:
        if folder not in self._by_dir:
            self._by_dir[folder] = find_config(folder)
        return self._by_dir[folder]

    def __call__(self, path: str) -> tuple[Config, PluginSet] | None:
        # one answer per folder as written (resolving every path costs a system call per
        # component); a symbolic link is looked up from where it points, as before
        folder = os.path.dirname(path)
        if folder in self._by_folder and not os.path.islink(path):
            return self._by_folder[folder]
        answer = self._resolve(path)
        if not os.path.islink(path):
            self._by_folder[folder] = answer
        return answer

    def _resolve(self, path: str) -> tuple[Config, PluginSet] | None:
        found = self.config_file(Path(path).resolve().parent)
        if found is None or (self._root_file is not None and found.resolve() == self._root_file):
            return None
        if found not in self._loaded:
            config = load_config(found)  # ConfigError propagates: the run stops with exit 2
            config.force_exclude = self.root.force_exclude
            plugins = plugins_for(config, self._plugins, self.allow_plugins)
            self.plugin_errors.extend(e for e in plugins.errors if e not in self.plugin_errors)
            self.overrides.apply(config, plugins)
            self._loaded[found] = (config, plugins)
        return self._loaded[found]


def show_settings(config: Config, plugins: PluginSet, enabled: Sequence[tuple[str, str]]) -> str:
    """``--show-settings``: the configuration that applies, as TOML-like lines."""

    def q(v: object) -> str:
        if isinstance(v, list):
            return "[" + ", ".join(q(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{q(k)} = {q(x)}" for k, x in v.items()) + "}"
        if v is None:
            return "（未设置）"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        f"# 配置文件：{config.path or '（无，使用默认设置）'}",
        f"select = {q(config.select if config.select is not None else ['ALL'])}",
        f"extend-select = {q(config.extend_select)}",
        f"ignore = {q(config.ignore)}",
        f"severity = {q(config.severity)}",
        f"per-file-ignores = {q(config.per_file_ignores)}",
        f"exclude = {q(config.exclude)}",
        f"fail-on = {q(config.fail_on.value)}",
        f"plugins = {q(config.plugins)}",
        f"profile = {q(config.profile)}",
        f"baseline = {q(str(config.baseline) if config.baseline else None)}",
        f"cache-dir = {q(str(config.cache_dir) if config.cache_dir else None)}",
        f"# 启用的规则（{len(enabled)} 条）：",
    ]
    lines += [f"#   {code} {sev}  [{plugins.origin.get(code, '')}]" for code, sev in enabled]
    return "\n".join(lines) + "\n"
