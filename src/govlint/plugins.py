"""Plugin loading: built-in rule modules, installed packages (entry-point group ``govlint``)
and modules or files named in the configuration — all registered the same way.

Each plugin is imported and asked for its rules in isolation: a plugin that fails to import,
whose hook raises, or whose rules have bad metadata is reported by name, and the others load.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from govlint.entrypoints import entry_points

if TYPE_CHECKING:
    import pluggy

    from govlint.rule import Rule
    from govlint.ruletable import RuleMeta

#: The built-in plugins, registered exactly like third-party ones.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "govlint.checks.parse",
    "govlint.checks.structure",
    "govlint.checks.contents",
    "govlint.checks.labels",
    "govlint.checks.references",
    "govlint.checks.citations",
    "govlint.checks.fees",
    "govlint.checks.arithmetic",
    "govlint.checks.prose",
    "govlint.checks.year",
    "govlint.checks.deadline",
    "govlint.checks.crossyear",
    "govlint.checks.region",
    "govlint.checks.wording",
    "govlint.checks.claims",
    "govlint.checks.authority",
    "govlint.checks.stock",
    "govlint.checks.reuse",
    "govlint.guard",
    "govlint.discover",
)

ENTRY_POINT_GROUP = "govlint"


class PluginSet:
    """The rules of a run, with the plugin each comes from, and what went wrong loading.

    ``meta``: what the settings need of each rule (:class:`govlint.ruletable.RuleMeta`), in the
    order of ``rules``.  A set of built-in rules alone can come with the metadata only (from
    :mod:`govlint.ruletable`): ``rules`` imports the modules when first asked for."""

    def __init__(self, rules: list[type[Rule]] | None = None, origin: dict[str, str] | None = None,
                 errors: list[str] | None = None, versions: dict[str, str] | None = None,
                 meta: list[RuleMeta] | None = None, loader: Callable[[], PluginSet] | None = None) -> None:
        self._rules = rules if rules is not None or loader is not None else []
        self.origin: dict[str, str] = origin if origin is not None else {}  # rule code → plugin name
        self.errors: list[str] = errors if errors is not None else []
        self.versions: dict[str, str] = versions if versions is not None else {}  # plugin → its distribution's version
        self._meta = meta
        self._loader = loader

    @property
    def rules(self) -> list[type[Rule]]:
        if self._rules is None:
            assert self._loader is not None
            loaded = self._loader()
            self._rules, self._loader = loaded.rules, None
            self.errors.extend(e for e in loaded.errors if e not in self.errors)
        return self._rules

    @rules.setter
    def rules(self, value: list[type[Rule]]) -> None:
        self._rules, self._loader, self._meta = value, None, None

    @property
    def loaded(self) -> bool:
        """Whether the rule classes are imported (else only ``meta`` is known)."""
        return self._rules is not None

    @property
    def meta(self) -> list[RuleMeta]:
        if self._meta is None:
            from govlint.ruletable import meta_of

            self._meta = [meta_of(cls, self.origin.get(cls.code, "")) for cls in self.rules]
        return self._meta

    def by_code(self) -> dict[str, type[Rule]]:
        return {r.code: r for r in self.rules}


def _plugin_manager() -> pluggy.PluginManager:
    import pluggy

    from govlint import hookspecs

    pm = pluggy.PluginManager("govlint")
    pm.add_hookspecs(hookspecs)
    return pm


def _import_path(spec: str, base_dir: Path) -> ModuleType:
    path = Path(spec)
    if not path.is_absolute():
        path = base_dir / path
    if not path.is_file():
        raise FileNotFoundError(f"找不到插件文件 {path}")
    name = "govlint_local_plugin_" + "_".join(path.with_suffix("").parts[-3:]).replace("-", "_").replace(".", "_")
    module_spec = importlib.util.spec_from_file_location(name, path)
    if module_spec is None or module_spec.loader is None:  # pragma: no cover
        raise ImportError(f"无法加载插件文件 {path}")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    module_spec.loader.exec_module(module)
    return module


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def load_plugins(
    local: Sequence[str] = (), base_dir: Path | None = None, builtins: bool = True, installed: bool = True,
    table: bool = True,
) -> PluginSet:
    """Register every plugin and collect its rules.  Never raises: problems are in ``errors``.

    With the built-in rules alone (no installed or local plugin) and ``table``, the rules'
    metadata comes from :mod:`govlint.ruletable` when it can, and the modules are imported only
    when a rule is needed (a run answered by the cache needs none)."""
    eps = entry_points(group=ENTRY_POINT_GROUP) if installed else []
    if builtins and table and not eps and not local:
        from govlint.ruletable import builtin_meta

        meta = builtin_meta()
        if meta is not None:
            return PluginSet(None, {m.code: m.plugin for m in meta}, meta=meta,
                             loader=lambda: load_plugins(installed=False, table=False))
    from govlint.rule import Rule

    pm = _plugin_manager()
    result = PluginSet()
    base = base_dir or Path.cwd()

    def register(obj: object, name: str) -> None:
        try:
            pm.register(obj, name=name)
        except Exception as exc:  # pluggy validation errors, duplicate names
            result.errors.append(f"插件 {name} 无法注册：{_describe(exc)}")

    if builtins:
        for modname in BUILTIN_PLUGINS:
            try:
                module = importlib.import_module(modname)
                # only the hook, not the module: pluggy inspects every attribute of what it is
                # given (hundreds in a rule module, a tenth of the start-up); a bare module
                # holding the hook has five others (any other object: the dunders of object)
                hook_only = ModuleType(modname)
                hook_only.govlint_rules = module.govlint_rules  # type: ignore[attr-defined]
                register(hook_only, modname)
            except Exception as exc:  # pragma: no cover - built-ins import
                result.errors.append(f"内置插件 {modname} 无法导入：{_describe(exc)}")
    for ep in eps:
        name = f"{ep.name} ({ep.value})"
        result.versions[name] = f"{ep.dist} {ep.version}"
        try:
            register(ep.load(), name)
        except Exception as exc:
            result.errors.append(f"插件 {name} 无法导入：{_describe(exc)}")
    for spec in local:
        try:
            if spec.endswith(".py") or "/" in spec or "\\" in spec:
                module = _import_path(spec, base)
            else:
                module = importlib.import_module(spec)
            register(module, spec)
        except Exception as exc:
            result.errors.append(f"插件 {spec} 无法导入：{_describe(exc)}")

    names: dict[str, str] = {}
    for impl in pm.hook.govlint_rules.get_hookimpls():
        plugin = impl.plugin_name
        try:
            provided: Any = impl.function()
        except Exception as exc:
            result.errors.append(f"插件 {plugin} 的 govlint_rules() 出错：{_describe(exc)}")
            continue
        for cls in provided or ():
            if not (isinstance(cls, type) and issubclass(cls, Rule)):
                result.errors.append(f"插件 {plugin} 返回的 {cls!r} 不是 govlint.rule.Rule 的子类")
                continue
            problems = cls.validate_metadata()
            if problems:
                result.errors.append(f"插件 {plugin} 的规则 {cls.__name__}：" + "；".join(problems))
                continue
            if cls.code in result.origin:
                result.errors.append(
                    f"插件 {plugin} 的规则 {cls.code} 与插件 {result.origin[cls.code]} 的规则代码重复，未加载"
                )
                continue
            if cls.name in names:
                result.errors.append(f"插件 {plugin} 的规则名 {cls.name} 与 {names[cls.name]} 重复，未加载")
                continue
            result.rules.append(cls)
            result.origin[cls.code] = plugin
            names[cls.name] = cls.code
    result.rules.sort(key=lambda r: r.code)
    if builtins and not eps and not local and not result.errors:
        from govlint.ruletable import remember

        remember(result.meta)  # for the next run (see govlint.ruletable)
    return result


def builtin_rules() -> list[type[Rule]]:
    """Every built-in rule, ordered by code (used by the documentation generator)."""
    return load_plugins(installed=False).rules
