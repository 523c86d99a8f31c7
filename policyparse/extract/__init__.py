"""Stage 5 — extract: assignments, targets and citations of one document.

Each extractor is a function ``(ctx: DocContext) -> list[model]`` registered in
:data:`EXTRACTORS`.  Extractors find things in ``ctx.text`` between
``ctx.start`` and ``ctx.end``, build spans with :meth:`DocContext.span` (which
also maps them back to the decoded input) and attach each object to the
section it belongs to with :meth:`DocContext.path_at`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter, itemgetter, le
from typing import Any, TypeVar

from pydantic import BaseModel

from ..models import Span
from ..offsets import OffsetMap
from ..structure import SectionInfo  # a heading as the extractors see it (the headings themselves)

_M = TypeVar("_M", bound=BaseModel)


def new_model(model: type[_M]) -> Callable[[dict[str, Any]], _M]:
    """A builder of model objects from a dict of their fields: ``new_model(Span)(fields)`` is
    ``Span(**fields)`` — the same validation, the same object — without the keyword wrapper of
    BaseModel.__init__, about a third of the cost of building a small model (extractors build
    thousands per corpus)."""
    return model.__pydantic_validator__.validate_python  # type: ignore[return-value]


_new_span = new_model(Span)
_START, _END, _LINE_END = attrgetter("start"), attrgetter("end"), attrgetter("line_end")


@dataclass
class DocContext:
    """What an extractor may read about one document."""

    text: str
    start: int
    end: int
    offsets: OffsetMap
    sections: list[SectionInfo] = field(default_factory=list)
    title: str | None = None
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD
    skip: list[tuple[int, int]] = field(default_factory=list)  # title / doc-number ranges (not body)
    self_titles: list[str] = field(default_factory=list)  # the document's own titles (not citations)
    guesses: list[tuple[int, int]] = field(default_factory=list)  # spans normalisation restored by inference
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _reach: list[int] = field(default_factory=list, init=False, repr=False)  # max(end, line_end) per section
    _further: list[int] = field(default_factory=list, init=False, repr=False)  # see section_at
    _sorted: bool = field(default=True, init=False, repr=False)
    _guess_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _guess_reach: list[int] = field(default_factory=list, init=False, repr=False)  # max end of guesses[:i + 1]

    def __post_init__(self) -> None:
        # (column by column, with C-level maps: a document has hundreds of sections)
        sections = self.sections
        self._starts = starts = list(map(_START, sections))
        self._reach = reach = list(map(max, map(_END, sections), map(_LINE_END, sections)))
        self._sorted = all(map(le, starts, starts[1:]))
        # for each section, the nearest earlier one reaching further (-1 if none): one stack sweep
        further = self._further
        stack: list[int] = []
        for i, r in enumerate(reach):
            while stack and reach[stack[-1]] <= r:
                stack.pop()
            further.append(stack[-1] if stack else -1)
            stack.append(i)
        guesses = sorted(self.guesses)
        self._guess_starts = list(map(itemgetter(0), guesses))
        self._guess_reach = list(accumulate(map(itemgetter(1), guesses), max))

    @property
    def year(self) -> int | None:
        """The document's year (from its date), if known."""
        return int(self.date[:4]) if self.date else None

    def span(self, start: int, end: int) -> Span:
        s, e = self.offsets.span_to_source(start, end)
        return _new_span({"start": start, "end": end, "source_start": s, "source_end": e})

    def is_inferred(self, start: int, end: int) -> bool:
        """True when normalisation restored part of text[start:end] by inference (lost unit, decimal point)."""
        i = bisect_left(self._guess_starts, end)  # the guesses starting before end …
        return i > 0 and self._guess_reach[i - 1] > start  # … one of which ends after start

    def section_at(self, offset: int) -> SectionInfo | None:
        """The deepest section whose span contains offset: the last one starting at or before it
        whose reach (max(end, line_end)) passes it.  From a section that does not reach, the
        search jumps to the nearest earlier one reaching further (those between reach no further,
        so none of them holds the offset): no walk back through a long run of siblings."""
        i = bisect_right(self._starts, offset) - 1
        if not self._sorted:  # (sections out of document order: walk back one by one)
            while i >= 0 and not self.sections[i].start <= offset < self._reach[i]:
                i -= 1
            return self.sections[i] if i >= 0 else None
        reach, further = self._reach, self._further
        while i >= 0 and reach[i] <= offset:
            i = further[i]
        return self.sections[i] if i >= 0 else None

    def path_at(self, offset: int) -> list[str]:
        sec = self.section_at(offset)
        return list(sec.path) if sec else []


class Claims:
    """Ranges of text already claimed, with overlap queries in O(log n).

    ``append`` keeps the ranges as given (iteration yields them in insertion
    order); queries use a merged, sorted copy, so checking a candidate never
    rescans every earlier claim.
    """

    def __init__(self, ranges: list[tuple[int, int]] | None = None) -> None:
        self._items: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in ranges or []:
            self.append((a, b))

    def append(self, r: tuple[int, int]) -> None:
        a, b = r
        self._items.append((a, b))
        if b <= a:
            return
        i = bisect_right(self._starts, a)
        # merge with the neighbours it overlaps
        if i > 0 and self._ends[i - 1] > a:
            i -= 1
            a = self._starts[i]
            b = max(b, self._ends[i])
            del self._starts[i], self._ends[i]
        while i < len(self._starts) and self._starts[i] < b:
            b = max(b, self._ends[i])
            del self._starts[i], self._ends[i]
        self._starts.insert(i, a)
        self._ends.insert(i, b)

    def overlaps(self, a: int, b: int) -> bool:
        """True when [a, b) overlaps a claimed range."""
        i = bisect_right(self._starts, a) - 1
        if i >= 0 and self._ends[i] > a and a < b:
            return True
        j = i + 1
        return j < len(self._starts) and self._starts[j] < b

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


Extractor = Callable[[DocContext], list[Any]]


def _assignments(ctx: DocContext) -> list[Any]:
    from .assignments import extract_assignments

    return extract_assignments(ctx)


def _targets(ctx: DocContext) -> list[Any]:
    from .targets import extract_targets

    return extract_targets(ctx)


def _citations(ctx: DocContext) -> list[Any]:
    from .citations import extract_citations

    return extract_citations(ctx)


#: field name on Document → extractor
EXTRACTORS: dict[str, Extractor] = {
    "assignments": _assignments,
    "targets": _targets,
    "citations": _citations,
}
