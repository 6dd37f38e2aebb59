"""``govlint trust [CONFIG]``: allow the local plugins of a configuration file (see govlint.trust)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("trust", help="信任一个配置文件，允许运行其中的本地插件")
    p.add_argument("config", nargs="?", type=Path, metavar="CONFIG",
                   help="govlint.toml 或 pyproject.toml（默认：从当前目录向上找到的配置）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from govlint import trust
    from govlint.config import find_config
    from govlint.output.writer import OutputError

    path = args.config or find_config(Path.cwd())
    if path is None or not Path(path).is_file():
        print(f"govlint：找不到配置文件{' ' + str(path) if path else ''}", file=sys.stderr)
        return 2
    try:
        target = trust.add_trusted(Path(path))
    except (OSError, OutputError) as exc:
        print(f"govlint：无法写入信任列表：{exc}", file=sys.stderr)
        return 2
    print(f"已信任 {path}（其中的本地插件将被加载；配置修改后需重新信任）。信任列表：{target}")
    return 0
