"""The compiled-pattern cache of the command line (govlint.recache): patterns served from it
behave exactly as freshly compiled ones; a damaged file or a refused entry falls back to
Python's own compile; importing govlint as a library leaves ``re`` alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython only")

PATTERNS = [
    (r"(?P<year>20\d{2})年(?:度)?", 0),
    (r"[一二三四五六七八九十]+、\s*(\S+)", 0),
    (r"^\s*(主动公开|依申请公开)政府信息", 8),  # re.MULTILINE
    (r"abc|ABD|a[^x]c", 2),  # re.IGNORECASE
    (b"\\d+(\\.\\d+)?", 0),
]
SAMPLES = ["2021年度报告", "二、 主动公开政府信息情况", "\n 依申请公开政府信息", "xAbD", "abc"]

CHILD = r"""
import json, re, sys
from govlint import recache
recache.install()
out = []
for pat, flags in json.loads(sys.argv[1]):
    p = re.compile(pat[2:].encode() if pat.startswith("b:") else pat, flags)
    samples = json.loads(sys.argv[2])
    samples = [s.encode() for s in samples] if isinstance(p.pattern, bytes) else samples
    out.append([p.flags, sorted(p.groupindex.items()), p.groups,
                [[m.span(), m.groups()] if (m := p.search(s)) else None for s in samples]])
recache.save()
print(json.dumps({"hits": recache._state.get("hits", 0), "out": out}))
"""


def _run(cache: Path, env_extra: dict[str, str] | None = None) -> tuple[int, list]:  # type: ignore[type-arg]
    import json

    pats = [("b:" + p.decode()) if isinstance(p, bytes) else p for p, _ in PATTERNS]
    args = json.dumps([[p, f] for p, (_, f) in zip(pats, PATTERNS)])
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), **(env_extra or {})}
    proc = subprocess.run([sys.executable, "-c", CHILD, args, json.dumps(SAMPLES)], env=env,
                          capture_output=True, text=True, check=True)
    got = json.loads(proc.stdout)
    return got["hits"], got["out"]


def _fresh() -> list:  # type: ignore[type-arg]
    import re

    out = []
    for pat, flags in PATTERNS:
        p = re.compile(pat, flags)
        samples = [s.encode() for s in SAMPLES] if isinstance(pat, bytes) else SAMPLES
        out.append([p.flags, [list(kv) for kv in sorted(p.groupindex.items())], p.groups,
                    [[list(m.span()), list(m.groups())] if (m := p.search(s)) else None for s in samples]])
    return out


def test_cached_patterns_match_like_fresh_ones(tmp_path: Path) -> None:
    hits, first = _run(tmp_path)  # compiles and writes the cache
    assert hits == 0
    files = list((tmp_path / "govlint").glob("re-*.marshal"))
    assert len(files) == 1
    hits, second = _run(tmp_path)  # served from the cache
    assert hits == len(PATTERNS)
    assert first == second == _fresh()


def test_damaged_cache_file_falls_back(tmp_path: Path) -> None:
    _run(tmp_path)
    target = next((tmp_path / "govlint").glob("re-*.marshal"))
    target.write_bytes(b"\x00garbage")
    assert _run(tmp_path) == (0, _fresh())


def test_refused_entry_is_compiled_afresh(tmp_path: Path) -> None:
    import marshal

    _run(tmp_path)
    target = next((tmp_path / "govlint").glob("re-*.marshal"))
    from array import array

    table = marshal.loads(target.read_bytes())
    assert all(isinstance(v, bytes) for v in table.values())  # each entry its own marshal bytes
    refused = {}
    for k, v in table.items():
        entry = marshal.loads(v)
        refused[k] = marshal.dumps((entry[0], array("I", [999999, 1, 2]).tobytes(), *entry[2:]))  # _sre refuses
    target.write_bytes(marshal.dumps(refused))
    assert _run(tmp_path) == (0, _fresh())
    damaged = {k: b"\x00 not an entry" for k in table}  # an entry that is not marshal data
    target.write_bytes(marshal.dumps(damaged))
    assert _run(tmp_path) == (0, _fresh())


def test_library_import_leaves_re_alone() -> None:
    code = ("import re._compiler as c; f = c.compile; import govlint, govlint.api, govlint.engine; "
            "print(c.compile is f)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_command_line_writes_the_cache(tmp_path: Path) -> None:
    report = Path(__file__).parent / "corpus" / "seeds"
    seed = sorted(report.glob("*.txt"))[0]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(seed)], env=env,
                   capture_output=True, check=False)
    assert list((tmp_path / "govlint").glob("re-*.marshal"))
    env["GOVLINT_NO_REGEX_CACHE"] = "1"
    other = tmp_path / "off"
    subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(seed)],
                   env={**env, "XDG_CACHE_HOME": str(other)}, capture_output=True, check=False)
    assert not list((other / "govlint").glob("re-*.marshal"))
