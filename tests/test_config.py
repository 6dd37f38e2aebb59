"""Configuration: discovery, keys, selectors, severities, per-file ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.config import Config, ConfigError, config_from_dict, find_config, glob_match, load_config
from govlint.diagnostic import Severity
from govlint.plugins import load_plugins

RULES = {r.code: r for r in load_plugins(installed=False).rules}
AR001, PAR004, FEE001 = RULES["AR001"], RULES["PAR004"], RULES["FEE001"]


def test_defaults_enable_every_rule_at_its_default_severity() -> None:
    cfg = Config()
    assert all(cfg.enabled(r) for r in RULES.values() if not r.opt_in)
    assert not cfg.enabled(RULES["PAR023"])  # opt-in: only naming it turns it on
    assert cfg.severity_for(AR001) is AR001.severity
    assert cfg.fail_on is Severity.ERROR


def test_select_ignore_by_code_prefix_and_name() -> None:
    cfg = config_from_dict({"select": ["AR", "row-short"], "ignore": ["AR002"]})
    assert cfg.enabled(AR001) and cfg.enabled(PAR004)
    assert not cfg.enabled(RULES["AR002"]) and not cfg.enabled(FEE001)
    cfg = config_from_dict({"select": ["PAR"], "extend-select": ["FEE001"]})
    assert cfg.enabled(FEE001) and not cfg.enabled(AR001)


def test_severity_table_most_specific_wins_and_off_disables() -> None:
    cfg = config_from_dict({"severity": {"AR": "info", "AR001": "warning", "fee-statement": "off"}})
    assert cfg.severity_for(AR001) is Severity.WARNING
    assert cfg.severity_for(RULES["AR002"]) is Severity.INFO
    assert not cfg.enabled(FEE001)


@pytest.mark.parametrize(
    "data, word",
    [
        ({"selct": ["AR"]}, "selct"),
        ({"severity": {"AR001": "fatal"}}, "fatal"),
        ({"fail-on": "never"}, "never"),
        ({"select": "AR001"}, "select"),
        ({"profile": "1999"}, "1999"),
        ({"per-file-ignores": {"a/*.txt": "AR001"}}, "per-file-ignores"),
    ],
)
def test_bad_values_name_what_is_wrong(data: dict, word: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as exc:
        config_from_dict(data)
    assert word in str(exc.value)


def test_unknown_rule_in_a_selector_is_an_error() -> None:
    cfg = config_from_dict({"ignore": ["XYZ999"]})
    with pytest.raises(ConfigError, match="XYZ999"):
        cfg.validate_selectors(list(RULES.values()))
    config_from_dict({"ignore": ["row-short", "AR", "ALL"]}).validate_selectors(list(RULES.values()))


def test_glob_with_double_star() -> None:
    assert glob_match("reports/**/*.txt", "reports/2024/a/b.txt")
    assert glob_match("reports/**/*.txt", "reports/b.txt")
    assert not glob_match("reports/*.txt", "reports/2024/b.txt")
    assert glob_match("**/draft-*.md", "x/y/draft-1.md")


def test_per_file_ignores(tmp_path: Path) -> None:
    cfg = config_from_dict({"per-file-ignores": {"old/**": ["AR", "fee-statement"]}}, tmp_path / "govlint.toml")
    assert cfg.ignored_for_file(str(tmp_path / "old" / "2019" / "a.txt"), "AR001", "relation-balance")
    assert cfg.ignored_for_file(str(tmp_path / "old" / "a.txt"), "FEE001", "fee-statement")
    assert not cfg.ignored_for_file(str(tmp_path / "new" / "a.txt"), "AR001", "relation-balance")


def test_discovery_prefers_nearest_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.govlint]\nignore = ["AR"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "govlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "a" / "govlint.toml"
    assert load_config(find_config(sub)).fail_on is Severity.WARNING
    assert load_config(tmp_path / "pyproject.toml").ignore == ["AR"]


def test_pyproject_without_govlint_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    "table",
    [
        '[tool.govlint]\nignore = ["AR"]\n',
        '[tool . "govlint"]\nignore = ["AR"]\n',
        '[tool]\ngovlint = { ignore = ["AR"] }\n',
        '[tool]\nx = [\n  ["a"],\n]\ngovlint = { ignore = ["AR"] }\n',
        'tool.govlint.ignore = ["AR"]\n',
        "tool = { govlint = { ignore = ['AR'] } }\n",
        '[[tool.hatch.x]]\n[tool.govlint]\nignore = ["AR"]\n',
    ],
)
def test_every_spelling_of_a_govlint_table_is_found(tmp_path: Path, table: str) -> None:
    """The text pre-check that spares tomllib must not pass over a real [tool.govlint] table."""
    (tmp_path / "pyproject.toml").write_text(table + '[project]\nname = "govlint-reports"\n', encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").ignore == ["AR"]


def test_pyproject_naming_govlint_but_without_its_table_is_passed_over(tmp_path: Path) -> None:
    """A project called govlint with [tool.hatch] tables (this repository's own) holds no settings."""
    (tmp_path / "govlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "repo"
    sub.mkdir()
    (sub / "pyproject.toml").write_text(
        '[project]\nname = "govlint"\n[project.scripts]\ngovlint = "govlint.cli:main"\n[tool.hatch.build.targets.wheel.force-include]\n"grammar" = "govlint/_data/grammar"\n',
        encoding="utf-8",
    )
    assert find_config(sub) == tmp_path / "govlint.toml"


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    p = tmp_path / "govlint.toml"
    p.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_config(p)


def test_a_pyproject_found_is_parsed_once_and_again_when_it_changed(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from govlint.config import toml_module

    tomllib = toml_module()
    calls: list[str] = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: calls.append(text) or real(text))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.govlint]\nselect = ["AR"]\n', encoding="utf-8")
    found = find_config(tmp_path)
    assert found == pyproject
    cfg = load_config(found)
    assert cfg.select == ["AR"] and len(calls) == 1  # find_config's reading served load_config
    cfg.select.append("LAW")  # (what load_config gave is the caller's own)
    assert load_config(found).select == ["AR"]
    pyproject.write_text('[tool.govlint]\nselect = ["PT"]\n', encoding="utf-8")
    assert load_config(found).select == ["PT"]  # changed since: read again
