"""Sub-commands that live in their own modules (``govlint extract``, ``export``, ``sweep`` …).

Each module in ``MODULES`` defines ``register(subparsers) -> None`` (adds its parser, with
``set_defaults(handler=run)``) and ``run(args) -> int`` (the exit code).  ``cli.py`` stays thin:
it adds these parsers after the core ones and dispatches on ``args.handler``.  To add a command,
write ``commands/NAME.py`` and add its module name here (one line: merges stay trivial).
"""

from __future__ import annotations

MODULES: list[str] = [
    "extract",
    "export",
    "trust",
]
