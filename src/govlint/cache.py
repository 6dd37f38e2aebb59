"""The result cache (``.govlint_cache/``): a file whose bytes, path and effective settings have
not changed since the last run is not parsed or checked again.

The key of an entry is a hash of the file's path and bytes; entries live in one *pack* per
*settings key* — a hash of govlint's version and code, the grammar and format data, every
loaded rule with its effective severity and the plugin (and its version) it comes from, and
the configuration values that change results.  Anything else changing starts a new pack.

A pack (``<settings key>/entries.pack``) is a log of records, each appended with one write
(``O_APPEND``: runs side by side do not mix their records): a header (the entry's key, a hash
of what the entry is about — the file's path —, the length and a signature) and the pickled
value.  A run reads the headers once (one pass, skipping the bodies) and then each body it
needs, by position: no file opened per entry, and nothing but the positions held in memory.
A newer record of the same path supersedes the older; when superseded records outweigh the
live ones the pack is rewritten without them (and without the oldest paths beyond
``MAX_ENTRIES``).  The headers read are kept beside the pack (``entries.idx``: the index as of
some length of the pack, signed like the records): the next run reads that and only the
records appended after it — not 20,000 headers one by one.  It is only a shortcut: a body is
used only when its signature verifies, whatever the index says.

The cache is written with :mod:`pickle`, and pickle can run code: every record is signed (with
its own key, so a record cannot stand in for another; keyed BLAKE2b, a MAC by design) with a key
that lives in the user's own cache folder (never in the repository), and a record whose
signature does not verify is ignored — a ``.govlint_cache/`` that came with a cloned
repository cannot execute anything.
``--no-cache`` turns the cache off.
"""

from __future__ import annotations

import marshal
import os
import pickle
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from govlint import __version__
from govlint.digest import blake2b, compare_digest
from govlint.kept import replace_atomically, user_cache_dir

__all__ = ["Cache", "code_stamp", "file_key", "settings_key", "signing_key", "user_cache_dir"]

DIR_NAME = ".govlint_cache"
MAX_ENTRIES = 200_000  # paths per settings key; beyond, the least recently written go
_TAG = b"govlint-cache-6\n"
COMPACT_BYTES = 1 << 20  # superseded records are dropped once they outweigh the live ones and this
_HEAD = struct.Struct("<20s20sI32s")  # key digest, subject digest, body length, signature
_INDEX_TAG = b"govlint-cache-index-1\n"


def signing_key() -> bytes | None:
    """The user's own key for signing what a cache folder holds (made on first use; None: no
    private place for it)."""
    path = user_cache_dir() / "cache-key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        return path.read_bytes()
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        return None  # no private place for the key: no cache


def code_stamp() -> str:
    """A hash of govlint's own code and data (size and mtime of every file): a development
    checkout changes results without changing the version number."""
    from govlint.resources import data_dir

    h = blake2b(__version__.encode(), digest_size=32)
    roots = [Path(__file__).resolve().parent]
    for name in ("grammar", "rules"):
        try:
            roots.append(data_dir(name))
        except FileNotFoundError:  # pragma: no cover
            pass
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".lark", ".toml")):
                    st = os.stat(os.path.join(folder, name))
                    h.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def settings_key(parts: Iterable[Any]) -> str:
    h = blake2b(code_stamp().encode(), digest_size=32)
    for p in parts:
        h.update(repr(p).encode("utf-8", "replace") + b"\n")
    return h.hexdigest()[:24]


def file_key(path: str, data: bytes) -> str:
    h = blake2b(digest_size=20)
    h.update(os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
    h.update(data)
    return h.hexdigest()


def _read_at(fh: Any, size: int, at: int) -> bytes:
    """``size`` bytes of the open file ``fh`` from offset ``at``: one system call where there
    is ``pread`` (a run reads a header per record), else a seek and a read."""
    if _pread is not None:
        return _pread(fh.fileno(), size, at)  # type: ignore[no-any-return]
    fh.seek(at)
    return fh.read(size)  # type: ignore[no-any-return]


_pread = getattr(os, "pread", None)


def _digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=20).digest()  # type: ignore[no-any-return]


class Cache:
    """Entries of one settings key: ``key → value`` (a file's diagnostics and facts), in one
    pack file read by position (see the module's docstring)."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.root = directory / key
        self.pack = self.root / "entries.pack"
        self.index_file = self.root / "entries.idx"
        self.hits = 0
        self.written = 0
        self._secret = signing_key()
        self._ready = False
        self._index: dict[bytes, tuple[int, int, bytes]] | None = None  # key → (body offset, length, signature)
        self._subjects: dict[bytes, int] = {}  # subject digest → body offset of its newest record
        self._dead = self._live = 0  # bytes of superseded and of current records
        self._fh: Any = None  # the pack, unbuffered: headers and bodies are read by position
        self._damaged = False  # the records do not end where the file does (see _load)
        self._scanned = 0  # the records up to here are in the index (read, or appended right after)
        self._kept_at = 0  # … and up to here in entries.idx as read (0: none)
        self._ino: int | None = None

    # ------------------------------------------------------------------ reading

    def _load(self) -> dict[bytes, tuple[int, int, bytes]]:
        """The pack's headers, read once: which keys it holds and where."""
        if self._index is not None:
            return self._index
        self._index = {}
        try:
            self._fh = fh = open(self.pack, "rb", buffering=0)  # noqa: SIM115 - open for the run
            st = os.fstat(fh.fileno())
            size, self._ino = st.st_size, st.st_ino
            if _read_at(fh, len(_TAG), 0) != _TAG:
                self._damaged = size > 0  # not a pack of this version: replaced when written to
                return self._index
            at = self._kept_at = self._read_index(size)
            while at + _HEAD.size <= size:
                head = _read_at(fh, _HEAD.size, at)
                if len(head) < _HEAD.size:
                    break
                key, subject, length, sig = _HEAD.unpack(head)
                if at + _HEAD.size + length > size:
                    break  # a record cut short (a run stopped while writing): nothing after it is used
                self._add(key, subject, at + _HEAD.size, length, sig)
                at += _HEAD.size + length
            self._scanned = at
            # a record cut short (a run stopped while writing, a full disk): records appended
            # after it could never be found — the pack is rewritten before anything is added
            self._damaged = at != size
        except OSError:
            pass
        return self._index

    def _read_index(self, size: int) -> int:
        """The index kept in ``entries.idx`` when it is this pack's (its file, at most its length)
        and signed by this user: the offset up to which it holds the records (else the first
        record's offset, and the index is empty)."""
        start = len(_TAG)
        if self._secret is None:
            return start
        try:
            with open(self.index_file, "rb") as fh:
                data = fh.read()
        except OSError:
            return start
        head = len(_INDEX_TAG) + 32
        if len(data) < head or not data.startswith(_INDEX_TAG) or not compare_digest(
                data[len(_INDEX_TAG):head], self._sign("index", data[head:])):
            return start
        try:
            ino, end, index, subjects, dead, live = marshal.loads(data[head:])
        except (ValueError, EOFError, TypeError):
            return start
        if ino != self._ino or not start <= end <= size:
            return start  # another pack (rewritten since), or a pack cut shorter
        self._index, self._subjects, self._dead, self._live = index, subjects, dead, live
        return end  # type: ignore[no-any-return]

    def _write_index(self) -> None:
        """Keep the index for the next run (when it holds more than ``entries.idx`` did)."""
        if self._index is None or self._secret is None or self._damaged or self._scanned <= self._kept_at:
            return
        blob = marshal.dumps((self._ino, self._scanned, self._index, self._subjects, self._dead, self._live))
        if replace_atomically(self.index_file, lambda fh: fh.write(_INDEX_TAG + self._sign("index", blob) + blob)):
            self._kept_at = self._scanned

    def _add(self, key: bytes, subject: bytes, body: int, length: int, sig: bytes) -> None:
        assert self._index is not None
        if subject in self._subjects:
            self._dead += _HEAD.size + length  # (about the size of the record it supersedes)
        else:
            self._live += _HEAD.size + length
        self._subjects[subject] = body
        self._index[key] = (body, length, sig)

    def __contains__(self, key: str) -> bool:
        return self._secret is not None and _digest(key) in self._load()

    def get_bytes(self, key: str) -> bytes | None:
        """The entry's body as written, when its signature verifies."""
        if self._secret is None:
            return None
        found = self._load().get(_digest(key))
        if found is None or self._fh is None:
            return None
        at, length, sig = found
        try:
            body = _read_at(self._fh, length, at)
        except (OSError, ValueError):
            return None
        if len(body) != length or not compare_digest(sig, self._sign(key, body)):
            return None  # not written by this user's govlint (or for another key): never unpickled
        return body  # type: ignore[no-any-return]

    def get(self, key: str) -> Any | None:
        body = self.get_bytes(key)
        if body is None:
            return None
        try:
            value = pickle.loads(body)
        except Exception:  # a damaged or incompatible entry: as if missing
            return None
        self.hits += 1
        return value

    def _sign(self, key: str, body: bytes) -> bytes:
        assert self._secret is not None
        return blake2b(key.encode() + b"\0" + body, key=self._secret[:64], digest_size=32).digest()  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ writing

    def put(self, key: str, value: Any, subject: str | None = None) -> None:
        """Append the entry.  ``subject``: what it is about (a file's path): a newer entry of
        the same subject supersedes the older (None: the key itself).  A read-only checkout
        runs without the cache."""
        if self._secret is not None:
            self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), subject)

    def put_bytes(self, key: str, body: bytes, subject: str | None = None) -> None:
        if self._secret is None:
            return
        digest, about, sig = _digest(key), _digest(subject if subject is not None else key), self._sign(key, body)
        self._load()
        if self._damaged:
            self._damaged = False
            self._rewrite(set(self._subjects.values()))
        try:
            if not self._ready:
                self._prepare()
            fd = os.open(self.pack, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
            try:
                os.write(fd, _HEAD.pack(digest, about, len(body), sig) + body)  # one write: whole, at the end
                end = os.lseek(fd, 0, os.SEEK_CUR)
            finally:
                os.close(fd)
        except OSError:
            return
        self.written += 1
        if self._fh is None:
            try:
                self._fh = open(self.pack, "rb", buffering=0)  # noqa: SIM115
                st = os.fstat(self._fh.fileno())
            except OSError:
                return
            self._ino, self._scanned = st.st_ino, len(_TAG)  # a pack just made: nothing read of it
        self._add(digest, about, end - len(body), len(body), sig)
        if end - len(body) - _HEAD.size == self._scanned:  # right after the records read: none of others between
            self._scanned = end

    def _prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# govlint 的缓存，可随时删除\n*\n", encoding="utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache\n", encoding="utf-8")
        try:  # a new pack starts with its tag (created once: runs side by side)
            fd = os.open(self.pack, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_TAG)
        self._ready = True

    def save(self) -> None:
        """After a run that wrote entries: the pack rewritten without superseded records when
        they outweigh the current ones (and without the oldest subjects beyond ``MAX_ENTRIES``)."""
        if not self.written or self._index is None or self._fh is None:
            self._write_index()
            return
        if self._dead > max(self._live, COMPACT_BYTES) or len(self._subjects) > MAX_ENTRIES:
            self._rewrite(set(sorted(self._subjects.values())[-MAX_ENTRIES:]))  # the newest of each subject
        self._write_index()

    def _rewrite(self, keep: set[int]) -> None:
        """The pack with only the records whose bodies start at ``keep`` (read again afterwards)."""
        if self._index is None or self._fh is None:
            return
        index, pack = self._index, self._fh

        def fill(out: IO[bytes]) -> None:
            out.write(_TAG)
            for at, length, _ in sorted(v for v in index.values() if v[0] in keep):
                pack.seek(at - _HEAD.size)
                record = pack.read(_HEAD.size + length)
                if len(record) == _HEAD.size + length:
                    out.write(record)

        replace_atomically(self.pack, fill)
        self._fh.close()
        self._fh, self._index, self._subjects, self._dead, self._live = None, None, {}, 0, 0
        self._scanned = self._kept_at = 0
        self._load()
