"""Installed plugins (entry-point group ``govlint``), read without :mod:`importlib.metadata`.

``importlib.metadata`` imports the email parser and scans every distribution; on the command
line that is a large part of the start-up of a one-file check.  The entry points of installed
distributions are plain INI files (``*.dist-info/entry_points.txt``, ``*.egg-info/entry_points.txt``)
on ``sys.path``: reading the ``[govlint]`` section of each is enough.  Anything unusual (a zip
on ``sys.path``, an unreadable file) falls back to ``importlib.metadata``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class EntryPoint:
    """An installed plugin's entry point, as its distribution declares it."""

    name: str
    value: str  # "module" or "module:attr"
    dist: str  # distribution name
    version: str

    def load(self) -> object:
        import importlib

        module, _, attr = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj


def _section(text: str, group: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            inside = line[1:].split("]", 1)[0].strip() == group
            continue
        if inside and "=" in line:
            name, value = line.split("=", 1)
            out.append((name.strip(), value.split("[", 1)[0].strip()))  # drop "[extras]"
    return out


def _metadata_fallback(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    return [EntryPoint(ep.name, ep.value, getattr(ep.dist, "name", "") or "",
                       getattr(ep.dist, "version", "") or "") for ep in entry_points(group=group)]


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``, first distribution on ``sys.path`` winning per name."""
    found: dict[str, EntryPoint] = {}
    seen_dists: set[str] = set()
    for folder in sys.path:
        folder = folder or "."
        if not os.path.isdir(folder):
            if os.path.isfile(folder):  # a zip or egg file: let importlib.metadata read it
                return _metadata_fallback(group)
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for entry in sorted(names):
            if not entry.endswith((".dist-info", ".egg-info")):
                continue
            stem = entry.rsplit(".", 1)[0]
            dist, _, version = stem.partition("-")
            key = dist.lower().replace("-", "_")
            if key in seen_dists:
                continue
            seen_dists.add(key)
            path = os.path.join(folder, entry, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError):
                return _metadata_fallback(group)
            if f"[{group}]" not in text.replace(" ", ""):
                continue
            for name, value in _section(text, group):
                found.setdefault(name, EntryPoint(name, value, dist, version.split("-")[0]))
    return list(found.values())
