"""Excel workbooks (.xlsx): the cells of each visible sheet as TAB-separated rows.

Task lists (重点任务分工表) and indicator tables are often published as spreadsheets.  Each
visible sheet, in the workbook's order, becomes its rows: one line per row, cells joined by
TAB, empty rows left out, sheets apart by a blank line; a sheet named other than by default
(Sheet1, 工作表1) has its name on a line above its rows, unless its first row holds it.
Merged cells are laid out as in HTML and DOCX tables (:mod:`.grid`): a cell merged down
stands in each row it covers, one merged across stands once.

Values as the sheet shows them: shared and inline strings, numbers without float noise
(0.30000000000000004 → 0.3, 79.0 → 79), percentages by their number format (0.855 with
``0.0%`` → 85.5%), dates by theirs (a serial day number → 2024年10月31日), TRUE/FALSE.
Formulas give their cached value.  The XML is read with the package's safe parser, the zip
with its limits; a workbook over :data:`MAX_CELLS` cells is refused.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..errors import CorruptInput, EmptyInput
from . import SPREADSHEETML_NS
from .grid import Cell, expand
from .ziputil import SafeZip, local, resolve

#: The most cells read from a workbook (a sheet of a million empty formatted cells is no text).
MAX_CELLS = 1_000_000

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DEFAULT_SHEET = re.compile(r"(?:sheet|工作表|表)\s*\d+", re.I)
_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")
#: built-in number formats that show dates, and those that show percentages
_DATE_FORMATS = frozenset([*range(14, 18), 22, *range(27, 37), *range(50, 59)])
_PERCENT_FORMATS = frozenset([9, 10])
_EXCEL_EPOCH = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)  # a workbook saved with the 1904 date system (date1904)


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _ref(ref: str) -> tuple[int, int] | None:
    """(row, column), 0-based, of a cell reference (B3 → (2, 1))."""
    m = _REF.fullmatch(ref.strip().replace("$", ""))
    return (int(m.group(2)) - 1, _column(m.group(1))) if m else None


def _texts(el) -> str:
    """A string item's text: its t elements (runs included), not its phonetic guides."""
    out = []
    for t in el.iter():
        name = local(t.tag)
        if name == "rPh":
            continue
        if name == "t" and t.text and local(t.getparent().tag) != "rPh":
            out.append(t.text)
    return "".join(out)


def _number(v: str, fmt: str) -> str:
    try:
        x = float(v)
    except ValueError:
        return v
    if x != x or x in (float("inf"), float("-inf")):
        return v
    if fmt == "percent":
        return f"{float(f'{x * 100:.10g}'):g}%" if abs(x) < 1e13 else v
    if fmt in ("date", "date1904") and 0 < x < 2958466:  # up to 9999-12-31
        d = (_EPOCH_1904 if fmt == "date1904" else _EXCEL_EPOCH) + timedelta(days=int(x))
        return f"{d.year}年{d.month}月{d.day}日"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    shown = f"{x:.12g}"  # (no float noise: 0.30000000000000004 → 0.3)
    if "e" in shown and 1e-9 < abs(x) < 1e15:  # positional, as a sheet shows it: 12345678901.5, 0.00001
        shown = format(Decimal(shown), "f")
    return shown


def _formats(zf: SafeZip, styles_part: str | None) -> list[str]:
    """Per cell style index: 'date', 'percent' or '' (how a number is shown)."""
    if not styles_part or styles_part not in zf:
        return []
    try:
        root = zf.read_xml(styles_part)
    except CorruptInput:
        return []  # a broken style sheet shows numbers plainly
    custom: dict[int, str] = {}
    xfs: list[str] = []
    for el in root:
        name = local(el.tag)
        if name == "numFmts":
            for f in el:
                try:
                    custom[int(f.get("numFmtId") or -1)] = f.get("formatCode") or ""
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in el:
                try:
                    fid = int(xf.get("numFmtId") or 0)
                except ValueError:
                    fid = 0
                xfs.append(_kind(fid, custom.get(fid)))
    return xfs


def _kind(fid: int, code: str | None) -> str:
    if code is None:
        return "date" if fid in _DATE_FORMATS else "percent" if fid in _PERCENT_FORMATS else ""
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)  # literal text, colours, escapes
    if "%" in plain:
        return "percent"
    return "date" if re.search(r"[yd]", plain, re.I) else ""


def _sheet_rows(root, shared: list[str], formats: list[str], budget: list[int]) -> list[list[str]]:
    """One sheet's rows as lists of cell texts, merged cells laid out."""
    values: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    for part in root:
        name = local(part.tag)
        if name == "sheetData":
            next_row = 0
            for row in part:
                if local(row.tag) != "row":
                    continue
                try:
                    r = int(row.get("r")) - 1 if row.get("r") else next_row
                except ValueError:
                    r = next_row
                next_row = r + 1
                next_col = 0
                for c in row:
                    if local(c.tag) != "c":
                        continue
                    budget[0] -= 1
                    if budget[0] < 0:
                        raise CorruptInput(f"workbook holds more than {MAX_CELLS} cells (the limit)")
                    at = _ref(c.get("r") or "")
                    rc = at if at is not None else (r, next_col)
                    next_col = rc[1] + 1
                    text = _cell_text(c, shared, formats)
                    if text:
                        values[rc] = " ".join(text.split())
        elif name == "mergeCells":
            for m in part:
                a, _, b = (m.get("ref") or "").partition(":")
                p, q = _ref(a), _ref(b or a)
                if p and q and q[0] >= p[0] and q[1] >= p[1]:
                    merges.append((p[0], p[1], q[0], q[1]))
    return lay_out(values, merges, budget)


def lay_out(values: dict[tuple[int, int], str], merges: list[tuple[int, int, int, int]],
            budget: list[int]) -> list[list[str]]:
    """A sheet's rows as lists of cell texts: values by (row, column), merges as (first row,
    first column, last row, last column); budget[1]: the grid slots the workbook may still
    lay out.  (Shared by the .xls reader.)"""
    if not values:
        return []
    # the grid holds the rows and columns that show something (a sheet's empty columns and
    # rows, however far its cells lie apart, cost nothing); a merge spans those of its range
    rows_used = sorted({r for r, _c in values})
    cols_used = sorted({c for _r, c in values})
    budget[1] -= len(rows_used) * len(cols_used)
    if budget[1] < 0:
        raise CorruptInput(f"workbook lays out more than {4 * MAX_CELLS} cells (the limit)")
    row_at = {r: i for i, r in enumerate(rows_used)}
    col_at = {c: i for i, c in enumerate(cols_used)}
    origin: dict[tuple[int, int], tuple[int, int]] = {}  # a merge's first cell → (rows, cols)
    covered: set[tuple[int, int]] = set()
    area = 0  # cells the merges cover, bounded: a sheet of huge merges is no text
    for r0, c0, r1, c1 in merges:
        # (a merge whose first cell shows nothing is left out: the cells it covers keep theirs)
        if r0 not in row_at or c0 not in col_at:
            continue
        i0, j0 = row_at[r0], col_at[c0]
        down = bisect_right(rows_used, r1) - i0
        across = bisect_right(cols_used, c1) - j0
        if (i0, j0) in covered:
            continue
        area += down * across
        if area > MAX_CELLS:
            raise CorruptInput(f"worksheet merges more than {MAX_CELLS} cells (the limit)")
        origin[(i0, j0)] = (down, across)
        covered.update((i, j) for i in range(i0, i0 + down) for j in range(j0, j0 + across) if (i, j) != (i0, j0))
    grid: list[list[Cell]] = []
    for i, r in enumerate(rows_used):
        cells: list[Cell] = []
        for j, c in enumerate(cols_used):
            if (i, j) in covered:
                continue
            span = origin.get((i, j))
            text = values.get((r, c), "")
            cells.append(Cell(text) if span is None else Cell(text, rows=span[0], cols=span[1]))
        grid.append(cells)
    return expand(grid)


def _cell_text(c, shared: list[str], formats: list[str]) -> str:
    kind = c.get("t") or "n"
    if kind == "inlineStr":
        return "".join(_texts(el) for el in c if local(el.tag) == "is")
    v = next((el.text or "" for el in c if local(el.tag) == "v"), "")
    if kind == "s":
        try:
            return shared[int(v)]
        except (ValueError, IndexError):
            return ""
    if kind in ("str", "e"):
        return v
    if kind == "b":
        return {"1": "TRUE", "0": "FALSE"}.get(v.strip(), v)
    if not v:
        return ""
    try:
        style = formats[int(c.get("s") or 0)]
    except (ValueError, IndexError):
        style = ""
    return _number(v, style)


def read_xlsx(data: bytes, zf: SafeZip) -> tuple[str, dict[str, str]]:
    """The text of a workbook's visible sheets; returns (text, metadata)."""
    book_part = "xl/workbook.xml"
    if "_rels/.rels" in zf:
        for rel in zf.read_xml("_rels/.rels"):
            if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("Target"):
                book_part = resolve("", rel.get("Target"))
    if book_part not in zf:
        raise CorruptInput(f"workbook lacks its main part {book_part!r}")
    book = zf.read_xml(book_part)
    base = posixpath.dirname(book_part)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels")
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    if rels_name in zf:
        for rel in zf.read_xml(rels_name):
            if rel.get("Target") and rel.get("TargetMode") != "External":
                path = resolve(base, rel.get("Target"))
                targets[rel.get("Id") or ""] = path
                by_type[(rel.get("Type") or "").rsplit("/", 1)[-1]] = path
    shared: list[str] = []
    strings = by_type.get("sharedStrings") or posixpath.join(base, "sharedStrings.xml")
    if strings in zf:
        shared = [_texts(si) for si in zf.read_xml(strings) if local(si.tag) == "si"]
    formats = _formats(zf, by_type.get("styles") or posixpath.join(base, "styles.xml"))
    props = next((el for el in book if local(el.tag) == "workbookPr"), None)
    if props is not None and (props.get("date1904") or "").lower() in ("1", "true"):
        formats = ["date1904" if f == "date" else f for f in formats]
    sheets: Any = next((el for el in book if local(el.tag) == "sheets"), [])
    out: list[str] = []
    budget = [MAX_CELLS, 4 * MAX_CELLS]  # cells read, grid slots laid out (the whole workbook)
    for i, sheet in enumerate(sheets):
        if (sheet.get("state") or "visible") != "visible":
            continue
        part = targets.get(sheet.get(f"{{{_REL}}}id") or "") or posixpath.join(base, f"worksheets/sheet{i + 1}.xml")
        if part not in zf:
            continue
        out.append(sheet_text(sheet.get("name") or "", _sheet_rows(zf.read_xml(part), shared, formats, budget)))
    return workbook_text(out), {}


def sheet_text(name: str, rows: list[list[str]]) -> str:
    """A sheet as text: its non-empty rows, cells joined by TAB, under its name when the name
    is its own (not Sheet1) and its first row does not hold it; "" for an empty sheet.
    (Shared by the .xlsx, .xls and Excel 2003 XML readers.)"""
    lines = [ln for ln in ("\t".join(r).rstrip("\t") for r in rows) if ln.strip()]
    if not lines:
        return ""
    name = " ".join(name.split())
    if name and not _DEFAULT_SHEET.fullmatch(name) and name not in lines[0].replace("\t", ""):
        lines.insert(0, name)
    return "\n".join(lines)


def workbook_text(sheets: list[str]) -> str:
    """The sheets' texts apart by a blank line; EmptyInput when none holds text."""
    text = "\n\n".join(t for t in sheets if t)
    if not text.strip():
        raise EmptyInput("workbook holds no text")
    return text


# --- Excel 2003 XML (SpreadsheetML), often saved or served under an .xls name

_SS = "{" + SPREADSHEETML_NS + "}"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_spreadsheetml(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of an Excel 2003 XML workbook's visible worksheets (Row/Cell/Data, ss:Index
    gaps, ss:MergeAcross/ss:MergeDown), laid out and shown as for .xlsx; returns (text, metadata)."""
    from .ziputil import parse_xml

    root = parse_xml(data, what="Excel 2003 XML workbook")
    percent_styles = set()
    for style in root.iter(_SS + "Style"):
        fmt = next((f.get(_SS + "Format") or "" for f in style if local(f.tag) == "NumberFormat"), "")
        if "%" in fmt or fmt == "Percent":
            percent_styles.add(style.get(_SS + "ID"))
    budget = [MAX_CELLS, 4 * MAX_CELLS]
    out: list[str] = []
    for sheet in root.iter(_SS + "Worksheet"):
        options = " ".join(el.text or "" for el in sheet.iter() if local(el.tag) == "Visible")
        if "Hidden" in options or (sheet.get(_SS + "Visible") or "").endswith("Hidden"):
            continue
        values: dict[tuple[int, int], str] = {}
        merges: list[tuple[int, int, int, int]] = []
        r = -1
        for row in sheet.iter(_SS + "Row"):
            r = _index(row, r + 1)
            c = -1
            for cell in row:
                if local(cell.tag) != "Cell":
                    continue
                budget[0] -= 1
                if budget[0] < 0:
                    raise CorruptInput(f"workbook holds more than {MAX_CELLS} cells (the limit)")
                c = _index(cell, c + 1)
                across, down = _span(cell, "MergeAcross"), _span(cell, "MergeDown")
                if across or down:
                    merges.append((r, c, r + down, c + across))
                text = _cell_data(cell, percent_styles)
                if text:
                    values[(r, c)] = " ".join(text.split())
                c += across
        out.append(sheet_text(sheet.get(_SS + "Name") or "", lay_out(values, merges, budget)))
    return workbook_text(out), {}


def _index(el: Any, default: int) -> int:
    """A Row's or Cell's 0-based position: its ss:Index (1-based) or the one after the last."""
    try:
        k = int(el.get(_SS + "Index") or 0) - 1
    except ValueError:
        return default
    return k if 0 <= k < 10_000_000 else default


def _span(cell: Any, attr: str) -> int:
    try:
        return max(0, min(int(cell.get(_SS + attr) or 0), 10_000_000))
    except ValueError:
        return 0


def _cell_data(cell: Any, percent_styles: set[str | None]) -> str:
    data = next((el for el in cell if local(el.tag) == "Data"), None)
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(_SS + "Type") or "String"
    if kind == "Number":
        return _number(text.strip(), "percent" if cell.get(_SS + "StyleID") in percent_styles else "")
    if kind == "DateTime":
        m = _ISO_DATE.match(text.strip())
        return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日" if m else text
    if kind == "Boolean":
        return {"1": "TRUE", "0": "FALSE"}.get(text.strip(), text)
    return text
