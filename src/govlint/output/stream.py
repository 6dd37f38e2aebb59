"""Streamed output: the formats written file by file as :class:`govlint.spool.Findings` reads
the run's diagnostics back, so that memory does not grow with the number of files.

Each function yields pieces whose concatenation is exactly what the format's ``render`` returns
for the whole list (the tests compare the two).  ``text``, ``concise``, ``github``, ``json`` and
``sarif`` are streamed: a JSON array is written item by item with the indentation ``json.dumps``
gives it inside the document.  ``gitlab``, ``junit``, ``rdjson`` and ``html`` are built whole
(each is one document whose parts before the findings depend on all of them: counts per file,
the review page's index), from the same findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from govlint.diagnostic import Diagnostic
from govlint.output import Context, Tally

STREAMED = ("text", "concise", "github", "json", "sarif")
_MARK = "@@govlint-streamed-items@@"

Chunks = Iterable[tuple[list[Diagnostic], "str | None"]]  # one file's diagnostics and its text


class _Lines:
    """Lines joined by newlines, the trailing blank ones dropped (as ``render_text`` does)."""

    def __init__(self) -> None:
        self.blank = 0
        self.any = False

    def line(self, s: str) -> str:
        if not s:
            self.blank += 1
            return ""
        out, self.blank, self.any = "\n" * self.blank + s + "\n", 0, True
        return out


def text(chunks: Chunks, ctx: Context) -> Iterator[str]:
    from govlint.output.text import render_one

    tally, out = Tally(), _Lines()
    for diags, source in chunks:
        lines = source.split("\n") if source is not None else None
        piece = []
        for d in diags:
            tally.add(d)
            piece += [out.line(s) for s in render_one(d, lines, ctx.color)]
            piece.append(out.line(""))
        yield "".join(piece)
    if ctx.statistics and tally.total:
        yield "".join(out.line(s) for s in ["统计：", *tally.statistics(), ""])
    if ctx.summary:
        yield out.line(tally.summary(ctx.files_checked))


def concise(chunks: Chunks, ctx: Context) -> Iterator[str]:
    from govlint.output.concise import one_line

    tally = Tally()
    for diags, _ in chunks:
        for d in diags:
            tally.add(d)
        yield "".join(one_line(d) + "\n" for d in diags)
    tail = tally.statistics() if ctx.statistics else []
    if ctx.summary:
        tail.append(tally.summary(ctx.files_checked))
    yield "".join(s + "\n" for s in tail)


def github(chunks: Chunks, ctx: Context) -> Iterator[str]:
    from govlint.output.github import annotation

    for diags, _ in chunks:
        yield "".join(annotation(d) + "\n" for d in diags)


def _array(document: object, items: Iterator[object]) -> Iterator[str]:
    """``dumps(document)`` with its one array holding ``_MARK`` filled by ``items``, streamed."""
    from govlint.strictjson import dumps  # (the text formats need no JSON)

    whole = dumps(document)
    at = whole.index(f'"{_MARK}"')
    head, tail = whole[:at], whole[at + len(_MARK) + 2:]
    indent = head[head.rindex("\n") + 1:]
    head = head[:head.rindex("\n") + 1]
    first = True
    for item in items:
        body = indent + dumps(item).replace("\n", "\n" + indent)  # JSON strings hold no raw newline
        yield (head if first else ",\n") + body
        first = False
    if first:  # no items: "[]", as json.dumps writes an empty list
        yield head[:-1] + "]" + tail[tail.index("]") + 1:]
    else:
        yield tail
    yield "\n"


def json(chunks: Chunks, ctx: Context) -> Iterator[str]:
    from govlint.output.json import crash_dicts

    shown: list[Diagnostic] = []  # the RUN001/RUN002 diagnostics (crash_dicts leaves out their crashes)

    def items() -> Iterator[object]:
        for diags, _ in chunks:
            for d in diags:
                if d.code.startswith("RUN"):
                    shown.append(d)
                yield d.to_dict()
        yield from crash_dicts(ctx, shown)

    yield from _array([_MARK], items())


def sarif(chunks: Chunks, ctx: Context) -> Iterator[str]:
    """The log of :func:`govlint.output.sarif.sarif_log` with its results streamed (the rules
    table is every rule of the run: the caller streams only when no finding is of another)."""
    from govlint.output import sarif as s

    log = s.sarif_log([], ctx)
    log["runs"][0]["results"] = [_MARK]

    def items() -> Iterator[object]:
        for diags, source in chunks:
            sources = {diags[0].path: source} if source is not None else {}
            one = Context(rules=ctx.rules, sources=sources, absolute_paths=ctx.absolute_paths, checked=[])
            yield from s.sarif_log(diags, one)["runs"][0]["results"]

    yield from _array(log, items())
