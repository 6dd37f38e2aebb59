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
    lines = [
        "# govlint 规则参考",
        "",
        "<!-- 本文件由 `python -m govlint.docgen` 根据规则元数据生成，请勿手工修改。 -->",
        "",
        f"共 {len(rules)} 条规则。",
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
        if r.doc.strip():
            lines += ["", _demote_headings(r.doc, 1)]
    return "\n".join(lines) + "\n"


def default_output() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else default_output()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_rules_markdown(builtin_rules()), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
