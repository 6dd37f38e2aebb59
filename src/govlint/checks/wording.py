"""Wording rules (TX): what a careful reader of the prose marks — a word typed twice, brackets
that do not close, numbered points that skip or repeat, official terms miswritten.

Every rule here reads the prose only (the preamble, parts 一 五 六 and the paragraphs of parts
二–四; never the tables) and is judged on all corpus texts for false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import Joined, clip
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Severity
from govlint.profile import NUMERALS
from govlint.rule import Rule

_CJK = "\u4e00-\u9fff"
# a word of two to four characters typed twice in a row (审核审核, 资金资金)
_TWICE = re.compile(rf"([{_CJK}]{{2,4}})\1")
# function characters that never double in written Chinese (的的, 和和); content characters
# may (常常, 人人, 一一, 层层), so they are left alone
_FUNCTION = "的了和与及在对将把被由于并或之已以从向按经使其"
_ONE_TWICE = re.compile(rf"([{_FUNCTION}])\1")
# words whose doubling is an ordinary word or idiom, not a slip
_FIXED_DOUBLES = ("对对", "以以", "在在")


def _loop_sentences(ctx: Context) -> Iterator[tuple[Joined, int, int, str]]:
    for s in ctx.sentences():
        yield s.seg, s.start, s.end, s.text


class RepeatedWord(ReportRule):
    code = "TX001"
    name = "repeated-word"
    summary = "同一个词或虚词连续写了两遍（如“审核审核”“的的”）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "TX001",
        "找出正文中连续重复的词：两到四个字的词紧接着又写了一遍（“审核审核”“资金资金”），或“的、和、与、在”等虚词"
        "连写两次（“的的”）。“常常”“人人”“一一”“层层”等正常的叠字不是虚词，不报告；跨行断开的文字按连在一起比较。",
        "重复的词是编辑时的疏漏，读者一眼就能看到，影响报告的严肃性。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        # a segment without a match has no sentence with one (the patterns look neither behind
        # nor ahead): most segments are passed over with one search each, not one per sentence
        doubled = {id(seg) for seg in ctx.prose if _TWICE.search(seg.text) or _ONE_TWICE.search(seg.text)}
        if not doubled:
            return
        for seg, s0, _s1, text in _loop_sentences(ctx):
            if id(seg) not in doubled:
                continue
            taken: list[tuple[int, int]] = []
            for m in _TWICE.finditer(text):
                word = m.group(1)
                if len(set(word)) == 1:  # 常常常常: a doubled doubling, leave it
                    continue
                taken.append(m.span())
                yield self.diag(ctx.report, seg.span(ctx.report, s0 + m.start(), s0 + m.end()),
                                f"「{word}」连续写了两遍：「{m.group(0)}」")
            for m in _ONE_TWICE.finditer(text):
                if m.group(0) in _FIXED_DOUBLES or any(a <= m.start() < b for a, b in taken):
                    continue
                yield self.diag(ctx.report, seg.span(ctx.report, s0 + m.start(), s0 + m.end()),
                                f"「{m.group(1)}」连续写了两遍：「{clip(text[max(0, m.start() - 4):m.end() + 4])}」")


_PAIRS = {"《": "》", "〈": "〉", "“": "”", "（": "）", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_DOUBLED = re.compile(r"《《|》》|〈〈|〉〉|（（|））|【【|】】|““|””")
# every character either check looks at (a sentence without one has nothing to report)
_ANY_MARK = re.compile(r"[《》〈〉（）【】“”]")


@lru_cache(maxsize=8)
def _bracket_re(kinds: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(kinds)}]")


class Brackets(ReportRule):
    code = "TX002"
    name = "brackets"
    summary = "书名号、引号、括号应成对且不重复（如“《《”）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "TX002",
        "检查正文中的书名号《》〈〉、引号“”、括号（）【】：同一个符号连写两次（“《《”“））”），或一句话里有开无合、有合无开。"
        "书名号和括号按句检查，引号按段检查（引文中可以有句号）。",
        "不成对的符号常是删改文字时留下的，使文件名称、引文的范围不清楚。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        marked = {id(seg) for seg in ctx.prose if _ANY_MARK.search(seg.text)}
        for seg, s0, _s1, text in _loop_sentences(ctx):
            if id(seg) not in marked or not _ANY_MARK.search(text):
                continue
            doubled = list(_DOUBLED.finditer(text))
            for m in doubled:
                yield self.diag(ctx.report, seg.span(ctx.report, s0 + m.start(), s0 + m.end()),
                                f"符号「{m.group(0)[0]}」连写了两次：「{clip(text[max(0, m.start() - 6):m.end() + 6])}」")
            if doubled:
                continue
            bad = _unbalanced(text, "《》〈〉（）【】")
            if bad is not None:
                ch = text[bad]
                want = _PAIRS.get(ch) or _CLOSERS[ch]
                yield self.diag(ctx.report, seg.span(ctx.report, s0 + bad, s0 + bad + 1),
                                f"「{ch}」没有对应的「{want}」：「{clip(text[max(0, bad - 10):bad + 14])}」")


def _unbalanced(text: str, kinds: str) -> int | None:
    """Offset of the first bracket of ``kinds`` that is not matched, or None."""
    stack: list[int] = []
    for m in _bracket_re(kinds).finditer(text):
        i, ch = m.start(), m.group(0)
        if ch in _PAIRS:
            stack.append(i)
        elif stack and text[stack[-1]] == _CLOSERS[ch]:
            stack.pop()
        else:
            return i
    return stack[0] if stack else None


# 一是 … 二是 …: the numeral after a sentence or clause boundary (or at the start); the boundary is
# tested after the numeral, so every alternative begins with a character the engine can skip to
# (the lookahead names those characters: the engine then skips to them instead of trying every
# alternative at every character)
_SHI = re.compile(r"(?=[一二三四五六七八九十（(\d])(?:([一二三四五六七八九十])(?<![^。；;，,：:！？\s）)].)是|一是"
                  r"|(?P<head>[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[.．、](?!\d)))")
# （一） … at the head of a line of prose, and 1. / 1、 / （1） likewise
# (found in a paragraph's text at once: ``^`` at each line's start, the blanks not crossing lines)
_LINE_ITEM = re.compile(r"^[^\S\n]*(?:（([一二三四五六七八九十]{1,2})）|[（(](\d{1,2})[）)]|(\d{1,2})[.．、](?!\d))", re.M)


def _numeral_value(s: str) -> int:
    if s in NUMERALS:
        return NUMERALS.index(s)
    if len(s) == 2 and s[0] == "十":
        return 10 + NUMERALS.index(s[1])
    return -1


class Enumeration(ReportRule):
    code = "TX003"
    name = "enumeration-sequence"
    summary = "“一是、二是”“（一）（二）”“1. 2.”等序号不应跳号或重号"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "TX003",
        "检查正文中逐条列举的序号：“一是……二是……三是”在一段中应依次递增；各部分下的小标题“（一）（二）……”、"
        "行首的“1. 2. …”“（1）（2）…”也应依次递增。重新从“一是”“（一）”“1.”开始视为新的一组；跳号（一是之后是三是）"
        "或重号（三是之后又是三是）时报告。",
        "序号跳号、重号说明删改时漏改，读者会以为漏了内容。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        for seg in ctx.prose:
            prev = 0
            for m in _SHI.finditer(seg.text):
                if m.group("head"):  # a new heading or numbered point: a new group of 一是…
                    prev = 0
                    continue
                v = _numeral_value(m.group(1)) if m.group(1) else 1
                if v != 1 and v != prev + 1 and prev:
                    yield self._diag(ctx, seg, m.start(1), m.end(), f"{NUMERALS[prev]}是", m.group(0))
                prev = v
        yield from self._line_items(ctx)

    def _diag(self, ctx: Context, seg: Joined, a: int, b: int, before: str, now: str) -> Diagnostic:
        return self.diag(ctx.report, seg.span(ctx.report, a, b), f"序号「{now}」接在「{before}」之后，跳号或重号")

    def _line_items(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        for part in report.parts:
            prev_sub = 0
            for sub in part.subsections:
                v = _numeral_value(sub.number)
                if prev_sub and v not in (1, prev_sub + 1):
                    yield self.diag(report, sub.span,
                                    f"小标题序号「（{sub.number}）」接在「（{NUMERALS[prev_sub] if prev_sub <= 10 else prev_sub}）」之后，跳号或重号")
                prev_sub = v
            for paras in [part.paragraphs] + [s.paragraphs for s in part.subsections]:
                prev: dict[str, int] = {}
                for para in paras:
                    for m in _LINE_ITEM.finditer(para.text):
                        style = "cn" if m.group(1) else ("paren" if m.group(2) else "dot")
                        v = _numeral_value(m.group(1)) if m.group(1) else int(m.group(2) or m.group(3))
                        p = prev.get(style, 0)
                        if p and v not in (1, p + 1):
                            span = ctx.index.span(para.span.start + m.start(), para.span.start + m.end())
                            yield self.diag(report, span, f"行首序号「{m.group(0).strip()}」接在序号 {p} 之后，跳号或重号")
                        prev[style] = v


# official terms miswritten: (pattern, what it should be, why); each a confusion that is general in
# official writing, never a word picked from one report
_FIVE = ("决策", "执行", "管理", "服务", "结果")
_FIVE_RE = re.compile(rf"((?:[{_CJK}]{{2}}公开、){{3,}}[{_CJK}]{{2}}公开)")
_RULE_OF_LAW = re.compile(r"依法执政")
_OUTDATED = re.compile(r"深入贯彻落实科学发展观")


class OfficialTerms(ReportRule):
    code = "TX004"
    name = "official-terms"
    summary = "规范提法：政府机关“依法行政”，“五公开”为决策、执行、管理、服务、结果公开"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "TX004",
        "检查政务公开中有固定写法的提法：\n\n"
        "- 行政机关的报告写“依法行政”；“依法执政”指党的执政方式，不是行政机关的工作（句中讲党的执政时不报告）；\n"
        "- “五公开”是决策公开、执行公开、管理公开、服务公开、结果公开，列举时各项应为这五项；\n"
        "- 2018 年及以后的报告不应再以“深入贯彻落实科学发展观”作为工作的指导思想（党的十九大以后的提法已改变），"
        "多半是照抄多年前的旧稿。",
        "这些提法出自中央文件，写错说明起草时用了机器翻译、同义替换或旧稿。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        for s in ctx.sentences_with("依法执政", "公开、", "深入贯彻落实科学发展观"):  # what the patterns need
            seg, s0, text = s.seg, s.start, s.text
            for m in _RULE_OF_LAW.finditer(text):
                if "党" not in text:
                    yield self.diag(report, seg.span(report, s0 + m.start(), s0 + m.end()),
                                    "行政机关的报告应写「依法行政」；「依法执政」指党的执政方式")
            for m in _FIVE_RE.finditer(text):
                items = [x[:-2] for x in m.group(1).split("、")]
                if sum(1 for x in items if x in _FIVE) < 3:
                    continue
                for k, x in enumerate(items):
                    if x not in _FIVE:
                        at = m.start() + sum(len(y) + 3 for y in items[:k])
                        yield self.diag(report, seg.span(report, s0 + at, s0 + at + len(x) + 2),
                                        f"“五公开”是决策、执行、管理、服务、结果公开，「{x}公开」不是其中一项"
                                        + ("（应为「服务公开」）" if "服务" not in items else ""))
            if report.year is not None and report.year >= 2018:
                for m in _OUTDATED.finditer(text):
                    yield self.diag(report, seg.span(report, s0 + m.start(), s0 + m.end()),
                                    f"{report.year} 年度的报告仍写「{m.group(0)}」，是多年前的提法，疑为照抄旧稿")


# how the preamble names the report it introduces: 编制了 2024 年度政务公开工作报告
_SELF_NAME = re.compile(
    r"(?:编制|编写|形成|发布|公布)(?:了|完成|出)?(?:本)?[^，。；]{0,24}?((?:19|20)\d{2})\s*年度?\s*([^，。；\d]{2,20}?报告)"
)


class ReportName(ReportRule):
    code = "TX005"
    name = "report-name"
    summary = "正文称呼本报告时应使用“政府信息公开工作年度报告”的名称"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "TX005",
        "报告开头说明“编制本报告”时，应写报告的正式名称“政府信息公开工作年度报告”；写成“政务公开工作报告”等"
        "其他名称，与标题不符。只检查标题之后、第一部分之前的说明文字。",
        "政务公开与政府信息公开是不同范围的工作，年度报告的名称由《条例》第四十九、五十条规定。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        first = min((p.span.start for p in report.parts), default=len(report.text))
        for seg in ctx.prose[:1]:
            if not seg.offsets or seg.offsets[0] >= first:
                continue
            for m in _SELF_NAME.finditer(seg.text):
                name = re.sub(r"\s+", "", m.group(2))
                if "政府信息公开" in name and "年度报告" in name:
                    continue
                if "政务公开" not in name and "信息公开" not in name:
                    continue
                yield self.diag(report, seg.span(report, m.start(2), m.end(2)),
                                f"本报告称作「{name}」，应为「政府信息公开工作年度报告」")


RULES: list[type[Rule]] = [RepeatedWord, Brackets, Enumeration, OfficialTerms, ReportName]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
