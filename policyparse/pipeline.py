"""The pipeline: read → normalise → segment → structure → extract → models."""

from __future__ import annotations

import gc
import hashlib
import threading
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import cast

from . import __version__
from .errors import EmptyInput
from .extract import EXTRACTORS, DocContext, SectionInfo
from .models import (
    Document,
    ParsedFile,
    Source,
)
from .normalise import Normalised, normalise
from .read import ReadResult, printable, read_file
from .segment import DocSegment, link_attachments, segment
from .structure import Heading, find_headings

# Nested parts of the output are built as plain dicts and validated once, with the model
# that holds them (pydantic-core checks a dict tree much faster than one model call per object).


def _span(norm: Normalised, start: int, end: int) -> dict:
    """A :class:`Span` as a dict."""
    s, e = norm.offsets.span_to_source(start, end)
    return {"start": start, "end": end, "source_start": s, "source_end": e}


def _section_dict(to_source: Callable[[int, int], tuple[int, int]], h: Heading) -> dict:
    """A :class:`Section` (and its children) as a dict; to_source maps a span to the input."""
    s, e = to_source(h.start, h.end)
    marker = h.marker
    return {
        "marker": marker.marker,
        "path": h.path,
        "level": h.level,
        "title": h.title,
        "style": marker.style,
        "span": {"start": h.start, "end": h.end, "source_start": s, "source_end": e},
        "children": [_section_dict(to_source, c) for c in h.children] if h.children else [],
    }


#: Repair kinds that are guesses: objects overlapping them are marked inferred.
INFERRED_REPAIRS = {"unit", "decimal"}


def _clip_frame(text: str, headings: list[Heading], frame: list[tuple[int, int]]) -> None:
    """End a section before the 公文 frame lines (落款, 附注, 抄送/印发) that close it.

    ``headings``: every heading of the document (each is clipped on its own span alone)."""
    if not frame:
        return
    frame = sorted(frame)
    starts = [a for a, _b in frame]
    for h in headings:
        # the frame lines starting inside the heading's span after its line, the last lines
        # first (found by bisection: most headings hold none)
        k = bisect_left(starts, h.end) - 1
        while k >= 0:
            a, b = frame[k]
            if a <= h.start or a < h.line_end:
                break  # (and so do the lines before it)
            if a < h.end and not text[b : h.end].strip():
                h.end = a
                while h.end > h.start and text[h.end - 1] in " \t\n\r":
                    h.end -= 1
            k -= 1


def _document(norm: Normalised, seg: DocSegment) -> Document:
    text = norm.text
    headings: list[Heading] = []  # in document order
    roots = find_headings(text, seg.start, seg.end, skip=seg.skip, flat=headings)
    # the extractors read the headings themselves (a Heading is a SectionInfo)
    sections = cast("list[SectionInfo]", headings)
    _clip_frame(text, headings, [(p.start, p.end) for p in seg.parts])
    skip = list(seg.skip)
    if seg.doc_number_span:
        skip.append(seg.doc_number_span)
    ctx = DocContext(
        text=text,
        start=seg.start,
        end=seg.end,
        offsets=norm.offsets,
        sections=sections,
        title=seg.title,
        issuer=seg.issuer,
        date=seg.date,
        skip=skip,
        self_titles=[t for t in (seg.title, seg.issued_title) if t],
        guesses=[
            (r.start, max(r.end, r.start + 1))
            for r in norm.repairs
            if r.start is not None and r.end is not None and (r.kind in INFERRED_REPAIRS or "(inferred)" in r.detail)
        ],
    )
    extracted = {name: fn(ctx) for name, fn in EXTRACTORS.items()}
    dn = seg.doc_number
    if dn and "citations" in extracted:  # the document's own number is never a citation
        extracted["citations"] = [
            c for c in extracted["citations"] if c.title or not c.doc_number or c.doc_number.key != dn.key
        ]
    link_attachments(seg, [(s.path, s.style, s.title) for s in sections])
    return Document.model_validate(
        {
            "title": seg.title,
            "doc_number": {"raw": dn.raw, "agency_code": dn.agency_code, "year": dn.year, "serial": dn.serial, "key": dn.key}
            if dn
            else None,
            "issuer": seg.issuer,
            "date": seg.date,
            "is_draft": seg.is_draft,
            "kind": seg.kind,
            "issued_title": seg.issued_title,
            "issued_kind": seg.issued_kind,
            "recipients": seg.recipients,
            "signers": seg.signers,
            "level": seg.level,
            "publicity": seg.publicity,
            "attachments": [
                {"number": a.number, "title": a.title, "path": a.path, "raw": text[a.start : a.end], "span": _span(norm, a.start, a.end)}
                for a in seg.attachments
            ],
            "anatomy": [{"kind": p.kind, "raw": text[p.start : p.end], "span": _span(norm, p.start, p.end)} for p in seg.parts],
            "span": _span(norm, seg.start, seg.end),
            "sections": [_section_dict(norm.offsets.span_to_source, h) for h in roots],
            **extracted,  # assignments, targets, citations (model instances, taken as they are)
        }
    )


def parse_normalised(norm: Normalised, source: Source) -> ParsedFile:
    docs = [_document(norm, seg) for seg in segment(norm.text)] if norm.text.strip() else []
    repairs = [
        {
            "kind": r.kind,
            "detail": r.detail,
            "span": _span(norm, r.start, r.end) if r.start is not None and r.end is not None else None,
        }
        for r in norm.repairs
    ]
    return ParsedFile.model_validate(
        {"version": __version__, "source": source, "text": norm.text, "repairs": repairs, "documents": docs}
    )


def pauses_collector() -> bool:
    """Whether a parse from here pauses the cyclic garbage collector (see :func:`_parse`): it
    is running and this is the main thread."""
    return gc.isenabled() and threading.current_thread() is threading.main_thread()


def _parse(text: str, source: Source) -> ParsedFile:
    """Normalise and parse ``text``, the cyclic garbage collector paused meanwhile.

    Parsing allocates millions of small objects (matches, tuples, spans) that live until the
    result is built; each of CPython's collections walks all of them, so with the collector
    running a 5 M character document took 1.8× as long (and time grew faster than the input).
    Parsing makes no reference cycles (a test checks it), so pausing the collector frees
    nothing later.  The collector is process-wide: it is paused only from the main thread
    (convert's workers, a script), never from another thread (a Dask worker, a web server's
    request thread: another thread's setting must not be overridden), only if it was running,
    and restarted however the parse ends (an exception between the check and the pause
    leaves it running)."""
    paused = pauses_collector()
    try:
        if paused:
            gc.disable()
        return parse_normalised(normalise(text), source)
    finally:
        if paused:
            gc.enable()


def parse_text(text: str, *, source: Source | None = None) -> ParsedFile:
    """Parse already-decoded text."""
    if source is None:
        # (surrogatepass: a str may hold lone surrogates, which normalise replaces; the hash
        # is of the text as given)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        source = Source(path=None, sha256=digest, encoding=None, format="txt")
    return _parse(text, source)


def parse_read(result: ReadResult, path: str | None = None) -> ParsedFile:
    """Parse the result of a reader."""
    if path is not None:
        path = printable(path)  # (JSON holds Unicode only: a file name's non-UTF-8 bytes as \\xNN)
    if not result.text.strip():
        raise EmptyInput(f"{path or 'input'}: no text")
    source = Source(path=path, sha256=result.sha256, encoding=result.encoding, format=result.format)
    return _parse(result.text, source)


def parse_file(path: str | Path) -> ParsedFile:
    """Read and parse one file (any supported format)."""
    result = read_file(path)
    return parse_read(result, str(path))
