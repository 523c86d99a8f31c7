"""The citation graph of a set of parsed files: who cites whom.

``citation_edges(parsed_files)`` returns one flat row per Citation of every
document.  A cited document is resolved to a document in the set by its
发文字号 (``DocNumber.key``, so 国发〔2016〕78号 and 国发[2016]78号 meet) or, failing
that, by its title (the document's title or the title of the plan it issues,
compared without punctuation or spaces).  Anything else is ``external`` — its
``cited_key`` still lets an analyst group the same outside document across
files (which national document each provincial plan implements).

``write_edges(rows, fmt, stream)`` writes the rows as CSV or JSON Lines; the
CLI command ``policyparse citations PATH... --format csv|jsonl`` uses both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import regex

from .export import write_rows
from .models import Document, ParsedFile

#: Columns of an edge row, in order.
EDGE_COLUMNS: tuple[str, ...] = (
    "source_file",
    "source_document",
    "source_title",
    "source_doc_number",
    "cited_title",
    "cited_doc_number",
    "cited_key",
    "target",
    "target_file",
    "target_document",
    "target_title",
    "resolved_by",
    "raw",
)

_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")


def title_key(title: str | None) -> str | None:
    """A title compared without punctuation, quotes, brackets or spaces (survives lost 《》 and “”)."""
    if not title:
        return None
    k = _PUNCT.sub("", title)
    return k or None


def _doc_keys(doc: Document) -> list[str]:
    keys = [title_key(doc.title), title_key(doc.issued_title)]
    return [k for k in keys if k]


def citation_edges(parsed_files: Iterable[ParsedFile]) -> list[dict[str, Any]]:
    """One row per citation of every document of every file, resolved within the set where possible."""
    files = list(parsed_files)
    by_number: dict[str, tuple[str | None, int, Document]] = {}
    by_title: dict[str, tuple[str | None, int, Document]] = {}
    for pf in files:
        for i, doc in enumerate(pf.documents):
            if doc.doc_number and doc.doc_number.key:
                by_number.setdefault(doc.doc_number.key, (pf.source.path, i, doc))
            for k in _doc_keys(doc):
                by_title.setdefault(k, (pf.source.path, i, doc))
    rows: list[dict[str, Any]] = []
    for pf in files:
        for i, doc in enumerate(pf.documents):
            for c in doc.citations:
                num_key = c.doc_number.key if c.doc_number else None
                hit, how = None, None
                if num_key and num_key in by_number:
                    hit, how = by_number[num_key], "doc_number"
                else:
                    tk = title_key(c.title)
                    if tk and tk in by_title:
                        hit, how = by_title[tk], "title"
                if hit is not None and hit[0] == pf.source.path and hit[1] == i:
                    hit, how = None, None  # a document naming itself is not an edge target
                rows.append(
                    {
                        "source_file": pf.source.path,
                        "source_document": i,
                        "source_title": doc.title,
                        "source_doc_number": doc.doc_number.key if doc.doc_number else None,
                        "cited_title": c.title,
                        "cited_doc_number": c.doc_number.raw if c.doc_number else None,
                        "cited_key": num_key or title_key(c.title),
                        "target": f"{hit[0]}#{hit[1]}" if hit else "external",
                        "target_file": hit[0] if hit else None,
                        "target_document": hit[1] if hit else None,
                        "target_title": hit[2].title if hit else None,
                        "resolved_by": how,
                        "raw": c.raw,
                    }
                )
    return rows


def write_edges(rows: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> None:
    """Write edge rows as ``csv`` (header + one line per row, empty cell for null) or ``jsonl``."""
    write_rows(rows, fmt, stream, EDGE_COLUMNS)
