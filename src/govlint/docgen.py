"""Generate the rule reference (docs/rules.md) from the rules' own metadata.

``python -m govlint.docgen`` rewrites docs/rules.md; a test (tests/test_rules_corpus.py)
compares the file with :func:`render_rules_markdown` of :func:`builtin_rules`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from govlint.rule import Rule

SEVERITY_CN = {"error": "错误（error）", "warning": "警告（warning）", "info": "提示（info）"}


def builtin_rules() -> list[type[Rule]]:
    """Every built-in rule, ordered by code (the built-in plugins of :mod:`govlint.plugins`)."""
    from govlint.plugins import builtin_rules as from_plugins

    return from_plugins()


def _demote_headings(doc: str, levels: int = 2) -> str:
    """Rule docs use ``##`` sections; inside the reference they sit under a ``###`` rule heading."""
    out = []
    in_fence = False
    for line in doc.strip().splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("#"):
            line = "#" * levels + line
        out.append(line)
    return "\n".join(out)


def render_rules_markdown(rules: Sequence[type[Rule]]) -> str:
    """The rule reference: an index table, then code, name, default severity, summary and
    documentation of each rule."""
    fixable = [r.code for r in rules if r.fixable]
    lines = [
        "# govlint 规则参考",
        "",
        "<!-- 本文件由 `python -m govlint.docgen` 根据规则元数据生成，请勿手工修改。 -->",
        "",
        f"共 {len(rules)} 条规则。"
        + (f"可自动修复（`govlint check --fix`）：{'、'.join(fixable)}。" if fixable else ""),
        "",
        "| 代码 | 名称 | 默认级别 | 说明 |",
        "|---|---|---|---|",
    ]
    for r in rules:
        anchor = r.code.lower()
        lines.append(f"| [{r.code}](#{anchor}) | `{r.name}` | {r.severity.value} | {r.summary} |")
    for r in rules:
        lines += [
            "",
            f"## {r.code}",
            "",
            f"- 名称：`{r.name}`",
            f"- 默认级别：{SEVERITY_CN.get(r.severity.value, r.severity.value)}",
            f"- 摘要：{r.summary}",
        ]
        if r.fixable:
            lines.append("- 自动修复：可以（`govlint check --fix`；`--diff` 先查看修改）")
        if r.doc.strip():
            lines += ["", _demote_headings(r.doc, 1)]
    return "\n".join(lines) + "\n"


def default_output() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from govlint.argparse_zh import chinese

    with chinese():
        ap = argparse.ArgumentParser(prog="python -m govlint.docgen",
                                     description="根据规则元数据生成规则参考文档（docs/rules.md）")
        ap.add_argument("output", nargs="?", type=Path, help=f"输出文件（默认 {default_output()}）")
        ap.add_argument("--check", action="store_true", help="不写文件：文件与生成结果不一致时以 1 退出")
        args = ap.parse_args(list(sys.argv[1:] if argv is None else argv))
    out = args.output or default_output()
    text = render_rules_markdown(builtin_rules())
    if args.check:
        same = out.is_file() and out.read_text(encoding="utf-8") == text
        print(f"{out} {'与规则一致' if same else '已过期：请运行 python -m govlint.docgen'}")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
