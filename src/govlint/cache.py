"""The result cache (``.govlint_cache/``): a file whose bytes, path and effective settings have
not changed since the last run is not parsed or checked again.

The key of an entry is a hash of the file's path and bytes; entries live in one folder per
*settings key* — a hash of govlint's version and code, the grammar and format data, every
loaded rule with its effective severity and the plugin (and its version) it comes from, and
the configuration values that change results.  Anything else changing starts a new file.

The cache is written with :mod:`pickle`, and pickle can run code: every entry is signed (with
its own key, so an entry cannot stand in for another) with a key that lives in the user's own cache folder (never in the repository), and a file
whose signature does not verify is ignored — a ``.govlint_cache/`` that came with a cloned
repository cannot execute anything.  ``--no-cache`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govlint import __version__

DIR_NAME = ".govlint_cache"
MAX_ENTRIES = 200_000  # per settings key; the least recently used go first
_TAG = b"govlint-cache-4\n"


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/govlint`` (default ``~/.cache/govlint``; on Windows ``%LOCALAPPDATA%``)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    ) or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govlint"


def _signing_key() -> bytes | None:
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

    h = hashlib.sha256(__version__.encode())
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
    h = hashlib.sha256(code_stamp().encode())
    for p in parts:
        h.update(repr(p).encode("utf-8", "replace") + b"\n")
    return h.hexdigest()[:24]


def file_key(path: str, data: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
    h.update(data)
    return h.hexdigest()


class Cache:
    """Entries of one settings key: ``file key → value`` (the file's diagnostics), one small
    signed file each (``<settings key>/<2 hex>/<file key>.pickle``).

    One file per entry, not one for the whole cache: a one-file check reads one entry, not the
    results of every report of the repository, and a run over 10,000 reports holds none of them
    (each is written as soon as it is known)."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.root = directory / key
        self.hits = 0
        self.written = 0
        self._secret = _signing_key()
        self._ready = False

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key.replace(':', '-')}.pickle"

    def get(self, key: str) -> Any | None:
        if self._secret is None:
            return None
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        if not blob.startswith(_TAG) or len(blob) < len(_TAG) + 32:
            return None
        sig, body = blob[len(_TAG):len(_TAG) + 32], blob[len(_TAG) + 32:]
        if not hmac.compare_digest(sig, hmac.new(self._secret, key.encode() + b"\0" + body, "sha256").digest()):
            return None  # not written by this user's govlint (or for another key): never unpickled
        try:
            value = pickle.loads(body)
        except Exception:  # a truncated or incompatible entry: as if missing
            return None
        self.hits += 1
        try:
            if path.stat().st_mtime < time.time() - 86400:
                os.utime(path)  # used: kept when old entries are pruned (at most daily, no write per run)
        except OSError:
            pass
        return value

    def put(self, key: str, value: Any) -> None:
        """Write the entry (atomically; a read-only checkout runs without the cache)."""
        if self._secret is None:
            return
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        sig = hmac.new(self._secret, key.encode() + b"\0" + body, "sha256").digest()
        path = self._path(key)
        try:
            if not self._ready:
                self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(_TAG + sig + body)
            os.replace(tmp, path)
            self.written += 1
        except OSError:
            pass

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# govlint 的缓存，可随时删除\n*\n", encoding="utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache\n", encoding="utf-8")
        self._ready = True

    def save(self) -> None:
        """After a run that wrote many entries: the least recently used beyond ``MAX_ENTRIES`` go."""
        if self.written < 1000:
            return
        try:
            entries = [(e.stat().st_mtime, e) for sub in os.scandir(self.root) if sub.is_dir()
                       for e in os.scandir(sub.path) if e.name.endswith(".pickle")]
        except OSError:
            return
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda te: te[0])
        for _, e in entries[:len(entries) - MAX_ENTRIES]:
            try:
                os.unlink(e.path)
            except OSError:
                pass
