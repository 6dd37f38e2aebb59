"""Which files a run reads: the paths named on the command line and, for folders, a walk.

The walk never opens anything but folders and ``.gitignore`` files: every candidate is
``stat``-ed first, so a FIFO, a device or a socket is skipped (reported) without being opened —
opening a FIFO for reading blocks until someone writes.  A symlink loop, an unreadable folder
or a file that cannot be stat-ed is reported and skipped; the rest of the walk goes on.

Folders: hidden ones (``.git``, ``.venv``), virtual environments (``pyvenv.cfg``), ``exclude``
globs of the configuration and whatever the ``.gitignore`` files of the repository ignore
(from the repository root — the folder with ``.git`` — down to each folder walked) are not
entered.  Symlinked folders are followed once; a link back into a folder already on the walk
is a loop.  Paths named explicitly are always read (``exclude`` applies to them only with
``force_exclude``); a named path that is missing, unreadable or not a regular file is an error.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from govlint import hookimpl
from govlint.config import Config
from govlint.diagnostic import Severity
from govlint.rule import Rule
from govlint.source import REPORT_SUFFIXES  # text, and the documents read through sources/

STDIN = "-"


class SkipKind(Enum):
    """Why a path found in a folder was not read."""

    UNREADABLE = "unreadable"  # permission denied, I/O error: reports may be missing (an error)
    NOT_A_FILE = "not-a-file"  # FIFO, device, socket, symlink loop: nothing to read (a warning)


@dataclass(frozen=True)
class Skipped:
    """A path found in a folder and not read (unreadable, or not a regular file), and why."""

    path: str
    kind: SkipKind
    message: str  # Chinese, without the path


@dataclass
class Discovery:
    """The files a run checks, the explicit paths it cannot use and what folders held besides."""

    files: list[str] = field(default_factory=list)  # in order, no duplicates; "-" for stdin
    errors: list[str] = field(default_factory=list)  # explicit paths that cannot be used (exit 2)
    skipped: list[Skipped] = field(default_factory=list)  # found in folders, not read


_KIND_NAMES = (
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISSOCK, "套接字"),
)


def file_kind(mode: int) -> str:
    """A Chinese name for a non-regular file type."""
    return next((name for test, name in _KIND_NAMES if test(mode)), "特殊文件")


def os_reason(exc: OSError) -> str:
    """A Chinese reason for an OS error (the English strerror as a fallback)."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    if code == errno.ELOOP:
        return "符号链接构成循环"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return "文件或目录不存在"
    if code == errno.ENAMETOOLONG:
        return "路径过长"
    return f"系统错误（{exc.strerror or exc}）"


# ---------------------------------------------------------------------- .gitignore


def _translate(pattern: str) -> str:
    """A gitignore glob (without the leading ``/`` or trailing ``/``) as a regex body."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
        elif c == "[":
            j = pattern.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
                continue
            body = pattern[i + 1:j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class _IgnoreRule:
    """One pattern line of a .gitignore file, compiled."""

    regex: re.Pattern[str]
    negated: bool
    dir_only: bool


def parse_gitignore(text: str) -> list[_IgnoreRule]:
    """The rules of one .gitignore file (patterns relative to its folder)."""
    rules: list[_IgnoreRule] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if raw.endswith("\\ "):
            line += " "
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        elif line.startswith("\\"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        body = _translate(line)
        try:
            regex = re.compile(body + r"\Z" if anchored else r"(?:.*/)?" + body + r"\Z")
        except re.error:
            continue
        rules.append(_IgnoreRule(regex, negated, dir_only))
    return rules


@dataclass
class _Ignores:
    """The .gitignore files that apply in one folder: (folder, rules), outermost first."""

    layers: list[tuple[Path, list[_IgnoreRule]]] = field(default_factory=list)

    def with_folder(self, folder: Path) -> _Ignores:
        rules = _read_gitignore(folder)
        return _Ignores([*self.layers, (folder, rules)]) if rules else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        verdict = False
        for base, rules in self.layers:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            for rule in rules:
                if rule.dir_only and not is_dir:
                    continue
                if rule.regex.match(rel):
                    verdict = not rule.negated
        return verdict


def _read_gitignore(folder: Path) -> list[_IgnoreRule]:
    try:
        with open(folder / ".gitignore", "rb") as fh:  # a regular file: checked below
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return []
            return parse_gitignore(fh.read(1 << 20).decode("utf-8", "replace"))
    except OSError:
        return []


def _absolute(path: Path) -> Path:
    """Absolute and without ``..`` (lexically: symlinks are not resolved)."""
    return Path(os.path.abspath(path))


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def _ignores_for(root: Path) -> _Ignores:
    """The .gitignore files of the repository's folders above ``root`` (its own is read by the walk)."""
    top = _repository_root(root)
    ignores = _Ignores()
    if top is None or top == root:
        return ignores
    for folder in reversed(root.parents):
        if folder == top or top in folder.parents:
            ignores = ignores.with_folder(folder)
    return ignores


# ---------------------------------------------------------------------- the walk


class _Walk:
    def __init__(self, config: Config, out: Discovery, gitignore: bool, sink: Callable[[str], None] | None) -> None:
        self.config = config
        self.out = out
        self.seen: set[str] = set()
        self.gitignore = gitignore
        self.add = sink or self._keep  # where a file found goes
        self.on_path: set[tuple[int, int]] = set()  # (device, inode) of the folders being walked

    def skip(self, path: Path, kind: SkipKind, message: str) -> None:
        self.out.skipped.append(Skipped(str(path), kind, message))

    def folder(self, folder: Path, ignores: _Ignores) -> None:
        try:
            st = os.stat(folder)
        except OSError as exc:
            self.skip(folder, SkipKind.NOT_A_FILE if exc.errno == errno.ELOOP else SkipKind.UNREADABLE,
                      f"无法进入目录：{os_reason(exc)}，已跳过")
            return
        key = (st.st_dev, st.st_ino)
        if key in self.on_path:
            self.skip(folder, SkipKind.NOT_A_FILE, "符号链接指回正在检查的上级目录（循环），已跳过")
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.skip(folder, SkipKind.UNREADABLE, f"无法列出目录内容：{os_reason(exc)}，其中的报告未检查")
            return
        if self.gitignore:
            ignores = ignores.with_folder(_absolute(folder))
        self.on_path.add(key)
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                if not self._enter(path, ignores):
                    continue
                subfolders.append(path)
                continue
            if not entry.name.lower().endswith(REPORT_SUFFIXES):
                continue
            if self.config.excluded(path) or (self.gitignore and ignores.layers  # (no .gitignore: no path made absolute)
                                               and ignores.ignored(_absolute(path), False)):
                continue
            try:  # a regular file, not a link: known from the folder's listing (no stat of its own)
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            if regular:
                self.readable(path)
            else:
                self.file(path)
        for sub in subfolders:
            self.folder(sub, ignores)
        self.on_path.discard(key)

    def _enter(self, path: Path, ignores: _Ignores) -> bool:
        if os.path.lexists(path / "pyvenv.cfg") or self.config.excluded(path):
            return False
        return not (self.gitignore and ignores.layers and ignores.ignored(_absolute(path), True))

    def file(self, path: Path) -> None:
        try:
            st = os.stat(path)
        except OSError as exc:
            kind = SkipKind.NOT_A_FILE if exc.errno in (errno.ELOOP, errno.ENOENT) else SkipKind.UNREADABLE
            self.skip(path, kind, f"无法读取：{os_reason(exc)}，已跳过")
            return
        if not stat.S_ISREG(st.st_mode):
            self.skip(path, SkipKind.NOT_A_FILE, f"这是{file_kind(st.st_mode)}，不是普通文件，未读取")
            return
        self.readable(path)

    def readable(self, path: Path) -> None:
        """A regular file: read unless the user may not read it."""
        if not os.access(path, os.R_OK):
            self.skip(path, SkipKind.UNREADABLE, "没有读取权限，此文件未检查")
            return
        self.add(str(path))

    def _keep(self, key: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.out.files.append(key)


def discover(paths: Sequence[str], config: Config, gitignore: bool = True,
             sink: Callable[[str], None] | None = None) -> Discovery:
    """The files to read for ``paths`` (see the module docstring); never raises for bad paths.
    With ``sink``, each file found is passed to it instead (in order, not de-duplicated, none
    kept: ``govlint sweep`` keeps its list on disk)."""
    out = Discovery()
    walk = _Walk(config, out, gitignore, sink)
    for p in paths:
        if p == STDIN:
            walk.add(p)
            continue
        path = Path(p)
        try:
            st = os.stat(path)
        except OSError as exc:
            out.errors.append(f"无法读取 {p}：{os_reason(exc)}")
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.folder(path, _ignores_for(_absolute(path)) if gitignore else _Ignores())
            continue
        if config.force_exclude and config.excluded(path):
            continue
        if not stat.S_ISREG(st.st_mode):
            out.errors.append(
                f"无法读取 {p}：这是{file_kind(st.st_mode)}，不是普通文件（从管道读取请用 - 表示标准输入）"
            )
            continue
        if not os.access(path, os.R_OK):
            out.errors.append(f"无法读取 {p}：没有读取权限")
            continue
        walk.add(p)
    return out


# ---------------------------------------------------------------------- the rules that report skipped paths


class UnreadablePath(Rule):
    code = "RUN003"
    name = "unreadable-path"
    summary = "目录中的文件或子目录无法读取（没有权限或系统错误），其中的报告未检查"
    severity = Severity.ERROR
    doc = """## 说明

检查目录时，某个文件或子目录无法读取（没有读取权限、输入输出错误）。它被跳过，其余文件照常检查。明确列出的文件无法读取时，govlint 在标准错误输出中说明并以 2 退出。

## 原因

其中可能有未检查的报告：不能静默跳过，因此是错误（不是报告内容的问题）。

## 错误示例

```text
reports/2024/   （权限 000：govlint 无法进入）
```

## 正确示例

```text
reports/2024/   （当前用户可读）
```
"""


class SkippedPath(Rule):
    code = "RUN004"
    name = "skipped-path"
    summary = "目录中的命名管道、设备、套接字或符号链接循环已跳过（不是普通文件，未读取）"
    severity = Severity.WARNING
    doc = """## 说明

检查目录时遇到名为 `*.txt` / `*.md` 但不是普通文件的路径：命名管道（FIFO）、设备、套接字，或构成循环的符号链接。govlint 不打开它们，跳过并提示，其余文件照常检查。

## 原因

打开命名管道读取会一直等待写入方，检查会挂起；设备和循环链接也没有可读的报告。

## 错误示例

```text
reports/incoming.txt   （mkfifo 创建的命名管道）
```

## 正确示例

```text
reports/incoming.txt   （普通文件）
```
"""


IO_CODES = {SkipKind.UNREADABLE: UnreadablePath.code, SkipKind.NOT_A_FILE: SkippedPath.code}


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return [UnreadablePath, SkippedPath]
