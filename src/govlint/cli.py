"""Command line: ``govlint check | rules | rule | parse``.

Exit codes: 0 nothing at or above ``fail-on``; 1 something is; 2 usage or configuration
errors, unreadable explicit paths, plugin or rule crashes, internal errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from govlint import __version__

if TYPE_CHECKING:
    from govlint.config import Config
    from govlint.plugins import PluginSet

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMAT_CHOICES = ["text", "concise", "json", "sarif", "github", "gitlab", "junit", "rdjson", "html"]


class _Parser(argparse.ArgumentParser):
    """Chinese help: section titles and argparse's own messages (see :mod:`govlint.argparse_zh`)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        from govlint.argparse_zh import chinese

        with chinese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from govlint.argparse_zh import chinese

        with chinese():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from govlint.argparse_zh import chinese

        with chinese():  # (its "unrecognized arguments" message too)
            return super().parse_args(*args, **kwargs)

    def add_subparsers(self, **kwargs):  # type: ignore[no-untyped-def]
        from govlint.argparse_zh import chinese

        with chinese():  # (its title, already Chinese, is not looked up in the locale's catalogues)
            return super().add_subparsers(**kwargs)

    _writing = 0  # help or usage being written (then the terminal's width counts)

    def format_help(self) -> str:
        from govlint.argparse_zh import chinese

        with chinese():
            _Parser._writing += 1
            try:
                return super().format_help()
            finally:
                _Parser._writing -= 1

    def format_usage(self) -> str:
        from govlint.argparse_zh import chinese

        with chinese():
            _Parser._writing += 1
            try:
                return super().format_usage()
            finally:
                _Parser._writing -= 1

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse makes a formatter for every argument added (to check its metavar), and each
        asks the terminal for its width: only help and usage need the width."""
        if _Parser._writing:
            return super()._get_formatter()
        return self.formatter_class(prog=self.prog, width=80)  # type: ignore[call-arg]

    def error(self, message: str) -> NoReturn:  # argparse hook: usage errors exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"govlint：用法错误：{message}\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _trust_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-plugins", action="store_true",
                   help="允许运行配置中的本地插件（执行项目中的代码；也可用 govlint trust 或 GOVLINT_ALLOW_PLUGINS=1）")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command`` one of the core commands (``check`` …), the sub-commands of
    :mod:`govlint.commands` are not imported (their modules cost a one-file check's start-up)."""
    p = _Parser(prog="govlint", description="政府信息公开工作年度报告合规检查工具")
    p.add_argument("--version", action="version", version=f"govlint {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, title="命令", metavar="命令")

    c = sub.add_parser("check", help="检查报告（文件、目录或 - 表示标准输入）")
    c.add_argument("paths", nargs="*", default=[], metavar="PATH", help="报告文件、目录或 -（默认：当前目录）")
    c.add_argument("--select", type=_csv, help="只启用这些规则（代码、前缀或名称，逗号分隔）")
    c.add_argument("--extend-select", type=_csv, help="在配置之外再启用这些规则")
    c.add_argument("--ignore", type=_csv, help="停用这些规则")
    c.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    _trust_options(c)
    c.add_argument("--output-format", choices=FORMAT_CHOICES, default="text", help="输出格式（默认 text）")
    c.add_argument("--output-file", "-o", type=Path,
                   help="把结果写入文件而不是标准输出（原子写入；不写符号链接、不覆盖被检查的文件）")
    c.add_argument("--sarif-absolute", action="store_true", help="SARIF 中写入绝对路径和当前目录（默认只写相对路径）")
    c.add_argument("--fix", action="store_true", help="自动修复可确定的纯文字问题（只改 .txt、.md，从不改数字）")
    c.add_argument("--diff", action="store_true", help="只显示 --fix 会做的修改（统一差异格式），不写文件")
    c.add_argument("--write-baseline", nargs="?", const="", metavar="FILE.json",
                   help="把当前发现的问题写入基线文件（默认 govlint-baseline.json），以后不再报告")
    c.add_argument("--baseline", type=Path, metavar="FILE", help="使用此基线文件（覆盖配置中的 baseline）")
    c.add_argument("--jobs", "-j", type=int, metavar="N", help="并行检查的进程数（默认：全部 CPU 核心）")
    c.add_argument("--no-cache", action="store_true", help="不读写结果缓存（.govlint_cache/）")
    c.add_argument("--show-settings", action="store_true", help="显示对第一个路径生效的配置，然后退出")
    c.add_argument("--stdin-filename", metavar="PATH", help="从标准输入读取报告，并把它当作此路径（配置和输出都用它）")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], help="达到此级别即以 1 退出（默认 error）")
    c.add_argument("--exit-zero", action="store_true", help="发现问题也以 0 退出")
    c.add_argument("--statistics", action="store_true", help="按规则统计问题数")
    c.add_argument("--hierarchy", type=Path, help="层级文件（机关 → 上级），供区域汇总规则 RG001 使用")
    c.add_argument("--force-exclude", action="store_true", help="exclude 也适用于明确列出的文件（供 pre-commit 使用）")
    c.add_argument("--quiet", "-q", action="store_true", help="只输出问题，不输出汇总")
    c.add_argument("--no-color", action="store_true", help="不使用颜色")

    r = sub.add_parser("rules", help="列出全部规则")
    r.add_argument("--output-format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    r.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    _trust_options(r)

    one = sub.add_parser("rule", help="显示一条规则的说明")
    one.add_argument("rule", metavar="CODE|NAME", help="规则代码或名称（不区分大小写）")
    one.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    _trust_options(one)

    ps = sub.add_parser("parse", help="显示报告解析出的文档模型（表格数据可导出）")
    ps.add_argument("file", metavar="FILE", help="报告文件，- 表示标准输入")
    ps.add_argument("--output-format", choices=["json", "tree"], default="json", help="输出格式（默认 json）")
    ps.add_argument("--profile", help="指定格式（默认按报告年度选择）")

    import importlib

    from govlint.commands import MODULES

    for name in MODULES if command not in COMMANDS else ():
        importlib.import_module(f"govlint.commands.{name}").register(sub)
    return p


def _err(message: str) -> None:
    import govlint
    from govlint.output.escape import escape_controls

    if govlint._INTERRUPTED[0]:
        return  # after Ctrl-C: what failed is the interrupt's doing, not worth a message
    try:
        print(f"govlint：{escape_controls(message)}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):  # stderr closed or full: nothing more to do
        pass


def _load(config_path: Path | None, report_plugin_errors: bool = True,
          args: argparse.Namespace | None = None) -> tuple[Config, PluginSet] | None:
    """The configuration (``--config`` or the nearest one; none with ``--isolated``) and the
    plugins it names, local ones only with consent (:mod:`govlint.trust`); None after printing
    the message when the configuration is unusable."""
    from govlint.config import ConfigError, find_config, load_config
    from govlint.plugins import load_plugins

    isolated = bool(getattr(args, "isolated", False))
    try:
        if isolated and config_path is not None:
            raise ConfigError("--isolated 与 --config 不能同时使用")
        if config_path is not None and not config_path.is_file():
            raise ConfigError(f"找不到配置文件 {config_path}")
        found = None if isolated else config_path if config_path is not None else find_config(Path.cwd())
        config = load_config(found)
    except ConfigError as exc:
        _err(str(exc))
        return None
    allowed, message = True, None  # (no local plugin named: nothing to consent to)
    if config.plugins:
        from govlint import trust

        verdict = trust.check(found, config.plugins, bool(getattr(args, "allow_plugins", False)),
                              explicit=config_path is not None)
        allowed, message = verdict.allowed, verdict.message
    plugins = load_plugins(config.plugins if allowed else [], config.base_dir)
    if message:
        plugins.errors.insert(0, message)
    if report_plugin_errors:
        for e in plugins.errors:
            _err(e)
    return config, plugins


def cmd_check(args: argparse.Namespace) -> int:
    from govlint.config import ConfigError
    from govlint.engine import Engine
    from govlint.output import NEEDS_SOURCES, render
    from govlint.settings import Overrides, Resolver

    loaded = _load(args.config, args=args)
    if loaded is None:
        return EXIT_ERROR
    config, plugins = loaded
    overrides = Overrides(args.select, args.extend_select or [], args.ignore or [], args.fail_on)
    try:
        overrides.validate(plugins)
        overrides.apply(config, plugins)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    config.force_exclude = args.force_exclude
    paths = list(args.paths)
    if args.write_baseline and not args.write_baseline.lower().endswith(".json"):
        paths.insert(0, args.write_baseline)  # `--write-baseline report.txt`: a path to check, not the file
        args.write_baseline = ""
    paths = paths or ["."]
    if args.stdin_filename:
        paths = ["-"]
    plugin_errors: list[str] = []
    if args.hierarchy is not None:
        config.hierarchy = args.hierarchy
    try:
        engine = Engine(config, plugins, keep_sources=args.output_format in NEEDS_SOURCES, lazy=True)
    except ValueError as exc:  # a rule's configuration (e.g. the hierarchy file) is unusable
        _err(str(exc))
        return EXIT_ERROR
    engine.stdin_name = args.stdin_filename or None
    engine.gc_freeze = GC_THRESHOLD is not None
    from govlint.output.stream import STREAMED

    # written file by file as the findings are read back (memory flat in the number of files);
    # --fix, --diff and --write-baseline need the whole list
    engine.stream = args.output_format in STREAMED and not (args.fix or args.diff or args.write_baseline is not None)
    if args.config is None and not args.isolated:
        engine.resolver = Resolver(config, overrides, plugin_errors, args.allow_plugins)
    if args.show_settings:
        return _show_settings(engine, paths)
    from govlint.parallel import default_jobs

    engine.jobs = args.jobs if args.jobs and args.jobs > 0 else default_jobs()
    if not args.no_cache:
        engine.cache_dir = config.cache_dir or (config.base_dir if config.path else Path.cwd()) / ".govlint_cache"
    baseline_file = _baseline_file(args, config)
    if baseline_file is not None and args.write_baseline is None:
        from govlint.baseline import BaselineError, load

        try:
            engine.baseline = load(baseline_file)
        except BaselineError as exc:
            _err(str(exc))
            return EXIT_ERROR
    try:
        result = engine.run(paths)
    except ConfigError as exc:  # a configuration file found beside some of the files
        _err(str(exc))
        return EXIT_ERROR
    for e in plugin_errors:
        _err(e)
    for e in result.errors:
        _err(e)
    if result.findings is not None and (not result.files_checked or (  # nothing read: a few at most
            args.output_format == "sarif" and not result.findings.codes() <= set(plugins.by_code()))):
        _materialize(result, engine)  # (sarif: a finding of a rule not in the rules table, built whole)
    if args.write_baseline is not None:
        return _write_baseline(baseline_file, result)
    if result.findings is None:
        _report_baseline(result, baseline_file)
    fixed = 0
    if args.fix or args.diff:
        from govlint.fixes import apply_fixes

        fixed, diffs, problems = apply_fixes(result.diagnostics, write=args.fix)
        for problem in problems:
            _err(problem)
        if args.diff:
            sys.stdout.write("".join(diffs))
            return EXIT_FOUND if fixed else EXIT_OK
        if diffs and args.output_format == "text" and args.output_file is None:
            sys.stdout.write("".join(diffs) + "\n")
        if fixed:
            _err(f"已自动修复 {fixed} 个问题")
    if not result.files_checked and result.errors and not result.diagnostics:
        return EXIT_ERROR  # nothing could be checked: no "未发现问题" summary
    use_color = (
        args.output_file is None and not args.no_color and sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    if result.findings is not None:
        code = _stream(args, result, engine, plugins, paths, use_color)
        _report_baseline(result, baseline_file)
        if code is not None:
            return code
        return _exit_code(args, config, result, plugins, plugin_errors)
    out = render(
        args.output_format,
        result.diagnostics,
        rules=_rules_table(args, plugins),
        sources=result.sources,
        color=use_color,
        absolute_paths=args.sarif_absolute,
        statistics=args.statistics,
        files_checked=result.files_checked,
        summary=not args.quiet,
        crashes=result.crashes,
        checked=result.checked,
    )
    from govlint.output.writer import OutputError, write_file, write_stdout

    try:
        if args.output_file is not None:
            write_file(args.output_file, out, paths)
        elif out:
            write_stdout(out if out.endswith("\n") else out + "\n")  # a closed pipe: the exit code below
    except OutputError as exc:
        _err(str(exc))
        return EXIT_ERROR
    return _exit_code(args, config, result, plugins, plugin_errors)


def _rules_table(args: argparse.Namespace, plugins: PluginSet) -> dict:  # type: ignore[type-arg]
    """The rule classes by code, for the formats that describe the rules (the others need none:
    a run answered by the cache then imports no rule module)."""
    return plugins.by_code() if args.output_format in ("sarif", "html") else {}


def _exit_code(args, config, result, plugins, plugin_errors) -> int:  # type: ignore[no-untyped-def]
    if plugins.errors or plugin_errors or result.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    worst = result.findings.worst if result.findings is not None else result.worst()
    return EXIT_FOUND if worst is not None and worst.rank >= config.fail_on.rank else EXIT_OK


def _materialize(result, engine) -> None:  # type: ignore[no-untyped-def]
    """The streamed findings as the plain list (``result.diagnostics``, baseline applied)."""
    findings, result.findings = result.findings, None
    result.diagnostics = [d for diags, _ in findings for d in diags]
    result.sources.update(findings.sources)
    result.baselined = findings.baselined
    if engine.baseline is not None:
        result.stale = engine.baseline.stale(findings.matched, result.checked)
    findings.close()


def _stream(args, result, engine, plugins, paths, color: bool) -> int | None:  # type: ignore[no-untyped-def]
    """Write the findings as they are read back (see govlint.output.stream); an exit code when
    the output failed, else None."""
    from govlint.output import Context
    from govlint.output import stream as formats
    from govlint.output.writer import OutputError, write_pieces

    findings = result.findings
    ctx = Context(rules=_rules_table(args, plugins), sources={}, color=color, statistics=args.statistics,
                  files_checked=result.files_checked, summary=not args.quiet, crashes=result.crashes,
                  checked=result.checked, absolute_paths=args.sarif_absolute)
    pieces = getattr(formats, args.output_format)(findings, ctx)
    try:
        write_pieces(pieces, args.output_file, paths)
    except OutputError as exc:
        _err(str(exc))
        return EXIT_ERROR
    finally:
        findings.close()
    result.baselined = findings.baselined
    if engine.baseline is not None:
        result.stale = engine.baseline.stale(findings.matched, result.checked)
    return None


def _baseline_file(args: argparse.Namespace, config: Config) -> Path | None:
    if args.write_baseline:
        return Path(args.write_baseline)
    if args.baseline is not None:
        return Path(args.baseline)
    if config.baseline is not None:
        return config.baseline
    if args.write_baseline is not None:
        from govlint.baseline import DEFAULT_FILE

        return (config.base_dir if config.path else Path.cwd()) / DEFAULT_FILE
    return None


def _write_baseline(path: Path | None, result) -> int:  # type: ignore[no-untyped-def]
    from govlint.baseline import BaselineError, load

    assert path is not None
    try:
        baseline = load(path, missing_ok=True)
        n = baseline.write(result.diagnostics)
    except (BaselineError, OSError) as exc:
        _err(f"无法写入基线 {path}：{exc}")
        return EXIT_ERROR
    _err(f"已把 {n} 个问题写入基线 {path}；在配置中写 baseline = \"{path.name}\" 即不再报告它们")
    return EXIT_ERROR if result.errors else EXIT_OK


def _report_baseline(result, path: Path | None) -> None:  # type: ignore[no-untyped-def]
    if result.baselined:
        _err(f"基线 {path} 接受了 {result.baselined} 个问题，未报告")
    if result.stale:
        lines = [f"  {e.path}: {e.code} {e.message}" for e in result.stale]
        _err(f"基线 {path} 中有 {len(result.stale)} 条记录已不再出现，可用 --write-baseline 更新基线删除它们：\n"
             + "\n".join(lines))


def _show_settings(engine, paths: Sequence[str]) -> int:  # type: ignore[no-untyped-def]
    from govlint.config import ConfigError
    from govlint.settings import show_settings

    target = engine.stdin_name or (paths[0] if paths else ".")
    probe = str(Path(target) / "_") if Path(target).is_dir() else target
    try:
        rs = engine.ruleset_for(probe)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    enabled = [(m.code, (sev or m.severity).value) for m, sev in rs.chosen]  # (no rule made: see RuleSet)
    sys.stdout.write(f"# 文件：{target}\n" + show_settings(rs.config, rs.plugins, enabled))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    loaded = _load(args.config, args=args)
    if loaded is None:
        return EXIT_ERROR
    _, plugins = loaded
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": r.summary,
            "plugin": plugins.origin.get(r.code, ""),
        }
        for r in plugins.rules
    ]
    if args.output_format == "json":
        from govlint import strictjson

        print(strictjson.dumps(rows))
    else:
        for row in rows:
            print(f"{row['code']:<7} {row['name']:<28} {row['severity']:<8} {row['summary']}  [{row['plugin']}]")
    return EXIT_ERROR if plugins.errors else EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    loaded = _load(args.config, report_plugin_errors=False, args=args)
    if loaded is None:
        return EXIT_ERROR
    _, plugins = loaded
    wanted = args.rule.strip()
    for r in plugins.rules:
        if wanted.upper() == r.code or wanted.lower() == r.name:
            print(f"# {r.code} {r.name}\n")
            print(f"{r.summary}\n")
            print(f"默认级别：{r.severity.value}　来自插件：{plugins.origin.get(r.code, '')}\n")
            print(r.doc.rstrip())
            return EXIT_OK
    _err(f"没有规则 {wanted!r}（用 govlint rules 查看全部规则）")
    return EXIT_ERROR


def cmd_parse(args: argparse.Namespace) -> int:
    from govlint.parsing import parse_text
    from govlint.parsing.export import report_to_dict, report_to_tree
    from govlint.profile import load_profiles
    from govlint.source import decode, read_source

    if args.profile and args.profile not in load_profiles():
        _err(f"未知的格式 {args.profile!r}（可用：{', '.join(sorted(load_profiles()))}）")
        return EXIT_ERROR
    if args.file == "-":
        text, err = decode(sys.stdin.buffer.read())
    else:
        src = read_source(Path(args.file))  # a PDF/Word/HTML document: its canonical text
        text, err = src.text, src.error
    if text is None:
        _err(f"无法读取 {args.file}：{err}")
        return EXIT_ERROR
    report = parse_text(text, args.file, profile=args.profile)
    if args.output_format == "tree":
        sys.stdout.write(report_to_tree(report))
    else:
        from govlint import strictjson

        print(strictjson.dumps(report_to_dict(report)))
    return EXIT_OK


#: the command line's garbage collector: a young generation of this many objects, not 700.  A
#: run allocates millions of short-lived objects (the imports, each report's model) and few
#: cycles; with Python's default the collector ran every few hundred of them, 5–10 % of a
#: one-file check.  What a collection finds is bounded by the threshold, not by the number of
#: files (memory stays flat); the modules and rules are frozen out of the collector's sight
#: once made (``Engine.gc_freeze``).
GC_THRESHOLD: tuple[int, int, int] | None = (20_000, 10, 10)

COMMANDS = {"check": cmd_check, "rules": cmd_rules, "rule": cmd_rule, "parse": cmd_parse}


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; exit code 130 whenever Ctrl-C came, whatever it turned into."""
    import govlint
    from govlint import dccache, recache

    if GC_THRESHOLD is not None:
        import gc

        gc.set_threshold(*GC_THRESHOLD)
    recache.install()  # compiled patterns from the last run (see govlint.recache)
    dccache.install()  # and dataclasses' compiled methods (govlint.dccache)
    try:
        code = _main(argv)
    finally:
        recache.save()
        dccache.save()
    return EXIT_INTERRUPTED if govlint._INTERRUPTED[0] else code


def _main(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # pragma: no cover
            pass
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(words[0] if words else None)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        handler = getattr(args, "handler", None) or COMMANDS[args.command]
        code = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk shows here, not in Python's silent flush at exit
        return code
    except KeyboardInterrupt:  # Ctrl-C at any time: no traceback (see govlint/__init__ for import time)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of a listing went away (| head): nothing lost that was asked for
        from govlint.output.writer import silence_stdout

        silence_stdout()
        return EXIT_OK
    except OSError as exc:  # stdout on a full disk in rules/parse/…: the output is lost
        from govlint.output.writer import silence_stdout

        silence_stdout()
        _err(f"无法输出：{exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:  # pragma: no cover - last resort: no traceback for users
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):  # wrapped by Python
            return EXIT_INTERRUPTED
        _err(f"内部错误：{type(exc).__name__}: {exc}（请报告此问题）")
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
