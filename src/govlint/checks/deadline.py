"""Publication-date rules (YR006–YR008): 条例 第四十九条 sets when a report must be published —
a department of a people's government at or above county level by 1月31日, the report of a
county-level-or-above people's government itself by 3月31日 of the next year — and the report's
落款 (signature) date must fall after the report year and not after the page's 发布时间.

The dates come from the text only: the page's 发布时间 (a web page's metadata, kept by the HTML
source and by scrapes that print it) and the 落款 date, a line of its own among the last lines of
the report.  A 落款 date is a lower bound of the publication date, so a signature after the
deadline proves a late publication; an early one proves nothing and is not reported.  Bodies
whose deadline the 条例 does not fix (townships, 管委会, an unknown body) are left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import Enum

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import canonical_part, memo
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Span
from govlint.rule import Rule
from govlint.text import cn_to_int

_YEAR = r"(?:19|20)[0-9]{2}|[〇零○Ｏ一二三四五六七八九]{4}"
# a month or a day: 1–2 digits, or a Chinese numeral (九, 十二, 二十一, 三十)
_SMALL = r"[0-9]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_ZERO = str.maketrans("○Ｏ", "〇〇")  # the zeros typed in 二○二五 (a circle, a full-width letter O)
# a 落款 date alone on its line (the issuing body may stand before it on the same line)
_SIGNED = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*日")
# a page's 发布时间: 2022-02-08 16:34, 2022/2/8, 2022年02月08日
_PUBLISHED = re.compile(r"((?:19|20)[0-9]{2})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})")
_LAST_LINES = 6  # the 落款 is among the report's last lines (a page footer may follow it)
_TOWNSHIP = re.compile(r"[乡镇]|街道|管理委员会|管委会")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|厅|办公室|办|署)$")


class BodyKind(Enum):
    """Which deadline of 条例 第四十九条 a reporting body has."""

    DEPARTMENT = "department"  # 县级以上人民政府部门: 1月31日
    GOVERNMENT = "government"  # 县级以上地方人民政府 (本级政府的报告): 3月31日


def body_kind(agency: str) -> BodyKind | None:
    """The body's kind from its name as the title gives it; None where the 条例 fixes no deadline
    (乡镇、街道, 管委会) or the name does not tell."""
    if not agency or _TOWNSHIP.search(agency):
        return None
    if agency.endswith("人民政府"):
        return BodyKind.GOVERNMENT
    if _DEPARTMENT.search(agency):
        return BodyKind.DEPARTMENT
    return None


def deadline(year: int, kind: BodyKind) -> date:
    return date(year + 1, 1, 31) if kind is BodyKind.DEPARTMENT else date(year + 1, 3, 31)


def _date(y: str, m: str, d: str) -> date | None:
    yy, mm, dd = cn_to_int(y.translate(_ZERO)), cn_to_int(m), cn_to_int(d)
    if yy is None or mm is None or dd is None:
        return None
    try:
        return date(yy, mm, dd)
    except ValueError:
        return None


def signature(ctx: Context) -> tuple[date, Span] | None:
    """The 落款 date: a line among the report's last lines that is a date (after the body's name,
    or alone), after part 六's heading when there is one (found once per report: both rules ask)."""
    return memo(ctx.report, "signature", lambda: _signature(ctx))


def _signature(ctx: Context) -> tuple[date, Span] | None:
    report = ctx.report
    text = report.text
    six = canonical_part(report, 6)
    floor = six.span.start if six is not None and six.span is not None else 0
    end, seen = len(text), 0
    while end > floor and seen < _LAST_LINES:
        nl = text.rfind("\n", floor, end)
        start = nl + 1 if nl >= 0 else floor
        line = text[start:end]
        end = start - 1
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        m = _SIGNED.search(line)
        if m is None or (line[m.end():].strip() or not _before_is_body(line[:m.start()], ctx.agency)):
            continue
        got = _date(m.group("y"), m.group("m"), m.group("d"))
        return (got, ctx.index.span(start + m.start(), start + m.end())) if got is not None else None
    return None


def _before_is_body(before: str, agency: str) -> bool:
    before = re.sub(r"\s+", "", before)
    return not before or (bool(agency) and before == agency)


def published(ctx: Context) -> date | None:
    """The page's 发布时间, when the text gives one."""
    m = _PUBLISHED.match(ctx.report.published or "")
    return _date(*m.groups()) if m else None


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_WHO = {BodyKind.DEPARTMENT: "县级以上人民政府部门应当在每年1月31日前",
        BodyKind.GOVERNMENT: "县级以上地方人民政府的年度报告应当在每年3月31日前"}


class PublicationDeadline(ReportRule):
    code = "YR006"
    name = "publication-deadline"
    summary = "年度报告应按《条例》第四十九条的期限公布（部门1月31日前，本级政府3月31日前）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "YR006",
        "《条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布本机关上一年度的年度报告，县级以上地方人民政府的"
        "本级年度报告应当在每年3月31日前公布。报告机关按标题中的名称判断（以“人民政府”结尾的为本级政府，以局、委员会、"
        "厅、办公室等结尾的为部门；乡镇、街道、管委会和无法判断的机关不检查）。网页写明发布时间的，以发布时间为准；"
        "否则以落款日期为准——落款之后才能公布，落款已晚于期限，公布必然逾期。网站改版时发布时间可能被重置，所以只作警告。",
        "按期公布是《条例》的明文要求，也是各地政务公开考核的扣分项；逾期公布的报告失去时效。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        kind = body_kind(ctx.agency)
        if report.year is None or kind is None:
            return
        due = deadline(report.year, kind)
        related = [Related(report.title_span, f"「{ctx.agency}」{report.year} 年度报告")] if report.title_span else []
        pub = published(ctx)
        if pub is not None:
            if pub > due:
                yield self.diag(report, report.title_span or Span(1, 1, 1, 1),
                                f"页面发布时间 {_cn(pub)} 晚于 {_cn(due)}：{_WHO[kind]}公布上一年度的年度报告"
                                "（《条例》第四十九条）")
            return
        signed = signature(ctx)
        if signed is not None and signed[0] > due:
            yield self.diag(report, signed[1],
                            f"落款日期 {_cn(signed[0])} 已晚于 {_cn(due)}，公布必然逾期：{_WHO[kind]}公布上一年度的"
                            "年度报告（《条例》第四十九条）", related)


class SignatureDate(ReportRule):
    code = "YR007"
    name = "signature-date"
    summary = "落款日期应在报告年度结束之后，且不晚于页面的发布时间"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "YR007",
        "报告末尾的落款日期（单独一行的“2025年1月20日”“二〇二五年一月二十日”，前面可以有机关名称）应在报告年度结束之后："
        "2024 年度的报告落款为 2024 年 12 月的某日，说明报告在年度结束前就已写成，全年的数据不可能完整。网页写明发布时间的，"
        "落款日期也不应晚于发布时间。没有落款的报告不检查。",
        "落款日期是报告成文的时间；早于年度结束或晚于发布时间，多半是沿用了旧稿的落款或写错了年份。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        signed = signature(ctx)
        if report.year is None or signed is None:
            return
        when, span = signed
        if when <= date(report.year, 12, 31):
            related = [Related(report.title_span, f"报告年度 {report.year}")] if report.title_span else []
            yield self.diag(report, span, f"落款日期 {_cn(when)} 早于报告年度结束（{report.year}年12月31日）："
                            "年度报告应在年度结束后编制", related)
            return
        pub = published(ctx)
        if pub is not None and when > pub:
            yield self.diag(report, span, f"落款日期 {_cn(when)} 晚于页面的发布时间 {_cn(pub)}")


# a sentence giving 3月31日 as the day a report is published by (2007 条例 第三十一条 gave it
# every body; the 2019 条例 第四十九条 gives it the 本级政府's report only, a department 1月31日)
_MARCH_31 = re.compile(r"(?:3|三)\s*月\s*(?:31|三十一)\s*日\s*(?:之前|以前|前)")
_REPORT_WORDS = re.compile(r"年度报告|年报")
_PUBLISH_WORDS = re.compile(r"公布|发布|公开|向社会")
_JANUARY_31 = re.compile(r"(?:1|一)\s*月\s*(?:31|三十一)\s*日")


class DeadlineCitation(ReportRule):
    code = "YR008"
    name = "deadline-citation"
    summary = "部门的报告不应把“每年3月31日前公布年度报告”说成本机关的期限（部门为1月31日前）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "YR008",
        "2007 年《条例》第三十一条要求各行政机关每年3月31日前公布年度报告；2019 年修订的《条例》第四十九条改为："
        "县级以上人民政府部门每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布，县级以上地方人民政府的"
        "本级年度报告每年3月31日前公布。部门（标题中的机关名称以局、委员会、厅、办公室等结尾）的报告写“按照条例规定，"
        "于每年3月31日前公布年度报告”，沿用的是已废止的规定。同一句里也写了1月31日的不报告；本级政府、乡镇、"
        "街道和无法判断的机关不检查。",
        "报告引用的公布期限应是现行《条例》的规定；沿用旧规定，说明报告套用了旧模板，部门也可能据此逾期公布。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        if body_kind(ctx.agency) is not BodyKind.DEPARTMENT:
            return
        report = ctx.report
        for s in ctx.sentences_with("31", "三十一"):
            m = _MARCH_31.search(s.text)
            if (m is None or not _REPORT_WORDS.search(s.text) or not _PUBLISH_WORDS.search(s.text)
                    or _JANUARY_31.search(s.text)):
                continue
            yield self.diag(report, s.seg.span(report, s.start + m.start(), s.start + m.end()),
                            f"「{ctx.agency}」是政府部门：《条例》第四十九条要求县级以上人民政府部门每年1月31日前"
                            "公布上一年度的年度报告；3月31日是本级人民政府年度报告的期限（2007 年《条例》的旧规定）")


RULES: list[type[Rule]] = [PublicationDeadline, SignatureDate, DeadlineCitation]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
