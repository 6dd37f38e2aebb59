"""The LALR parser of ``grammar/report.lark``, built once per grammar and kept as a standalone
Python module in the user's cache folder (``~/.cache/govlint/parser-<hash>.py``).

Building the parser from the grammar costs more than parsing a report, and importing Lark
costs as much again; the standalone module (Lark's own ``lark.tools.standalone`` output: the
runtime and the parse tables, no grammar analysis) loads in a fraction of that.  The file name
is the hash of the grammar text and of this module's format version, so an edited grammar gets
a new parser.  When the cache folder is not writable, or the module cannot be built, the
parser is built in memory with Lark as before.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from types import ModuleType
from typing import Any

FORMAT = "3"  # bump when the generation options or the post-processing below change

# The standalone runtime only sets up a silent "lark" logger; importing logging for it costs
# as much as loading the parse tables.  A stand-in that accepts and ignores every call:
_NO_LOGGING = (
    "class _SilentLogging:  # govlint: no logging import (the logger is set to CRITICAL anyway)\n"
    "    CRITICAL = 50\n"
    "    def __getattr__(self, name):\n"
    "        return lambda *args, **kwargs: self\n"
    "logging = _SilentLogging()\n"
)


def _cache_file(grammar: str) -> Path:
    from govlint.digest import blake2b
    from govlint.kept import user_cache_dir

    digest = blake2b((FORMAT + "\0" + grammar).encode("utf-8"), digest_size=10).hexdigest()
    return user_cache_dir() / f"parser-{digest}.py"


def _options() -> dict[str, Any]:
    return {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False}


def _generate(grammar: str, target: Path) -> None:
    from lark import Lark
    from lark.tools.standalone import gen_standalone

    out = io.StringIO()
    gen_standalone(Lark(grammar, **_options()), out=out, compress=False)
    code = out.getvalue()
    if code.count("\nimport logging\n") == 1:
        code = code.replace("\nimport logging\n", "\n" + _NO_LOGGING, 1)
    if code.count("\nimport pickle, zlib, base64\n") == 1 and "zlib." not in code and "base64." not in code:
        code = code.replace("\nimport pickle, zlib, base64\n", "\nimport pickle\n", 1)  # (for compressed tables only)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(code, encoding="utf-8")
    os.replace(tmp, target)


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"govlint_parser_{path.stem.replace('-', '_')}", path)
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_parser(grammar: str, transformer: Any) -> Any:
    """A parser object with ``.parse(text)``, running ``transformer``'s callbacks as it reduces."""
    target = _cache_file(grammar)
    try:
        if not target.is_file():
            _generate(grammar, target)
        return _load_module(target).Lark_StandAlone(transformer=transformer)
    except Exception:  # no cache folder, a damaged file, an unexpected Lark: build in memory
        from lark import Lark

        return Lark(grammar, transformer=transformer, **_options())
