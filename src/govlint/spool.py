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
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.span import Span

if TYPE_CHECKING:
    from govlint.baseline import Baseline
    from govlint.facts import Facts
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
    from govlint.facts import _STATUS, CellFact, Facts, RowFact, TableFact
    from govlint.span import Span

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


_SEVERITIES = {s.value: s for s in Severity}


def _diagnostic_out(d: Diagnostic) -> tuple[Callable[..., Diagnostic], tuple[Any, ...]]:
    """How a :class:`Diagnostic` is pickled (the cache, the spool, ``--jobs`` workers): its fields
    as a tuple, rebuilt by one call — not a slotted object set attribute by attribute, with its
    severity looked up through the enum: a re-run answered by the cache reads every finding back."""
    return _diagnostic_in, (d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.name, d.severity.value,
                            d.message, d.related, d.reading, d.location, d.fix, d.fingerprint)


def _diagnostic_in(path: str, line: int, column: int, end_line: int, end_column: int, code: str, name: str,
                   severity: str, message: str, related: list[Related], reading: bool, location: Any, fix: Any,
                   fingerprint: str) -> Diagnostic:
    return Diagnostic(path, line, column, end_line, end_column, code, name, _SEVERITIES[severity], message, related,
                      reading, location, fix, fingerprint)


def _related_out(r: Related) -> tuple[Callable[..., Related], tuple[Any, ...]]:
    return _related_in, (tuple(r.span), r.message, r.path)


def _related_in(span: tuple[int, ...], message: str, path: str | None) -> Related:
    return Related(_new(Span, span), message, path)


# exactly these classes (a plugin's subclass is pickled as Python does by default)
copyreg.pickle(Diagnostic, _diagnostic_out)
copyreg.pickle(Related, _related_out)


def register() -> None:
    """Pickle :class:`~govlint.facts.Facts` as :func:`_facts_out` does (once; imports the facts
    module, which a run answered by the cache does not need: call it before pickling facts)."""
    if not _registered:
        from govlint.facts import Facts

        copyreg.pickle(Facts, _facts_out)
        _registered.append(True)


_registered: list[bool] = []


def dumps_facts(facts: Facts) -> bytes:
    """``facts`` pickled (as plain tuples: see :func:`_facts_out`)."""
    register()
    return pickle.dumps(facts, pickle.HIGHEST_PROTOCOL)


class Spool:
    """Pickled objects appended to an anonymous temporary file, read back by position.  The
    first :data:`IN_MEMORY` bytes stay in memory (a run of a few files opens no file)."""

    IN_MEMORY = 1 << 20

    def __init__(self) -> None:
        self._fh: IO[bytes] | None = None
        self._mem: bytearray | None = bytearray()
        self._end = 0

    def put(self, value: Any) -> tuple[int, int]:
        return self.put_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, blob: bytes) -> tuple[int, int]:
        if self._mem is not None and self._end + len(blob) > self.IN_MEMORY:
            import tempfile

            self._fh = tempfile.TemporaryFile(prefix="govlint-")
            self._fh.write(self._mem)
            self._mem = None
        if self._mem is not None:
            self._mem += blob
        else:
            assert self._fh is not None
            self._fh.seek(self._end)
            self._fh.write(blob)
        at, self._end = self._end, self._end + len(blob)
        return at, len(blob)

    def get(self, where: tuple[int, int]) -> Any:
        at, size = where
        if self._mem is not None:
            return pickle.loads(memoryview(self._mem)[at:at + size])
        assert self._fh is not None
        self._fh.seek(at)
        return pickle.loads(self._fh.read(size))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._mem, self._end = bytearray(), 0


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
    set-level findings come from the cache never unpickles a fact.  In memory, per report:
    its position in the spool, year and path, and one number per group key it is in (the
    report's index and which rules group it there), and its *content key* when it has one (the
    cache's key of the file: its path and bytes), 20 bytes: :meth:`group_key` names a group by
    what its members are, so the set-level findings of a group no member of which changed can
    be answered by the cache."""

    def __init__(self, rules: list[Rule] | Callable[[], list[Rule]], on_error: Callable[[Rule, BaseException], None],
                 count: int | None = None) -> None:
        """``rules``: the set-level rules, or a function giving them when first needed (then
        ``count`` says how many)."""
        self._rules = rules if isinstance(rules, list) else None
        self._make = None if isinstance(rules, list) else rules
        self.on_error = on_error
        self.spool = Spool()
        self._at, self._size, self._year = array("q"), array("q"), array("q")
        self._path: list[str | None] = []  # None: not indexed yet (bytes alone)
        self._pending: list[int] = []
        self._groups: dict[str, list[int]] = {}  # key → index << len(rules) | rule bits
        self._outside: dict[int, tuple[Callable[[str], bytes | None], str]] = {}  # see add_from
        self._shift = len(rules) if isinstance(rules, list) else count or 0
        self._content = bytearray()  # 20 bytes per report (all zero: none)

    @property
    def rules(self) -> list[Rule]:
        if self._rules is None:
            assert self._make is not None
            self._rules = self._make()
            assert len(self._rules) == self._shift, "FactStore: count is not the number of rules"
        return self._rules

    def __len__(self) -> int:
        return len(self._path)

    def keys_of(self, facts: Facts) -> list[list[str]]:
        return group_keys(self.rules, facts, self.on_error)

    def add(self, facts: Facts | bytes, keys: list[list[str]] | None = None, path: str | None = None,
            year: int | None = None, content: str | None = None) -> None:
        """One report's facts: a :class:`Facts`, or its pickle with (when known) its path, year
        and :meth:`keys_of`; ``content``: the hex content key of its file (see the class)."""
        self._content += _content(content)
        if isinstance(facts, bytes):
            at, size = self.spool.put_bytes(facts)
        else:
            at, size = self.spool.put_bytes(dumps_facts(facts))
            path, year, keys = facts.path, facts.year, keys if keys is not None else self.keys_of(facts)
        i = len(self._path)
        self._at.append(at)
        self._size.append(size)
        self._year.append(year or 0)
        if keys is None or path is None:
            self._path.append(None)
            self._pending.append(i)
        else:
            self._path.append(path)
            self._file(i, keys)

    def add_from(self, fetch: Callable[[str], bytes | None], key: str, keys: list[list[str]] | None,
                 path: str, year: int | None, content: str | None = None) -> None:
        """One report's facts left where they are (the cache): ``fetch(key)`` gives their pickle
        when a rule needs them (None: gone, the report left out)."""
        self._content += _content(content)
        i = len(self._path)
        self._at.append(-1)
        self._size.append(0)
        self._year.append(year or 0)
        self._outside[i] = (fetch, key)
        if keys is None:
            self._path.append(None)
            self._pending.append(i)
        else:
            self._path.append(path)
            self._file(i, keys)

    def _file(self, i: int, keys: list[list[str]]) -> None:
        bits: dict[str, int] = {}
        for r, rule_keys in enumerate(keys):
            for key in rule_keys:
                bits[key] = bits.get(key, 0) | (1 << r)
        for key, mask in bits.items():
            self._groups.setdefault(key, []).append(i << self._shift | mask)

    def _get(self, i: int) -> Facts | None:
        outside = self._outside.get(i)
        if outside is None:
            return self.spool.get((self._at[i], self._size[i]))  # type: ignore[no-any-return]
        blob = outside[0](outside[1])
        try:
            return None if blob is None else pickle.loads(blob)  # type: ignore[no-any-return]
        except Exception:  # (signed by this user's govlint, but from an incompatible version)
            return None

    def _index(self) -> None:
        for i in self._pending:
            f = self._get(i)
            if f is not None:
                self._path[i], self._year[i] = f.path, f.year or 0
                self._file(i, self.keys_of(f))
        self._pending = []

    @property
    def paths(self) -> dict[str, None]:
        """Every report's path, in order."""
        self._index()
        return dict.fromkeys(p for p in self._path if p is not None)

    def _members(self, key: str, r: int) -> list[int]:
        """The reports ``self.rules[r]`` groups under ``key``, sorted by (year, path)."""
        bit, shift = 1 << r, self._shift
        out = [code >> shift for code in self._groups[key] if code & bit]
        out.sort(key=lambda i: (self._year[i], self._path[i]))
        return out

    def groups(self, rule: Rule) -> Mapping[str, list[Facts]]:
        """``rule``'s groups (as :func:`govlint.facts.groups_of`), each read when asked for."""
        self._index()
        r = self.rules.index(rule)
        return _Groups(self, r, [k for k, codes in self._groups.items() if any(c & (1 << r) for c in codes)])

    def work(self) -> Iterator[tuple[str, list[tuple[Rule, list[Facts]]]]]:
        """Every group key, in order, with each rule's group of that key: the reports of a key
        read once for all the rules (which share them: facts are read-only)."""
        for key in self.keys():
            yield key, self.load(key)

    def keys(self) -> list[str]:
        """Every group key, in order."""
        self._index()
        return sorted(self._groups)

    def load(self, key: str) -> list[tuple[Rule, list[Facts]]]:
        """Each rule's group of ``key`` (the rules that have one), its reports read once."""
        loaded: dict[int, Facts | None] = {}
        out: list[tuple[Rule, list[Facts]]] = []
        for r, rule in enumerate(self.rules):
            members = self._members(key, r)
            if not members:
                continue
            group = []
            for i in members:
                f = loaded[i] if i in loaded else loaded.setdefault(i, self._get(i))
                if f is not None:
                    group.append(f)
            if group:
                out.append((rule, group))
        return out

    def group_key(self, key: str) -> str | None:
        """A name for the group ``key`` as it is in this run: its key and, for each member, its
        content key and the rules grouping it there (None: a member has no content key)."""
        from govlint.digest import blake2b

        h = blake2b(key.encode("utf-8", "surrogateescape") + b"\0", digest_size=20)
        members = []
        for code in self._groups[key]:
            i = code >> self._shift
            content = bytes(self._content[20 * i:20 * i + 20])
            if content == _NONE:
                return None
            members.append(content + (code & ((1 << self._shift) - 1)).to_bytes(self._shift // 8 + 1, "little"))
        for m in sorted(members):
            h.update(m)
        return h.hexdigest()


_NONE = bytes(20)


def _content(key: str | None) -> bytes:
    """A content key (hex, 20 bytes) as its bytes; none: zeros."""
    if key is None:
        return _NONE
    try:
        raw = bytes.fromhex(key)
    except ValueError:
        return _NONE
    return raw if len(raw) == 20 and raw != _NONE else _NONE


class _Groups(Mapping[str, list["Facts"]]):
    def __init__(self, store: FactStore, r: int, keys: list[str]) -> None:
        self.store, self.r, self._keys = store, r, dict.fromkeys(keys)

    def __getitem__(self, key: str) -> list[Facts]:
        if key not in self._keys:
            raise KeyError(key)
        got = (self.store._get(i) for i in self.store._members(key, self.r))
        return [f for f in got if f is not None]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class Findings:
    """A run's diagnostics in output order (path, line, column, code), read file by file.

    ``before``: diagnostics found before the files were read (unreadable paths); ``after``:
    the set-level ones.  After a full iteration, ``baselined``, ``matched``, ``count`` and
    ``worst`` describe what was yielded."""

    def __init__(self) -> None:
        self.spool = Spool()
        # per path, where its pieces are in the spool: (position, size, False) of a pickled
        # (diagnostics, text), (position, size, True) of a cache entry's pickled diagnostics
        self._files: dict[str, list[tuple[int, int, bool]]] = {}
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
            self._files.setdefault(p, []).append((*self.spool.put((diags, text if p == path else None)), False))

    def add_pickled(self, path: str, blob: bytes, codes: Iterable[str], text: str | None) -> None:
        """A file's diagnostics as the cache holds them (their pickle, all of ``path``: read
        once, by the output, not unpickled and pickled again here)."""
        self._codes.update(codes)
        if text is None:  # the blob as it is (not pickled once more inside a tuple)
            self._files.setdefault(path, []).append((*self.spool.put_bytes(blob), True))
        else:
            self._files.setdefault(path, []).append((*self.spool.put((blob, text)), False))

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
            for at, size, bare in self._files.get(path, ()):
                if bare:  # a cache entry's diagnostics, without a text
                    diags.extend(self.spool.get((at, size)))
                    continue
                found, file_text = self.spool.get((at, size))
                diags.extend(pickle.loads(found) if isinstance(found, bytes) else found)
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
