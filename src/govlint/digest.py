"""BLAKE2b and SHA-1 (and a constant-time comparison) without :mod:`hashlib` or :mod:`hmac`.

``import hashlib`` loads OpenSSL (``_hashlib``) for its other algorithms: on a one-file check
that is a few milliseconds spent on hashes govlint does not use.  Both are built into CPython
(``_blake2``, ``_sha1``: the modules :mod:`hashlib` itself falls back to), so the keys of the
caches and the findings' fingerprints are made with them directly; an interpreter without them
uses :mod:`hashlib`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["blake2b", "compare_digest", "sha1"]

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b as _blake2b
try:
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover - not CPython
    from hashlib import sha1 as _sha1
try:
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest falls back to
except ImportError:  # pragma: no cover - not CPython
    from hmac import compare_digest  # type: ignore[no-redef]


def blake2b(data: bytes = b"", *, digest_size: int = 64, key: bytes = b"") -> Any:
    """``hashlib.blake2b(data, digest_size=…, key=…)``: the same digest (keyed: a MAC)."""
    return _blake2b(data, digest_size=digest_size, key=key)


def sha1(data: bytes = b"") -> Any:
    """``hashlib.sha1(data)``: the same digest (a fingerprint, not a security measure)."""
    return _sha1(data)
