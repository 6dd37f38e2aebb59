"""govlint.ruletable: the built-in rules' metadata kept between runs stands for the modules
exactly (the same rules, the same settings key), is used only for the sources it was taken
from, and lets a run answered by the cache import no rule module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govlint import ruletable
from govlint.config import Config
from govlint.engine import RuleSet
from govlint.plugins import load_plugins


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVLINT_NO_RULE_TABLE", raising=False)
    return tmp_path / "cache"


def test_the_kept_table_is_what_the_modules_say(cache_home: Path) -> None:
    assert ruletable.builtin_meta() is None  # nothing kept yet
    modules = ruletable.from_modules()  # imports the rules, and keeps their metadata
    kept = ruletable.builtin_meta()
    assert kept is not None
    assert [m.row() for m in kept] == [m.row() for m in modules]
    by_code = {m.code: m for m in kept}
    # read by eye in the rule modules: defaults, plugin, set-level rules
    assert (by_code["AR001"].severity.value, by_code["AR001"].plugin) == ("error", "govlint.checks.arithmetic")
    assert (by_code["LAW006"].severity.value, by_code["LAW006"].name) == ("info", "decree-number-style")
    assert by_code["CY001"].set_level and by_code["CY001"].module == "govlint.checks.crossyear"
    assert not by_code["AR001"].set_level and not any(m.whole_set for m in kept)
    assert by_code["RUN001"].plugin == "govlint.guard"


def test_a_lazy_plugin_set_imports_the_modules_only_when_a_rule_is_needed(cache_home: Path) -> None:
    eager = load_plugins(installed=False, table=False)  # (keeps the table)
    lazy = load_plugins(installed=False)
    assert not lazy.loaded and lazy.origin == eager.origin
    assert [r.code for r in lazy.rules] == [r.code for r in eager.rules]  # now imported
    assert lazy.loaded


@pytest.mark.parametrize("settings", [
    {},
    {"select": ["AR", "CY"], "ignore": ["AR002"]},
    {"severity": {"LAW": "error", "PAR004": "off", "ALL": "info"}},
    {"extend_select": ["digits-recovered-row"]},  # an opt-in rule (PAR023), by its name
    {"profile": "2021"},
])
def test_the_settings_key_without_the_modules_is_the_key_with_them(cache_home: Path, tmp_path: Path,
                                                                   settings: dict) -> None:  # type: ignore[type-arg]
    eager = load_plugins(installed=False, table=False)
    lazy = load_plugins(installed=False)
    assert not lazy.loaded
    hierarchy = tmp_path / "h.toml"
    hierarchy.write_text('[hierarchy]\n"某区人民政府" = "某市人民政府"\n', encoding="utf-8")
    for extra in ({}, {"hierarchy": hierarchy}):
        a = RuleSet(Config(**settings, **extra), eager)
        b = RuleSet(Config(**settings, **extra), lazy, lazy=True)
        assert b.key_parts() == a.key_parts()
        assert b.codes == a.codes and b.forced == a.forced
    assert not lazy.loaded  # the key, the codes and the severities needed no rule


def test_a_table_of_other_sources_or_a_damaged_one_is_not_used(cache_home: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ruletable.from_modules()
    kept = list((cache_home / "govlint").glob("rules-*.marshal"))
    assert len(kept) == 1 and ruletable.builtin_meta() is not None
    kept[0].write_bytes(b"\x00 not a table")
    assert ruletable.builtin_meta() is None
    kept[0].unlink()
    ruletable.from_modules()
    # a rule module edited: another stamp, so the table kept for the old sources is not used
    package = Path(ruletable.__file__).parent
    copy = tmp_path / "govlint"
    shutil.copytree(package / "checks", copy / "checks", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ruletable._SOURCES:
        shutil.copy(package / name, copy / name)
    monkeypatch.setattr(ruletable, "_package", lambda: str(copy))
    assert ruletable.builtin_meta() is not None  # the same sources, copied: the same stamp
    arithmetic = copy / "checks" / "arithmetic.py"
    arithmetic.write_text(arithmetic.read_text(encoding="utf-8").replace("Severity.ERROR", "Severity.INFO", 1),
                          encoding="utf-8")
    assert ruletable.builtin_meta() is None


def test_no_table_when_a_plugin_is_installed_or_named(cache_home: Path, tmp_path: Path) -> None:
    ruletable.from_modules()
    plugin = tmp_path / "myplugin.py"
    plugin.write_text("from govlint import hookimpl\n\n@hookimpl\ndef govlint_rules():\n    return []\n",
                      encoding="utf-8")
    named = load_plugins([str(plugin)], tmp_path, installed=False)
    assert named.loaded and not named.errors  # a local plugin: every module imported, as before
