"""Reading report text into the document model (:mod:`govlint.model`).

``parse_text`` is the entry point; see ``grammar/report.lark`` for the line grammar,
:mod:`.builder` for the structure (with :mod:`.shapes`, :mod:`.prose`, :mod:`.parts`, :mod:`.titles`,
:mod:`.oneline`); the tables are read by :mod:`govlint.interpret`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govlint.parsing.builder import parse_text

__all__ = ["parse_text"]


def __getattr__(name: str) -> Any:
    # imported on first use: the rules import parts of this package (positions), and a run the
    # cache answers parses nothing
    if name == "parse_text":
        from govlint.parsing.builder import parse_text

        return parse_text
    raise AttributeError(f"module 'govlint.parsing' has no attribute {name!r}")
