"""What a run keeps per file, on disk instead of in memory: so that ``govlint check`` on 10,000
reports holds about as much as on 1,000.

- :class:`FactStore`: the facts of every report for the set-level rules (:mod:`govlint.facts`),
  pickled into a temporary file; in memory only each rule's group keys per report.  A rule's
  groups are read back one at a time (a group is one body's reports, a handful).
- :class:`Findings`: each file's diagnostics (and its text, for excerpts), spooled the same
  way, read back in path order, merged with the few kept in memory (unreadable paths,
  set-level findings) and filtered by the baseline as they go: the order and the content are
  exactly those of sorting every diagnostic of the run, without holding them all.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from govlint.diagnostic import Diagnostic, Severity

if TYPE_CHECKING:
    from govlint.baseline import Baseline
    from govlint.facts import Facts
    from govlint.rule import Rule


class Spool:
    """Pickled objects appended to an anonymous temporary file, read back by position."""

    def __init__(self) -> None:
        self._fh: IO[bytes] | None = None
        self._end = 0

    def put(self, value: Any) -> tuple[int, int]:
        return self.put_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, blob: bytes) -> tuple[int, int]:
        if self._fh is None:
            self._fh = tempfile.TemporaryFile(prefix="govlint-")
        self._fh.seek(self._end)
        self._fh.write(blob)
        at, self._end = self._end, self._end + len(blob)
        return at, len(blob)

    def get(self, where: tuple[int, int]) -> Any:
        assert self._fh is not None
        self._fh.seek(where[0])
        return pickle.loads(self._fh.read(where[1]))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class FactStore:
    """The facts of a run's reports, grouped per set-level rule without holding them.

    Facts are only written as they come (those from the cache stay the pickled bytes they
    were); the groups are worked out when a rule first asks for them, so a run whose set-level
    findings come from the cache never unpickles a fact."""

    def __init__(self, rules: list[Rule], on_error: Callable[[Rule, BaseException], None]) -> None:
        self.rules = rules
        self.on_error = on_error
        self.spool = Spool()
        self._where: list[tuple[int, int]] = []
        self._paths: dict[str, None] | None = None
        self._groups: list[dict[str, list[tuple[int, str, tuple[int, int]]]]] = []

    def __len__(self) -> int:
        return len(self._where)

    def add(self, facts: Facts | bytes) -> None:
        blob = facts if isinstance(facts, bytes) else pickle.dumps(facts, pickle.HIGHEST_PROTOCOL)
        self._where.append(self.spool.put_bytes(blob))

    @property
    def paths(self) -> dict[str, None]:
        """Every report's path, in order."""
        self._index()
        assert self._paths is not None
        return self._paths

    def _index(self) -> None:
        if self._paths is not None:
            return
        self._paths = {}
        self._groups = [{} for _ in self.rules]
        for where in self._where:
            f: Facts = self.spool.get(where)
            self._paths[f.path] = None
            for rule, groups in zip(self.rules, self._groups):
                try:
                    keys = dict.fromkeys(rule.fact_groups(f))
                except Exception as exc:  # a broken plugin rule: reported, the others go on
                    self.on_error(rule, exc)
                    continue
                for key in keys:
                    groups.setdefault(key, []).append((f.year or 0, f.path, where))

    def groups(self, rule: Rule) -> Mapping[str, list[Facts]]:
        """``rule``'s groups (as :func:`govlint.facts.groups_of`), each read when asked for."""
        self._index()
        return _Groups(self, self._groups[self.rules.index(rule)])


class _Groups(Mapping[str, list["Facts"]]):
    def __init__(self, store: FactStore, index: dict[str, list[tuple[int, str, tuple[int, int]]]]) -> None:
        self.store, self.index = store, index

    def __getitem__(self, key: str) -> list[Facts]:
        entries = sorted(self.index[key], key=lambda e: (e[0], e[1]))  # stable: (year, path)
        return [self.store.spool.get(e[2]) for e in entries]

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


class Findings:
    """A run's diagnostics in output order (path, line, column, code), read file by file.

    ``before``: diagnostics found before the files were read (unreadable paths); ``after``:
    the set-level ones.  After a full iteration, ``baselined``, ``matched``, ``count`` and
    ``worst`` describe what was yielded."""

    def __init__(self) -> None:
        self.spool = Spool()
        self._files: dict[str, list[tuple[int, int]]] = {}
        self.before: list[Diagnostic] = []
        self.after: list[Diagnostic] = []
        self.sources: dict[str, str] = {}  # texts held in memory (set-level findings' files)
        self.baseline: Baseline | None = None
        self.baselined = 0
        self.matched: set[tuple[str, str, str]] = set()
        self.count = 0
        self.worst: Severity | None = None
        self._codes: set[str] = set()

    def add_file(self, path: str, diagnostics: list[Diagnostic], text: str | None) -> None:
        by_path: dict[str, list[Diagnostic]] = {}
        for d in diagnostics:  # a file's own path (the engine validates it), grouped to be sure
            by_path.setdefault(d.path, []).append(d)
            self._codes.add(d.code)
        for p, diags in by_path.items():
            self._files.setdefault(p, []).append(self.spool.put((diags, text if p == path else None)))

    def codes(self) -> set[str]:
        """The rule codes of every diagnostic (before the baseline)."""
        return self._codes | {d.code for d in (*self.before, *self.after)}

    def has_any(self) -> bool:
        return bool(self._files or self.before or self.after)

    def __iter__(self) -> Iterator[tuple[list[Diagnostic], str | None]]:
        """Each path's diagnostics (sorted, baseline applied) with its text (None: not kept)."""
        before: dict[str, list[Diagnostic]] = {}
        for d in self.before:
            before.setdefault(d.path, []).append(d)
        after: dict[str, list[Diagnostic]] = {}
        for d in self.after:
            after.setdefault(d.path, []).append(d)
        for path in sorted({*before, *self._files, *after}):
            diags = list(before.get(path, ()))
            text = self.sources.get(path)
            for where in self._files.get(path, ()):
                found, file_text = self.spool.get(where)
                diags.extend(found)
                text = file_text if file_text is not None else text
            diags.extend(after.get(path, ()))
            if self.baseline is not None:
                diags, suppressed, matched = self.baseline.filter(diags)
                self.baselined += suppressed
                self.matched |= matched
            diags.sort(key=Diagnostic.sort_key)
            for d in diags:
                self.count += 1
                if self.worst is None or d.severity.rank > self.worst.rank:
                    self.worst = d.severity
            if diags:
                yield diags, text

    def close(self) -> None:
        self.spool.close()
