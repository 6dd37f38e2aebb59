"""govlint.tomlcache: govlint's TOML data parsed once and kept; the kept data is what tomllib
reads from the same bytes, never that of other bytes; what marshal cannot hold is not kept."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govlint import tomlcache
from govlint.resources import rules_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVLINT_NO_TOML_CACHE", raising=False)
    return tmp_path / "cache" / "govlint"


def test_the_profiles_read_back_are_what_tomllib_reads(cache_home: Path) -> None:
    for path in sorted(rules_dir().glob("format-*.toml")):
        expected = tomllib.loads(path.read_text(encoding="utf-8"))
        assert tomlcache.load(path) == expected  # parsed, and kept
        assert tomlcache.load(path) == expected  # read back
    assert len(list(cache_home.glob("toml-*.marshal"))) == 2


def test_edited_bytes_are_parsed_again_and_a_damaged_entry_is_ignored(cache_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "data.toml"
    f.write_text('[meta]\nid = "2021"\nyears = [2021, 2030]\n', encoding="utf-8")
    assert tomlcache.load(f) == {"meta": {"id": "2021", "years": [2021, 2030]}}
    f.write_text('[meta]\nid = "2022"\nyears = [2021, 2030]\n', encoding="utf-8")  # the same size
    assert tomlcache.load(f)["meta"]["id"] == "2022"
    for kept in cache_home.glob("toml-*.marshal"):
        kept.write_bytes(b"\x00garbage")
    assert tomlcache.load(f)["meta"]["id"] == "2022"


def test_a_date_is_read_but_not_kept(cache_home: Path, tmp_path: Path) -> None:
    import datetime

    f = tmp_path / "dated.toml"
    f.write_text("when = 2021-01-01\n", encoding="utf-8")
    assert tomlcache.load(f) == {"when": datetime.date(2021, 1, 1)}
    assert not list(cache_home.glob("toml-*.marshal"))
    f.write_text("bad = \n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        tomlcache.load(f)
