"""Merged table cells (HTML rowspan/colspan, Word w:vMerge/w:gridSpan) laid out on a grid.

A cell spanning several rows is repeated in each row it covers, so a 牵头单位 cell
shared by three tasks stands in each task's row; a cell spanning several columns is
written once, followed by empty cells, so the columns after it stay aligned with the
header (a title merged across the whole table is its text alone).  A two- or
three-row header (责任单位 over 牵头单位 | 配合单位, the other
header cells spanning the header's rows) becomes one header row holding the lowest
name of each column.

Expansion is bounded: spans are clamped and the slots spans add are capped in
proportion to the cells written, so a hostile rowspan/colspan cannot blow up the
output.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_COLSPAN = 100
MAX_ROWSPAN = 10000


@dataclass
class Cell:
    text: str
    rows: int = 1  # rows covered (HTML rowspan); 0 = to the end of the table
    cols: int = 1  # columns covered
    cont: bool = False  # Word w:vMerge continuation: the cell above goes on here


@dataclass
class _Slot:
    text: str
    origin: int  # id of the cell the slot belongs to (-1: none)
    kind: str  # "first" (where the cell was written), "right" (colspan), "down" (rowspan)


def _fill(out: list[_Slot], pending: dict[int, tuple[_Slot, int]], budget: int) -> int:
    """Copy the cells spanning down from above into ``out`` while its next column has one."""
    while len(out) in pending:
        col = len(out)
        slot, left = pending[col]
        out.append(_Slot(slot.text, slot.origin, "down"))
        budget -= 1
        if left <= 1 or budget <= 0:
            del pending[col]
        else:
            pending[col] = (slot, left - 1)
    return budget


def _lay_out(rows: list[list[Cell]]) -> tuple[list[list[_Slot]], dict[int, int]]:
    written = sum(len(r) for r in rows)
    budget = 4 * written + 1000  # slots spans may add beyond the cells written
    grid: list[list[_Slot]] = []
    widths: dict[int, int] = {}  # origin → columns covered
    pending: dict[int, tuple[_Slot, int]] = {}  # column → (slot to copy, rows left)
    next_id = 0
    for r_i, row in enumerate(rows):
        out: list[_Slot] = []
        for cell in row:
            budget = _fill(out, pending, budget)
            col = len(out)
            cols = max(1, min(cell.cols, MAX_COLSPAN))
            if cols > 1:
                cols = min(cols, 1 + max(0, budget))
                budget -= cols - 1
            if cell.cont and grid:
                above = grid[-1]
                for k in range(cols):
                    up = above[col + k] if col + k < len(above) else None
                    out.append(_Slot(up.text if up else "", up.origin if up else -1, "down"))
                budget -= cols
                continue
            origin = next_id
            next_id += 1
            widths[origin] = cols
            out.append(_Slot(cell.text, origin, "first"))
            out.extend(_Slot("", origin, "right") for _ in range(cols - 1))
            span = len(rows) - r_i if cell.rows <= 0 else min(cell.rows, MAX_ROWSPAN)
            if span > 1 and budget > 0:
                for k in range(cols):
                    pending[col + k] = (out[col + k], span - 1)
        budget = _fill(out, pending, budget)
        last = max(pending, default=-1)
        while len(out) <= last and pending:  # spans from above right of the last cell
            if len(out) not in pending:
                out.append(_Slot("", -1, "down"))
            budget = _fill(out, pending, budget)
        grid.append(out)
    return grid, widths


def _header_depth(grid: list[list[_Slot]], widths: dict[int, int]) -> int:
    """Rows of a two- or three-row header block heading the table, else 1.

    Row 0 has a cell spanning columns; each row below it, down to the block's last
    row, either continues a cell of row 0 downwards or names the columns under a
    spanning cell; no cell of the block runs on below it.
    """
    if len(grid) < 3 or not any(s.kind == "right" for s in grid[0]):
        return 1
    in_block = {s.origin for s in grid[0]}
    for depth in (2, 3):
        if len(grid) <= depth:
            return 1
        row = grid[depth - 1]
        above = grid[depth - 2]
        if not any(s.kind == "down" for s in row):
            return 1
        for col, s in enumerate(row):
            if s.kind == "down":
                if s.origin not in in_block:
                    return 1
            elif col >= len(above) or widths.get(above[col].origin, 1) < 2:
                return 1
        in_block |= {s.origin for s in row}
        if not any(s.kind == "down" and s.origin in in_block for s in grid[depth]):
            return depth
    return 1


def _is_caption(row: list[_Slot]) -> bool:
    """A row that is one cell merged across the table (a title above the header)."""
    return bool(row) and row[0].kind == "first" and all(s.kind == "right" for s in row[1:])


def expand(rows: list[list[Cell]]) -> list[list[str]]:
    """The table's rows as lists of cell texts, merged cells laid out on the grid."""
    if not any(c.rows != 1 or c.cols != 1 or c.cont for r in rows for c in r):
        return [[c.text for c in r] for r in rows]
    grid, widths = _lay_out(rows)
    top = 0
    while top < min(len(grid), 3) and _is_caption(grid[top]):
        top += 1
    depth = _header_depth(grid[top:], widths)
    if depth > 1:
        block = grid[top : top + depth]
        width = max(len(r) for r in block)
        header = []
        for col in range(width):
            text = ""
            for r in block:
                if col < len(r) and r[col].kind == "first" and r[col].text:
                    text = r[col].text  # the lowest name written in this column
            header.append(text)
        grid = [*grid[:top], [_Slot(t, -1, "first") for t in header], *grid[top + depth :]]
    # a title merged across the table is its text alone, not a row of empty cells
    return [[row[0].text] if _is_caption(row) else [s.text for s in row] for row in grid]
