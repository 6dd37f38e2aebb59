"""Run the installed ``govlint`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GOVLINT = Path(sys.executable).parent / "govlint"


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [str(GOVLINT), *args], cwd=cwd, input=stdin, capture_output=True, env=full_env, timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )
