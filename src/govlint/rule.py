"""The rule API: every rule, built-in or third-party, is a subclass of :class:`Rule`.

A rule declares its metadata on the class and yields :class:`Diagnostic` objects from
:meth:`Rule.check`.  Use :meth:`Rule.diag` to build them so code, name and the configured
severity are filled in for you.  A rule that looks at several reports at once (cross-year,
region totals) implements :meth:`Rule.check_facts` over small per-report summaries instead:
see :mod:`govlint.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from govlint.diagnostic import Diagnostic, Fix, Related, Severity

if TYPE_CHECKING:
    from govlint.facts import Facts
    from govlint.model import Report, Span

CODE_RE = re.compile(r"^[A-Z]{2,3}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RuleKind(str, Enum):
    """What a rule's diagnostics are about: the report as published (DEFECT), or what govlint
    could not read there (READING: never the report's fault; counted apart in the summary)."""

    DEFECT = "defect"
    READING = "reading"


class Rule:
    """Base class for rules.

    Class attributes every rule sets:

    - ``code``: 2–3 uppercase letters naming the family, then 3 digits (``AR001``).
    - ``name``: kebab-case (``row-total-balance``).
    - ``summary``: one line, Chinese.
    - ``severity``: default :class:`Severity`.
    - ``doc``: Markdown, Chinese: what it checks, why, a violating and a corrected example.

    Optional: ``kind = RuleKind.READING`` (or the shorthand ``reading = True``) for a rule that
    reports what the tool could not read reliably (fused digits, unrecognised lines …): a reading
    problem, shown apart from report defects (its diagnostics carry ``reading``).

    Optional: ``opt_in = True`` for a rule that is not in the default selection: only a
    selector naming it by code or name in ``select`` / ``extend-select`` turns it on (``ALL``
    and code prefixes do not), like the detail of a note that is otherwise summarised.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    doc: ClassVar[str] = ""
    #: the rule can offer a safe textual fix (``govlint check --fix``)
    fixable: ClassVar[bool] = False
    reading: ClassVar[bool] = False
    kind: ClassVar[RuleKind] = RuleKind.DEFECT
    opt_in: ClassVar[bool] = False

    def __init__(self, severity: Severity | None = None, plugin: str = "") -> None:
        #: the effective severity for this run (configuration may change it)
        self.effective_severity: Severity = severity or type(self).severity
        #: the plugin the rule comes from (filled in by the engine)
        self.plugin = plugin

    def check(self, report: Report) -> Iterable[Diagnostic]:
        """Check one report; yield diagnostics."""
        return ()

    # ------------------------------------------------------------ set-level (see govlint.facts)

    def summarize(self, report: Report) -> Any:
        """Extra facts this rule needs from ``report`` for :meth:`check_facts` (small and
        JSON-serialisable), or None.  Called once per report, right after parsing."""
        return None

    def fact_groups(self, facts: Facts) -> Iterable[str]:
        """The groups ``facts`` belongs to (``check_facts`` is called once per group).
        Default: the reporting body, for reports of a known format."""
        if facts.template == "report" and facts.body:
            return (facts.body,)
        return ()

    def check_facts(self, group: Sequence[Facts]) -> Iterable[Diagnostic]:
        """Check one group of reports through their facts (sorted by year, then path).
        Overriding this makes the rule set-level; by default does nothing."""
        return ()

    def check_group(self, key: str, group: Sequence[Facts]) -> Iterable[Diagnostic]:
        """Like :meth:`check_facts`, with the group's key (what :meth:`fact_groups` returned);
        override this instead when the key matters (the region a group is about)."""
        return self.check_facts(group)

    def configure(self, config: Any) -> None:
        """Called once by the engine with the run's configuration (e.g. a mapping file a rule
        needs); by default does nothing.  May raise ValueError with a Chinese message."""

    def mine(self, facts: Facts) -> Any:
        """What :meth:`summarize` returned for the report of ``facts`` (None if nothing)."""
        return facts.extra.get(self.code)

    def check_reports(self, reports: Sequence[Report]) -> Iterable[Diagnostic]:
        """Deprecated, memory-heavy: check every parsed report of the run at once.

        Still honoured by ``govlint check`` (which then keeps every Report in memory for the
        whole run), refused by ``govlint sweep``.  Use :meth:`check_facts` instead.
        """
        return ()

    def diag(
        self,
        report: Report | Facts,
        span: Span,
        message: str,
        related: Sequence[Related] = (),
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule at ``span`` of ``report`` (a Report, or the Facts of one)."""
        d = Diagnostic.at(
            report.path,
            span,
            self.code,
            self.name,
            severity or self.effective_severity,
            message,
            list(related),
            fix,
        )
        d.reading = self.kind is RuleKind.READING or type(self).reading
        return d

    @classmethod
    def validate_metadata(cls) -> list[str]:
        """Problems with the declared metadata (empty list when fine)."""
        problems = []
        if not CODE_RE.match(cls.code or ""):
            problems.append(f"规则代码 {cls.code!r} 不合规（应为 2–3 个大写字母加 3 位数字）")
        if not NAME_RE.match(cls.name or ""):
            problems.append(f"规则名称 {cls.name!r} 不是 kebab-case")
        if not cls.summary:
            problems.append("缺少 summary")
        if not isinstance(cls.severity, Severity):
            problems.append("severity 必须是 Severity")
        return problems

