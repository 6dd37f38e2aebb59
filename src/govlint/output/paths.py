"""Paths as CI systems want them: relative to the current directory (the repository root in a
CI job), with ``/``."""

from __future__ import annotations

import os
from pathlib import Path


def relative_path(path: str) -> str:
    if path == "-":
        return path
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return p.as_posix()
    return Path(os.path.normpath(p)).as_posix()
