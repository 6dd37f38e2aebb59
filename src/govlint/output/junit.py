"""``junit``: JUnit XML, one ``<testcase>`` per checked file (for CI test-report views).

A file with diagnostics has one ``<failure>`` listing them (``line:column: CODE [severity]
message``); a clean file is a passing test case; a rule or parser crash on a file is an
``<error>`` (set-level crashes go to a test case named after the rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from govlint.diagnostic import Diagnostic
from govlint.output import Context
from govlint.output.paths import relative_path


def _clean(s: str) -> str:
    """Characters XML 1.0 cannot hold (control characters of a binary-ish file) → U+FFFD."""
    return "".join(ch if ch in "\t\n\r" or (" " <= ch and ch not in "\ufffe\uffff") else "\ufffd" for ch in s)


def render(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    crashes: dict[str, list[str]] = {}
    for c in ctx.crashes:
        key = c.path if c.path in by_path or c.path in ctx.checked else f"{c.code or 'govlint'} {c.path}".strip()
        crashes.setdefault(key, []).append(c.message)
    names = list(dict.fromkeys([*ctx.checked, *by_path, *crashes]))
    failures = sum(1 for n in names if by_path.get(n))
    errors = sum(1 for n in names if crashes.get(n))
    suites = ET.Element("testsuites", name="govlint", tests=str(len(names)), failures=str(failures),
                        errors=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="govlint", tests=str(len(names)), failures=str(failures),
                          errors=str(errors), skipped="0")
    for name in names:
        shown = relative_path(name) if name in by_path or name in ctx.checked else name
        case = ET.SubElement(suite, "testcase", name=_clean(shown), classname="govlint", file=_clean(shown))
        found = by_path.get(name, [])
        if found:
            fail = ET.SubElement(case, "failure", type="govlint", message=_clean(f"发现 {len(found)} 个问题"))
            fail.text = _clean("\n".join(
                f"{shown}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}" for d in found))
        for message in crashes.get(name, []):
            err = ET.SubElement(case, "error", type="govlint-internal", message=_clean(message.splitlines()[0]))
            err.text = _clean(message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
