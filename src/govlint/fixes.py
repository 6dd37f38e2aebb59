"""Safe fixes (``govlint check --fix`` / ``--diff``): mechanical, purely textual corrections only.

A rule offers a :class:`~govlint.diagnostic.Fix` through :func:`text_fix`, which refuses
anything that is not certain: a fix never spans a line break, never adds, drops or changes a
digit (so no number of the report can change), and applies only to plain-text reports
(``.txt``, ``.md`` — never a PDF, Word or HTML file, whose text govlint only extracts).

Writing keeps the file's encoding (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030),
its line ends (LF, CRLF or CR, even mixed) and its permissions; the new content is checked to
decode back to exactly the fixed text, and it replaces the file atomically (a temporary file in
the same folder, then ``os.replace``).  A file changed since it was read is left alone.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govlint.diagnostic import Diagnostic, Fix

FIXABLE_SUFFIXES = (".txt", ".md")
_DIGITS = re.compile(r"[0-9０-９]+")
_LINE_END = re.compile(r"\r\n|\r|\n")


def text_fix(text: str, start: int, end: int, new: str) -> Fix | None:
    """A fix replacing ``text[start:end]`` with ``new``, or None when it would not be certain:
    nothing to change, a line break inside, or the digits differ."""
    if not 0 <= start < end <= len(text):
        return None
    old = text[start:end]
    if old == new or "\n" in old or "\n" in new or "\r" in new:
        return None
    if _DIGITS.findall(old) != _DIGITS.findall(new):
        return None
    return Fix(start, end, old, new)


def joined_fix(report_text: str, offsets: Sequence[int], i: int, j: int, new: str) -> Fix | None:
    """A fix for characters ``i`` … ``j`` of a joined text (:class:`govlint.checks.common.Joined`,
    whose ``offsets`` map each character to the source): only when they are one unbroken stretch
    of a single source line."""
    if not 0 <= i < j <= len(offsets) or offsets[j - 1] - offsets[i] != j - 1 - i:
        return None
    return text_fix(report_text, offsets[i], offsets[j - 1] + 1, new)


@dataclass
class FileFix:
    """What ``--fix`` did (or, with ``--diff``, would do) to one file."""

    path: str
    applied: list[Diagnostic] = field(default_factory=list)
    diff: str = ""
    written: bool = False
    problem: str | None = None  # why nothing was written (Chinese), if so


def apply_fixes(diagnostics: list[Diagnostic], write: bool) -> tuple[int, list[str], list[str]]:
    """Fix every file of ``diagnostics`` that has fixable ones (``write``: for real, else only
    the diffs).  Returns the number of fixes, the diffs and problems (Chinese messages); with
    ``write``, the fixed diagnostics are removed from ``diagnostics``."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.fix is not None:
            by_path.setdefault(d.path, []).append(d)
    count, diffs, problems = 0, [], []
    done: set[int] = set()
    for path in sorted(by_path):
        ff = fix_file(path, by_path[path], write)
        if ff.problem:
            problems.append(ff.problem)
        if ff.applied:
            count += len(ff.applied)
            diffs.append(ff.diff)
            done.update(id(d) for d in ff.applied)
    if write:
        diagnostics[:] = [d for d in diagnostics if id(d) not in done]
    return count, diffs, problems


def _codec(data: bytes) -> tuple[bytes, str] | None:
    """The BOM and codec :func:`govlint.source.decode` reads ``data`` with."""
    from govlint.source import _BOMS

    for bom, codec, _ in _BOMS:
        if data.startswith(bom):
            return bom, codec
    for codec in ("utf-8", "gb18030"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return b"", codec
    return None


def _starts(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [0, *(m.end() for m in pattern.finditer(text))]


def fix_file(path: str, diagnostics: Sequence[Diagnostic], write: bool) -> FileFix:
    """Apply the fixes of ``diagnostics`` (all of file ``path``) — or only compute the diff
    when ``write`` is False.  Overlapping fixes: the first one wins, the others stay reported."""
    from govlint.source import decode

    out = FileFix(path)
    wanted = sorted((d for d in diagnostics if d.fix is not None), key=lambda d: d.fix.start)  # type: ignore[union-attr]
    if not wanted:
        return out
    if path == "-" or Path(path).suffix.lower() not in FIXABLE_SUFFIXES:
        out.problem = f"{path} 不是纯文本报告（.txt、.md），不自动修复"
        return out
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        out.problem = f"无法读取 {path}：{exc.strerror or exc}"
        return out
    from govlint.sources import sniff

    if sniff(data, Path(path).suffix.lower()) is not None:  # a PDF/Word/HTML file, whatever its name
        out.problem = f"{path} 不是纯文本报告，不自动修复"
        return out
    found = _codec(data)
    text, _ = decode(data)
    if found is None or text is None:
        out.problem = f"{path} 无法解码，不自动修复"
        return out
    bom, codec = found
    raw = data[len(bom):].decode(codec)
    norm_starts, raw_starts = _starts(text, re.compile("\n")), _starts(raw, _LINE_END)
    if len(norm_starts) != len(raw_starts):  # pragma: no cover - decode() keeps line counts
        out.problem = f"{path} 的换行无法对应，不自动修复"
        return out

    def to_raw(offset: int) -> int:
        line = bisect.bisect_right(norm_starts, offset) - 1
        return raw_starts[line] + offset - norm_starts[line]

    new_text, new_raw = text, raw
    last = -1
    edits: list[tuple[int, int, str]] = []
    for d in wanted:
        fix = d.fix
        assert fix is not None
        if fix.start < last or text[fix.start:fix.end] != fix.old:
            continue  # overlaps an earlier fix, or the rule's text is not the file's
        last = fix.end
        edits.append((fix.start, fix.end, fix.new))
        out.applied.append(d)
    for start, end, new in reversed(edits):
        new_text = new_text[:start] + new + new_text[end:]
        new_raw = new_raw[:to_raw(start)] + new + new_raw[to_raw(end):]
    try:
        new_data = bom + new_raw.encode(codec)
    except UnicodeEncodeError:
        out.applied, out.problem = [], f"{path}：修复后的文字无法用原编码 {codec} 保存，未修改"
        return out
    if decode(new_data)[0] != new_text:  # pragma: no cover - a safety net, not a path
        out.applied, out.problem = [], f"{path}：修复结果无法按原编码读回，未修改"
        return out
    import difflib

    out.diff = "".join(
        line + "\n"
        for line in difflib.unified_diff(text.split("\n"), new_text.split("\n"), f"{path}（原文）",
                                         f"{path}（修复后）", lineterm="")
    )
    if write and out.applied:
        out.problem = _replace(Path(path), data, new_data)
        out.written = out.problem is None
        if not out.written:
            out.applied = []
    return out


def _replace(path: Path, expected: bytes, data: bytes) -> str | None:
    """Write ``data`` over ``path`` atomically, if the file still holds ``expected``."""
    import tempfile

    target = Path(os.path.realpath(path))
    try:
        if target.read_bytes() != expected:
            return f"{path} 在检查期间被修改，未自动修复"
        mode = target.stat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".govlint-tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"无法写入 {path}：{exc.strerror or exc}"
    return None
