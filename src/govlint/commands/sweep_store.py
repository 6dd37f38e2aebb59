"""The sweep's store: one SQLite file (stdlib) in the output folder.

Why SQLite: it makes the sweep resumable (a file's result is committed as soon as it arrives,
keyed by path, content hash and settings) and keeps the main process's memory flat in the
number of reports: the list of files to do, the set-level groups and the outputs all live in
indexed tables, read back page by page in index order (never a sort of the whole set: SQLite
maps its sort files into memory) with nothing of the whole set held in Python.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT, settings TEXT, run INTEGER,
    year INTEGER, facts TEXT, diagnostics TEXT, errors TEXT
);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, settings TEXT, files INTEGER, done INTEGER);
DROP INDEX IF EXISTS files_run;
"""

# rebuilt by every run: the files to do, the files of this run (a small row each: an unchanged
# file is recorded here, never by rewriting its row in ``files``, which holds 10–30 KB of facts
# and diagnostics on overflow pages), the set-level groups and their findings
RUN_TABLES = """
DROP TABLE IF EXISTS todo;
DROP TABLE IF EXISTS current;
DROP TABLE IF EXISTS groups;
DROP TABLE IF EXISTS set_diagnostics;
CREATE TABLE todo (path TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE current (path TEXT PRIMARY KEY, year INTEGER, failed INTEGER);
CREATE INDEX current_year ON current (year, path);
CREATE TABLE groups (key TEXT, rule TEXT, year INTEGER, path TEXT, PRIMARY KEY (key, rule, year, path)) WITHOUT ROWID;
CREATE TABLE set_diagnostics (path TEXT, year INTEGER, diagnostic TEXT);
CREATE INDEX set_diagnostics_path ON set_diagnostics (path);
"""

#: one record per file, as the workers return it
Record = tuple[str, str | None, str, int | None, str | None, str, str]  # path, sha, status, year, facts, diags, errors

SCHEMA_VERSION = 2
PAGE = 256  # rows per read: the most the main process holds of any table
BIG_PAGE = 32  # rows per read of the facts and diagnostics columns (10–30 KB a row in memory)


class Store:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(str(path))
        if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # a store of another govlint version: start afresh (its results are recomputed)
            for (name,) in list(self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")):
                if not name.startswith("sqlite_"):
                    self.db.execute(f'DROP TABLE "{name}"')
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.db.executescript(SCHEMA)
        self.db.executescript(RUN_TABLES)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def begin(self, settings: str) -> int:
        cur = self.db.execute("INSERT INTO runs (settings) VALUES (?)", (settings,))
        self.db.commit()
        return int(cur.lastrowid or 0)

    def last_complete(self) -> tuple[int, str, int] | None:
        """(run, settings, files) of the last run that wrote its outputs."""
        row = self.db.execute("SELECT id, settings, files FROM runs WHERE done = 1 ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1]), int(row[2])) if row else None

    def finish(self, run: int, files: int) -> None:
        self.db.execute("UPDATE runs SET files = ?, done = 1 WHERE id = ?", (files, run))
        self.db.commit()

    # ------------------------------------------------------------------ the files to do

    def add_todo(self, paths: list[str]) -> None:
        """Files found by the walk (a path named twice is done once)."""
        self.db.executemany("INSERT OR IGNORE INTO todo (path) VALUES (?)", ((p,) for p in paths))
        self.db.commit()

    def todo_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM todo").fetchone()[0])

    def todo(self, size: int) -> Iterator[list[str]]:
        """The files to do, ``size`` at a time, in path order."""
        last = ""
        while True:
            part = [p for (p,) in self.db.execute(
                "SELECT path FROM todo WHERE path > ? ORDER BY path LIMIT ?", (last, size))]
            if not part:
                return
            last = part[-1]
            yield part

    def known(self, paths: list[str], settings: str) -> dict[str, str]:
        """path → content hash of the files already done with these settings."""
        q = f"SELECT path, sha256 FROM files WHERE settings = ? AND path IN ({','.join('?' * len(paths))})"
        return {path: sha for path, sha in self.db.execute(q, (settings, *paths)) if sha}

    def save(self, records: list[Record], settings: str, run: int) -> tuple[int, int]:
        """Store the workers' records; (processed, unchanged)."""
        done = same = 0
        for path, sha, status, year, facts, diags, errors in records:
            if status == "same":
                self.db.execute("INSERT OR REPLACE INTO current (path, year, failed) "
                                "SELECT path, year, 0 FROM files WHERE path = ?", (path,))
                same += 1
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO files (path, sha256, settings, run, year, facts, diagnostics, errors) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (path, sha if status == "done" else None, settings, run, year, facts, diags, errors),
                )
                self.db.execute("INSERT OR REPLACE INTO current (path, year, failed) VALUES (?, ?, ?)",
                                (path, year, int(errors not in ("", "[]"))))
                done += 1
        self.db.commit()
        return done, same

    # ------------------------------------------------------------------ reading back, page by page

    def _pages(self, queries: tuple[str, str], args: tuple[Any, ...], key: int,
               page: int = PAGE) -> Iterator[tuple[Any, ...]]:
        """Rows of a query ``... ORDER BY <key columns> LIMIT ?`` a page at a time: the first
        page by ``queries[0]``, each next one by ``queries[1]`` (``... AND (<key columns>) > (?, …)``)
        from the last row's key (its columns ``key`` on, never NULL).  No cursor stays open across
        the caller's writes and no page is sorted: the key is an index's."""
        after: tuple[Any, ...] | None = None
        while True:
            rows = self.db.execute(queries[0 if after is None else 1], (*args, *(after or ()), page)).fetchall()
            yield from rows
            if len(rows) < page:
                return
            after = tuple(rows[-1][key:])

    def facts_rows(self, run: int) -> Iterator[tuple[str, str]]:
        """(path, facts JSON) of the run's reports, by (year, path)."""
        for year in self.years(run):
            for facts, path in self.files_of_year(run, year, "facts"):
                if facts is not None:
                    yield path, facts

    def add_groups(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """(group key, rule code, year or 0, path) rows."""
        self.db.executemany("INSERT OR IGNORE INTO groups (key, rule, year, path) VALUES (?, ?, ?, ?)", rows)
        self.db.commit()

    def group_rows(self) -> Iterator[tuple[str, str, str]]:
        """(key, rule, path) in key order, each group's reports by (year, path)."""
        head = "SELECT key, rule, year, path FROM groups"
        tail = " ORDER BY key, rule, year, path LIMIT ?"
        for key, rule, _year, path in self._pages(
                (head + tail, head + " WHERE (key, rule, year, path) > (?, ?, ?, ?)" + tail), (), 0):
            yield key, rule, path

    def facts_of(self, paths: list[str]) -> dict[str, str]:
        """path → facts JSON (one group's reports)."""
        out: dict[str, str] = {}
        for i in range(0, len(paths), 500):
            part = paths[i:i + 500]
            q = f"SELECT path, facts FROM files WHERE path IN ({','.join('?' * len(part))})"
            out.update(self.db.execute(q, part))
        return out

    def add_set_diagnostics(self, rows: list[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO set_diagnostics (path, year, diagnostic) "
            "VALUES (?, (SELECT year FROM files WHERE path = ?), ?)", [(p, p, d) for p, d in rows])
        self.db.commit()

    # ``run`` below is the store's current run (the one ``current`` is of): one writer at a time

    def years(self, run: int) -> list[int | None]:
        return [y for (y,) in self.db.execute("SELECT DISTINCT year FROM current ORDER BY year")]

    def files_of_year(self, run: int, year: int | None, columns: str) -> Iterator[tuple[Any, ...]]:
        """``columns`` of the run's files of ``year``, in path order (the path comes last)."""
        cols = ", ".join(f"f.{c.strip()}" for c in columns.split(","))
        head = f"SELECT {cols}, c.path FROM current c JOIN files f ON f.path = c.path WHERE c.year IS ?"
        tail = " ORDER BY c.path LIMIT ?"
        n = columns.count(",") + 1
        yield from self._pages((head + tail, head + " AND c.path > ?" + tail), (year,), n, BIG_PAGE)

    def facts_of_year(self, run: int, year: int | None) -> Iterator[tuple[str, str, str]]:
        for sha, facts, path in self.files_of_year(run, year, "sha256, facts"):
            if facts is not None:
                yield path, sha, facts

    def diagnostics_of_year(self, run: int, year: int | None) -> Iterator[dict[str, Any]]:
        """Per-file and set-level diagnostics of the reports of ``year``, file by file in path
        order, each file's in position order."""
        for many, path in self.files_of_year(run, year, "diagnostics"):
            rows = json.loads(many) if many else []
            rows += [json.loads(d) for (d,) in self.db.execute(
                "SELECT diagnostic FROM set_diagnostics WHERE path = ?", (path,))]
            yield from sorted(rows, key=_pos)

    def errors(self, run: int) -> Iterator[str]:
        """The reading errors of the run's files, by (year, path): only the failed rows are read."""
        head = "SELECT f.errors, c.path FROM current c JOIN files f ON f.path = c.path WHERE c.year IS ? AND c.failed"
        tail = " ORDER BY c.path LIMIT ?"
        for year in self.years(run):
            for errs, _ in self._pages((head + tail, head + " AND c.path > ?" + tail), (year,), 1):
                if errs and errs != "[]":
                    yield from json.loads(errs)

    def count(self, run: int) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM current").fetchone()[0])


def _pos(d: dict[str, Any]) -> tuple[str, int, int, str, str]:
    return (d["path"], d["line"], d["column"], d["code"], d["message"])


def release_freed_memory() -> None:
    """Give the memory freed so far back to the system (glibc's ``malloc_trim``; elsewhere
    nothing).  Between the sweep's phases and now and then in the set-level pass: the facts
    strings (10–30 KB each) go through the C allocator, whose freed pages otherwise stay
    counted against the process — a high-water mark that grows with the run's length, not with
    what is held."""
    global _TRIM
    if _TRIM is None:
        _TRIM = _malloc_trim()
    if _TRIM:
        try:
            _TRIM(0)
        except Exception:  # noqa: BLE001 - an optimisation only: never fail the sweep for it
            pass


def _malloc_trim() -> Any:
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only (musl has none: AttributeError)
    except (OSError, AttributeError):
        return False


_TRIM: Any = None
