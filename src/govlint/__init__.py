"""govlint: a compliance linter for 政府信息公开工作年度报告."""

from __future__ import annotations

import os as _os
import sys as _sys

if _os.path.basename(_sys.argv[0] if _sys.argv else "") in ("govlint", "govlint.exe", "__main__.py"):
    # the command line: Ctrl-C while the modules load ends quietly with 130, like later on
    # (govlint.cli.main); a library import leaves the host program's hook alone
    _previous_hook = _sys.excepthook

    def _quiet_interrupt(kind, value, tb):  # type: ignore[no-untyped-def]
        seen = value
        for _ in range(10):  # an interrupt inside a class body arrives wrapped (RuntimeError)
            if seen is None:
                break
            if isinstance(seen, KeyboardInterrupt):
                _os._exit(130)
            seen = seen.__cause__ or seen.__context__
        _previous_hook(kind, value, tb)

    _sys.excepthook = _quiet_interrupt

import pluggy  # noqa: E402

__version__ = "0.1.0"

#: Marker for plugin hook implementations (``@hookimpl def govlint_rules(): ...``).
hookimpl = pluggy.HookimplMarker("govlint")

__all__ = ["__version__", "hookimpl"]
