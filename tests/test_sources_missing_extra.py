"""Without an optional extra (govlint[pdf], govlint[docx]) a PDF or Word file gets one Chinese
PAR014 that names the install command, and the other files are still checked: never a crash.

The library is made unimportable (``sys.modules[name] = None`` makes ``import name`` raise
ImportError, as on an install without the extra)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from tests.corpus import CORPUS

from govlint.cli import main

SEED = sorted((CORPUS / "seeds").glob("*.txt"))[0]


@pytest.mark.parametrize(
    ("module", "suffix", "data", "extra"),
    [
        ("pdfplumber", ".pdf", (CORPUS / "pdf" / "huaian_2024.pdf").read_bytes(), "pdf"),
        ("docx", ".docx", b"PK\x03\x04" + b"\x00" * 60, "docx"),  # never opened: the library is missing
    ],
)
def test_missing_extra_is_one_clear_diagnostic_and_the_other_files_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    module: str, suffix: str, data: bytes, extra: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    report = tmp_path / f"report{suffix}"
    report.write_bytes(data)
    text = tmp_path / "seed.txt"
    shutil.copy(SEED, text)

    code = main(["check", "--no-cache", "--output-format", "json", str(report), str(text)])

    out = json.loads(capsys.readouterr().out)
    on_document = [d for d in out if Path(d["path"]).name == report.name]
    assert [d["code"] for d in on_document] == ["PAR014"]
    assert f"pip install 'govlint[{extra}]'" in on_document[0]["message"]
    assert "需要可选组件" in on_document[0]["message"]
    assert code == 1  # the file could not be checked: CI must not pass silently
    assert report.read_bytes() == data  # nothing modified
    # the seed was still checked, exactly as when it is checked alone
    on_seed = [(d["code"], d["line"]) for d in out if Path(d["path"]).name == "seed.txt"]
    main(["check", "--no-cache", "--output-format", "json", str(text)])
    alone = [(d["code"], d["line"]) for d in json.loads(capsys.readouterr().out)]
    assert on_seed == alone
