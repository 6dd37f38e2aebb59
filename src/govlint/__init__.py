"""govlint: a compliance linter for 政府信息公开工作年度报告.

Python API (see :mod:`govlint.api`): ``govlint.parse_file(path)`` → the document model;
``govlint.check_files(paths, config=…, select=…)`` → the model and diagnostics of each file.
Plugins mark their hooks with ``@govlint.hookimpl``.  Names are imported on first use, so that
``import govlint`` (and the command line) starts fast.
"""

from __future__ import annotations

import os as _os
import sys as _sys
from typing import TYPE_CHECKING, Any

#: set when Ctrl-C reached the command line (govlint.cli.main then exits 130, whatever the
#: interrupt turned into: Python wraps it in a RuntimeError inside a class body, or ignores it
#: inside a callback)
_INTERRUPTED: list[bool] = [False]

if _os.path.basename(_sys.argv[0] if _sys.argv else "") in ("govlint", "govlint.exe", "__main__.py"):
    # the command line: Ctrl-C while the modules load ends quietly with 130, like later on
    # (govlint.cli.main); a library import leaves the host program's handlers alone
    import signal as _signal

    def _on_sigint(signum, frame):  # type: ignore[no-untyped-def]
        _INTERRUPTED[0] = True
        raise KeyboardInterrupt

    _signal.signal(_signal.SIGINT, _on_sigint)
    _previous_hook, _previous_unraisable = _sys.excepthook, _sys.unraisablehook

    def _quiet_interrupt(kind, value, tb):  # type: ignore[no-untyped-def]
        if _INTERRUPTED[0]:
            _os._exit(130)
        _previous_hook(kind, value, tb)

    def _quiet_unraisable(unraisable):  # type: ignore[no-untyped-def]
        if not _INTERRUPTED[0]:
            _previous_unraisable(unraisable)

    _sys.excepthook = _quiet_interrupt
    _sys.unraisablehook = _quiet_unraisable

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    from govlint.api import check_files, parse_file

    hookimpl: pluggy.HookimplMarker

__all__ = ["__version__", "check_files", "hookimpl", "parse_file"]


def __getattr__(name: str) -> Any:
    if name == "hookimpl":
        import pluggy

        #: Marker for plugin hook implementations (``@hookimpl def govlint_rules(): ...``).
        marker = pluggy.HookimplMarker("govlint")
        globals()["hookimpl"] = marker
        return marker
    if name in ("parse_file", "check_files"):
        from govlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'govlint' has no attribute {name!r}")
