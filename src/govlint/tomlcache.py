"""govlint's own TOML data (the format profiles), parsed once and kept between runs.

``tomllib`` is written in Python: the two format profiles take ≈ 30 ms to parse, a sixth of a
one-file check that is not answered by the cache, every run.  Their parsed data is plain (tables,
arrays, strings, numbers, booleans), so it is kept with :mod:`marshal` in the user's cache folder
(``~/.cache/govlint/toml-<hash of the file's bytes>.marshal``, beside the regex cache) and read
back in a fraction of a millisecond while the file's bytes are the same.  Anything unexpected (a
value :mod:`marshal` cannot hold, a damaged or foreign entry, no writable cache folder) is parsed
as before.  Only for govlint's data files: configuration files are read as they are.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any


def _file(data: bytes) -> Path:
    from govlint.cache import user_cache_dir

    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return user_cache_dir() / f"toml-{digest}.marshal"


def load(path: Path) -> dict[str, Any]:
    """The parsed contents of the TOML file ``path`` (raises as ``tomllib`` does)."""
    data = path.read_bytes()
    kept = _file(data)
    if not os.environ.get("GOVLINT_NO_TOML_CACHE"):
        try:
            with open(kept, "rb") as fh:
                value = marshal.loads(fh.read())
            if isinstance(value, dict):
                return value
        except (OSError, ValueError, EOFError, TypeError):
            pass
    from govlint.config import toml_module

    value = toml_module().loads(data.decode("utf-8"))
    if not os.environ.get("GOVLINT_NO_TOML_CACHE"):
        try:
            blob = marshal.dumps(value)  # ValueError: a date or time (not in govlint's data)
            kept.parent.mkdir(parents=True, exist_ok=True)
            tmp = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
            tmp.write_bytes(blob)
            os.replace(tmp, kept)
        except (OSError, ValueError):
            pass
    return value  # type: ignore[no-any-return]
