"""Start-up work a one-file check must not do: import Lark or importlib.metadata, build the
grammar (the parser comes from the standalone module in the user cache)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.corpus import seed

PROBE = """
import sys
from govlint.cli import main
code = main(["check", "--no-cache", "--output-format", "json", "--select", "PAR004", sys.argv[1]])
print({"lark": any(m == "lark" or m.startswith("lark.") for m in sys.modules),
       "metadata": "importlib.metadata" in sys.modules, "multiprocessing": "multiprocessing" in sys.modules,
       "unneeded": sorted(m for m in ("sqlite3", "ctypes", "govlint.commands.sweep", "govlint.commands.export",
                                      "govlint.commands.extract", "importlib.resources",
                                      # OpenSSL (hashlib, hmac), the baseline file's code, the trust
                                      # list, the result cache, gettext's locale lookups, the
                                      # region rule's csv, queue.Queue, the parser's unused zlib
                                      "hashlib", "_hashlib", "hmac", "govlint.baseline", "govlint.trust",
                                      "govlint.cache", "locale", "csv", "queue", "zlib", "base64")
                           if m in sys.modules)},
      file=sys.stderr)
"""


def _probe(tmp_path: Path, cache_home: Path) -> tuple[list[dict], dict]:  # type: ignore[type-arg]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    p = subprocess.run([sys.executable, "-c", PROBE, str(seed("001"))], cwd=tmp_path, env=env, capture_output=True,
                       text=True, encoding="utf-8")
    flags = ast.literal_eval(p.stderr.strip().splitlines()[-1])  # the dict printed above
    return json.loads(p.stdout), flags


def test_a_one_file_check_imports_neither_lark_nor_importlib_metadata(tmp_path: Path) -> None:
    first, _ = _probe(tmp_path, tmp_path / "cache")  # builds the standalone parser once
    assert list((tmp_path / "cache" / "govlint").glob("parser-*.py"))
    found, flags = _probe(tmp_path, tmp_path / "cache")
    # nor the other sub-commands' modules (sqlite3 for the sweep), ctypes (a stuck rule only) or
    # the rule documentation's case files (importlib.resources)
    assert flags == {"lark": False, "metadata": False, "multiprocessing": False, "unneeded": []}
    assert [(d["code"], d["line"]) for d in found] == [("PAR004", 66)] == [(d["code"], d["line"]) for d in first]


def test_without_a_writable_cache_the_parser_is_built_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    found, flags = _probe(tmp_path, blocker)
    assert flags["lark"] is True  # Lark built the parser in memory
    assert [(d["code"], d["line"]) for d in found] == [("PAR004", 66)]


def test_the_top_level_help_still_lists_every_sub_command() -> None:
    out = subprocess.run([sys.executable, "-m", "govlint", "--help"], capture_output=True, text=True,
                         encoding="utf-8").stdout
    for name in ("check", "rules", "parse", "extract", "export", "sweep", "trust"):
        assert name in out
    sweep = subprocess.run([sys.executable, "-m", "govlint", "sweep", "--help"], capture_output=True, text=True,
                           encoding="utf-8")
    assert sweep.returncode == 0 and "--jobs" in sweep.stdout


WARM = """
import sys
from govlint.cli import main
main(["check", "--output-format", "json", sys.argv[1]])
print(sorted(m for m in ("govlint.parsing.builder", "govlint.interpret", "tomllib", "sqlite3", "hashlib", "hmac",
                         # nor the rules (their metadata: govlint.ruletable), the model, the facts
                         "govlint.checks", "govlint.guard", "govlint.model", "govlint.facts", "govlint.profile",
                         "govlint.baseline") if m in sys.modules),
      file=sys.stderr)
"""


def test_a_file_the_cache_answers_is_not_parsed_nor_its_format_data_read(tmp_path: Path) -> None:
    """Nor are the rule modules imported: the settings key comes from govlint.ruletable."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    report = tmp_path / "r.txt"
    report.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")

    def run() -> tuple[list[dict], str]:  # type: ignore[type-arg]
        p = subprocess.run([sys.executable, "-c", WARM, "r.txt"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, encoding="utf-8")
        return json.loads(p.stdout), p.stderr.strip().splitlines()[-1]

    first, imported = run()
    assert "govlint.parsing.builder" in imported  # a miss: parsed
    again, imported = run()
    assert again == first and imported == "[]"
