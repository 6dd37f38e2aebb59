"""The review page without a browser: well-formed, self-contained, escaped (runs everywhere)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tests.cli_util import run
from tests.corpus import seed


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_escaped_and_self_contained(tmp_path: Path) -> None:
    text = seed("001").read_text(encoding="utf-8")
    evil = "<script>alert(1)</script>\x1b[31m"
    f = tmp_path / "r.txt"
    f.write_text(text.replace("（国务院令 711 号）", f"（国务院令 711 号{evil}）", 1), encoding="utf-8")
    out = tmp_path / "page.html"
    proc = run("check", str(f), "--output-format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr  # seed 001: warnings and a reading problem, no error
    page = out.read_text(encoding="utf-8")
    p = _Collect()
    p.feed(page)
    scripts = [a for t, a in p.tags if t == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0]  # the page's own inline script only
    assert not [a for t, a in p.tags if t in ("link", "img", "iframe")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "\x1b" not in page and "\u241b" in page
    # the finding on 「国务院令 711 号」 (LAW006) is marked in its passage; seed 001's PAR004 row is a table finding
    marks = [a for t, a in p.tags if t == "mark"]
    assert any("LAW006" in (a.get("title") or "") for a in marks)
    assert any(t == "th" and "PAR004" in (a.get("title") or "") for t, a in p.tags)
