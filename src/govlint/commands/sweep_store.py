"""The sweep's store: one SQLite file (stdlib) in the output folder.

Why SQLite: it makes the sweep resumable (a file's result is committed as soon as it arrives,
keyed by path, content hash and settings) and keeps memory flat: set-level rules read their
groups back in key order from an index instead of holding every report's facts, and the
outputs are written by streaming ordered queries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT, settings TEXT, run INTEGER,
    year INTEGER, facts TEXT, diagnostics TEXT, errors TEXT
);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, settings TEXT, files INTEGER, done INTEGER);
CREATE TABLE IF NOT EXISTS groups (rule TEXT, key TEXT, path TEXT);
CREATE TABLE IF NOT EXISTS set_diagnostics (path TEXT, year INTEGER, diagnostic TEXT);
CREATE INDEX IF NOT EXISTS files_run ON files (run, year, path);
"""

#: one record per file, as the workers return it
Record = tuple[str, str | None, str, int | None, str | None, str, str]  # path, sha, status, year, facts, diags, errors


SCHEMA_VERSION = 2


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

    def known(self, paths: list[str], settings: str) -> dict[str, str]:
        """path → content hash of the files already done with these settings."""
        out: dict[str, str] = {}
        for i in range(0, len(paths), 500):
            part = paths[i:i + 500]
            q = f"SELECT path, sha256 FROM files WHERE settings = ? AND path IN ({','.join('?' * len(part))})"
            for path, sha in self.db.execute(q, (settings, *part)):
                if sha:
                    out[path] = sha
        return out

    def save(self, records: list[Record], settings: str, run: int) -> tuple[int, int]:
        """Store the workers' records; (processed, unchanged)."""
        done = same = 0
        for path, sha, status, year, facts, diags, errors in records:
            if status == "same":
                self.db.execute("UPDATE files SET run = ? WHERE path = ?", (run, path))
                same += 1
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO files (path, sha256, settings, run, year, facts, diagnostics, errors) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (path, sha if status == "done" else None, settings, run, year, facts, diags, errors),
                )
                done += 1
        self.db.commit()
        return done, same

    # ------------------------------------------------------------------ reading back

    def facts_rows(self, run: int) -> Iterator[tuple[str, str]]:
        yield from self.db.execute(
            "SELECT path, facts FROM files WHERE run = ? AND facts IS NOT NULL ORDER BY path", (run,))

    def reset_groups(self) -> None:
        self.db.execute("DELETE FROM groups")
        self.db.execute("DELETE FROM set_diagnostics")
        self.db.commit()

    def add_groups(self, rows: list[tuple[str, str, str]]) -> None:
        self.db.executemany("INSERT INTO groups (rule, key, path) VALUES (?, ?, ?)", rows)

    def grouped(self, rule: str, run: int) -> Iterator[tuple[str, str]]:
        """(group key, facts JSON) in key order, each group's reports by (year, path)."""
        self.db.commit()
        yield from self.db.execute(
            "SELECT g.key, f.facts FROM groups g JOIN files f ON f.path = g.path "
            "WHERE g.rule = ? AND f.run = ? ORDER BY g.key, f.year, g.path", (rule, run))

    def add_set_diagnostics(self, rows: list[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO set_diagnostics (path, year, diagnostic) "
            "VALUES (?, (SELECT year FROM files WHERE path = ?), ?)", [(p, p, d) for p, d in rows])
        self.db.commit()

    def years(self, run: int) -> list[int | None]:
        return [y for (y,) in self.db.execute("SELECT DISTINCT year FROM files WHERE run = ? ORDER BY year", (run,))]

    def facts_of_year(self, run: int, year: int | None) -> Iterator[tuple[str, str, str]]:
        yield from self.db.execute(
            "SELECT path, sha256, facts FROM files WHERE run = ? AND year IS ? AND facts IS NOT NULL ORDER BY path",
            (run, year))

    def diagnostics_of_year(self, run: int, year: int | None) -> Iterator[dict[str, Any]]:
        """Per-file and set-level diagnostics of the reports of ``year``, in path/position order."""
        rows: list[dict[str, Any]] = []
        last = None
        q = ("SELECT path, diagnostics, NULL FROM files WHERE run = ? AND year IS ? "
             "UNION ALL SELECT s.path, NULL, s.diagnostic FROM set_diagnostics s JOIN files f ON f.path = s.path "
             "WHERE f.run = ? AND s.year IS ? ORDER BY 1")
        for path, many, one in self.db.execute(q, (run, year, run, year)):
            if path != last:  # one file at a time: sort its diagnostics, then let them go
                yield from sorted(rows, key=_pos)
                rows, last = [], path
            rows.extend(json.loads(many) if many else [json.loads(one)])
        yield from sorted(rows, key=_pos)

    def errors(self, run: int) -> Iterator[str]:
        for (errs,) in self.db.execute("SELECT errors FROM files WHERE run = ? AND errors != '[]' ORDER BY path", (run,)):
            yield from json.loads(errs)

    def count(self, run: int) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM files WHERE run = ?", (run,)).fetchone()[0])


def _pos(d: dict[str, Any]) -> tuple[str, int, int, str, str]:
    return (d["path"], d["line"], d["column"], d["code"], d["message"])
