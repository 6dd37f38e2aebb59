"""Where the test corpus lives: tests/corpus (a copy of the shared corpus, see its README)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GOVLINT_CORPUS", ROOT / "tests" / "corpus"))
SEEDS = CORPUS / "seeds"
REAL = CORPUS / "real"


def seed(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` ("000" … "004")."""
    return next(SEEDS.glob(prefix + "_*.txt"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
