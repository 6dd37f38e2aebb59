"""``govlint extract FILE [-o OUT.md]``: a document (PDF, Word, web page) as canonical text —
markdown, tables as pipe tables — the text govlint itself reads from it.  Checking the
extracted file gives the same model (and so the same findings) as checking the document:
the form an office can keep in git."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("extract", help="把 PDF、Word（.docx）或网页报告转换为 govlint 读取的规范文本（Markdown）")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", type=Path, help="写入此文件（默认输出到标准输出）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from govlint.source import read_source

    src = read_source(Path(args.file))
    if src.text is None:
        print(f"govlint：无法读取 {args.file}：{src.error}", file=sys.stderr)
        return 2
    if args.output is not None:
        try:
            if args.output.resolve() == Path(args.file).resolve():
                print("govlint：输出文件不能是输入文件本身", file=sys.stderr)
                return 2
            args.output.write_text(src.text, encoding="utf-8", newline="\n")
        except OSError as exc:
            print(f"govlint：无法写入 {args.output}：{exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(src.text)
    return 0
