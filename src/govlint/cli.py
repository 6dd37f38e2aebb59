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

from govlint import __version__, strictjson

if TYPE_CHECKING:
    from govlint.config import Config
    from govlint.plugins import PluginSet

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse hook: usage errors exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"govlint：用法错误：{message}\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="govlint", description="政府信息公开工作年度报告合规检查工具")
    p.add_argument("--version", action="version", version=f"govlint {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告（文件、目录或 - 表示标准输入）")
    c.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    c.add_argument("--select", type=_csv, help="只启用这些规则（代码、前缀或名称，逗号分隔）")
    c.add_argument("--extend-select", type=_csv, help="在配置之外再启用这些规则")
    c.add_argument("--ignore", type=_csv, help="停用这些规则")
    c.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    c.add_argument("--output-format", choices=["text", "concise", "json", "sarif", "github", "html"], default="text")
    c.add_argument("--output-file", "-o", type=Path,
                   help="把结果写入文件而不是标准输出（原子写入；不写符号链接、不覆盖被检查的文件）")
    c.add_argument("--sarif-absolute", action="store_true", help="SARIF 中写入绝对路径和当前目录（默认只写相对路径）")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], help="达到此级别即以 1 退出（默认 error）")
    c.add_argument("--exit-zero", action="store_true", help="发现问题也以 0 退出")
    c.add_argument("--statistics", action="store_true", help="按规则统计问题数")
    c.add_argument("--force-exclude", action="store_true", help="exclude 也适用于明确列出的文件（供 pre-commit 使用）")
    c.add_argument("--quiet", "-q", action="store_true", help="只输出问题，不输出汇总")
    c.add_argument("--no-color", action="store_true", help="不使用颜色")

    r = sub.add_parser("rules", help="列出全部规则")
    r.add_argument("--output-format", choices=["text", "json"], default="text")
    r.add_argument("--config", type=Path)

    one = sub.add_parser("rule", help="显示一条规则的说明")
    one.add_argument("rule", metavar="CODE|NAME")
    one.add_argument("--config", type=Path)

    ps = sub.add_parser("parse", help="显示报告解析出的文档模型（表格数据可导出）")
    ps.add_argument("file", metavar="FILE")
    ps.add_argument("--output-format", choices=["json", "tree"], default="json")
    ps.add_argument("--profile", help="指定格式（默认按报告年度选择）")

    import importlib

    from govlint.commands import MODULES

    for name in MODULES:
        importlib.import_module(f"govlint.commands.{name}").register(sub)
    return p


def _err(message: str) -> None:
    from govlint.output.escape import escape_controls

    try:
        print(f"govlint：{escape_controls(message)}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):  # stderr closed or full: nothing more to do
        pass


def _load(config_path: Path | None, report_plugin_errors: bool = True) -> tuple[Config, PluginSet] | None:
    """The configuration (``--config`` or the nearest one) and the plugins it names; None
    after printing the message when the configuration is unusable."""
    from govlint.config import ConfigError, find_config, load_config
    from govlint.plugins import load_plugins

    try:
        if config_path is not None and not config_path.is_file():
            raise ConfigError(f"找不到配置文件 {config_path}")
        config = load_config(config_path if config_path is not None else find_config(Path.cwd()))
    except ConfigError as exc:
        _err(str(exc))
        return None
    plugins = load_plugins(config.plugins, config.base_dir)
    if report_plugin_errors:
        for e in plugins.errors:
            _err(e)
    return config, plugins


def cmd_check(args: argparse.Namespace) -> int:
    from govlint.config import ConfigError, parse_fail_on
    from govlint.engine import Engine
    from govlint.output import render

    loaded = _load(args.config)
    if loaded is None:
        return EXIT_ERROR
    config, plugins = loaded
    try:
        if args.select is not None:
            config.select = args.select
        if args.extend_select:
            config.extend_select += args.extend_select
        if args.ignore:
            config.ignore += args.ignore
        if args.fail_on:
            config.fail_on = parse_fail_on(args.fail_on)
        config.validate_selectors(plugins.rules)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    config.force_exclude = args.force_exclude
    engine = Engine(config, plugins, keep_sources=args.output_format in ("text", "html"))
    result = engine.run(args.paths)
    for e in result.errors:
        _err(e)
    use_color = (
        args.output_file is None and not args.no_color and sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    out = render(
        args.output_format,
        result.diagnostics,
        rules=plugins.by_code(),
        sources=result.sources,
        color=use_color,
        absolute_paths=args.sarif_absolute,
        statistics=args.statistics,
        files_checked=result.files_checked,
        summary=not args.quiet,
    )
    from govlint.output.writer import OutputError, write_file, write_stdout

    try:
        if args.output_file is not None:
            write_file(args.output_file, out, args.paths)
        elif out:
            write_stdout(out if out.endswith("\n") else out + "\n")  # a closed pipe: the exit code below
    except OutputError as exc:
        _err(str(exc))
        return EXIT_ERROR
    if plugins.errors or result.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    worst = result.worst()
    return EXIT_FOUND if worst is not None and worst.rank >= config.fail_on.rank else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    loaded = _load(args.config)
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
        print(strictjson.dumps(rows))
    else:
        for row in rows:
            print(f"{row['code']:<7} {row['name']:<28} {row['severity']:<8} {row['summary']}  [{row['plugin']}]")
    return EXIT_ERROR if plugins.errors else EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    loaded = _load(args.config, report_plugin_errors=False)
    if loaded is None:
        return EXIT_ERROR
    _, plugins = loaded
    wanted = args.rule.strip()
    for r in plugins.rules:
        if wanted.upper() == r.code or wanted == r.name:
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
        print(strictjson.dumps(report_to_dict(report)))
    return EXIT_OK


COMMANDS = {"check": cmd_check, "rules": cmd_rules, "rule": cmd_rule, "parse": cmd_parse}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # pragma: no cover
            pass
    try:
        parser = build_parser()
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
