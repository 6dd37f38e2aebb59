"""--jobs (same results, same order) and the content-hash cache (.govlint_cache/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli_util import run
from tests.corpus import REAL, SEEDS, read

from govlint.config import Config, config_from_dict
from govlint.engine import Engine
from govlint.plugins import load_plugins

PLUGINS = load_plugins(installed=False)


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    for i in range(3):
        d = root / f"batch{i}"
        d.mkdir(parents=True)
        for p in sorted(SEEDS.glob("*.txt")):
            shutil.copy(p, d / p.name)
    for n in ("pingtan_2020.txt", "pingtan_2021.txt"):
        shutil.copy(REAL / n, root / n)
    # a broken carry-over in 2022 (as tests/test_rules_crossyear.py): CY001 needs both years
    text = read(REAL / "pingtan_2022.txt").replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002")
    (root / "pingtan_2022.txt").write_text(text, encoding="utf-8")
    return root


def _engine(**kw: object) -> Engine:
    engine = Engine(Config(), PLUGINS, keep_sources=False)
    for k, v in kw.items():
        setattr(engine, k, v)
    return engine


def test_jobs_give_the_same_diagnostics_in_the_same_order(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    one = _engine(jobs=1).run([str(root)])
    two = _engine(jobs=2).run([str(root)])
    assert one.files_checked == two.files_checked == 18
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]
    assert any(d.code == "CY001" and d.path.endswith("pingtan_2022.txt") for d in two.diagnostics)
    p1 = run("check", "--no-cache", "--jobs", "1", "--output-format", "json", str(root))
    p2 = run("check", "--no-cache", "--jobs", "2", "--output-format", "json", str(root))
    assert p1.stdout == p2.stdout and p1.returncode == p2.returncode


def test_cache_hits_when_nothing_changed_and_misses_when_something_did(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    first = _engine(cache_dir=cache).run([str(root)])
    assert first.cache_hits == 0 and len(list(cache.rglob("entries.pack"))) == 1
    second = _engine(cache_dir=cache).run([str(root)])
    assert second.cache_hits == 18
    assert [d.to_dict() for d in second.diagnostics] == [d.to_dict() for d in first.diagnostics]
    # one file changed: only that one is checked again, and its new finding shows
    target = root / "batch0" / SEEDS.glob("001_*.txt").__next__().name
    target.write_text(read(target).replace("国务院令 711 号", "国务院令第711号"), encoding="utf-8")
    third = _engine(cache_dir=cache).run([str(root)])
    assert third.cache_hits == 17
    # the cross-year finding comes from facts kept in the cache (2021 and 2022 were not re-read)
    assert [d.path for d in third.diagnostics if d.code == "CY001"] == [str(root / "pingtan_2022.txt")]
    # 2022 repaired: the set-level result is not stale
    (root / "pingtan_2022.txt").write_text(read(REAL / "pingtan_2022.txt"), encoding="utf-8")
    assert not any(d.code == "CY001" for d in _engine(cache_dir=cache).run([str(root)]).diagnostics)
    assert not any(d.code == "LAW006" and d.path == str(target) for d in third.diagnostics)
    # other settings: other entries (a severity changed is seen at once)
    graded = Engine(config_from_dict({"severity": {"LAW006": "error"}}), PLUGINS, keep_sources=False)
    graded.cache_dir = cache
    out = graded.run([str(root)])
    assert out.cache_hits == 0 and {d.severity.value for d in out.diagnostics if d.code == "LAW006"} == {"error"}


def _records(pack: Path) -> list[bytearray]:
    """The records of a cache pack (header + body each; see govlint.cache)."""
    from govlint.cache import _HEAD, _TAG

    data = pack.read_bytes()
    assert data.startswith(_TAG)
    at, out = len(_TAG), []
    while at < len(data):
        length = _HEAD.unpack_from(data, at)[2]
        out.append(bytearray(data[at:at + _HEAD.size + length]))
        at += _HEAD.size + length
    return out


def test_a_foreign_or_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    from govlint.cache import _TAG

    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    expected = _engine(cache_dir=cache).run([str(root)])
    (pack,) = cache.rglob("entries.pack")
    records = _records(pack)
    # each file's findings and its facts; the set-level findings of each group (the five seeds'
    # bodies: 渠县经济和信息化局, 渠县人民政府办公室, 渠县科学技术局, 叶县工业和信息化局, 涧西区工业和信息化局;
    # 平潭综合实验区) and of the whole set
    assert len(records) == 18 + 18 + 6 + 1
    # records that did not come from this user's govlint (e.g. a cache committed to a repository,
    # with its index signed by another user's key)
    for r in records:
        r[44:76] = b"\0" * 32  # the signature
    pack.write_bytes(_TAG + b"".join(records))
    index = pack.with_name("entries.idx")
    kept = bytearray(index.read_bytes())
    kept[-1] ^= 0xFF  # not signed by this user
    index.write_bytes(bytes(kept))
    again = _engine(cache_dir=cache).run([str(root)])
    assert again.cache_hits == 0
    assert [d.to_dict() for d in again.diagnostics] == [d.to_dict() for d in expected.diagnostics]
    # a signed record moved to stand in for another file's is refused too (the key is signed)
    pack.unlink()
    _engine(cache_dir=cache).run([str(root)])
    records = _records(pack)
    records[0][:20], records[2][:20] = records[2][:20], records[0][:20]  # two files' findings
    pack.write_bytes(_TAG + b"".join(records))
    pack.with_name("entries.idx").unlink()  # (the index of the pack as it was: see the next test)
    swapped = _engine(cache_dir=cache).run([str(root)])
    assert swapped.cache_hits == 18 - 2
    assert [d.to_dict() for d in swapped.diagnostics] == [d.to_dict() for d in expected.diagnostics]
    # cut short in the middle of a record (a run stopped while writing): what comes before is used
    whole = pack.read_bytes()
    pack.write_bytes(whole[:len(whole) // 2])
    assert 0 < _engine(cache_dir=cache).run([str(root)]).cache_hits < 18
    assert _engine(cache_dir=cache).run([str(root)]).cache_hits == 18  # the pack was repaired
    pack.write_bytes(b"garbage")
    assert _engine(cache_dir=cache).run([str(root)]).cache_hits == 0
    repaired = _engine(cache_dir=cache).run([str(root)])
    assert repaired.cache_hits == 18
    assert [d.to_dict() for d in repaired.diagnostics] == [d.to_dict() for d in expected.diagnostics]


def test_the_next_run_reads_the_index_not_every_header(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """entries.idx holds the headers read (signed): a re-run reads it and the records appended
    after it, not each header; an index of another length or signature is not used."""
    from govlint import cache as cache_module

    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    expected = _engine(cache_dir=cache).run([str(root)])
    (pack,) = cache.rglob("entries.pack")
    assert pack.with_name("entries.idx").is_file()
    reads: list[int] = []
    real = cache_module._read_at
    monkeypatch.setattr(cache_module, "_read_at", lambda fh, size, at: reads.append(size) or real(fh, size, at))
    again = _engine(cache_dir=cache).run([str(root)])
    assert again.cache_hits == 18 and [d.to_dict() for d in again.diagnostics] == [d.to_dict() for d in expected.diagnostics]
    assert cache_module._HEAD.size not in reads  # no header read one by one (the tag and the bodies only)
    # a record appended by another run after the index was written: read from the pack
    target = root / "batch1" / next(SEEDS.glob("001_*.txt")).name
    target.write_text(read(target).replace("国务院令 711 号", "国务院令第711号"), encoding="utf-8")
    monkeypatch.setattr(cache_module, "_read_at", real)
    index = pack.with_name("entries.idx")
    before = index.read_bytes()
    third = _engine(cache_dir=cache).run([str(root)])
    assert third.cache_hits == 17
    index.write_bytes(before)  # the index as it was before that run: the new records are after it
    fourth = _engine(cache_dir=cache).run([str(root)])
    assert fourth.cache_hits == 18
    assert not any(d.code == "LAW006" and d.path == str(target) for d in fourth.diagnostics)
    # the pack cut shorter than the index says: the index is not used, the headers are read
    whole = pack.read_bytes()
    pack.write_bytes(whole[:len(whole) // 2])
    assert 0 < _engine(cache_dir=cache).run([str(root)]).cache_hits < 18


def test_superseded_records_are_dropped_from_the_pack(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A file edited again and again: each run appends its new entries, and once the old ones
    outweigh the current the pack is rewritten with the current alone (it does not grow)."""
    import govlint.cache

    monkeypatch.setattr(govlint.cache, "COMPACT_BYTES", 0)
    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    _engine(cache_dir=cache).run([str(root)])
    (pack,) = cache.rglob("entries.pack")
    counts, sizes, live = [], [], pack.stat().st_size
    for i in range(40):
        (root / "batch0" / "extra.txt").write_text(read(next(SEEDS.glob("001_*.txt"))) + f"\n第{i}次修改\n",
                                                   encoding="utf-8")
        out = _engine(cache_dir=cache).run([str(root)])
        assert out.cache_hits == 18 and out.files_checked == 19
        counts.append(len(_records(pack)))
        sizes.append(pack.stat().st_size)
    # without rewriting: 40 + 3 records per run (the edited file's two, the set's)
    assert any(b < a for a, b in zip(counts, counts[1:])) and max(sizes) < 2.5 * live
    assert _engine(cache_dir=cache).run([str(root)]).cache_hits == 19


def test_cli_cache_folder_and_no_cache(tmp_path: Path) -> None:
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "r.txt")
    run("check", "--no-cache", "r.txt", cwd=tmp_path)
    assert not (tmp_path / ".govlint_cache").exists()
    a = run("check", "--output-format", "json", "r.txt", cwd=tmp_path)
    assert (tmp_path / ".govlint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    b = run("check", "--output-format", "json", "r.txt", cwd=tmp_path)
    assert json.loads(a.stdout) == json.loads(b.stdout) and a.returncode == b.returncode


def test_a_changed_hierarchy_file_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """The region rule's groups and findings depend on the hierarchy file's contents (not on
    any report): editing it must not bring back the last run's set-level findings."""
    from tests.test_region import _setup, _truth_sum

    values = _truth_sum()
    values[("三", "R1", "np")] += 1  # the parent prints 3024 for 0 + 22 + 3001 (tests/test_region.py)
    d, h = _setup(tmp_path, values)

    def codes() -> list[str]:
        engine = Engine(config_from_dict({"select": ["RG"], "hierarchy": str(h)}), PLUGINS)
        engine.cache_dir = tmp_path / "cache"
        result = engine.run([str(d)])
        assert result.errors == []
        return [x.code for x in result.diagnostics]

    assert codes() == ["RG001"] and codes() == ["RG001"]
    h.write_text("# 机关,上级\n", encoding="utf-8")  # no office under 测试汇总区 any more
    assert codes() == []


def test_cache_hits_and_workers_together_keep_the_order(tmp_path: Path) -> None:
    """Hits answered in this process while the misses go to --jobs workers: the same findings,
    in the same order, as a run without the cache."""
    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    _engine(cache_dir=cache).run([str(root)])
    # ten files changed: misses among hits, enough for two workers (parallel.MIN_FILES_PER_JOB)
    for p in sorted([*(root / "batch0").glob("*.txt"), *(root / "batch2").glob("*.txt")]):
        p.write_text(read(p).replace("国务院令 711 号", "国务院令第711号") + "\n（修改）\n", encoding="utf-8")
    mixed = _engine(cache_dir=cache, jobs=2).run([str(root)])
    plain = _engine(jobs=1).run([str(root)])
    assert mixed.cache_hits == 8 and mixed.files_checked == plain.files_checked == 18
    assert [d.to_dict() for d in mixed.diagnostics] == [d.to_dict() for d in plain.diagnostics]
    assert any(d.code == "CY001" for d in mixed.diagnostics)


def test_a_changed_report_rechecks_only_its_groups(tmp_path: Path) -> None:
    """Set-level findings cached per group (its members' contents): one report changed among
    unchanged ones checks again only the groups it is in; the others come from the cache, the
    same findings as a run without it."""
    root = tmp_path / "reports"
    root.mkdir()
    for n in ("pingtan_2021.txt", "pingtan_2022.txt"):
        shutil.copy(REAL / n, root / n)
        # the same two years as another body, whose 2022 carry-over is broken (2000002 for 1000001)
        other = read(REAL / n).replace("平潭综合实验区", "某某新区")
        if n.endswith("2022.txt"):
            other = other.replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002")
        (root / f"other_{n}").write_text(other, encoding="utf-8")
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, root / p.name)
    cache = tmp_path / "cache"

    def checked(engine: Engine) -> tuple[list[dict], list[str]]:  # type: ignore[type-arg]
        calls: list[str] = []
        for rule in engine.fact_rules:  # which groups the set-level rules are asked about
            rule.check_group = lambda key, group, f=rule.check_group: calls.append(key) or f(key, group)  # type: ignore[method-assign]
        result = engine.run([str(root)])
        assert result.errors == []
        return [d.to_dict() for d in result.diagnostics], sorted(set(calls))

    first, asked = checked(_engine(cache_dir=cache))
    assert [(d["code"], Path(d["path"]).name) for d in first if d["code"].startswith("CY")] == [
        ("CY001", "other_pingtan_2022.txt")]
    assert "平潭综合实验区" in asked and "某某新区" in asked
    # 平潭 2022's carry-over broken the same way: its group is checked again, and only it
    target = root / "pingtan_2022.txt"
    target.write_text(read(target).replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002"),
                      encoding="utf-8")
    again, asked = checked(_engine(cache_dir=cache))
    assert asked == ["平潭综合实验区"]
    cy = [d for d in again if d["code"] == "CY001"]
    assert [Path(d["path"]).name for d in cy] == ["other_pingtan_2022.txt", "pingtan_2022.txt"]
    assert "自然人 2≠1" in cy[1]["message"] and "总计 2≠1" in cy[1]["message"]  # 2021 四 = 1 0 0 0 0 0 1
    assert {r["path"] for r in cy[1]["related"]} == {str(root / "pingtan_2021.txt")}
    # the other group's finding, from the cache, is the one it had (and what a run without the cache says)
    assert cy[0] == next(d for d in first if d["code"] == "CY001")
    assert again == checked(_engine())[0]
    # nothing changed: no group is asked about (the whole set's findings are cached too)
    assert checked(_engine(cache_dir=cache)) == (again, [])
