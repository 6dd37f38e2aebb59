"""Reading report text into the document model (:mod:`govlint.model`).

``parse_text`` is the entry point; see ``grammar/report.lark`` for the line grammar,
:mod:`.builder` for the structure; the tables are read by :mod:`govlint.interpret`.
"""

from __future__ import annotations

from govlint.parsing.builder import parse_text

__all__ = ["parse_text"]
