"""The result cache (``.govlint_cache/``): a file whose bytes, path and effective settings have
not changed since the last run is not parsed or checked again.

The key of an entry is a hash of the file's path and bytes; entries live in one file per
*settings key* — a hash of govlint's version and code, the grammar and format data, every
loaded rule with its effective severity and the plugin (and its version) it comes from, and
the configuration values that change results.  Anything else changing starts a new file.

The cache is written with :mod:`pickle`, and pickle can run code: every cache file is signed
with a key that lives in the user's own cache folder (never in the repository), and a file
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
MAX_ENTRIES = 200_000  # per settings file; the least recently used go first
_TAG = b"govlint-cache-2\n"


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
    """Entries of one settings key: ``file key → value`` (the file's diagnostics)."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.file = directory / f"{key}.pickle"
        self.entries: dict[str, tuple[float, Any]] = {}
        self.new: dict[str, Any] = {}
        self.hits = 0
        self._secret = _signing_key()
        self._load()

    def _load(self) -> None:
        if self._secret is None:
            return
        try:
            blob = self.file.read_bytes()
        except OSError:
            return
        if not blob.startswith(_TAG) or len(blob) < len(_TAG) + 32:
            return
        sig, body = blob[len(_TAG):len(_TAG) + 32], blob[len(_TAG) + 32:]
        if not hmac.compare_digest(sig, hmac.new(self._secret, body, "sha256").digest()):
            return  # not written by this user's govlint: never unpickled
        try:
            entries = pickle.loads(body)
        except Exception:  # a truncated or incompatible file: start afresh
            return
        if isinstance(entries, dict):
            self.entries = entries

    def get(self, key: str) -> Any | None:
        hit = self.entries.get(key)
        if hit is None:
            return None
        self.hits += 1
        if hit[0] < time.time() - 86400:
            self.new[key] = hit[1]  # refresh its time (at most daily: no rewrite on every run)
        return hit[1]

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value

    def save(self) -> None:
        """Write the entries back (atomically), if anything was looked up or added."""
        if self._secret is None or not self.new:
            return
        now = time.time()
        merged = {**self.entries, **{k: (now, v) for k, v in self.new.items()}}
        if len(merged) > MAX_ENTRIES:
            merged = dict(sorted(merged.items(), key=lambda kv: kv[1][0])[-MAX_ENTRIES:])
        body = pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)
        sig = hmac.new(self._secret, body, "sha256").digest()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# govlint 的缓存，可随时删除\n*\n", encoding="utf-8")
                (self.directory / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache\n", encoding="utf-8")
            tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            tmp.write_bytes(_TAG + sig + body)
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout: run without writing the cache
