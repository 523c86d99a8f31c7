"""Flat tables of a converted corpus: documents, sections, assignments, targets, citations.

``write_tables(out, records)`` writes ``OUT/tables/<name>.csv`` (UTF-8, no BOM, a
header line, empty cell for null) and — when pyarrow is importable (the optional
``policyparse[parquet]`` extra) — ``OUT/tables/<name>.parquet`` with typed columns.
Each file is written to a temporary name and renamed when complete.

``records`` are JSON-lines document records (``file_id``, ``doc_index``, ``version``,
``source`` plus the Document's fields), as ``policyparse convert --format jsonl``
writes them.

How the tables join:

* ``documents``: one row per document, key ``(file_id, doc_index)``; ``file_id`` is
  the input's path relative to its input folder (unique within OUT), ``sha256`` its
  content hash.
* ``sections``: one row per heading, key ``(file_id, doc_index, section_index)``
  (``section_index`` numbers the headings of a document in reading order);
  ``section_path`` is the canonical path joined with ``/`` (``三/（一）/5``),
  ``parent_index`` the enclosing heading's ``section_index``.
* ``assignments``, ``targets``, ``citations``: one row per item, key
  ``(file_id, doc_index, item_index)``; ``section_index`` / ``section_path`` name the
  heading the item stands under (empty when it stands before the first heading).

``start`` / ``end`` are character offsets into the file's normalised text (the
``text`` of its ParsedFile JSON).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

__all__ = ["TABLES", "table_rows", "write_tables"]

# Column name → type ("str", "int", "float", "bool"), per table, in order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("file_id", "str"),
        ("doc_index", "int"),
        ("title", "str"),
        ("doc_number", "str"),
        ("agency_code", "str"),
        ("doc_year", "int"),
        ("doc_serial", "int"),
        ("issuer", "str"),
        ("date", "str"),
        ("is_draft", "bool"),
        ("start", "int"),
        ("end", "int"),
        ("sections", "int"),
        ("assignments", "int"),
        ("targets", "int"),
        ("citations", "int"),
        ("format", "str"),
        ("encoding", "str"),
        ("sha256", "str"),
        ("source_path", "str"),
        ("version", "str"),
    ),
    "sections": (
        ("file_id", "str"),
        ("doc_index", "int"),
        ("section_index", "int"),
        ("section_path", "str"),
        ("parent_index", "int"),
        ("level", "int"),
        ("marker", "str"),
        ("style", "str"),
        ("title", "str"),
        ("start", "int"),
        ("end", "int"),
    ),
    "assignments": (
        ("file_id", "str"),
        ("doc_index", "int"),
        ("item_index", "int"),
        ("section_index", "int"),
        ("section_path", "str"),
        ("lead", "str"),
        ("support", "str"),
        ("lead_keys", "str"),
        ("support_keys", "str"),
        ("jointly", "bool"),
        ("explicit", "bool"),
        ("deadline", "str"),
        ("raw", "str"),
        ("start", "int"),
        ("end", "int"),
    ),
    "targets": (
        ("file_id", "str"),
        ("doc_index", "int"),
        ("item_index", "int"),
        ("section_index", "int"),
        ("section_path", "str"),
        ("indicator", "str"),
        ("value", "float"),
        ("value_max", "float"),
        ("unit", "str"),
        ("comparator", "str"),
        ("year", "int"),
        ("deadline", "str"),
        ("kind", "str"),
        ("verb", "str"),
        ("inferred", "bool"),
        ("raw", "str"),
        ("start", "int"),
        ("end", "int"),
    ),
    "citations": (
        ("file_id", "str"),
        ("doc_index", "int"),
        ("item_index", "int"),
        ("section_index", "int"),
        ("section_path", "str"),
        ("title", "str"),
        ("doc_number", "str"),
        ("raw", "str"),
        ("start", "int"),
        ("end", "int"),
    ),
}

#: Separator of several agencies in one cell (agency names never contain it).
LIST_SEP = "|"


def _flat_sections(
    sections: list[dict[str, Any]], parent: int | None, acc: list[tuple[dict[str, Any], int | None]]
) -> None:
    for s in sections:
        acc.append((s, parent))
        _flat_sections(s.get("children") or [], len(acc) - 1, acc)


def _locate(
    flat: list[tuple[dict[str, Any], int | None]], start: int, path: list[str] | None
) -> int | None:
    """The deepest heading whose span holds ``start`` (and whose path is ``path``, if given)."""
    best = None
    for i, (s, _p) in enumerate(flat):
        sp = s["span"]
        if sp["start"] <= start < sp["end"] and (path is None or s["path"] == path):
            best = i  # reading order: a later match is deeper
    if best is None and path:
        best = next((i for i, (s, _p) in enumerate(flat) if s["path"] == path), None)
    return best


def _names(agencies: list[dict[str, Any]], key: str) -> str:
    return LIST_SEP.join(a.get(key) or a.get("name") or "" for a in agencies)


def table_rows(rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one document record."""
    fid, di = rec["file_id"], rec["doc_index"]
    src = rec.get("source") or {}
    dn = rec.get("doc_number") or {}
    flat: list[tuple[dict[str, Any], int | None]] = []
    _flat_sections(rec.get("sections") or [], None, flat)
    sp = rec["span"]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append(
        {
            "file_id": fid,
            "doc_index": di,
            "title": rec.get("title"),
            "doc_number": dn.get("raw"),
            "agency_code": dn.get("agency_code"),
            "doc_year": dn.get("year"),
            "doc_serial": dn.get("serial"),
            "issuer": rec.get("issuer"),
            "date": rec.get("date"),
            "is_draft": rec.get("is_draft"),
            "start": sp["start"],
            "end": sp["end"],
            "sections": len(flat),
            "assignments": len(rec.get("assignments") or []),
            "targets": len(rec.get("targets") or []),
            "citations": len(rec.get("citations") or []),
            "format": src.get("format"),
            "encoding": src.get("encoding"),
            "sha256": src.get("sha256"),
            "source_path": src.get("path"),
            "version": rec.get("version"),
        }
    )
    for i, (s, parent) in enumerate(flat):
        rows["sections"].append(
            {
                "file_id": fid,
                "doc_index": di,
                "section_index": i,
                "section_path": "/".join(s["path"]),
                "parent_index": parent,
                "level": s.get("level"),
                "marker": s.get("marker"),
                "style": s.get("style"),
                "title": s.get("title"),
                "start": s["span"]["start"],
                "end": s["span"]["end"],
            }
        )

    def where(item: dict[str, Any], path: list[str] | None) -> dict[str, Any]:
        k = _locate(flat, item["span"]["start"], path)
        return {
            "section_index": k,
            "section_path": "/".join(flat[k][0]["path"]) if k is not None else "/".join(path or []),
        }

    for i, a in enumerate(rec.get("assignments") or []):
        rows["assignments"].append(
            {
                "file_id": fid,
                "doc_index": di,
                "item_index": i,
                **where(a, a.get("path") or None),
                "lead": _names(a.get("lead") or [], "name"),
                "support": _names(a.get("support") or [], "name"),
                "lead_keys": _names(a.get("lead") or [], "key"),
                "support_keys": _names(a.get("support") or [], "key"),
                "jointly": a.get("jointly"),
                "explicit": a.get("explicit"),
                "deadline": a.get("deadline"),
                "raw": a.get("raw"),
                "start": a["span"]["start"],
                "end": a["span"]["end"],
            }
        )
    for i, t in enumerate(rec.get("targets") or []):
        rows["targets"].append(
            {
                "file_id": fid,
                "doc_index": di,
                "item_index": i,
                **where(t, t.get("path") or None),
                **{
                    k: t.get(k)
                    for k in (
                        "indicator",
                        "value",
                        "value_max",
                        "unit",
                        "comparator",
                        "year",
                        "deadline",
                        "kind",
                        "verb",
                        "inferred",
                        "raw",
                    )
                },
                "start": t["span"]["start"],
                "end": t["span"]["end"],
            }
        )
    for i, c in enumerate(rec.get("citations") or []):
        cdn = c.get("doc_number") or {}
        rows["citations"].append(
            {
                "file_id": fid,
                "doc_index": di,
                "item_index": i,
                **where(c, None),
                "title": c.get("title"),
                "doc_number": cdn.get("raw"),
                "raw": c.get("raw"),
                "start": c["span"]["start"],
                "end": c["span"]["end"],
            }
        )
    return rows


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return None
    return pyarrow


class _ParquetTable:
    CHUNK = 10_000

    def __init__(self, pa: Any, path: Path, columns: tuple[tuple[str, str], ...]) -> None:
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
        self.pa = pa
        self.columns = columns
        self.schema = pa.schema([(name, types[t]) for name, t in columns])
        self.writer = pa.parquet.ParquetWriter(str(path), self.schema)
        self.buf: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.buf.extend(rows)
        if len(self.buf) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            cols = {name: [r.get(name) for r in self.buf] for name, _t in self.columns}
            self.writer.write_table(self.pa.table(cols, schema=self.schema))
            self.buf = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def write_tables(
    out: str | os.PathLike[str], records: Iterable[dict[str, Any]], *, parquet: bool | None = None
) -> dict[str, list[str]]:
    """Write the five tables to ``out/tables/``; return the files written, by table name.

    parquet: True requires pyarrow (ImportError without it); None writes Parquet only
    when pyarrow is importable; False never.  A Parquet table not written is removed (one
    of an earlier run would no longer agree with the CSV beside it).
    """
    folder = Path(out) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    pa = _pyarrow() if parquet is not False else None
    if parquet and pa is None:
        raise ImportError("Parquet tables need pyarrow: pip install 'policyparse[parquet]'")
    final: dict[str, list[tuple[Path, Path]]] = {}
    files = []
    writers: dict[str, Any] = {}
    pq: dict[str, _ParquetTable] = {}
    try:
        for name, columns in TABLES.items():
            tmp = folder / f".{name}.csv.tmp"
            f = open(tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
            files.append(f)
            w = csv.writer(f, lineterminator="\n")
            w.writerow([c for c, _t in columns])
            writers[name] = w
            final[name] = [(tmp, folder / f"{name}.csv")]
            if pa is not None:
                ptmp = folder / f".{name}.parquet.tmp"
                pq[name] = _ParquetTable(pa, ptmp, columns)
                final[name].append((ptmp, folder / f"{name}.parquet"))
        for rec in records:
            for name, rows in table_rows(rec).items():
                cols = TABLES[name]
                writers[name].writerows([[_cell(r.get(c)) for c, _t in cols] for r in rows])
                if name in pq:
                    pq[name].add(rows)
        for t in pq.values():
            t.close()
        for f in files:
            f.close()
        written: dict[str, list[str]] = {}
        for name, pairs in final.items():
            for tmp, dst in pairs:
                os.replace(tmp, dst)
                written.setdefault(name, []).append(str(dst))
            if name not in pq:  # a Parquet table of an earlier run would disagree with the CSV
                with suppress(FileNotFoundError):
                    os.unlink(folder / f"{name}.parquet")
        return written
    except BaseException:
        for f in files:
            f.close()
        for pairs in final.values():
            for tmp, _dst in pairs:
                with suppress(OSError):
                    os.unlink(tmp)
        raise
