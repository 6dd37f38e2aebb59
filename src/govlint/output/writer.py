"""Writing results: to standard output, or safely to ``--output-file``.

- ``--output-file`` is written atomically (a new file beside it, then renamed over it): a reader
  sees the old results or the new ones, never half.  It never writes through a symlink (a
  committed ``results.sarif → ../victim.txt`` would overwrite the victim), never over a file that
  is not a regular file, and never over one of the files being checked.
- Standard output: a reader that stops early (``| head -1``) is no failure — the exit code stays
  the one the findings give; a write that fails (``>/dev/full``: disk full) is one (exit 2, the
  results are lost).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The results could not be written (Chinese message)."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "设备上没有空间"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if exc.errno == errno.EROFS:
        return "文件系统只读"
    if exc.errno == errno.ENOENT:
        return "所在目录不存在"
    return exc.strerror or str(exc)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_target(path: Path, inputs: Sequence[str] = ()) -> None:
    """Raise :class:`OutputError` when ``path`` must not be written."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{_reason(exc)}") from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"不写入 {path}：它是符号链接（可能指向别的文件）；请删除它或换一个文件名")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"不写入 {path}：它不是普通文件")
    for p in inputs:
        if p == "-":
            continue
        try:
            if _same_file(st, os.stat(p)):
                raise OutputError(f"不写入 {path}：它是正在检查的文件 {p}")
        except OSError:
            continue


def write_file(path: Path, text: str | Iterable[str], inputs: Sequence[str] = ()) -> None:
    """Write ``text`` (UTF-8; or its pieces, as they come) to ``path`` atomically; see the
    module docstring."""
    check_target(path, inputs)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)  # O_EXCL: a new file
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            for piece in [text] if isinstance(text, str) else text:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        check_target(path, inputs)  # once more: nothing put a link there meanwhile
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"无法写入 {path}：{_reason(exc)}") from None
    except BaseException:
        _remove(tmp)
        raise


def write_pieces(pieces: Iterable[str], path: Path | None, inputs: Sequence[str] = ()) -> None:
    """Streamed output: the pieces to standard output (in blocks of about 64 KB; a closed pipe
    stops quietly) or to ``path`` (atomically, as :func:`write_file`)."""
    if path is not None:
        write_file(path, pieces, inputs)
        return
    block: list[str] = []
    size = 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= 65536:
            if not write_stdout("".join(block)):
                for _ in pieces:  # the reader went away: the rest is still read (the exit code)
                    pass
                return
            block, size = [], 0
    if block and "".join(block):
        write_stdout("".join(block))


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def silence_stdout() -> None:
    """Point standard output at /dev/null (after a broken pipe: nothing more can be written, and
    Python's own flush at exit must not fail loudly)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def write_stdout(text: str, stream: TextIO | None = None) -> bool:
    """Write ``text`` to standard output and flush.  False when the reader went away (broken
    pipe: not an error); :class:`OutputError` when the write failed otherwise."""
    out = stream or sys.stdout
    if out is None:  # started with stdout closed
        raise OutputError("无法写入标准输出：标准输出已关闭")
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    except OSError as exc:
        silence_stdout()
        raise OutputError(f"无法写入标准输出：{_reason(exc)}，结果未能输出") from None
    return True
