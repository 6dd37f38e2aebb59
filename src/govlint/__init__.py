"""govlint: a compliance linter for 政府信息公开工作年度报告."""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marker for plugin hook implementations (``@hookimpl def govlint_rules(): ...``).
hookimpl = pluggy.HookimplMarker("govlint")

__all__ = ["__version__", "hookimpl"]
