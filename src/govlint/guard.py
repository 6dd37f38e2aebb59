"""Running rule code safely: one report's parse and rules as a sequence of stages, watched.

- Every diagnostic a rule yields is validated on the way in (:func:`validate`): the wrong
  type, a path that is not the report's, another rule's code, a severity or position that is
  not what the API says, a bad ``related`` entry.  A bad one is dropped and becomes a fault
  naming the rule and its plugin; positions outside the text are clamped (and reported).
- An exception from rule code — ``SystemExit`` and ``KeyboardInterrupt`` included — is a fault
  of that rule; the other rules and files still run.
- Time budgets.  The stages of a file run in a worker thread while the calling thread waits
  (no signals: this works on any thread, in any process); the thread is kept for the next
  file (starting one per file would cost as much as the rules of a small report) and ends when
  the runner is closed or collected.  Worker and watcher share no lock: see :class:`_Job`.  A rule that runs longer than the
  per-rule budget, or a file whose stages together run longer than the per-file budget, is
  abandoned: the watcher stops waiting, reports the stage, and the remaining stages go on in a
  fresh worker.  Python cannot kill a thread: the abandoned one is asked to stop (an
  asynchronous exception, effective at its next Python instruction) and is a daemon, so it
  never holds up the end of the run.  A budget of 0 runs the stages inline, unwatched.
  A pitfall (seen on CPython 3.11): the stop request is only acted on when the thread runs
  Python code again.  A rule stuck in one long C-level call (``time.sleep(3600)``, a blocking
  read) keeps the request pending for as long as the call lasts, and while it is pending,
  tools that install tracing or profiling in every thread (``sys.settrace`` /
  ``sys.setprofile`` users such as coverage) can stall waiting on that thread.  The run itself
  goes on (the thread is a daemon, nothing waits for it); a test that abandons such a rule
  should run it in a subprocess, away from the coverage tracer.
- A real Ctrl-C always reaches the calling thread (signals are delivered to the main thread),
  so a ``KeyboardInterrupt`` seen in the worker was raised by rule code.
"""

from __future__ import annotations

import os
import threading
import time
from _queue import Empty, SimpleQueue  # queue's own classes, without queue.Queue's imports
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from govlint import hookimpl
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Span
from govlint.rule import Rule

#: default budgets in seconds (configurable: ``time-budget`` / ``rule-time-budget``)
FILE_BUDGET = 30.0
RULE_BUDGET = 10.0


class FaultKind(Enum):
    RAISED = "raised"
    EXITED = "exited"  # SystemExit / KeyboardInterrupt
    TIMEOUT = "timeout"
    INVALID = "invalid"  # a diagnostic that breaks the API
    CLAMPED = "clamped"  # a position outside the text, moved inside it


@dataclass(frozen=True)
class Fault:
    """A rule that went wrong on a report (raised, exited, ran out of time, broke the API)."""

    rule: str  # code
    name: str
    plugin: str
    kind: FaultKind
    detail: str  # Chinese

    def message(self, where: str) -> str:
        return f"规则 {self.rule}（{self.name}，来自插件 {self.plugin or '未知'}）检查 {where} 时{self.detail}"


class PluginFault(Rule):
    code = "RUN001"
    name = "plugin-fault"
    summary = "规则代码出错：抛出异常、退出、超时或产生了不合规的诊断（报告本身未被判定有误）"
    severity = Severity.ERROR
    doc = """## 说明

某条规则（内置或插件）在检查这份报告时出错：抛出异常、调用 `sys.exit()`、超过单条规则的时间预算（配置项 `rule-time-budget`，默认 10 秒），或产生了不符合接口约定的诊断（路径不是这份报告、级别不是 `Severity`、行列号不是整数、`related` 不合规、代码不是该规则自己的代码）；超出正文的位置被调整到正文之内并在此说明。出错的诊断被丢弃，其他规则和文件照常检查，退出码为 2。

## 原因

插件代码不能让整个检查中断或让输出失效；问题在规则代码而不是报告，因此指出规则及其插件，请修复或停用该插件。

## 错误示例

```text
def check(self, report):
    yield Diagnostic(path=None, line="1", ...)   # 路径为 None，行号是字符串
```

## 正确示例

```text
def check(self, report):
    yield self.diag(report, report.parts[0].span, "……")
```
"""


class TimeBudget(Rule):
    code = "RUN002"
    name = "time-budget"
    summary = "读取这份文件超过了时间预算，已停止（文件未完整检查）"
    severity = Severity.ERROR
    doc = """## 说明

读取和检查一份文件的时间超过了预算（配置项 `time-budget`，默认 30 秒），在所报告的阶段停止，其余文件照常检查。

## 原因

异常输入（极长的行、成千上万位的数字串）或程序缺陷不能让检查无限期运行；这不是报告内容的问题，请报告此问题，或提高 `time-budget`。

## 错误示例

```text
一、一、一、……（一行中重复数十万次）
```

## 正确示例

```text
一、总体情况
```
"""


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return [PluginFault, TimeBudget]


# ---------------------------------------------------------------------- validation


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


class _Lines:
    """Line lengths of a text, computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lengths: list[int] | None = None

    @property
    def lengths(self) -> list[int]:
        if self._lengths is None:
            self._lengths = list(map(len, self.text.split("\n")))
        return self._lengths

    def clamp(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int, int]:
        n = len(self.lengths)
        line = min(max(1, line), n)
        column = min(max(1, column), self.lengths[line - 1] + 1)
        end_line = min(max(line, end_line), n)
        end_column = min(max(1, end_column), self.lengths[end_line - 1] + 1)
        if end_line == line and end_column < column:
            end_column = column
        return line, column, end_line, end_column


_POSITION = ("line", "column", "end_line", "end_column")


def validate(
    d: Any, rule: Rule, texts: dict[str, _Lines | None], faults: list[str]
) -> Diagnostic | None:
    """``d`` if it keeps the API (positions clamped into the text), else None; each problem
    is appended to ``faults`` (Chinese, naming the field)."""
    if not isinstance(d, Diagnostic):
        faults.append(f"产生了 {type(d).__name__} 而不是 Diagnostic")
        return None
    problems: list[str] = []
    if not isinstance(d.path, str) or d.path not in texts:
        problems.append(f"诊断的路径 {d.path!r} 不是所检查的报告")
    if d.code != rule.code:
        problems.append(f"诊断的代码 {d.code!r} 不是该规则的代码 {rule.code}")
    if not isinstance(d.severity, Severity):
        problems.append(f"诊断的级别 {d.severity!r} 不是 Severity")
    if not isinstance(d.message, str) or not d.message.strip():
        problems.append("诊断的说明为空或不是字符串")
    bad_pos = [k for k in _POSITION if not _is_int(getattr(d, k))]
    if bad_pos:
        problems.append(f"诊断的 {'、'.join(bad_pos)} 不是整数")
    if not isinstance(d.related, list):
        problems.append("诊断的 related 不是列表")
    else:
        for r in d.related:
            if not isinstance(r, Related) or not isinstance(r.span, tuple) or len(r.span) < 4 \
                    or not all(_is_int(v) for v in r.span[:4]) or not isinstance(r.message, str) \
                    or not (r.path is None or (isinstance(r.path, str) and r.path in texts)):
                problems.append(f"诊断的 related 含有不合规的项 {r!r}"[:300])
                break
    if problems:
        faults.append("产生了不合规的诊断：" + "；".join(problems))
        return None
    if d.name != rule.name:
        d.name = rule.name
    lines = texts[d.path]
    pos = (d.line, d.column, d.end_line, d.end_column)
    clamped = lines.clamp(*pos) if lines is not None else pos
    moved = clamped != pos
    if moved:
        d.line, d.column, d.end_line, d.end_column = clamped
    for i, r in enumerate(d.related):
        rl = texts[r.path or d.path]
        span = tuple(r.span[:4])
        fixed = rl.clamp(*span) if rl is not None else span
        if fixed != span:
            moved = True
            d.related[i] = Related(Span(*fixed), r.message, r.path)
    if moved:
        faults.append(f"产生了超出正文范围的位置 {pos}，已调整为 {clamped}")
    return d


# ---------------------------------------------------------------------- staged, watched run


@dataclass(slots=True)
class Stage:
    """One step of a file: ``call`` returns diagnostics (or raw rule output to validate); it is
    called with the run's ``arg`` when :meth:`Runner.run` is given one (so a rule's stage can be
    made once and serve every report)."""

    label: str  # Chinese, for messages: "解析", "规则 AR001"
    call: Callable[..., Any]
    rule: Rule | None = None  # None: a govlint stage (parse), not rule code
    budget: float = 0.0  # seconds, 0: only the file budget


@dataclass(slots=True)
class Outcome:
    """What one stage returned or raised, and how long it ran."""

    label: str
    rule: Rule | None
    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False
    seconds: float = 0.0


class _Abandoned(BaseException):
    """Raised asynchronously in a worker thread the watcher stopped waiting for."""


def _stop_thread(thread: threading.Thread) -> None:
    """Ask an abandoned thread to stop (CPython; harmless where unsupported)."""
    ident = thread.ident
    if ident is None:
        return
    import ctypes  # only here: a stuck rule is rare, and ctypes costs every start-up

    try:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Abandoned))
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - not CPython
        pass


class _Job:
    """One file's stages as the worker runs them and the watcher follows them, without a lock:
    ``at`` is replaced as one tuple (read whole by the watcher), and the end of a stage is
    decided by a claim — the worker claims the stage finished, the watcher claims it given up,
    ``dict.setdefault`` (atomic) lets only the first claim count."""

    __slots__ = ("stages", "args", "outcomes", "at", "claims", "abandoned")

    def __init__(self, stages: Sequence[Stage], args: tuple[Any, ...] = ()) -> None:
        self.stages = stages
        self.args = args  # what each stage's call is given
        self.outcomes: list[Outcome] = []
        self.at: tuple[int, float] = (0, 0.0)  # the current stage and when it started (0: not yet)
        self.claims: dict[int, bool] = {}  # stage index → True finished / False given up
        self.abandoned = False


def _run_stages(job: _Job) -> bool:
    """Run the job's stages; False when the watcher gave it up (its outcomes are then not used)."""
    outcomes, claim, clock, args = job.outcomes, job.claims.setdefault, time.monotonic, job.args
    t0 = clock()
    for i, stage in enumerate(job.stages):
        if job.abandoned:
            return False
        job.at = (i, t0)
        out = Outcome(stage.label, stage.rule)
        try:
            value = stage.call(*args)
            if stage.rule is not None and value is not None and not isinstance(value, list):
                value = list(value)  # a generator's code runs here, inside the budget
            out.value = value
        except _Abandoned:
            return False
        except BaseException as exc:  # rule code: SystemExit and KeyboardInterrupt included
            out.error = exc
        t1 = clock()
        out.seconds, t0 = t1 - t0, t1
        if not claim(i, True):  # the watcher gave this stage up first
            return False
        outcomes.append(out)
        if out.error is not None and stage.rule is None:
            break  # a govlint stage failed: the later ones need its result
    return True


class _Worker:
    """A long-lived daemon thread running jobs one after another; ``None`` as a job ends it."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.jobs: SimpleQueue[_Job | None] = SimpleQueue()
        self.done: SimpleQueue[_Job] = SimpleQueue()  # the jobs finished (not the given-up one)
        self.thread = threading.Thread(target=self._loop, name="govlint-stage", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        try:
            while True:
                job = self.jobs.get()
                if job is None or not _run_stages(job):
                    return  # closed; or given up by the watcher: a fresh thread takes over
                self.done.put(job)
                del job  # not held while waiting: its stages hold the last report
        except _Abandoned:  # the stop request arrived after the stage had ended anyway
            return

    def usable(self) -> bool:
        """Alive and of this process (a forked ``--jobs`` worker inherits the object, not the thread)."""
        return self.pid == os.getpid() and self.thread.is_alive()

    def close(self) -> None:
        """Let the thread end once it is idle (it keeps no reference to the caller)."""
        self.jobs.put(None)


@dataclass
class RunResult:
    """The stages of one file: those that finished, those given up, where time ran out."""

    outcomes: list[Outcome] = field(default_factory=list)  # the stages that finished, in order
    stuck: list[Outcome] = field(default_factory=list)  # stages abandoned at their rule budget
    out_of_time: Outcome | None = None  # the stage the file budget ran out in (the rest not run)


class Runner:
    """Runs the stages of one file after another, inline or watched in a worker thread.

    The worker thread is started on first use and kept for the next files; :meth:`close` (or
    the end of a ``with`` block, or the runner being collected) lets it end.  A closed runner
    can still run: it starts a new thread."""

    def __init__(self, file_budget: float = FILE_BUDGET, rule_budget: float = RULE_BUDGET) -> None:
        self.file_budget = file_budget
        self.rule_budget = rule_budget
        self._worker: _Worker | None = None

    def close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.usable():
            worker.close()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - at interpreter exit
            pass

    def run(self, stages: Sequence[Stage], *args: Any) -> RunResult:
        """Run ``stages`` (each call given ``args``), watched unless both budgets are 0."""
        result = RunResult()
        if self.file_budget <= 0 and self.rule_budget <= 0:
            result.outcomes = self._inline(stages, args)
            return result
        deadline = time.monotonic() + self.file_budget if self.file_budget > 0 else None
        pending = list(stages)
        while pending:
            job = _Job(pending, args)
            worker = self._worker
            if worker is None or not worker.usable():
                worker = self._worker = _Worker()
            worker.jobs.put(job)
            try:
                stuck = self._watch(worker, job, deadline)
            except BaseException:  # Ctrl-C while waiting: this thread's job is given up
                job.abandoned = True
                self._worker = None
                raise
            result.outcomes.extend(job.outcomes)
            if stuck is None:
                break
            self._worker = None
            _stop_thread(worker.thread)
            stage = pending[stuck]
            if (deadline is not None and time.monotonic() >= deadline) or stage.rule is None:
                result.out_of_time = Outcome(stage.label, stage.rule, timed_out=True, seconds=self.file_budget)
                break
            result.stuck.append(Outcome(stage.label, stage.rule, timed_out=True, seconds=self._budget(stage)))
            pending = pending[stuck + 1:]
        return result

    def _budget(self, stage: Stage) -> float:
        return stage.budget or (self.rule_budget if stage.rule is not None else 0.0)

    def _limit(self, job: _Job, deadline: float | None) -> tuple[int, float | None]:
        """The current stage and the time it must end by (None: no limit)."""
        current, started = job.at
        limit = deadline
        budget = self._budget(job.stages[current])
        if budget > 0 and started:
            limit = started + budget if limit is None else min(limit, started + budget)
        return current, limit

    def _watch(self, worker: _Worker, job: _Job, deadline: float | None) -> int | None:
        """Wait for ``job``; the index of the stage it was abandoned in, or None when it finished."""
        while True:
            _, limit = self._limit(job, deadline)
            wait = 0.25 if limit is None else min(0.25, max(0.0, limit - time.monotonic()))
            try:
                worker.done.get(timeout=wait)  # (the one job this worker has)
                return None
            except Empty:
                pass
            current, limit = self._limit(job, deadline)
            if limit is not None and time.monotonic() >= limit and job.claims.setdefault(current, False) is False:
                job.abandoned = True  # given up before the worker could claim it finished
                return current

    @staticmethod
    def _inline(stages: Sequence[Stage], args: tuple[Any, ...] = ()) -> list[Outcome]:
        outcomes: list[Outcome] = []
        clock = time.monotonic
        t0 = clock()
        for stage in stages:
            out = Outcome(stage.label, stage.rule)
            try:
                value = stage.call(*args)
                if stage.rule is not None and value is not None and not isinstance(value, list):
                    value = list(value)
                out.value = value
            except KeyboardInterrupt:  # inline, a real Ctrl-C cannot be told apart: it stops the run
                raise
            except BaseException as exc:
                out.error = exc
            t1 = clock()
            out.seconds, t0 = t1 - t0, t1
            outcomes.append(out)
            if out.error is not None and stage.rule is None:
                break
        return outcomes


def describe(exc: BaseException) -> str:
    """How a rule's exception is named in the fault message."""
    if isinstance(exc, SystemExit):
        return f"调用了 sys.exit({exc.code!r})（已拦截）"
    if isinstance(exc, KeyboardInterrupt):
        return "抛出了 KeyboardInterrupt（已拦截）"
    return f"出错：{type(exc).__name__}: {exc}"


def rule_faults(rule: Rule, outcome: Outcome, texts: dict[str, _Lines | None]) -> tuple[list[Diagnostic], list[str]]:
    """The valid diagnostics of one rule's outcome and the fault details (Chinese)."""
    faults: list[str] = []
    if outcome.timed_out:
        return [], [f"超过了时间预算 {outcome.seconds:g} 秒，已停止等待"]
    if outcome.error is not None:
        return [], [describe(outcome.error)]
    good: list[Diagnostic] = []
    value = outcome.value
    if value is None:
        return [], []
    if type(value) is not list and not isinstance(value, Iterable):
        return [], [f"返回了 {type(value).__name__}，不是诊断的序列"]
    for d in value:
        v = validate(d, rule, texts, faults)
        if v is not None:
            good.append(v)
    return good, faults


def lines_of(texts: dict[str, str]) -> dict[str, _Lines]:
    return {path: _Lines(text) for path, text in texts.items()}
