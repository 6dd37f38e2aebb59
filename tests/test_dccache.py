"""The compiled dataclass methods of the command line (govlint.dccache): classes made with
methods from the cache behave exactly as freshly made ones; a damaged file or an entry that is
not code falls back to compiling; importing govlint as a library leaves dataclasses alone."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython only")

CHILD = r"""
import json, sys
from govlint import dccache
dccache.install()
from dataclasses import FrozenInstanceError, dataclass, field

@dataclass(frozen=True, slots=True, order=True)
class Point:
    x: int
    y: int = 2

@dataclass
class Bag:
    name: str
    items: list = field(default_factory=list)
    hidden: int = field(default=0, repr=False, compare=False)

p, q = Point(1), Point(1, 3)
b = Bag("a")
b.items.append(1)
try:
    p.x = 5
    frozen = False
except FrozenInstanceError:
    frozen = True
out = [repr(p), p == Point(1, 2), p < q, hash(p) == hash(Point(1, 2)), frozen, repr(b), b == Bag("a", [1], 7),
       Bag("z").items is not Bag("z").items, hasattr(p, "__dict__")]
new = len(dccache._state["new"])
dccache.save()
print(json.dumps({"new": new, "out": out}))
"""
EXPECTED = ["Point(x=1, y=2)", True, True, True, True, "Bag(name='a', items=[1])", True, True, False]


def _run(cache: Path) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("GOVLINT_NO_DATACLASS_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _kept(cache: Path) -> Path:
    files = list((cache / "govlint").glob("dataclasses-*.marshal"))
    assert len(files) == 1
    return files[0]


def test_classes_made_from_the_cache_behave_like_fresh_ones(tmp_path: Path) -> None:
    first = _run(tmp_path)  # compiles and writes the cache
    assert first["out"] == EXPECTED
    table = marshal.loads(_kept(tmp_path).read_bytes())
    # Point's __init__ (frozen: through object.__setattr__), as dataclasses wrote it
    assert any("def __init__(self,x" in k and "__setattr__(self,'x',x)" in k for k in table)
    # each method kept as its own marshal bytes (turned into code only when a class needs it)
    assert table and all(isinstance(marshal.loads(v), type(_run.__code__)) for v in table.values())
    again = _run(tmp_path)  # served from it: nothing compiled, the same behaviour
    assert again["out"] == EXPECTED and again["new"] == 0


def test_a_damaged_file_or_an_entry_that_is_not_code_falls_back(tmp_path: Path) -> None:
    _run(tmp_path)
    target = _kept(tmp_path)
    table = marshal.loads(target.read_bytes())
    target.write_bytes(marshal.dumps({k: "not code" for k in table}))
    assert _run(tmp_path)["out"] == EXPECTED
    target.write_bytes(marshal.dumps({k: b"\x00 not marshal data" for k in table}))
    assert _run(tmp_path)["out"] == EXPECTED
    target.write_bytes(marshal.dumps({k: marshal.dumps("a string, not code") for k in table}))
    assert _run(tmp_path)["out"] == EXPECTED
    target.write_bytes(b"\x00garbage")
    assert _run(tmp_path)["out"] == EXPECTED


def test_library_import_leaves_dataclasses_alone() -> None:
    code = "import dataclasses, govlint, govlint.api, govlint.engine; print('exec' in vars(dataclasses))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_command_line_writes_the_cache(tmp_path: Path) -> None:
    seed = sorted((Path(__file__).parent / "corpus" / "seeds").glob("*.txt"))[0]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("GOVLINT_NO_DATACLASS_CACHE", None)
    subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(seed)], env=env,
                   capture_output=True, check=False)
    assert _kept(tmp_path).stat().st_size > 0
    other = tmp_path / "off"
    subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(seed)],
                   env={**env, "XDG_CACHE_HOME": str(other), "GOVLINT_NO_DATACLASS_CACHE": "1"},
                   capture_output=True, check=False)
    assert not list((other / "govlint").glob("dataclasses-*.marshal"))
