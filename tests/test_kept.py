"""The user-cache files govlint keeps between runs: what was written is read back, a damaged or
missing file reads as nothing, and a folder that cannot be written is no error and leaves no
temporary file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint import kept


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "govlint"


def test_what_is_written_is_read_back(cache_home: Path) -> None:
    value = {"规章": (1, 0, 11), "flags": [True, None, 2.5]}
    assert not kept.exists("x.marshal")
    assert kept.write("x.marshal", value)
    assert kept.exists("x.marshal")
    assert kept.read("x.marshal") == value
    assert kept.read_table("x.marshal") == value
    assert [p.name for p in cache_home.iterdir()] == ["x.marshal"]  # no temporary file left


def test_a_missing_or_damaged_file_is_nothing(cache_home: Path) -> None:
    assert kept.read("none.marshal") is None
    assert kept.write("cut.marshal", list(range(1000)))
    target = cache_home / "cut.marshal"
    target.write_bytes(target.read_bytes()[:7])  # cut short, as by a full disk
    assert kept.read("cut.marshal") is None and kept.read_table("cut.marshal") is None
    target.write_bytes(b"\xff\x00 not marshal")
    assert kept.read("cut.marshal") is None


def test_what_cannot_be_kept_is_not_an_error(cache_home: Path) -> None:
    assert not kept.write("odd.marshal", object())  # marshal holds plain data only
    assert not cache_home.exists() or not list(cache_home.iterdir())


def test_a_cache_folder_that_cannot_be_made(cache_home: Path) -> None:
    cache_home.write_text("a file where the folder would be")  # even root cannot make the folder
    assert not kept.write("x.marshal", [1, 2])
    assert kept.read("x.marshal") is None
    assert cache_home.read_text() == "a file where the folder would be"


def test_a_table_is_a_dict(cache_home: Path) -> None:
    assert kept.write("list.marshal", [("a", 1)])
    assert kept.read("list.marshal") == [("a", 1)]
    assert kept.read_table("list.marshal") is None  # not the shape of a kept table
