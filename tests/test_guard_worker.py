"""The watched runner keeps one worker thread for the files of a run: reused from one file to
the next, replaced after a stuck rule, and never the parent's (dead) thread in a forked worker."""

from __future__ import annotations

import os
import threading
import time

import pytest

from govlint import guard
from govlint.rule import Rule


class _R(Rule):
    code = "ZZ001"
    name = "zz"
    summary = "测试"


def _ident_stage(seen: list[int]) -> guard.Stage:
    return guard.Stage("规则 ZZ001", lambda: seen.append(threading.get_ident()) or [], _R())


def test_the_worker_thread_is_reused_from_one_file_to_the_next() -> None:
    runner = guard.Runner(30, 10)
    seen: list[int] = []
    for _ in range(3):
        result = runner.run([_ident_stage(seen), _ident_stage(seen)])
        assert [o.error for o in result.outcomes] == [None, None]
    assert len(set(seen)) == 1 and seen[0] != threading.get_ident()


def test_a_stuck_rule_gets_a_fresh_worker_for_what_follows() -> None:
    runner = guard.Runner(30, 0.3)
    seen: list[int] = []

    def stuck() -> list[object]:
        while True:
            time.sleep(0.01)

    result = runner.run([_ident_stage(seen), guard.Stage("规则 ZZ001", stuck, _R()), _ident_stage(seen)])
    assert [o.label for o in result.stuck] == ["规则 ZZ001"]
    assert len(result.outcomes) == 2 and len(seen) == 2 and seen[0] != seen[1]
    again = runner.run([_ident_stage(seen)])
    assert len(again.outcomes) == 1 and seen[2] == seen[1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_a_forked_process_does_not_wait_for_the_parents_thread() -> None:
    runner = guard.Runner(5, 5)
    seen: list[int] = []
    runner.run([_ident_stage(seen)])  # the parent's worker exists
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        result = runner.run([_ident_stage(seen)])  # waiting for the inherited thread: out of time
        ok = len(result.outcomes) == 1 and result.out_of_time is None and len(seen) == 2
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def _threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "govlint-stage"}


def test_a_closed_runner_lets_its_thread_end_and_can_run_again() -> None:
    before = _threads()
    runner = guard.Runner(30, 10)
    seen: list[int] = []
    runner.run([_ident_stage(seen)])
    (thread,) = _threads() - before
    runner.close()
    thread.join(5)
    assert not thread.is_alive()
    result = runner.run([_ident_stage(seen)])  # a new thread for the next file
    assert [o.error for o in result.outcomes] == [None] and len(seen) == 2
    (again,) = _threads() - before
    assert again is not thread
    with runner:  # the end of a with block closes it too
        pass
    again.join(5)
    assert not again.is_alive()


def test_a_runner_no_longer_referenced_lets_its_thread_end() -> None:
    before = _threads()
    runner = guard.Runner(30, 10)
    runner.run([_ident_stage([])])
    (thread,) = _threads() - before
    del runner  # (CPython: collected now; the thread holds no reference to the runner)
    thread.join(5)
    assert not thread.is_alive()


def test_an_engine_run_ends_its_watching_threads() -> None:
    from tests.corpus import seed

    from govlint.config import Config
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    before = _threads()
    engine = Engine(Config(), load_plugins(installed=False))
    result = engine.run([str(seed("000")), str(seed("001"))])
    assert result.files_checked == 2 and not result.errors
    for t in _threads() - before:
        t.join(5)
    assert not [t for t in _threads() - before if t.is_alive()]
    again = engine.run([str(seed("001"))])  # the engine runs again after closing
    assert again.files_checked == 1 and [d.code for d in again.diagnostics] == [
        d.code for d in result.diagnostics if d.path == str(seed("001"))]


def test_stages_made_once_are_given_each_runs_argument() -> None:
    """The engine makes a rule's stage once and runs it for every report, the report passed in."""
    seen: list[int] = []
    stage = guard.Stage("规则 ZZ001", lambda holder: seen.append(holder["n"]) or [], _R())
    watched, inline = guard.Runner(30, 10), guard.Runner(0, 0)
    for n in range(3):
        result = watched.run([stage, stage], {"n": n})
        assert [o.error for o in result.outcomes] == [None, None]
    inline.run([stage], {"n": 9})
    assert seen == [0, 0, 1, 1, 2, 2, 9]
    watched.close()


def test_a_stage_that_overruns_is_given_up_once_and_the_next_still_runs() -> None:
    """The worker and the watcher claim a stage's end; only the first claim counts, so a stage
    given up is neither kept as finished nor run again, and the stages after it run."""
    seen: list[int] = []

    def slow(holder: dict[str, int]) -> list[object]:
        end = time.monotonic() + 0.6
        while time.monotonic() < end:  # (short sleeps: the stop request is acted on between them)
            time.sleep(0.01)
        seen.append(-1)  # not reached: the thread was asked to stop
        return []

    runner = guard.Runner(30, 0.2)
    result = runner.run([guard.Stage("规则 ZZ001", slow, _R()),
                         guard.Stage("规则 ZZ001", lambda h: seen.append(h["n"]) or [], _R())], {"n": 1})
    assert [o.label for o in result.stuck] == ["规则 ZZ001"] and len(result.outcomes) == 1
    assert result.outcomes[0].error is None and seen == [1]
    runner.close()
