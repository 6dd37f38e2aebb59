"""File stamps: a file's ``stat`` standing in for its content hash on a re-run.

A re-run on thousands of unchanged reports spent most of its time reading and hashing every
file to find its cache key (:func:`govlint.cache.file_key`).  As ruff and mypy do, the key found
for a file is kept with the file's stamp — size, mtime, ctime, inode and device — in
``.govlint_cache/stamps``; while the stamp is the same, the key is taken from there and the file
is not read.  Anything else (no record, another stamp, a damaged or foreign index) reads and
hashes the file as before.

When is a stamp safe?  An edit changes the mtime — unless it lands in the same tick of the
file system's clock as the stamp read (a coarse clock: FAT's 2 s, HFS+'s 1 s), and unless
something sets the mtime back (``os.utime``, ``touch -r``, an archive extracted with its times).
So, as git's "racy" check does:

- a stamp is recorded only when the file's mtime and ctime are older than the moment it was
  read by more than :data:`MARGIN_NS` (larger than any file system's tick, and than a small
  clock skew): an edit after the read then cannot keep the stamp — a file written just before
  a run is hashed again on the next one, until it is old enough;
- the ctime is part of the stamp: it cannot be set by a program (``os.utime`` sets it to now),
  so an edit whose mtime was set back still shows;
- a stamp whose mtime or ctime lies in the future, or changed while the file was read, is not
  recorded.

The index is signed with the user's own cache key (as the cache's entries are): a
``.govlint_cache`` that came with a cloned repository cannot map a file to another's result.
"""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

from govlint.kept import replace_atomically

FILE_NAME = "stamps"
_TAG = b"govlint-stamps-1\n"
MARGIN_NS = 3_000_000_000  # 3 s: FAT's 2 s tick, and clock skew between a file server and this host
MAX_ENTRIES = 200_000  # files; beyond, the least recently used go

Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


class Stamps:
    """``path → (stamp, cache key)`` of one cache folder, read once, written when it changed."""

    def __init__(self, directory: Path, secret: bytes | None) -> None:
        self.path = directory / FILE_NAME
        self._secret = secret
        self._table: dict[str, tuple[Stamp, str]] | None = None
        self._dirty = False
        self.used = 0  # keys served from a stamp (the file not read)

    def _mac(self, blob: bytes) -> bytes:
        from govlint.digest import blake2b

        assert self._secret is not None
        return blake2b(_TAG + blob, key=self._secret[:64], digest_size=32).digest()  # type: ignore[no-any-return]

    def _load(self) -> dict[str, tuple[Stamp, str]]:
        if self._table is not None:
            return self._table
        self._table = {}
        if self._secret is None:
            return self._table
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
        except OSError:
            return self._table
        head = len(_TAG) + 32
        if len(data) < head or not data.startswith(_TAG) or data[len(_TAG):head] != self._mac(data[head:]):
            return self._table  # another version's, damaged, or not this user's: not used
        try:
            table = marshal.loads(data[head:])
        except (ValueError, EOFError, TypeError):
            return self._table
        if isinstance(table, dict):
            self._table = table
        return self._table

    def key(self, path: str) -> str | None:
        """The cache key of ``path`` (absolute) when its stamp is the one recorded with the key."""
        found = self._load().get(path)
        if found is None:
            return None
        try:
            now = stamp_of(os.stat(path))
        except OSError:
            return None
        recorded, key = found
        if now != recorded or not isinstance(key, str):
            return None
        self.used += 1
        return key

    def record(self, path: str, before: os.stat_result, after: os.stat_result, read_at_ns: int, key: str) -> None:
        """Keep ``key`` for ``path`` (absolute), read at ``read_at_ns`` (``time.time_ns()``, taken
        before the read) with the stamps ``before`` and ``after`` the read — only when safe (see
        the module's docstring)."""
        if self._secret is None:
            return
        stamp = stamp_of(before)
        if stamp != stamp_of(after):
            return  # changed while it was read
        newest = max(before.st_mtime_ns, before.st_ctime_ns)
        if newest > read_at_ns - MARGIN_NS:
            return  # too recent (or in the future): an edit could still keep this stamp
        table = self._load()
        if table.get(path) != (stamp, key):
            table.pop(path, None)  # (to the end: the most recently recorded are kept last)
            table[path] = (stamp, key)
            self._dirty = True

    def save(self) -> None:
        """Write the index when it changed (atomically; a cache folder that cannot be written is no error)."""
        if not self._dirty or self._table is None or self._secret is None:
            return
        table = self._table
        if len(table) > MAX_ENTRIES:
            table = dict(list(table.items())[-MAX_ENTRIES:])
        blob = marshal.dumps(table)
        if replace_atomically(self.path, lambda fh: fh.write(_TAG + self._mac(blob) + blob)):
            self._dirty = False


def read_stamped(path: str | Path) -> tuple[bytes, os.stat_result, os.stat_result, int]:
    """The file's bytes, its stat before and after the read, and when the read began (ns)."""
    at = time.time_ns()
    with open(path, "rb") as fh:
        before = os.fstat(fh.fileno())
        data = fh.read()
        after = os.fstat(fh.fileno())
    return data, before, after, at

