"""Prose claims checked against themselves and the tables (PT003–PT006): a total whose listed
parts do not add up, a percentage that is not the stated share, a sentence that says in words
what the tables deny, and an applicant breakdown that differs from 表三's columns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import clip
from govlint.checks.context import Context, Needs, ReportRule, Sentence
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Number, Span
from govlint.rule import Rule

_NUM = r"(?<![\d.])(\d{1,9})(?![\d.])"
_UNIT = r"(条|件|个|篇|份|项)"
# 共公布政府信息2602条(其中A类信息82条，B类信息80条，…，其他信息1053条)
_TOTAL = re.compile(rf"共(?:计)?[^，。；：:（(\d]{{0,14}}?{_NUM}\s*{_UNIT}\s*[（(，,：:]?\s*(?:其中|包括|涉及)")
_ITEM = re.compile(rf"([^，,；;：:（）()\d]{{1,24}}?){_NUM}\s*{_UNIT}")
_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "法人")


def _span(ctx: Context, s: Sentence, a: int, b: int) -> Span:
    return s.seg.span(ctx.report, s.start + a, s.start + b)


class ProseTotalParts(ReportRule):
    code = "PT003"
    name = "prose-total-parts"
    summary = "正文写出的总数应等于其后逐项列出的分项之和"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "PT003",
        "正文写“共……N条（其中A类a条，B类b条，……，其他c条）”时，把分项相加与总数比较。只比较分项明显完整的列举："
        "最后一项是“其他……”，或各项是表三的申请人类别（自然人、商业企业……）；“其中”只列举一部分的（如“其中征地拆迁领域"
        "20件”）不比较。",
        "总数与分项之和不符，至少有一个数字是错的；这类错误读者一加就能发现。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        for s in ctx.sentences_with("共"):
            text = s.text
            for m in _TOTAL.finditer(text):
                total, unit = int(m.group(1)), m.group(2)
                rest = text[m.end():]
                close = re.search(r"[）)。；;]", rest)
                scope = rest[: close.start()] if close else rest
                items = [(lab.strip("、，, "), int(v), a) for lab, v, u, a in
                         ((x.group(1), x.group(2), x.group(3), x.start()) for x in _ITEM.finditer(scope)) if u == unit]
                if len(items) < 2:
                    continue
                labels = [lab for lab, _, _ in items]
                complete = labels[-1].startswith(("其他", "其它")) or all(
                    any(lab.startswith(a) or lab.endswith(a) for a in _APPLICANTS) for lab in labels)
                parts = sum(v for _, v, _ in items)
                if not complete or parts == total:
                    continue
                yield self.diag(
                    ctx.report, _span(ctx, s, m.start(1), m.end(2)),
                    f"正文所写总数 {total}{unit}与其后 {len(items)} 个分项之和 {parts}{unit}不符",
                    [Related(_span(ctx, s, m.end() + a, m.end() + a + len(lab)), f"分项「{clip(lab, 20)}」 {v}{unit}")
                     for lab, v, a in items],
                )


_SHARE = re.compile(rf"{_NUM}\s*(件|条|个|人|家)[^。；;]{{0,40}}?{_NUM}\s*\2[，,、\s]*(?:占比|占|比例为|比重为?)\s*(\d{{1,3}}(?:\.\d{{1,3}})?)\s*[%％]")


class ProsePercentage(ReportRule):
    code = "PT004"
    name = "prose-percentage"
    summary = "正文的百分比应等于所写两个数之比（按四舍五入）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "PT004",
        "正文写“共N件（其中某类M件，占比P%）”时，P 应等于 M÷N 按所写小数位四舍五入的值。截断（如 20÷23=86.96% 写成"
        " 86.9%）或算错都报告。只在同一句里先写总数、再写部分数和百分比时比较。",
        "百分比是读者最常复核的数字，截断或算错显得不严谨，也可能说明分子、分母写错了。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        for s in ctx.sentences_with("%", "％"):
            for m in _SHARE.finditer(s.text):
                whole, part, stated = int(m.group(1)), int(m.group(3)), Decimal(m.group(4))
                if whole == 0 or part > whole:
                    continue
                exp = -stated.as_tuple().exponent  # type: ignore[operator]
                want = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-int(exp)), ROUND_HALF_UP)
                if want == stated:
                    continue
                yield self.diag(
                    ctx.report, _span(ctx, s, m.start(4), m.end()),
                    f"{part}÷{whole} = {(Decimal(part) * 100 / Decimal(whole)):.2f}%，应写作 {want}%，正文为 {stated}%",
                )


# what a sentence asserts in words, and the table cells that must then be 0
_ALL_DONE = re.compile(r"(?:所有|全部)(?:的)?(?:政府信息公开)?申请(?:均|都|全部)?(?:已|已经)?(?:按[^，。；]{0,6})?(?:办理完成|办结|答复完毕|办理完毕)|(?:申请)?均已(?:按期|按时|依法)?(?:办结|办理完毕|答复完毕)")
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:被|获)?(?:予以)?维持|未被(?:复议机关|复议审查机关|法院|人民法院)?(?:纠错|纠正|撤销)")
_NOTHING = re.compile(r"(?:没有|无)(?:可|需要|应当)?(?:主动)?公开的(?:政府)?信息")
_PUBLISHED = re.compile(r"(?:及时|主动|依法|集中|全面)公开|(?:公开|发布)(?:了)?[^。；，]{0,12}?\d+\s*(?:条|件|篇|个)")
# a sentence that tells of applications received and handled: the cases themselves (来件, 办件), or
# replying to / accepting requests (回复信息公开请求, 受理和答复申请)
_HANDLED = re.compile(r"来件|办件|(?:答复|回复|受理|办结)(?:了)?[^。；，,、]{0,10}?(?:申请|请求)")
# ... not a plan or a condition (如有申请，将及时答复), nor a denial (未受理申请)
_NOT_DONE = re.compile(r"如有|若有|如收到|一旦|将(?:会)?|未|没有|无")
# a statement that no application came in (本年未收到政府信息公开申请, 收到申请 0 件): looser than PT002's
# prose._NO_REQUESTS on purpose — that one is a claim checked against the table and must be exact;
# here any way of saying none came keeps the rule silent
_NONE_CAME = re.compile(r"(?:未|没有)(?:收到|接到|受理)[^。；，]{0,12}?(?:申请|请求)|(?:申请|请求)[^。；，]{0,6}?(?:0|零)\s*件|无(?:任何)?[^。；，]{0,8}申请")


class ProseContradiction(ReportRule):
    code = "PT005"
    name = "prose-contradiction"
    summary = "正文的概括说法（所有申请均已办结、均获维持、没有可公开的信息）不应与表格或正文的其他内容矛盾"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "PT005",
        "正文的几种概括说法与表格对照：\n\n"
        "- “所有申请均已办结”，表三“四、结转下年度继续办理”却有数（仍有申请没有办完）；\n"
        "- 复议、诉讼“均获维持”或“未被纠错”，表四同组“结果纠正”或“尚未审结”却大于 0；\n"
        "- “没有可公开的信息”，表二却有数，或正文其他地方写了及时公开、发布了多少条信息；\n"
        "- 正文写了答复、办理申请（“来件”“办件”“回复信息公开请求”），表三本年新收和上年结转却都是 0，"
        "正文也没有一句说明本年未收到申请。\n\n"
        "说的是上年结转的申请（“上年结转的申请均已办结”）时不比较。",
        "概括说法多是套话，与具体数字冲突时读者不知道该信哪个。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        carried = [v for v in ctx.row_values("三", "R4") if v]
        t4 = report.tables.get("四")
        for s in ctx.sentences_with("办", "答复", "维持", "未被"):  # every _ALL_DONE, _ALL_UPHELD has one
            text = s.text
            if carried:
                for m in _ALL_DONE.finditer(text):
                    clause = re.split(r"[，,；;：:]", text[:m.start()])[-1]
                    if "上年" in clause or "结转" in clause:  # 上年结转的申请均已办结: about the carried-in ones
                        continue
                    row = report.tables["三"].row("R4") if "三" in report.tables else None
                    rel = [Related(row.span, f"表三「四、结转下年度继续办理」有 {max(carried)} 件")] if row and row.span else []
                    yield self.diag(report, _span(ctx, s, m.start(), m.end()),
                                    f"正文称「{m.group(0)}」，但表三「四、结转下年度继续办理」不为 0（仍有申请转入下年度办理）", rel)
            if t4 is not None:
                for m in _ALL_UPHELD.finditer(text):
                    groups = [g for g, w in (("fy", "复议"), ("zs", "诉讼"), ("hs", "诉讼")) if w in text[max(0, m.start() - 40):m.end()]]
                    bad = [(g, col, v) for g in groups for col in ("jz", "wj")
                           if (v := ctx.cell("四", g, col)) is not None and v > 0]
                    if bad:
                        what = "、".join(f"{'行政复议' if g == 'fy' else '行政诉讼'}{'结果纠正' if col == 'jz' else '尚未审结'} {v}"
                                        for g, col, v in bad)
                        yield self.diag(report, _span(ctx, s, m.start(), m.end()),
                                        f"正文称「{m.group(0)}」，但表四{what}")
        yield from self._nothing_published(ctx)
        yield from self._handled_without_applications(ctx)

    def _handled_without_applications(self, ctx: Context) -> Iterator[Diagnostic]:
        """表三 counts no application at all (本年新收 and 上年结转 both 0), the text never says so,
        yet it tells of applications replied to or handled: one of the two is wrong (a passage kept
        from another year's or another body's report, or a table left at 0)."""
        if ctx.cell("三", "R1", "tot") != 0 or ctx.cell("三", "R2", "tot") != 0:
            return
        said = [(s, m) for s in ctx.sentences_with("来件", "办件", "申请", "请求") for m in _HANDLED.finditer(s.text)
                if not _NOT_DONE.search(s.text[max(0, m.start() - 8):m.start()])]
        if not said or any(_NONE_CAME.search(s.text) for s in ctx.sentences_with("申请", "请求")):
            return
        s, m = said[0]
        table = ctx.report.tables["三"]
        row = table.row("R1")
        rel = [Related(_span(ctx, o, om.start(), om.end()), f"正文：「{om.group(0)}」") for o, om in said[1:4]]
        if row is not None and row.span is not None:
            rel.append(Related(row.span, "表三「一、本年新收政府信息公开申请数量」总计 0"))
        yield self.diag(ctx.report, _span(ctx, s, m.start(), m.end()),
                        f"正文写了「{m.group(0)}」，像是办理了政府信息公开申请，但表三本年新收和上年结转的申请均为 0，"
                        "正文也没有说明本年未收到申请", rel)

    def _nothing_published(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        claims = [(s, m) for s in ctx.sentences_with("公开的") for m in _NOTHING.finditer(s.text)]
        if not claims:
            return
        t2 = [v for r in ("rule", "norm") for v in ctx.row_values("二", r) if v]
        said = [(s, m) for s in ctx.sentences() for m in _PUBLISHED.finditer(s.text)
                if not _NOTHING.search(s.text) and not re.search(r"未|没有|不予|无需", s.text[max(0, m.start() - 6):m.start()])]
        for s, m in claims:
            if not t2 and not said:
                continue
            rel = [Related(_span(ctx, o, om.start(), om.end()), f"正文：「{clip(om.group(0), 24)}」") for o, om in said[:3]]
            extra = "表二有制发或现行有效的文件" if t2 else "正文其他地方写了公开的信息"
            yield self.diag(report, _span(ctx, s, m.start(), m.end()), f"正文称「{m.group(0)}」，但{extra}", rel)


_COLUMNS = {"自然人": "np", "商业企业": "biz", "科研机构": "res", "社会公益组织": "npo", "法律服务机构": "law", "其他": "oth"}
_BREAKDOWN = re.compile(rf"(?:收到|受理|新收)[^。；]{{0,20}}?申请[^。；\d]{{0,6}}{_NUM}\s*件[，,（(]\s*(?:其中|涉及|包括)?\s*"
                        rf"((?:(?:自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他)(?:申请)?\s*\d{{1,9}}\s*件[、，,]?\s*){{2,}})")


class ApplicantBreakdown(ReportRule):
    code = "PT006"
    name = "applicant-breakdown"
    summary = "正文按申请人类别写出的申请数应与表三各列一致（一件申请记错了列）"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "PT006",
        "正文写“收到申请N件，其中自然人a件、商业企业b件……”时，与表三“一、本年新收政府信息公开申请数量”各列比较"
        "（正文的总数等于新收加上年结转时，与两行之和比较）。两列一多一少、总计不变，是把一个申请人记到了另一列。",
        "申请人类别是统计汇总的口径，记错列会使上级汇总失真；总计平衡时表内核算发现不了这种错误。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        r1 = {k: ctx.cell("三", "R1", k) for k in _COLUMNS.values()}
        r2 = {k: ctx.cell("三", "R2", k) for k in _COLUMNS.values()}
        if any(v is None for v in r1.values()):
            return
        tot1, tot2 = ctx.cell("三", "R1", "tot"), ctx.cell("三", "R2", "tot")
        for s in ctx.sentences_with("申请"):
            for m in _BREAKDOWN.finditer(s.text):
                n = int(m.group(1))
                stated = {_COLUMNS[k]: int(v) for k, v in re.findall(r"(自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他)(?:申请)?\s*(\d{1,9})\s*件", m.group(2))}
                base: dict[str, Number] = dict(r1)  # type: ignore[arg-type]
                if tot1 is not None and tot2 and n == tot1 + tot2 and all(v is not None for v in r2.values()):
                    base = {k: v + (r2[k] or 0) for k, v in base.items()}  # type: ignore[operator]
                diff = {k: v - base[k] for k, v in stated.items() if v != base[k]}
                if not diff:
                    continue
                names = {v: k for k, v in _COLUMNS.items()}
                shown = "，".join(f"{names[k]} 正文 {stated[k]}、表三 {base[k]}" for k in diff)
                moved = len(diff) == 2 and sorted(diff.values()) == [-1, 1] and sum(stated.values()) == sum(base[k] for k in stated)
                why = "：两列一多一少，疑为一件申请记错了列" if moved else ""
                yield self.diag(ctx.report, _span(ctx, s, m.start(2), m.end(2)),
                                f"正文的申请人分类与表三不符（{shown}）{why}")


RULES: list[type[Rule]] = [ProseTotalParts, ProsePercentage, ProseContradiction, ApplicantBreakdown]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
