"""Excel 97–2003 workbooks (.xls, BIFF8): each visible sheet's cells as TAB-separated rows.

The ``Workbook`` stream of an OLE2 compound file (:class:`.doc.CompoundFile`) is a run of
records ([MS-XLS]).  The globals give the shared strings (SST, continued over CONTINUE
records), the number formats (FORMAT, XF), the date system (DATEMODE) and the sheets
(BOUNDSHEET: name, visibility, where its records start); each sheet's cells come from
LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA (its cached value; a string result in the STRING
record after it) and BOOLERR, its merged ranges from MERGEDCELLS.  Values are shown and
sheets laid out as the .xlsx reader does (:func:`.xlsx.lay_out`).  Older BIFF versions
(Excel 5/95, a ``Book`` stream) and encrypted workbooks are refused by name.
"""

from __future__ import annotations

import struct

from ..errors import CorruptInput, UnsupportedFormat
from .doc import CompoundFile
from .xlsx import MAX_CELLS, _kind, _number, lay_out, sheet_text, workbook_text

_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_SST, _FORMAT, _XF, _DATEMODE, _BOUNDSHEET, _FILEPASS = 0x00FC, 0x041E, 0x00E0, 0x0022, 0x0085, 0x002F
_LABELSST, _LABEL, _NUMBER, _RK, _MULRK = 0x00FD, 0x0204, 0x0203, 0x027E, 0x00BD
_FORMULA, _STRING, _BOOLERR, _MERGED = 0x0006, 0x0207, 0x0205, 0x00E5
_BIFF8 = 0x0600


def _records(stream: bytes, start: int = 0) -> list[tuple[int, int, bytes]]:
    """(type, offset, data) of the records from start to the first EOF, CONTINUE records
    joined to the one before them (their offsets kept in _conts for the SST)."""
    out: list[tuple[int, int, bytes]] = []
    at, n = start, len(stream)
    while at + 4 <= n:
        typ, size = struct.unpack_from("<HH", stream, at)
        data = stream[at + 4 : at + 4 + size]
        out.append((typ, at, data))
        at += 4 + size
        if typ == _EOF:
            break
    return out


class _Reader:
    """Reads strings out of a record and its CONTINUE records (a string's characters may run
    into the next record, which then opens with a new flags byte)."""

    def __init__(self, parts: list[bytes]) -> None:
        self.parts, self.i, self.at = parts, 0, 0

    def _need(self, k: int) -> None:
        while self.at + k > len(self.parts[self.i]):
            if self.at < len(self.parts[self.i]) or self.i + 1 >= len(self.parts):
                if self.i + 1 >= len(self.parts):
                    raise CorruptInput("XLS workbook: a shared string runs past its records")
                # a field split over two records: join what is left with the next
                rest = self.parts[self.i][self.at :]
                self.parts[self.i + 1] = rest + self.parts[self.i + 1]
            self.i, self.at = self.i + 1, 0

    def u8(self) -> int:
        self._need(1)
        v = self.parts[self.i][self.at]
        self.at += 1
        return v

    def u16(self) -> int:
        self._need(2)
        v = struct.unpack_from("<H", self.parts[self.i], self.at)[0]
        self.at += 2
        return v

    def u32(self) -> int:
        self._need(4)
        v = struct.unpack_from("<I", self.parts[self.i], self.at)[0]
        self.at += 4
        return v

    def skip(self, k: int) -> None:
        while k > 0:
            left = len(self.parts[self.i]) - self.at
            if left <= 0:
                if self.i + 1 >= len(self.parts):
                    raise CorruptInput("XLS workbook: a shared string runs past its records")
                self.i, self.at = self.i + 1, 0
                continue
            step = min(k, left)
            self.at += step
            k -= step

    def chars(self, cch: int, high: bool) -> str:
        out: list[str] = []
        while cch > 0:
            part = self.parts[self.i]
            if self.at >= len(part):  # the characters go on in the next record, a new flags byte first
                if self.i + 1 >= len(self.parts):
                    raise CorruptInput("XLS workbook: a shared string runs past its records")
                self.i, self.at = self.i + 1, 0
                high = bool(self.u8() & 0x01)
                continue
            width = 2 if high else 1
            k = min(cch, (len(part) - self.at) // width)
            if k == 0:
                raise CorruptInput("XLS workbook: a character split over two records")
            raw = part[self.at : self.at + k * width]
            out.append(raw.decode("utf-16-le" if high else "latin-1", "replace"))
            self.at += k * width
            cch -= k
        return "".join(out)

    def string(self, long_count: bool = True) -> str:
        """An XLUnicodeRichExtendedString (its runs and extension skipped)."""
        cch = self.u16() if long_count else self.u8()
        flags = self.u8()
        runs = self.u16() if flags & 0x08 else 0
        ext = self.u32() if flags & 0x04 else 0
        text = self.chars(cch, bool(flags & 0x01))
        self.skip(4 * runs + ext)
        return text


def _sst(parts: list[bytes]) -> list[str]:
    reader = _Reader(parts)
    reader.u32()  # cstTotal
    unique = reader.u32()
    out: list[str] = []
    for _ in range(min(unique, MAX_CELLS)):
        try:
            out.append(reader.string())
        except CorruptInput:
            break  # (a short table: the strings read so far)
    return out


def _string(data: bytes, at: int) -> str:
    """An XLUnicodeString (16-bit count, flags, characters) inside one record."""
    reader = _Reader([data])
    reader.at = at
    return reader.string()


def _rk(v: int) -> float:
    if v & 0x02:
        x = float(struct.unpack("<i", struct.pack("<I", v & 0xFFFFFFFC))[0] >> 2)
    else:
        x = struct.unpack("<d", struct.pack("<Q", (v & 0xFFFFFFFC) << 32))[0]
    return x / 100 if v & 0x01 else x


def read_xls(data: bytes, cf: CompoundFile | None = None) -> tuple[str, dict[str, str]]:
    """The text of an Excel 97–2003 workbook's visible sheets; returns (text, metadata)."""
    try:
        return _read_xls(data, cf)
    except (struct.error, IndexError, ValueError, OverflowError) as exc:
        raise CorruptInput(f"damaged XLS workbook ({type(exc).__name__}: {exc})") from None


def _read_xls(data: bytes, cf: CompoundFile | None) -> tuple[str, dict[str, str]]:
    cf = cf or CompoundFile(data)
    if not cf.has("Workbook"):
        if cf.has("Book"):
            raise UnsupportedFormat("input is an Excel 5.0/95 workbook (older than Excel 97): save it as .xlsx")
        raise UnsupportedFormat("input is a legacy Office file that is neither Word nor Excel: save it as .docx")
    stream = cf.stream("Workbook")
    globals_ = _records(stream)
    if not globals_ or globals_[0][0] != _BOF or len(globals_[0][2]) < 2 or struct.unpack_from("<H", globals_[0][2])[0] != _BIFF8:
        raise UnsupportedFormat("input is an Excel workbook older than Excel 97 (not BIFF8): save it as .xlsx")
    shared: list[str] = []
    custom: dict[int, str] = {}
    xf_formats: list[int] = []
    date1904 = False
    sheets: list[tuple[str, int, int]] = []  # (name, where its BOF is, visibility)
    for k, (typ, _at, rec) in enumerate(globals_):
        if typ == _FILEPASS:
            raise UnsupportedFormat("input is an encrypted Excel workbook: save it without a password")
        if typ == _SST:
            parts = [rec]
            for typ2, _at2, rec2 in globals_[k + 1 :]:
                if typ2 != _CONTINUE:
                    break
                parts.append(rec2)
            shared = _sst(parts)
        elif typ == _FORMAT and len(rec) >= 5:
            custom[struct.unpack_from("<H", rec)[0]] = _string(rec, 2)
        elif typ == _XF and len(rec) >= 4:
            xf_formats.append(struct.unpack_from("<H", rec, 2)[0])
        elif typ == _DATEMODE and len(rec) >= 2:
            date1904 = struct.unpack_from("<H", rec)[0] == 1
        elif typ == _BOUNDSHEET and len(rec) >= 8:
            pos, vis, kind = struct.unpack_from("<IBB", rec)
            if kind == 0:  # a worksheet (not a chart or macro sheet)
                reader = _Reader([rec])
                reader.at = 6
                cch, flags = reader.u8(), reader.u8()
                sheets.append((reader.chars(cch, bool(flags & 0x01)), pos, vis))
    formats = [_kind(fid, custom.get(fid)) for fid in xf_formats]
    if date1904:
        formats = ["date1904" if f == "date" else f for f in formats]
    budget = [MAX_CELLS, 4 * MAX_CELLS]
    out: list[str] = []
    for name, pos, vis in sheets:
        if vis != 0 or pos >= len(stream):
            continue
        out.append(sheet_text(name, lay_out(*_sheet(stream, pos, shared, formats, budget), budget)))
    return workbook_text(out), {}


def _sheet(stream: bytes, pos: int, shared: list[str], formats: list[str],
           budget: list[int]) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, int, int]]]:
    """One sheet's cell texts by (row, column) and its merged ranges."""
    values: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []

    def put(row: int, col: int, text: str) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise CorruptInput(f"workbook holds more than {MAX_CELLS} cells (the limit)")
        text = " ".join(text.split())
        if text:
            values[(row, col)] = text

    def num(xf: int, x: float) -> str:
        fmt = formats[xf] if xf < len(formats) else ""
        return _number(repr(x), fmt)

    pending: tuple[int, int] | None = None  # a formula whose string result comes next
    for typ, _at, rec in _records(stream, pos)[1:]:
        if typ == _LABELSST and len(rec) >= 10:
            row, col, _xf, isst = struct.unpack_from("<HHHI", rec)
            if isst < len(shared):
                put(row, col, shared[isst])
        elif typ == _LABEL and len(rec) >= 8:
            row, col, _xf = struct.unpack_from("<HHH", rec)
            put(row, col, _string(rec, 6))
        elif typ == _NUMBER and len(rec) >= 14:
            row, col, xf, x = struct.unpack_from("<HHHd", rec)
            put(row, col, num(xf, x))
        elif typ == _RK and len(rec) >= 10:
            row, col, xf, v = struct.unpack_from("<HHHI", rec)
            put(row, col, num(xf, _rk(v)))
        elif typ == _MULRK and len(rec) >= 10:
            row, first = struct.unpack_from("<HH", rec)
            for k in range((len(rec) - 6) // 6):
                xf, v = struct.unpack_from("<HI", rec, 4 + 6 * k)
                put(row, first + k, num(xf, _rk(v)))
        elif typ == _FORMULA and len(rec) >= 14:
            row, col, xf = struct.unpack_from("<HHH", rec)
            result = rec[6:14]
            if result[6:8] == b"\xff\xff":  # not a number: its kind in the first byte
                if result[0] == 0:
                    pending = (row, col)
                elif result[0] == 1:
                    put(row, col, "TRUE" if result[2] else "FALSE")
            else:
                put(row, col, num(xf, struct.unpack("<d", result)[0]))
        elif typ == _STRING and pending is not None:
            put(*pending, _string(rec, 0))
            pending = None
        elif typ == _BOOLERR and len(rec) >= 8:
            row, col, _xf, value, is_error = struct.unpack_from("<HHHBB", rec)
            if not is_error:
                put(row, col, "TRUE" if value else "FALSE")
        elif typ == _MERGED and len(rec) >= 2:
            count = struct.unpack_from("<H", rec)[0]
            for k in range(min(count, (len(rec) - 2) // 8)):
                r0, r1, c0, c1 = struct.unpack_from("<HHHH", rec, 2 + 8 * k)
                if r1 >= r0 and c1 >= c0:
                    merges.append((r0, c0, r1, c1))
    return values, merges
