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


def test_work_reads_each_report_once_for_all_rules_of_a_key() -> None:
    """FactStore.work: every key in order with each rule's group (as groups_of gives them),
    the reports of a key unpickled once however many rules group them."""
    rules = [_ByBody(), _ByBody()]
    facts = [_facts("c.txt", "甲局", 2022), _facts("a.txt", "乙局", 2021), _facts("b.txt", "甲局", 2021)]
    store = FactStore(rules, lambda r, e: None)
    for f in facts:
        store.add(pickle.dumps(f), store.keys_of(f), f.path, f.year)
    loads = []
    get = store.spool.get
    store.spool.get = lambda where: loads.append(where) or get(where)  # type: ignore[method-assign]
    work = list(store.work())
    assert [k for k, _ in work] == ["乙局", "甲局"]
    assert [[[f.path for f in g] for _, g in w] for _, w in work] == [[["a.txt"], ["a.txt"]], [["b.txt", "c.txt"]] * 2]
    assert len(loads) == 3 and work[1][1][0][1][0] is work[1][1][1][1][0]
    store.spool.close()


def test_facts_pickle_as_they_were() -> None:
    """The compact pickling of Facts (govlint.spool) gives back equal facts of the same types."""
    from tests.corpus import SEEDS

    from govlint.facts import summarize_report
    from govlint.parsing import parse_text

    for p in sorted(SEEDS.glob("*.txt")):
        f = summarize_report(parse_text(p.read_text(encoding="utf-8"), str(p)))
        g = pickle.loads(pickle.dumps(f, pickle.HIGHEST_PROTOCOL))
        assert g == f and g.to_json() == f.to_json() and g.tables
        cells = [(c, d) for t in f.tables for r in f.tables[t].rows.values() for c, d in
                 zip(r.cells.values(), g.tables[t].rows[r.key].cells.values())]
        assert cells and all(type(c) is type(d) and type(c.span) is type(d.span) and c.status is d.status
                             for c, d in cells)
