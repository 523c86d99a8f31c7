"""Reader for the readable rule tables in tests/tables/*.txt.

A table holds cases: ``=== name`` starts a case, the input text follows, a
line ``---`` separates it from the expected lines.  Each case carries the line
number where it starts, which goes into the pytest id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

TABLES = Path(__file__).parent / "tables"


@dataclass
class Case:
    name: str
    line: int
    input: str
    expected: list[str]


def load_cases(name: str) -> list[Case]:
    cases: list[Case] = []
    cur: Case | None = None
    in_expected = False
    for no, line in enumerate((TABLES / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("=== "):
            cur = Case(line[4:].strip(), no, "", [])
            cases.append(cur)
            in_expected = False
            continue
        if cur is None:
            continue  # header comments
        if line == "---":
            in_expected = True
            continue
        if in_expected:
            if line.strip() and not line.startswith("#"):
                cur.expected.append(line.strip())
        else:
            cur.input += line + "\n"
    return cases


def params(name: str):
    return [pytest.param(c, id=f"{name}:{c.line}:{c.name}") for c in load_cases(name)]
