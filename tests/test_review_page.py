"""The HTML review page in a real headless Chromium (Debian's chromium + chromium-driver, driven
through selenium): it loads without console errors, the highlighted cells are exactly the
ones the JSON output's positions name, messages show on click, the severity filter and the
sorting work, report text is escaped.  A screenshot is kept in tests/artifacts/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.cli_util import run
from tests.corpus import REAL, ROOT, seed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="需要系统的 chromium 和 chromium-driver（.ci/run 会安装）"
)

EVIL = "<img src=x onerror=\"document.title='pwned'\">\x07"


def _reports(tmp: Path) -> Path:
    d = tmp / "reports"
    d.mkdir()
    text = seed("001").read_text(encoding="utf-8")
    # 表三 一、本年新收 自然人 printed 22 (line 45): make it 21, so 22 − 1 breaks EQ-1 and EQ-2
    changed = text.replace("一、本年新收政府信息公开申请数量\t\t22\t", "一、本年新收政府信息公开申请数量\t\t21\t")
    # hostile text in front of the 「国务院令 711 号」 finding (line 7)
    changed = changed.replace("根据《中华人民共和国政府信息公开条例》", EVIL + "根据《中华人民共和国政府信息公开条例》", 1)
    assert changed.count(EVIL) == 1 and "\t\t21\t" in changed
    (d / "qu_2024.txt").write_text(changed, encoding="utf-8")
    shutil.copy(REAL / "pingtan_2021.txt", d / "pingtan_2021.txt")  # fused digits: reading problems
    shutil.copy(seed("003"), d / "clean.txt")  # nothing found (叶县, all zeros)
    return d


def _key(line: int, col: int) -> tuple[int, int]:
    return (line, col)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    s1, e1, s2, e2 = _key(a[0], a[1]), _key(a[2], a[3]), _key(b[0], b[1]), _key(b[2], b[3])
    if s1 == e1:
        return s2 <= s1 < e2
    return max(s1, s2) < min(e1, e2)


def _parse_span(attr: str) -> tuple[int, int, int, int]:
    a, b = attr.split("-")
    return (*map(int, a.split(":")), *map(int, b.split(":")))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield drv
    drv.quit()


def test_review_page_in_chromium(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    d = _reports(tmp_path)
    js = run("check", str(d), "--output-format", "json")
    page = tmp_path / "review.html"
    h = run("check", str(d), "--output-format", "html", "-o", str(page))
    assert js.returncode == 1 and h.returncode == 1, h.stderr
    diags = json.loads(js.stdout)
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<link" not in html  # self-contained

    browser.get(page.as_uri())
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-page.png"))
    assert (ARTIFACTS / "review-page.png").stat().st_size > 10_000

    # escaped: the hostile text is shown, not run; the control character is made visible
    assert browser.title == "govlint 审阅页"
    assert not browser.find_elements(By.CSS_SELECTOR, "img")
    assert "<img src=x onerror=" in browser.find_element(By.TAG_NAME, "body").text and "\u2407" in html

    # every highlighted table cell is named by the JSON, every cell the JSON names is highlighted
    sections = {s.get_attribute("data-path"): s for s in browser.find_elements(By.CSS_SELECTOR, "section.report")}
    assert set(sections) == {x["path"] for x in diags} >= {str(d / "qu_2024.txt"), str(d / "pingtan_2021.txt")}
    for path, sec in sections.items():
        named = [(x["line"], x["column"], x["end_line"], x["end_column"]) for x in diags if x["path"] == path]
        named += [(r["line"], r["column"], r["end_line"], r["end_column"])
                  for x in diags for r in x["related"] if r["path"] == path]
        for el in sec.find_elements(By.CSS_SELECTOR, ".stat [data-span]"):
            span = _parse_span(el.get_attribute("data-span"))
            is_hl = "hl" in (el.get_attribute("class") or "").split()
            assert is_hl == any(_overlap(n, span) for n in named), (path, span, el.text)

    # the cell a person changed: 表三 一、本年新收 自然人 = 21, an error, message on hover and click
    qu = sections[str(d / "qu_2024.txt")]
    cell = qu.find_element(By.CSS_SELECTOR, '.stat[data-table="三"] td[data-row="R1"][data-col="np"]')
    assert cell.text == "21" and "sev-error" in cell.get_attribute("class")
    assert "AR001" in cell.get_attribute("title")
    cell.click()
    browser.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 500)", cell)
    browser.save_screenshot(str(ARTIFACTS / "review-page-table.png"))
    popup = browser.find_element(By.ID, "popup")
    assert popup.is_displayed() and "勾稽关系" in popup.text  # the relation named in words (no internal EQ ids)
    # a cell no finding names is plain
    untouched = qu.find_element(By.CSS_SELECTOR, '.stat[data-table="三"] td[data-row="R3a"][data-col="np"]')
    assert "hl" not in (untouched.get_attribute("class") or "")

    # reading problems apart from the report's defects
    pt = sections[str(d / "pingtan_2021.txt")]
    reading = pt.find_elements(By.CSS_SELECTOR, "ol.findings.reading > li")  # (not the related ones inside)
    assert reading and all(li.get_attribute("data-code") in ("PAR010", "PAR011") for li in reading)
    assert pt.find_elements(By.CSS_SELECTOR, 'ol.findings:not(.reading) li[data-code="PAR010"]') == []
    assert "不是报告本身的错误" in pt.find_element(By.CSS_SELECTOR, "p.note").text

    # the prose finding is marked in its passage
    mark = qu.find_element(By.CSS_SELECTOR, "blockquote.passage mark[title*='LAW006']")
    assert "711" in mark.text

    # filter: hide errors → the error cell is no longer highlighted, its finding hidden
    browser.find_element(By.CSS_SELECTOR, '#filters input[data-sev="error"]').click()
    assert "off" in cell.get_attribute("class")
    assert not qu.find_element(By.CSS_SELECTOR, 'li.finding[data-code="AR001"]').is_displayed()
    browser.find_element(By.CSS_SELECTOR, '#filters input[data-sev="error"]').click()
    assert "off" not in cell.get_attribute("class")

    # sort the per-report table by reading problems, descending: 平潭 first
    th = browser.find_element(By.CSS_SELECTOR, '#by-report th[data-sev="reading"]')
    th.click()
    th.click()
    first = browser.find_element(By.CSS_SELECTOR, "#by-report tbody tr td a")
    assert first.text.endswith("pingtan_2021.txt") and th.get_attribute("aria-sort") == "descending"
