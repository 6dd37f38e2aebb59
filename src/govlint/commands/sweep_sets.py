"""The sweep's set-level pass: every set-level rule, one group at a time, from the store.

Memory is that of the largest group, not of the set: a first pass reads the reports' facts a
page at a time and files each report under its groups (``Rule.fact_groups``) in an indexed
table; the second walks that table in key order and, at each key, loads only that group's
facts — one body's years for the cross-year rules, one region and its children for the region
totals — runs every rule of the key on them through the engine's guard, and writes the
findings to the store before the next key.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from govlint.commands.sweep_store import Store, release_freed_memory

BATCH = 64  # reports' facts per watched run of the set-level rules (one thread for them)
TRIM_EVERY = 2000  # groups between two releases of freed memory (see release_freed_memory)


def set_level(engine: Any, store: Store, run: int) -> None:
    from govlint.engine import RunResult

    rules = {r.code: r for r in engine.fact_rules}
    if not rules:
        return
    _file_groups(rules, store, run)
    release_freed_memory()
    result = RunResult()
    found: list[tuple[str, str]] = []
    batch: list[tuple[str, list[tuple[Any, list[Any]]]]] = []
    size = 0
    for n, (key, members) in enumerate(_groups(store), 1):
        texts = store.facts_of(list(dict.fromkeys(p for paths in members.values() for p in paths)))
        facts = _load(texts)
        batch.append((key, [(rules[code], [facts[p] for p in paths if p in facts]) for code, paths in members.items()]))
        size += len(facts)
        if size >= BATCH:  # a few groups in one watched run: one thread for them, not one each
            found += _check(engine, batch, result)
            batch, size = [], 0
        if len(found) >= 1000:
            store.add_set_diagnostics(found)
            found = []
        if n % TRIM_EVERY == 0:
            release_freed_memory()
    found += _check(engine, batch, result)
    store.add_set_diagnostics(found)
    release_freed_memory()


def _check(engine: Any, batch: list[Any], result: Any) -> list[tuple[str, str]]:
    found = [(d.path, json.dumps(d.to_dict(), ensure_ascii=False)) for d in engine.check_groups(batch, result)]
    for e in result.errors:
        print(f"govlint：{e}", file=sys.stderr)
    result.errors.clear()
    result.crashes.clear()
    return found


def _load(texts: dict[str, str]) -> dict[str, Any]:
    from govlint.facts import Facts

    return {p: Facts.from_json(t) for p, t in texts.items()}


def _file_groups(rules: dict[str, Any], store: Store, run: int) -> None:
    """Each report under the groups each rule puts it in."""
    from govlint.facts import Facts

    batch: list[tuple[str, str, int, str]] = []
    for path, facts_json in store.facts_rows(run):
        facts = Facts.from_json(facts_json)
        for code, rule in rules.items():
            batch.extend((k, code, facts.year or 0, path) for k in dict.fromkeys(rule.fact_groups(facts)))
        if len(batch) >= 5000:
            store.add_groups(batch)
            batch = []
    store.add_groups(batch)


def _groups(store: Store) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """(key, rule code → the group's paths by (year, path)) in key order."""
    key: str | None = None
    members: dict[str, list[str]] = {}
    for k, code, path in store.group_rows():
        if k != key:
            if key is not None:
                yield key, members
            key, members = k, {}
        members.setdefault(code, []).append(path)
    if key is not None:
        yield key, members
