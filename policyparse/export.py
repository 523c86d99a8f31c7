"""Flat tables for analytics: one row per target, as CSV or JSON Lines.

``target_rows(parsed_files)`` turns parsed files into plain dicts that load
directly into pandas or a spreadsheet; ``write_rows(rows, fmt, stream)`` writes
them.  The CLI command ``policyparse targets PATH... --format csv|jsonl`` uses
both.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .models import ParsedFile

#: Columns of a target row, in order.
TARGET_COLUMNS: tuple[str, ...] = (
    "file",
    "document",
    "issuer",
    "path",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "year",
    "deadline",
    "kind",
    "raw",
)


def target_rows(parsed_files: Iterable[ParsedFile]) -> list[dict[str, Any]]:
    """One flat row per target of every document of every file, in document order."""
    rows: list[dict[str, Any]] = []
    for pf in parsed_files:
        file = pf.source.path
        for doc in pf.documents:
            for t in doc.targets:
                rows.append(
                    {
                        "file": file,
                        "document": doc.title,
                        "issuer": doc.issuer,
                        "path": "/".join(t.path),
                        "indicator": t.indicator,
                        "value": t.value,
                        "value_max": t.value_max,
                        "unit": t.unit,
                        "comparator": t.comparator,
                        "year": t.year,
                        "deadline": t.deadline,
                        "kind": t.kind,
                        "raw": t.raw,
                    }
                )
    return rows


def write_rows(
    rows: Iterable[dict[str, Any]], fmt: str, stream: IO[str], columns: Sequence[str] = TARGET_COLUMNS
) -> None:
    """Write rows as ``csv`` (header + one line per row, empty cell for null) or ``jsonl``."""
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}: expected 'csv' or 'jsonl'")
