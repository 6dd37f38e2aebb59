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

import copyreg
import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from govlint.diagnostic import Diagnostic, Severity
from govlint.facts import _STATUS, CellFact, Facts, RowFact, TableFact
from govlint.model import Span

if TYPE_CHECKING:
    from govlint.baseline import Baseline
    from govlint.rule import Rule

_new = tuple.__new__


def _facts_out(f: Facts) -> tuple[Callable[..., Facts], tuple[Any, ...]]:
    """How a :class:`Facts` is pickled (the spool, the cache, ``--jobs`` workers): as plain
    tuples, rebuilt by one call.  The default for the slotted dataclasses and named tuples
    pickles each of the hundreds of cells as an object of its class: three times slower."""
    tables = [(t.id, t.found, t.span and tuple(t.span), t.columns,
               [(r.key, r.label, r.complete, r.span and tuple(r.span),
                 [(k, c.value, c.raw, c.status.value, c.span and tuple(c.span)) for k, c in r.cells.items()])
                for r in t.rows.values()]) for t in f.tables.values()]
    return _facts_in, (f.path, f.body, f.year, f.profile, f.template, f.title, f.title_span and tuple(f.title_span),
                       tables, f.extra, f.counts)


def _facts_in(path: str, body: str | None, year: int | None, profile: str, template: str, title: str,
              title_span: tuple[int, ...] | None, tables: list[Any], extra: dict[str, Any],
              counts: dict[str, int]) -> Facts:
    status, new, span_t, cell_t = _STATUS, _new, Span, CellFact
    out: dict[str, TableFact] = {}
    for tid, found, span, columns, rows in tables:
        rs: dict[str, RowFact] = {}
        for key, label, complete, rspan, cells in rows:
            rs[key] = RowFact(key, label, complete, rspan and new(span_t, rspan), {
                k: new(cell_t, (v, raw, status[st], sp and new(span_t, sp))) for k, v, raw, st, sp in cells})
        out[tid] = TableFact(tid, found, span and new(span_t, span), columns, rs)
    return Facts(path, body, year, profile, template, title, None if title_span is None else new(span_t, title_span),
                 out, extra, counts)


copyreg.pickle(Facts, _facts_out)


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


def group_keys(rules: list[Rule], facts: Facts, on_error: Callable[[Rule, BaseException], None]) -> list[list[str]]:
    """Each rule's group keys for ``facts`` (a rule that fails is reported and has none)."""
    out: list[list[str]] = []
    for rule in rules:
        try:
            out.append(list(dict.fromkeys(rule.fact_groups(facts))))
        except Exception as exc:  # a broken plugin rule: reported, the others go on
            on_error(rule, exc)
            out.append([])
    return out


class FactStore:
    """The facts of a run's reports, grouped per set-level rule without holding them.

    Each report comes pickled (once: in the worker that read it, or from the cache) with its
    group keys per rule, worked out where the facts were built; a report that comes without
    them (bytes alone) is read back when the groups are first asked for.  A run whose
    set-level findings come from the cache never unpickles a fact."""

    def __init__(self, rules: list[Rule], on_error: Callable[[Rule, BaseException], None]) -> None:
        self.rules = rules
        self.on_error = on_error
        self.spool = Spool()
        # (position, path, year, keys per rule) per report, in order; path None: not indexed yet
        self._entries: list[tuple[tuple[int, int], str | None, int, list[list[str]] | None]] = []
        self._paths: dict[str, None] | None = None
        self._groups: list[dict[str, list[tuple[int, str, tuple[int, int]]]]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def keys_of(self, facts: Facts) -> list[list[str]]:
        return group_keys(self.rules, facts, self.on_error)

    def add(self, facts: Facts | bytes, keys: list[list[str]] | None = None, path: str | None = None,
            year: int | None = None) -> None:
        """One report's facts: a :class:`Facts`, or its pickle with (when known) its path, year
        and :meth:`keys_of`."""
        if isinstance(facts, bytes):
            where = self.spool.put_bytes(facts)
            if keys is None or path is None:
                path = None
        else:
            where = self.spool.put(facts)
            path, year, keys = facts.path, facts.year, keys if keys is not None else self.keys_of(facts)
        self._entries.append((where, path, year or 0, keys))
        self._paths = None

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
        for where, path, year, keys in self._entries:
            if path is None or keys is None:
                f: Facts = self.spool.get(where)
                path, year, keys = f.path, f.year or 0, self.keys_of(f)
            self._paths[path] = None
            for rule_keys, groups in zip(keys, self._groups):
                for key in rule_keys:
                    groups.setdefault(key, []).append((year, path, where))

    def groups(self, rule: Rule) -> Mapping[str, list[Facts]]:
        """``rule``'s groups (as :func:`govlint.facts.groups_of`), each read when asked for."""
        self._index()
        return _Groups(self, self._groups[self.rules.index(rule)])

    def work(self) -> Iterator[tuple[str, list[tuple[Rule, list[Facts]]]]]:
        """Every group key, in order, with each rule's group of that key: the reports of a key
        read once for all the rules (which share them: facts are read-only)."""
        self._index()
        for key in sorted(set().union(*self._groups)):
            loaded: dict[tuple[int, int], Facts] = {}
            out: list[tuple[Rule, list[Facts]]] = []
            for rule, groups in zip(self.rules, self._groups):
                entries = groups.get(key)
                if not entries:
                    continue
                group = []
                for _, _, where in sorted(entries, key=lambda e: (e[0], e[1])):  # stable: (year, path)
                    f = loaded.get(where)
                    if f is None:
                        f = loaded[where] = self.spool.get(where)
                    group.append(f)
                out.append((rule, group))
            yield key, out


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
