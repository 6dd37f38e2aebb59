"""Encodings and line ends: the same diagnostics at the same lines as the UTF-8 original;
undecodable input is a PAR014 diagnostic, not a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_util import run
from tests.corpus import seed

from govlint.config import Config
from govlint.engine import Engine
from govlint.plugins import load_plugins
from govlint.source import decode, read_report, read_source

PLUGINS = load_plugins(installed=False)
ORIGINAL = seed("001").read_text(encoding="utf-8")

VARIANTS = {
    "utf8-bom.txt": lambda t: t.encode("utf-8-sig"),
    "utf16-le-bom.txt": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf16-be-bom.txt": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "gb18030.txt": lambda t: t.encode("gb18030"),
    "crlf.txt": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf.txt": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf16-crlf.txt": lambda t: t.replace("\n", "\r\n").encode("utf-16"),
}


def _key(diagnostics: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.severity, d.message) for d in diagnostics]


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("enc")
    (folder / "original.txt").write_bytes(ORIGINAL.encode("utf-8"))
    for name, encode in VARIANTS.items():
        (folder / name).write_bytes(encode(ORIGINAL))
    return {p.name: p for p in folder.iterdir()}


def test_decode_gives_the_same_text(variants: dict[str, Path]) -> None:
    for name in VARIANTS:
        text, err = read_report(variants[name])
        assert err is None and text == ORIGINAL, name


def test_gbk_is_read() -> None:
    sample = "二、主动公开政府信息情况\r\n规章\t0\t0\t0\r\n"
    assert decode(sample.encode("gbk")) == (sample.replace("\r\n", "\n"), None)


def test_lone_cr_keeps_the_line_count() -> None:
    text, _ = decode("一\r二\r\n三\n".encode())
    assert text == "一\n二\n三\n"


def test_every_encoding_gives_the_same_diagnostics(variants: dict[str, Path]) -> None:
    engine = Engine(Config(), PLUGINS)
    expected = _key(engine.run([str(variants["original.txt"])]).diagnostics)
    assert any(code == "PAR004" and line == 66 for code, line, *_ in expected)
    for name in VARIANTS:
        result = engine.run([str(variants[name])])
        assert not result.errors
        assert _key(result.diagnostics) == expected, name


def test_cli_on_all_encodings_at_once(variants: dict[str, Path]) -> None:
    before = {p: p.read_bytes() for p in variants.values()}
    p = run("check", "--output-format", "json", *map(str, variants.values()))
    data = json.loads(p.stdout)
    by_file: dict[str, list[tuple]] = {}  # type: ignore[type-arg]
    for d in data:
        by_file.setdefault(Path(d["path"]).name, []).append((d["code"], d["line"], d["column"], d["message"]))
    assert set(by_file) == set(variants)
    assert all(v == by_file["original.txt"] for v in by_file.values())
    assert {p: p.read_bytes() for p in variants.values()} == before  # never modified


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,  # a .docx renamed
        b"\xff\xfe" + b"\x00\xd8",  # UTF-16 BOM, then a lone surrogate
        b"\x80\x80\x80 not gb18030 either \xff",
        "正文\x00\x00\x00".encode() * 10,  # NUL bytes: binary
    ],
)
def test_undecodable_input_is_a_par014_diagnostic(tmp_path: Path, data: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    text, err = read_source(bad).text, read_source(bad).error  # a renamed .docx is read as one
    assert text is None and err
    result = Engine(Config(), PLUGINS).run([str(bad), str(seed("001"))])
    own = [d for d in result.diagnostics if d.path == str(bad)]
    assert [(d.code, d.name, d.line, d.message) for d in own] == [("PAR014", "decode-error", 1, err)]
    assert any(d.path == str(seed("001")) for d in result.diagnostics)  # the other file is still checked
    assert not result.errors


def test_decode_error_is_configurable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 64)
    from govlint.config import config_from_dict

    assert not Engine(config_from_dict({"ignore": ["decode-error"]}), PLUGINS).run([str(bad)]).diagnostics
    graded = Engine(config_from_dict({"severity": {"PAR014": "warning"}}), PLUGINS).run([str(bad)]).diagnostics
    assert [d.severity.value for d in graded] == ["warning"]


def test_unreadable_paths_give_a_reason_not_an_exception(tmp_path: Path) -> None:
    from govlint.source import read_report

    assert read_report(tmp_path) == (None, "这是一个目录，不是文件")
    assert read_report(tmp_path / "missing.txt") == (None, "文件不存在")


def test_random_high_bytes_are_not_taken_for_gbk_text() -> None:
    """Random bytes in 0x80–0xFF often decode as GB18030; they must not pass for a report."""
    import random

    from govlint.source import decode

    rnd = random.Random(20261124)
    accepted = sum(
        decode(bytes(rnd.randrange(0x80, 0x100) for _ in range(128)))[0] is not None for _ in range(500)
    )
    assert accepted <= 5
