"""File stamps (govlint.stamps): a re-run takes an unchanged file's cache key from its stamp
without reading it; an edit is seen whatever its size and mtime (the ctime is in the stamp);
a stamp too recent to be trusted, or an index not signed by this user, is not used."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from tests.corpus import SEEDS, read

from govlint import stamps
from govlint.config import Config
from govlint.engine import Engine
from govlint.plugins import load_plugins

PLUGINS = load_plugins(installed=False)
HOUR = 3600 * 10**9


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, root / p.name)
    old = time.time_ns() - HOUR
    for p in root.iterdir():
        os.utime(p, ns=(old, old))
    return root


def _run(root: Path, cache: Path, reads: list[str] | None = None, monkeypatch: pytest.MonkeyPatch | None = None):  # type: ignore[no-untyped-def]
    if reads is not None and monkeypatch is not None:
        real = stamps.read_stamped

        def counted(path):  # type: ignore[no-untyped-def]
            reads.append(str(path))
            return real(path)

        monkeypatch.setattr(stamps, "read_stamped", counted)
    engine = Engine(Config(), PLUGINS, keep_sources=False)
    engine.cache_dir = cache
    result = engine.run([str(root)])
    assert result.errors == []
    return result


@pytest.fixture
def no_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files here were just written (their ctime is now): trust stamps at once."""
    monkeypatch.setattr(stamps, "MARGIN_NS", 0)


def test_a_rerun_takes_unchanged_files_keys_from_their_stamps(tmp_path: Path, no_margin: None,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = _tree(tmp_path), tmp_path / "cache"
    n = len(list(root.iterdir()))
    first = _run(root, cache)
    assert (cache / stamps.FILE_NAME).is_file()
    reads: list[str] = []
    again = _run(root, cache, reads, monkeypatch)
    assert again.cache_hits == n and reads == []  # no file read to find its key
    assert [d.to_dict() for d in again.diagnostics] == [d.to_dict() for d in first.diagnostics]


def test_an_edit_of_the_same_size_with_its_mtime_set_back_is_checked_again(tmp_path: Path, no_margin: None,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = _tree(tmp_path), tmp_path / "cache"
    target = next(root.glob("001_*.txt"))
    first = _run(root, cache)
    # seed 001 line 15: 20 of 23 is 86.96 %, printed 86.9 % (PT004, read by eye)
    assert [(d.code, d.line) for d in first.diagnostics if d.path == str(target) and d.code == "PT004"] == [("PT004", 15)]
    st = target.stat()
    text = read(target)
    assert text.count("占比 86.9%") == 1
    edited = text.replace("占比 86.9%", "占比 87.0%")  # the same number of bytes
    target.write_bytes(edited.encode("utf-8"))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime as it was (the ctime cannot be set)
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    reads: list[str] = []
    again = _run(root, cache, reads, monkeypatch)
    assert reads == [str(target)]  # only the edited file read again: its stamp is another
    assert again.cache_hits == len(list(root.iterdir())) - 1
    assert not any(d.code == "PT004" and d.path == str(target) for d in again.diagnostics)


def test_a_file_written_just_now_is_hashed_again_next_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real margin: files whose ctime is this second are not recorded (an edit in the
    same tick of a coarse file-system clock could keep their stamp)."""
    root, cache = _tree(tmp_path), tmp_path / "cache"  # (utime: their ctime is now)
    _run(root, cache)
    reads: list[str] = []
    again = _run(root, cache, reads, monkeypatch)
    assert sorted(reads) == sorted(str(p) for p in root.iterdir())  # each read and hashed
    assert again.cache_hits == len(reads)


def _stat(size: int, mtime: int, ctime: int, ino: int = 7) -> os.stat_result:
    # mode, ino, dev, nlink, uid, gid, size, three whole-second times, three float times, atime/mtime/ctime ns
    return os.stat_result((0o100644, ino, 1, 1, 0, 0, size, 0, 0, 0, 0.0, 0.0, 0.0, 0, mtime, ctime))


def test_only_stamps_older_than_the_margin_and_unchanged_by_the_read_are_recorded(tmp_path: Path) -> None:
    s = stamps.Stamps(tmp_path, b"k" * 32)
    now = 10**18
    old = now - stamps.MARGIN_NS - 1
    s.record("/a", _stat(5, old, old), _stat(5, old, old), now, "ka")
    s.record("/b", _stat(5, old, now - 10**9), _stat(5, old, now - 10**9), now, "kb")  # ctime one second ago
    s.record("/c", _stat(5, now - 10**9, old), _stat(5, now - 10**9, old), now, "kc")  # mtime one second ago
    s.record("/d", _stat(5, now + HOUR, old), _stat(5, now + HOUR, old), now, "kd")  # mtime in the future
    s.record("/e", _stat(5, old, old), _stat(6, old, old), now, "ke")  # grew while it was read
    assert set(s._load()) == {"/a"}


def test_an_index_not_signed_by_this_user_or_damaged_is_not_used(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("x", encoding="utf-8")
    old = time.time_ns() - HOUR
    os.utime(f, ns=(old, old))
    st = os.stat(f)
    mine = stamps.Stamps(tmp_path, b"k" * 32)
    mine.record(str(f), st, st, st.st_ctime_ns + stamps.MARGIN_NS + 1, "key-of-r")
    mine.save()
    assert stamps.Stamps(tmp_path, b"k" * 32).key(str(f)) == "key-of-r"
    assert stamps.Stamps(tmp_path, b"another user" * 3).key(str(f)) is None  # a cloned .govlint_cache
    index = tmp_path / stamps.FILE_NAME
    data = bytearray(index.read_bytes())
    data[-3] ^= 0xFF
    index.write_bytes(bytes(data))
    assert stamps.Stamps(tmp_path, b"k" * 32).key(str(f)) is None
    index.write_bytes(b"garbage")
    assert stamps.Stamps(tmp_path, b"k" * 32).key(str(f)) is None
