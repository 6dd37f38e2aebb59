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

import os
from pathlib import Path
from typing import Any

from govlint.digest import blake2b


def _name(data: bytes) -> str:
    return f"toml-{blake2b(data, digest_size=16).hexdigest()}.marshal"


def load(path: Path) -> dict[str, Any]:
    """The parsed contents of the TOML file ``path`` (raises as ``tomllib`` does)."""
    data = path.read_bytes()
    from govlint import kept

    name = _name(data)
    use = not os.environ.get("GOVLINT_NO_TOML_CACHE")
    if use:
        held = kept.read_table(name)
        if held is not None:
            return held
    from govlint.config import toml_module

    value = toml_module().loads(data.decode("utf-8"))
    if use:
        kept.write(name, value)  # not kept: a date or time (not in govlint's data)
    return value  # type: ignore[no-any-return]
