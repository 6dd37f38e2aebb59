"""govlint.spool.FactStore: the same groups as govlint.facts.groups_of, read from disk, and facts
from the cache (pickled bytes) not even unpickled until a rule asks for its groups."""

from __future__ import annotations

import pickle

from govlint.facts import Facts, groups_of
from govlint.rule import Rule
from govlint.spool import FactStore


class _ByBody(Rule):
    code = "ZZ201"
    name = "zz-by-body"
    summary = "测试"


def _facts(path: str, body: str, year: int) -> Facts:
    return Facts(path=path, body=body, year=year, profile="2021", template="report")


def test_groups_are_those_of_groups_of() -> None:
    rule = _ByBody()
    facts = [_facts("c.txt", "甲局", 2022), _facts("a.txt", "乙局", 2021), _facts("b.txt", "甲局", 2021),
             _facts("d.txt", "甲局", 2021)]
    store = FactStore([rule], lambda r, e: None)
    for i, f in enumerate(facts):
        store.add(pickle.dumps(f) if i % 2 else f)
    want = groups_of(rule, facts)
    got = store.groups(rule)
    assert sorted(got) == sorted(want)
    assert {k: [f.path for f in got[k]] for k in got} == {k: [f.path for f in v] for k, v in want.items()}
    assert {k: [f.path for f in v] for k, v in want.items()} == {"甲局": ["b.txt", "d.txt", "c.txt"], "乙局": ["a.txt"]}
    assert list(store.paths) == ["c.txt", "a.txt", "b.txt", "d.txt"] and len(store) == 4


def test_cached_facts_are_not_unpickled_until_grouped() -> None:
    store = FactStore([_ByBody()], lambda r, e: None)
    store.add(b"not a pickle")  # would raise if it were loaded
    assert len(store) == 1
    store.spool.close()
