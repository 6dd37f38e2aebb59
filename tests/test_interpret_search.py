"""The finite-domain search behind the fused-digit solver (:mod:`govlint.interpret.search`), on
constraint systems small enough to check by hand."""

from __future__ import annotations

from govlint.interpret.search import Constraint, Solver, support


def _system(const: int, budget: int = 1000) -> tuple[Solver, dict[str, list[int]]]:
    # rows x and y, candidates 0 and 1 contributing their own value: const + x + y == 0
    domains = {"x": [0, 1], "y": [0, 1]}
    return Solver(domains, [Constraint(const, ("x", "y"), ((0, 1), (0, 1)))], budget), domains


def test_forced_assignment_is_the_only_supported_one() -> None:
    solver, domains = _system(-2)  # x + y == 2: both 1
    outcome = support(solver, domains)
    assert outcome is not None
    supported, undecided, complete = outcome
    assert supported == {"x": {1}, "y": {1}} and undecided == {"x": set(), "y": set()} and complete


def test_every_candidate_of_an_open_system_is_supported() -> None:
    solver, domains = _system(-1)  # x + y == 1: (0, 1) and (1, 0)
    outcome = support(solver, domains)
    assert outcome is not None and outcome[0] == {"x": {0, 1}, "y": {0, 1}} and outcome[2]


def test_no_consistent_assignment_is_none() -> None:
    solver, domains = _system(-3)  # x + y == 3: impossible
    assert support(solver, domains) is None


def test_exhausted_budget_leaves_candidates_undecided_never_chosen() -> None:
    # 12 rows each 2 or 22 (parity: the sum can never be odd), bounds propagation cannot see it;
    # with a budget of 5 nodes the search stops, proves nothing and chooses nothing
    rows = tuple(f"r{i}" for i in range(12))
    domains = {r: [0, 1] for r in rows}
    solver = Solver(domains, [Constraint(-(2 * 12 + 20 * 6 + 1), rows, tuple((2, 22) for _ in rows))], 5)
    outcome = support(solver, domains)
    assert outcome is not None
    supported, undecided, complete = outcome
    assert not complete and all(not s for s in supported.values()) and undecided == {r: {0, 1} for r in rows}
