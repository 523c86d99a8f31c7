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
from itertools import accumulate, repeat
from operator import eq, sub
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


class Substitutions(NamedTuple):
    """Runs of a text (``starts[i]``…``ends[i]``, sorted, disjoint) each replaced by
    ``new``, as columns: a pass that rewrites every separator of a text proposes over a
    thousand, too many to build and apply one edit at a time.  ``kind`` is their repair
    kind (a summarised one: only counted)."""

    starts: list[int]
    ends: list[int]
    new: str
    kind: str

    def proposed(self) -> list[tuple[Edit, str, str]]:
        """The substitutions as ordinary proposed edits."""
        return list(zip(make_edits(self.starts, self.ends, repeat(self.new)), repeat(self.kind), repeat("")))


class Proposals(list):
    """A pass's proposed edits (``(Edit, kind, detail)`` triples) and, in ``bulk``,
    substitutions given as columns, which overlap none of the edits.  Equivalent to the
    triples with ``bulk.proposed()`` merged in order of position."""

    def __init__(self, edits: Iterable = (), bulk: Substitutions | None = None) -> None:
        super().__init__(edits)
        self.bulk = bulk


def substitute(text: str, starts: list[int], new: str) -> str:
    """``text`` with the character at each of ``starts`` (sorted, distinct) replaced by
    the one character ``new``: one join of the pieces between them.

    Such a 1 → 1 substitution moves no offset: it may be applied before a layer's
    other edits (which must not overlap it) and left out of the layer's map —
    :meth:`EditMap.to_old` and :meth:`EditMap.to_new` then map every offset as they
    would with it — unless it starts where a deletion ends: a span ending there maps
    to before the deletion only when the deletion is the last edit before it."""
    if not starts:
        return text
    return new.join([text[a:b] for a, b in zip([0, *map((1).__add__, starts)], [*starts, len(text)], strict=True)])


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
    """Apply sorted, non-overlapping edits; return the new text and its map."""
    out: list[str] = []
    emap = EditMap()
    new_starts, new_ends, old_starts, old_ends = emap.new_starts, emap.new_ends, emap.old_starts, emap.old_ends
    pos = 0
    shift = 0  # how far the edits so far moved the text after them
    for start, end, new in edits:
        if start < pos:
            raise ValueError(f"overlapping edit at {start} (previous ended at {pos})")
        out.append(text[pos:start])
        out.append(new)
        new_starts.append(start + shift)
        shift += len(new) - (end - start)
        new_ends.append(end + shift)
        old_starts.append(start)
        old_ends.append(end)
        pos = end
    out.append(text[pos:])
    return "".join(out), emap


class OffsetMap:
    """A chain of layer maps: final text offsets → decoded input offsets."""

    def __init__(self, layers: list[EditMap] | None = None) -> None:
        self.layers: list[EditMap] = list(layers or [])
        #: the layers as :meth:`span_to_source` reads them (made on first need, for as many layers)
        self._shifts: list[_Shifts] = []
        self._shifts_of: list[EditMap] = []  # the layers _shifts was built from

    def add(self, layer: EditMap) -> None:
        if layer.new_starts:  # a layer without edits maps every offset to itself
            self.layers.append(layer)

    def to_source(self, pos: int, *, end: bool = False) -> int:
        for layer in reversed(self.layers):
            pos = layer.to_old(pos, end=end)
        return pos

    def _layer_shifts(self) -> list[_Shifts]:
        """The layers as :meth:`span_to_source` reads them, last first (see :data:`_Shifts`)."""
        out = []
        for layer in reversed(self.layers):
            ns, ne, os_, oe = layer.new_starts, layer.new_ends, layer.old_starts, layer.old_ends
            same = list(map(eq, map(sub, ne, ns), map(sub, oe, os_)))  # same-length substitutions
            out.append(
                (
                    ns,
                    [-1, *map(_pick, same, ns, ne)],
                    [-1, *map(_pick, same, ns, [b + (a == b) for a, b in zip(ns, ne, strict=True)])],
                    [0, *map(sub, oe, ne)],
                    [0, *os_],
                    [-1, *ne],
                    layer,
                )
            )
        # (keyed on the layers themselves, not their count: a layer replaced in the public list
        # rebuilds)
        self._shifts, self._shifts_of = out, list(self.layers)
        return out

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` back to the input: ``to_source(start)`` and
        ``to_source(end, end=True)`` (an empty span maps to an empty one), never ending
        before it starts.

        The pipeline maps every span it outputs (about one per ten characters): per layer,
        one bisection finds the edit before the offset, which mostly moves it by that edit's
        shift (:data:`_Shifts`); a start inside a replacement maps to the replacement's start,
        an end just after a deletion to the deletion's start, any other end inside an edit
        by :meth:`EditMap.to_old`.  ``to_source`` is the plain definition (a test holds the
        two equal)."""
        # (list equality: each element tested by identity first, C-level)
        layers = self._shifts if self._shifts_of == self.layers else self._layer_shifts()
        s = start
        e = end if end > start else -1  # -1: an empty span, mapped as its start
        for new_starts, s_from, e_from, shifts, old_starts, new_ends, layer in layers:
            k = bisect_right(new_starts, s)  # (edit k - 1 is the last one starting at or before s)
            s = s + shifts[k] if s >= s_from[k] else old_starts[k]
            if e < 0:
                continue
            k = bisect_right(new_starts, e)
            if e >= e_from[k]:
                e += shifts[k]
            elif e == new_ends[k]:  # a deletion just before: an end stays before it
                e = old_starts[k]
            else:
                e = layer.to_old(e, end=True)
        return s, s if e < s else e


def _pick(same: bool, if_same: int, other: int) -> int:
    return if_same if same else other


#: A layer as :meth:`OffsetMap.span_to_source` reads it: with k = bisect_right(new_starts, pos)
#: (edit k - 1 is the last one starting at or before pos; k = 0: none, whose entries leave pos
#: as it is), ``shifts[k]`` = old_end - new_end moves an offset at or past the edit's end to
#: the old text, and so it does any offset of a same-length substitution; a start moves so
#: from ``s_from[k]`` (the edit's new end, or its new start for a same-length substitution),
#: an end from ``e_from[k]`` (the same, past a deletion's end); ``old_starts[k]``,
#: ``new_ends[k]``: the edit's; the layer.
_Shifts = tuple[list[int], list[int], list[int], list[int], list[int], list[int], "EditMap"]


class SpanIndex:
    """Answers "does one of these spans hold [a, b)?" in O(log n): the spans sorted by start,
    with the greatest end of each prefix (a scan of every span per question made thousands of
    frame lines, or of dated numbers, quadratic).

    ``spans`` may grow by appends between questions (the segmenter's skip list does): spans
    appended since the last question are taken in then, in O(1) each when they come in order
    of start, else by a re-sort.  A position p is held when ``covers(p, p + 1)``.
    """

    __slots__ = ("spans", "seen", "starts", "max_end")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.seen = 0
        self.starts: list[int] = []
        self.max_end: list[int] = []  # max_end[i]: the greatest end of the spans 0..i by start

    def covers(self, a: int, b: int) -> bool:
        if self.seen < len(self.spans):
            self._take_in()
        k = bisect_right(self.starts, a)
        return k > 0 and self.max_end[k - 1] >= b

    def _take_in(self) -> None:
        new = self.spans[self.seen :]
        self.seen = len(self.spans)
        for s, e in new:
            if self.starts and s < self.starts[-1]:  # out of order: sort them all again
                spans = sorted(self.spans)
                self.starts = [a for a, _ in spans]
                self.max_end = list(accumulate((b for _, b in spans), max))
                return
            self.starts.append(s)
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)
