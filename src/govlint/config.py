"""Configuration: ``govlint.toml`` (keys at top level) or ``[tool.govlint]`` in pyproject.toml.

The nearest file found walking up from the current directory is used, or ``--config PATH``.
Selectors (in ``select``, ``extend-select``, ``ignore``, ``[severity]``, ``per-file-ignores``)
are rule codes (``AR001``), code prefixes (``AR``, ``PAR0``), rule names (``row-short``) or
``ALL``.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govlint.ruletable import RuleInfo

from govlint.diagnostic import Severity


def toml_module() -> Any:
    """``tomllib`` (``tomli`` before Python 3.11), imported when a TOML file is read: a run
    without a configuration file reads none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> Any:
    if name == "tomllib":  # ``from govlint.config import tomllib`` (region rule): on first use
        return toml_module()
    raise AttributeError(f"module 'govlint.config' has no attribute {name!r}")

CONFIG_FILE = "govlint.toml"
KEYS = {
    "select", "extend-select", "ignore", "severity", "per-file-ignores", "exclude", "fail-on", "plugins", "profile",
    "baseline", "cache-dir",
    "respect-gitignore", "time-budget", "rule-time-budget", "hierarchy",
}
SEVERITY_VALUES = ("error", "warning", "info", "off")


class ConfigError(Exception):
    """A configuration problem; the message (Chinese) names the file and the key."""


@dataclass
class Config:
    """The settings of a run, as the configuration file and the command line give them."""

    select: list[str] | None = None  # None: every rule
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    plugins: list[str] = field(default_factory=list)
    profile: str | None = None
    baseline: Path | None = None  # accepted findings (see govlint.baseline), relative to the config file
    cache_dir: Path | None = None  # default: .govlint_cache beside the config file (or in the current directory)
    force_exclude: bool = False  # set by --force-exclude: exclude explicit paths too
    respect_gitignore: bool = True  # folders: skip what .gitignore files ignore
    time_budget: float = 30.0  # seconds per file (0: no budget; see govlint.guard)
    rule_time_budget: float = 10.0  # seconds per rule and file
    hierarchy: Path | None = None  # office → parent mapping file (checks/region.py)
    path: Path | None = None  # the file it was read from
    base_dir: Path = field(default_factory=Path.cwd)

    # ------------------------------------------------------------------ rule selection

    def enabled(self, rule: RuleInfo) -> bool:
        selected = any(matches(s, rule) for s in (self.select if self.select is not None else ["ALL"]))
        selected = selected or any(matches(s, rule) for s in self.extend_select)
        if getattr(rule, "opt_in", False):  # only a selector naming it (code or name) turns it on
            selected = any(_specificity(s, rule) == 100 for s in [*(self.select or []), *self.extend_select])
        if not selected or any(matches(s, rule) for s in self.ignore):
            return False
        return self.severity_for(rule) is not None

    def severity_for(self, rule: RuleInfo) -> Severity | None:
        """The configured severity (None: off).  The most specific selector wins: a code or a
        name beats a longer prefix, which beats a shorter one."""
        best: tuple[int, str] | None = None
        for sel, value in self.severity.items():
            if matches(sel, rule):
                rank = _specificity(sel, rule)
                if best is None or rank > best[0]:
                    best = (rank, value)
        if best is None:
            return rule.severity
        return None if best[1] == "off" else Severity(best[1])

    def sets_severity(self, rule: RuleInfo) -> bool:
        """Whether ``[severity]`` names this rule (by code, prefix, name or ALL)."""
        return any(matches(sel, rule) for sel in self.severity)

    def ignored_for_file(self, path: str, rule_code: str, rule_name: str) -> bool:
        if not self.per_file_ignores:
            return False  # no path resolution per diagnostic (thousands on hostile input)
        rel = _relative(path, self.base_dir)
        for pattern, selectors in self.per_file_ignores.items():
            if glob_match(pattern, rel) or glob_match(pattern, path):
                for s in selectors:
                    if _selects(s, rule_code, rule_name):
                        return True
        return False

    def excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False  # no path resolution per file
        rel = _relative(str(path), self.base_dir)
        return any(glob_match(p, rel) or glob_match(p, path.name) for p in self.exclude)

    def validate_selectors(self, rules: Sequence[RuleInfo]) -> None:
        """Every selector of the configuration file must name at least one known rule."""
        where = f"（{self.path}）" if self.path else ""
        groups: list[tuple[str, Iterable[str]]] = [
            ("select", self.select or []),
            ("extend-select", self.extend_select),
            ("ignore", self.ignore),
            ("severity", self.severity.keys()),
        ]
        groups += [(f"per-file-ignores.{k!r}", v) for k, v in self.per_file_ignores.items()]
        for key, sels in groups:
            bad = unknown_selector(sels, rules)
            if bad is not None:
                raise ConfigError(f"配置{where} {key} 中的 {bad!r} 不是已知的规则代码、代码前缀或规则名")


def unknown_selector(selectors: Iterable[str], rules: Sequence[RuleInfo]) -> str | None:
    """The first selector that names no rule of ``rules``, or None."""
    return next((s for s in selectors if s.upper() != "ALL" and not any(matches(s, r) for r in rules)), None)


def _selects(selector: str, code: str, name: str) -> bool:
    """Selectors are case-insensitive: ``law005`` is ``LAW005``, ``Row-Short`` is ``row-short``."""
    sel = selector.strip()
    return sel.upper() == "ALL" or code.startswith(sel.upper()) or sel.lower() == name


def matches(selector: str, rule: RuleInfo) -> bool:
    return _selects(selector, rule.code, rule.name)


def _specificity(selector: str, rule: RuleInfo) -> int:
    sel = selector.strip()
    if sel.lower() == rule.name or sel.upper() == rule.code:
        return 100
    if sel.upper() == "ALL":
        return 0
    return len(sel)


def _relative(path: str, base: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return p.as_posix()


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif c == "*":
            out += "[^/]*"
            i += 1
        elif c == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(c)
            i += 1
    return re.compile(out + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Glob with ``**`` (any number of folders), ``*`` and ``?`` (not crossing ``/``)."""
    return bool(_glob_regex(pattern.replace("\\", "/")).match(path.replace("\\", "/")))


# ---------------------------------------------------------------------- reading


# Every way a pyproject.toml can spell a govlint table: ``[tool.govlint]`` / ``tool.govlint.x = …``
# (quotes and spaces allowed), an inline ``tool = {…}``, or a ``govlint = …`` key under ``[tool]``.
# A file with none of them has no [tool.govlint], and tomllib (≈ 8 ms to import and run) is spared.
_TOOL_GOVLINT = re.compile(r"""tool["']?\s*\.\s*["']?govlint\b|^\s*["']?tool["']?\s*=\s*\{""", re.M)
_GOVLINT_KEY = re.compile(r"""^\s*["']?govlint["']?\s*[.=]""", re.M)
_TOOL_TABLE = re.compile(r"""^\s*\[\s*["']?tool["']?\s*\]""", re.M)


def _may_hold_govlint_table(text: str) -> bool:
    # a ``govlint =`` key counts beside any [tool] header (which table it falls in is tomllib's to say)
    return bool(_TOOL_GOVLINT.search(text) or (_TOOL_TABLE.search(text) and _GOVLINT_KEY.search(text)))


# pyproject.toml files find_config parsed, with their text: load_config reads the one it found again
# (the file may have changed between the two) and parses it only when its text did (per file)
_PARSED: dict[Path, tuple[str, dict[str, Any]]] = {}


def find_config(start: Path) -> Path | None:
    """The nearest govlint.toml, or pyproject.toml with a [tool.govlint] table, at or above ``start``."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if not _may_hold_govlint_table(text):
                continue
            tomllib = toml_module()
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                continue
            _PARSED[pyproject] = (text, data)
            if "govlint" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read ``path`` (None: defaults).  Raises :class:`ConfigError` with a Chinese message."""
    if path is None:
        return Config()
    tomllib = toml_module()
    try:
        text = path.read_text(encoding="utf-8")
        seen = _PARSED.get(path)
        data = copy.deepcopy(seen[1]) if seen is not None and seen[0] == text else tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是合法的 TOML：{exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("govlint", {})
    return config_from_dict(data, path)


def _strings(value: Any, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"配置{where} 的 {key} 应为字符串列表，实际为 {value!r}")
    return list(value)


def config_from_dict(data: dict[str, Any], path: Path | None = None) -> Config:
    where = f"（{path}）" if path else ""
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"配置{where} 中有未知的键 {', '.join(unknown)}（可用：{', '.join(sorted(KEYS))}）")
    cfg = Config(path=path, base_dir=path.parent if path else Path.cwd())
    if "select" in data:
        cfg.select = _strings(data["select"], "select", where)
    cfg.extend_select = _strings(data.get("extend-select", []), "extend-select", where)
    cfg.ignore = _strings(data.get("ignore", []), "ignore", where)
    cfg.exclude = _strings(data.get("exclude", []), "exclude", where)
    cfg.plugins = _strings(data.get("plugins", []), "plugins", where)
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"配置{where} 的 severity 应为表（[severity]），实际为 {sev!r}")
    for k, v in sev.items():
        if v not in SEVERITY_VALUES:
            raise ConfigError(f"配置{where} severity.{k} 的值 {v!r} 无效（应为 error、warning、info 或 off）")
    cfg.severity = dict(sev)
    pfi = data.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"配置{where} 的 per-file-ignores 应为表，实际为 {pfi!r}")
    cfg.per_file_ignores = {k: _strings(v, f"per-file-ignores.{k!r}", where) for k, v in pfi.items()}
    for key, attr in (("baseline", "baseline"), ("cache-dir", "cache_dir")):
        if key in data:
            if not isinstance(data[key], str) or not data[key]:
                raise ConfigError(f"配置{where} 的 {key} 应为文件路径字符串，实际为 {data[key]!r}")
            setattr(cfg, attr, cfg.base_dir / data[key])
    _hostile_keys(cfg, data, where)
    if "hierarchy" in data:
        if not isinstance(data["hierarchy"], str) or not data["hierarchy"]:
            raise ConfigError(f"配置{where} 的 hierarchy 应为层级文件的路径，实际为 {data['hierarchy']!r}")
        cfg.hierarchy = cfg.base_dir / data["hierarchy"]
    if "fail-on" in data:
        cfg.fail_on = parse_fail_on(data["fail-on"], where)
    if "profile" in data:
        if not isinstance(data["profile"], str):
            raise ConfigError(f"配置{where} 的 profile 应为字符串，实际为 {data['profile']!r}")
        from govlint.profile import load_profiles

        if data["profile"] not in load_profiles():
            raise ConfigError(
                f"配置{where} 的 profile {data['profile']!r} 不存在（可用：{', '.join(sorted(load_profiles()))}）"
            )
        cfg.profile = data["profile"]
    return cfg


def parse_fail_on(value: Any, where: str = "") -> Severity:
    if value not in ("error", "warning", "info"):
        raise ConfigError(f"配置{where} 的 fail-on 值 {value!r} 无效（应为 error、warning 或 info）")
    return Severity(value)


def _hostile_keys(cfg: Config, data: dict[str, Any], where: str) -> None:
    """respect-gitignore, time-budget, rule-time-budget (issue 11)."""
    if "respect-gitignore" in data:
        if not isinstance(data["respect-gitignore"], bool):
            raise ConfigError(f"配置{where} 的 respect-gitignore 应为 true 或 false，实际为 {data['respect-gitignore']!r}")
        cfg.respect_gitignore = data["respect-gitignore"]
    for key, attr in (("time-budget", "time_budget"), ("rule-time-budget", "rule_time_budget")):
        if key in data:
            v = data[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 86400:
                raise ConfigError(f"配置{where} 的 {key} 应为 0 到 86400 之间的秒数（0 表示不限），实际为 {v!r}")
            setattr(cfg, attr, float(v))
