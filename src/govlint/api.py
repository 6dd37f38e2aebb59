"""The Python API: ``govlint.parse_file`` and ``govlint.check_files``.

    import govlint
    report = govlint.parse_file("report.txt")            # the model (govlint.model.Report)
    result = govlint.check_files(["reports/"], select=["AR", "PT"])
    for f in result.files:
        print(f.path, f.report.year, [d.code for d in f.diagnostics])

Both never raise for bad input: an unreadable file raises only in ``parse_file`` (a
:class:`ValueError` with the Chinese reason); ``check_files`` lists problems in ``errors``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govlint.diagnostic import Diagnostic
    from govlint.model import Report


def parse_file(path: str | Path, profile: str | None = None) -> Report:
    """Read and parse one report (``.txt`` / ``.md``) into the document model."""
    from govlint.parsing import parse_text
    from govlint.source import read_report

    text, err = read_report(Path(path))
    if text is None:
        raise ValueError(f"无法读取 {path}：{err}")
    return parse_text(text, str(path), profile=profile)


@dataclass
class FileResult:
    path: str
    report: Report | None  # None: the file could not be decoded
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class CheckResult:
    files: list[FileResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # all, sorted by path and position
    errors: list[str] = field(default_factory=list)  # unreadable paths, plugin and rule crashes


def check_files(
    paths: Iterable[str | Path],
    *,
    config: str | Path | dict[str, Any] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    jobs: int = 1,
) -> CheckResult:
    """Check files and directories as ``govlint check`` does (set-level rules included).

    ``config``: a configuration file, a dict of its keys (``{"select": ["AR"]}``), or None for
    the nearest ``govlint.toml`` / ``pyproject.toml`` above the current directory.  ``select``
    and ``ignore`` act like the command-line options.  A bad configuration raises
    :class:`govlint.config.ConfigError`.
    """
    from govlint.config import Config, config_from_dict, find_config, load_config
    from govlint.engine import Engine
    from govlint.settings import Overrides, plugins_for

    if isinstance(config, dict):
        cfg: Config = config_from_dict(config)
    else:
        cfg = load_config(Path(config) if config is not None else find_config(Path.cwd()))
    plugins = plugins_for(cfg, allow_plugins=True)  # the calling program chose this configuration
    overrides = Overrides(list(select) if select is not None else None, [], list(ignore))
    overrides.validate(plugins)
    overrides.apply(cfg, plugins)
    engine = Engine(cfg, plugins, keep_sources=False)
    engine.keep_reports = True
    engine.jobs = jobs
    run = engine.run([str(p) for p in paths])
    by_path: dict[str, list[Diagnostic]] = {}
    for d in run.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    files = [FileResult(p, run.reports.get(p), by_path.get(p, [])) for p in run.checked]
    return CheckResult(files, run.diagnostics, [*plugins.errors, *run.errors])
