"""Prose claims as hints: a number the text states about exactly one cell (``现行有效行政规范性文件
698件``) settles a fused row the table's arithmetic cannot.  The claims are the profile's
(``[[claims]]`` of ``rules/format-*.toml``), the same list the prose-versus-table rule uses."""

from __future__ import annotations

import re
from functools import lru_cache

from govlint.model import Report
from govlint.profile import Claim, Profile, TableSpec

__all__ = ["prose_hints"]

_WS = re.compile(r"\s+")


def prose_hints(report: Report, prof: Profile, tspec: TableSpec) -> dict[tuple[str, str], int]:
    """(row, column) → value, for the cells of ``tspec`` the prose states once and unambiguously."""
    claims = _one_cell_claims(prof, tspec.id)
    if not claims:
        return {}
    flat = _WS.sub("", report.text)
    hints: dict[tuple[str, str], int] = {}
    for claim in claims:
        ref = claim.readings[0][0]
        found = {int(m.group("n")) for m in claim.pattern.finditer(flat) if len(m.group("n")) <= 15}
        if len(found) == 1:
            hints[(ref.row, ref.column)] = found.pop()
    return hints


@lru_cache(maxsize=64)
def _one_cell_claims(prof: Profile, table_id: str) -> tuple[Claim, ...]:
    """The profile's hint claims about exactly one cell of table ``table_id`` (once per profile)."""
    return tuple(c for c in prof.claims if c.hint and len(c.readings) == 1 and len(c.readings[0]) == 1
                 and not any(c.minus) and c.readings[0][0].table == table_id)
