"""The plugin surface (pluggy project ``govlint``).

A plugin is a module (or object) with functions marked ``@govlint.hookimpl``:

- ``govlint_rules()`` returns the plugin's rule classes (subclasses of :class:`govlint.rule.Rule`).
  This is the one hook most plugins need.  A rule checks one report in ``Rule.check``, and may
  look at groups of reports (cross-year, region-wide) through per-report facts in
  ``Rule.check_facts`` (see :mod:`govlint.facts`).

Hooks are called once per run to collect rules; rules are then dispatched with a plain loop,
not through pluggy, which would cost several times more per call.
"""

from __future__ import annotations

import pluggy

from govlint.rule import Rule

hookspec = pluggy.HookspecMarker("govlint")


@hookspec
def govlint_rules() -> list[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides."""

