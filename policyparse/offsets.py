"""Edits and the offset map back to the input.

Normalisation is a chain of layers.  Each layer is a sorted list of
non-overlapping edits (replace ``old[a:b]`` by a string) applied to the text of
the layer before; :class:`EditMap` remembers where each edit landed so any
offset of the final text maps back through every layer to the decoded input.
Memory is proportional to the number of edits, not to the text length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, chain, repeat
from operator import add, gt, sub
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``new``.

    A named tuple: passes propose thousands of them on damaged text, and a
    tuple is cheap to build and to take apart.
    """

    start: int
    end: int
    new: str


def make_edits(starts: Iterable[int], ends: Iterable[int], news: Iterable[str]) -> list[Edit]:
    """Many edits at once, column by column (built by a C-level map: a pass that
    edits every separator of a text makes thousands)."""
    return list(map(tuple.__new__, repeat(Edit), zip(starts, ends, news, strict=False)))  # news may repeat


class EditMap:
    """The map of one layer: offsets of the new text → offsets of the old text."""

    __slots__ = ("new_starts", "new_ends", "old_starts", "old_ends")

    def __init__(self) -> None:
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.old_starts: list[int] = []
        self.old_ends: list[int] = []

    def to_old(self, pos: int, *, end: bool = False) -> int:
        """Map an offset of the new text to the old text.

        ``end`` tells whether the offset closes a span (it then maps to the end
        of a replaced region rather than its start, and stays before deletions).
        """
        i = bisect_right(self.new_starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self.new_starts[i], self.new_ends[i], self.old_starts[i], self.old_ends[i]
        if pos >= ne:
            if end and pos == ne:
                if ns == ne:  # a deletion just before: an end stays before it
                    return os_
            return oe + (pos - ne)
        if end and pos == ns:  # a span ending where a replacement begins stops before it
            return os_
        # strictly inside a replacement
        if ne - ns == oe - os_:  # same-length substitution maps character by character
            return os_ + (pos - ns)
        return oe if end else os_


    def to_new(self, pos: int) -> int:
        """Map an offset of the old text forward to the new text."""
        i = bisect_right(self.old_starts, pos) - 1
        if i < 0:
            return pos
        if pos >= self.old_ends[i]:
            return self.new_ends[i] + (pos - self.old_ends[i])
        return self.new_starts[i]


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, EditMap]:
    """Apply sorted, non-overlapping edits; return the new text and its map.

    Computed column by column (starts, ends, replacements) with running sums,
    so the work per edit is done by C-level builtins, not a Python loop.
    """
    emap = EditMap()
    if not edits:
        return text, emap
    starts, ends, news = zip(*edits, strict=True)
    prev_ends = (0, *ends[:-1])  # where the text between edits resumes
    if any(map(gt, prev_ends, starts)):
        i = next(i for i, (p, s) in enumerate(zip(prev_ends, starts, strict=True)) if s < p)
        raise ValueError(f"overlapping edit at {starts[i]} (previous ended at {prev_ends[i]})")
    lens = list(map(len, news))
    # an edit moves by the length change of all edits before it
    shifts = accumulate(map(sub, lens, map(sub, ends, starts)), initial=0)
    emap.new_starts = list(map(add, starts, shifts))
    emap.new_ends = list(map(add, emap.new_starts, lens))
    emap.old_starts = list(starts)
    emap.old_ends = list(ends)
    kept = map(text.__getitem__, map(slice, prev_ends, starts))  # the text before each edit
    return "".join(chain(chain.from_iterable(zip(kept, news, strict=True)), (text[ends[-1] :],))), emap


class OffsetMap:
    """A chain of layer maps: final text offsets → decoded input offsets."""

    def __init__(self, layers: list[EditMap] | None = None) -> None:
        self.layers: list[EditMap] = list(layers or [])

    def add(self, layer: EditMap) -> None:
        if layer.new_starts:  # a layer without edits maps every offset to itself
            self.layers.append(layer)

    def to_source(self, pos: int, *, end: bool = False) -> int:
        for layer in reversed(self.layers):
            pos = layer.to_old(pos, end=end)
        return pos

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_source(start)
        e = self.to_source(end, end=True) if end > start else s
        return s, max(s, e)
