"""Part titles recognised allowing a typo: at the start of a heading's text run together with its
body, and inside one long line (web scrapes that print the whole report on one line)."""

from __future__ import annotations

from functools import lru_cache

from govlint.profile import Profile, load_profiles
from govlint.text import normalise_label

__all__ = ["may_match", "part_titles", "title_follows", "title_prefix"]


@lru_cache(maxsize=1024)
def title_prefix(title: str, prof: Profile) -> tuple[int | None, str]:
    """(part, title) when ``title`` starts with a part title of the profile (maybe with a typo)."""
    from difflib import SequenceMatcher

    key = normalise_label(title[:256])  # a title is short: only its start can match
    best: tuple[int, int, float] | None = None
    for p in prof.parts:
        for t in (p.title, *p.variants):
            nt = normalise_label(t)
            chars = frozenset(nt)
            for extra in (0, 1, 2):
                if not may_match(key[: len(nt) + extra], nt, chars):
                    continue
                r = SequenceMatcher(None, key[: len(nt) + extra], nt).ratio()
                if r >= 0.85 and (best is None or (r, len(nt) + extra) > (best[2], best[1])):
                    best = (p.number, len(nt) + extra, r)
    if best is None:
        return None, title
    # map the normalised length back to characters of the title
    kept = 0
    for i, ch in enumerate(title):
        if normalise_label(ch):
            kept += 1
        if kept == best[1]:
            cut = i + 1
            if cut < len(title) and title[cut] in "）)":
                cut += 1
            return best[0], title[:cut]
    return best[0], title


@lru_cache(maxsize=1)
def part_titles() -> tuple[tuple[str, frozenset[str]], ...]:
    """Every part title of every format (normalised) with its characters."""
    out = []
    for prof in load_profiles().values():
        for p in prof.parts:
            for t in (p.title, *p.variants):
                t = normalise_label(t)
                out.append((t, frozenset(t)))
    return tuple(out)


def title_follows(ahead: str, titles: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """Whether a part title (allowing a typo: similarity ratio >= 0.85) starts ``ahead``.  The
    character-set bound skips the titles that cannot reach the ratio, so the costly comparison
    runs only for likely headings (a line of 500,000 ``一、`` stays linear)."""
    from difflib import SequenceMatcher

    for t, chars in titles:
        head = ahead[: len(t) + 1]
        if head.startswith(t):
            return True
        if may_match(head, t, chars) and SequenceMatcher(None, head, t).ratio() >= 0.85:
            return True
    return False


def may_match(head: str, t: str, chars: frozenset[str]) -> bool:
    """False when ``head`` cannot reach a 0.85 similarity ratio with ``t`` (``chars``: its
    characters), decided in C: ratio = 2M / (|head| + |t|) >= 0.85 needs M >= 0.425 (|head| + |t|)
    matched characters, of which at least M - (|t| - distinct(t)) are distinct characters of
    ``t`` found in ``head``."""
    need = 0.425 * (len(head) + len(t)) - (len(t) - len(chars)) - 1e-9
    return len(chars.intersection(head)) >= need
