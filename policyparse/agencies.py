"""Agency index: per responsible body, the tasks it leads and supports across files.

``agency_index(parsed_files)`` groups every Agency of every Assignment by its
canonical ``key`` (aliases folded, so 自治区卫生计生委 and 自治区卫生健康委 meet) and
lists each task with the file, the document title, the section path and the raw
note.  ``policyparse agencies PATH...`` prints the same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .models import Agency, Assignment, ParsedFile


def _task(file: str | None, title: str | None, a: Assignment) -> dict[str, Any]:
    return {
        "file": file,
        "document": title,
        "path": list(a.path),
        "raw": a.raw,
        "jointly": a.jointly,
        "explicit": a.explicit,
        "deadline": a.deadline,
    }


def _files(
    parsed_files: Iterable[ParsedFile | tuple[str, ParsedFile]],
) -> Iterable[tuple[str | None, ParsedFile]]:
    for item in parsed_files:
        if isinstance(item, ParsedFile):
            yield item.source.path, item
        else:
            path, pf = item
            yield str(path) if path is not None else pf.source.path, pf


def agency_index(
    parsed_files: Iterable[ParsedFile | tuple[str, ParsedFile]], *, include_implicit: bool = False
) -> list[dict[str, Any]]:
    """One row per agency key: name, spellings, tasks led and supported.

    ``parsed_files``: ParsedFile objects or (path, ParsedFile) pairs.  In-text duties
    (``explicit=False``) are left out unless ``include_implicit``.  Rows are ordered
    by workload (tasks led + supported, most first), then by key.
    """
    rows: dict[str, dict[str, Any]] = {}
    names: dict[str, Counter[str]] = {}

    def add(agency: Agency, role: str, task: dict[str, Any]) -> None:
        key = agency.key or agency.name
        row = rows.setdefault(
            key, {"key": key, "name": agency.name, "names": [], "led": [], "supported": []}
        )
        names.setdefault(key, Counter())[agency.name] += 1
        if task not in row[role]:  # one unit listed twice in one note counts once
            row[role].append(task)

    for path, pf in _files(parsed_files):
        for doc in pf.documents:
            for a in doc.assignments:
                if not a.explicit and not include_implicit:
                    continue
                task = _task(path, doc.title, a)
                for ag in a.lead:
                    add(ag, "led", task)
                for ag in a.support:
                    add(ag, "supported", task)

    out = []
    for key, row in rows.items():
        spelled = names[key]
        row["name"] = spelled.most_common(1)[0][0]
        row["names"] = sorted(spelled)
        row["lead_count"] = len(row["led"])
        row["support_count"] = len(row["supported"])
        out.append(row)
    out.sort(key=lambda r: (-(r["lead_count"] + r["support_count"]), r["key"]))
    return [
        {
            k: r[k]
            for k in ("key", "name", "names", "lead_count", "support_count", "led", "supported")
        }
        for r in out
    ]
