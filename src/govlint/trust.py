"""Trust for configuration that runs code: local plugins (``plugins = [...]``).

A configuration file is data, except its ``plugins``: they are imported, i.e. run.  Cloning a
repository and running ``govlint check`` in it must not run the repository's code (ruff's
configuration cannot run code; pre-commit runs only hooks the user installed).  So local
plugins load only when

1. the configuration lies inside the project being checked — the repository (the nearest
   folder with ``.git`` at or above the working directory; the working directory when there is
   none) — and not in a folder above it; and
2. the user allowed it: ``--allow-plugins`` on the command line, ``GOVLINT_ALLOW_PLUGINS=1`` in
   the environment (CI), or the configuration file is in the user's trust list
   (``~/.config/govlint/trusted.toml``, ``$XDG_CONFIG_HOME`` respected), which
   ``govlint trust [CONFIG]`` adds it to.  The list keeps the file's SHA-256: a changed
   configuration (a pull that adds a plugin) needs consent again.

Otherwise the plugins are not loaded and one Chinese message says which and how to allow them;
the run goes on with the other rules and exits 2 (a plugin that did not load, as one that failed
to import: a masked rule set is no success).  Installed plugins (entry points) are the user's
own choice and always load.  ``--isolated`` ignores every configuration file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_ALLOW = "GOVLINT_ALLOW_PLUGINS"


@dataclass(frozen=True)
class Verdict:
    """Whether the configuration's local plugins may run, and why not."""

    allowed: bool
    message: str | None = None  # Chinese, when not allowed


def trust_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "govlint" / "trusted.toml"


def project_root(cwd: Path) -> Path:
    """The repository around ``cwd`` (the folder with ``.git``), else ``cwd`` itself."""
    cwd = Path(os.path.abspath(cwd))
    for folder in (cwd, *cwd.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return cwd


def digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def trusted() -> dict[str, str]:
    """Trusted configuration files: resolved path → SHA-256."""
    from govlint.config import toml_module

    try:  # (read first: with no trust file, tomllib is not imported)
        text = trust_file().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    tomllib = toml_module()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    entries = data.get("trusted", {})
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(entries, dict) else {}


def _toml_key(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_trusted(config: Path) -> Path:
    """Put ``config`` (its current content) in the user's trust list; the list's path."""
    entries = trusted()
    entries[_resolved(config)] = digest(config)
    target = trust_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# govlint: configuration files whose plugins may run (govlint trust)", "[trusted]"]
    lines += [f"{_toml_key(k)} = {_toml_key(v)}" for k, v in sorted(entries.items())]
    from govlint.output.writer import write_file

    write_file(target, "\n".join(lines) + "\n")
    return target


def is_trusted(config: Path) -> bool:
    want = trusted().get(_resolved(config))
    if want is None:
        return False
    try:
        return digest(config) == want
    except OSError:
        return False


def check(config_path: Path | None, plugins: list[str], allow_flag: bool, explicit: bool,
          cwd: Path | None = None) -> Verdict:
    """May the local ``plugins`` named in ``config_path`` run?  ``explicit``: the file was given
    with ``--config`` (the user's choice of file: the location test does not apply)."""
    if not plugins or config_path is None:
        return Verdict(True)
    names = "、".join(plugins)
    here = Path(os.path.abspath(cwd or Path.cwd()))
    absolute = Path(os.path.abspath(config_path))
    shown = absolute.relative_to(here) if here in absolute.parents else config_path
    root = project_root(here)
    folder = absolute.parent
    if not explicit and folder != root and root not in folder.parents:
        return Verdict(False, f"未加载配置文件 {shown} 中的本地插件 {names}：该配置位于项目 {root} 之外的上级目录，"
                              "其中的插件代码不会运行（可用 --config 明确指定该配置）")
    if allow_flag or os.environ.get(ENV_ALLOW, "").strip().lower() in ("1", "true", "yes"):
        return Verdict(True)
    if is_trusted(config_path):
        return Verdict(True)
    changed = _resolved(config_path) in trusted()
    why = "该配置在信任后已被修改" if changed else "本地插件会执行项目中的代码，需要您的同意"
    return Verdict(False, f"未加载配置文件 {shown} 中的本地插件 {names}（{why}）。"
                          f"允许方式：本次运行加 --allow-plugins；或运行 govlint trust {shown} 信任此配置；"
                          f"CI 中设置环境变量 {ENV_ALLOW}=1")
