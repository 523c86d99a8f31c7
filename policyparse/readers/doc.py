"""Legacy Word (.doc, Word 97–2003) and WPS (.wps) files: the text of the main document.

A .doc is an OLE2 compound file ([MS-CFB]) holding a ``WordDocument`` stream and a table
stream (``0Table``/``1Table``) ([MS-DOC]).  The text is found through the piece table (the
Clx the File Information Block points to): each piece is a run of characters stored as
UTF-16LE or as 8-bit cp1252.  Only the main document is read (``ccpText`` characters:
footnotes, headers and text boxes come after it).  WPS Writer saves .wps files in the same
format.

What the characters mean: ``\\r`` ends a paragraph; ``\\x0b`` (line break) and ``\\x0c``
(page or section break) end lines; ``\\x07`` ends a table cell or, in the row-end paragraph
the paragraph properties mark (sprmPFTtp), a table row — cells become TAB-separated, rows
lines, as the other readers write tables; a field (``\\x13`` code ``\\x14`` result ``\\x15``)
keeps its result; objects (``\\x01``, ``\\x08``) and note marks are dropped.  A paragraph in
a list (its properties name a list format override and a level) gets the number Word shows
before it (一、 （一） 1.: the list's levels, their number formats and texts, counted in
document order); numbering that comes from a paragraph style alone is not read.

Hostile files: every sector chain is bounded by the file's size (a loop is refused), the
streams read are capped, and a file that is not what its header says raises
:class:`CorruptInput`; an encrypted document raises :class:`UnsupportedFormat`.  No
dependency: the formats are read with :mod:`struct`.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right

from ..errors import CorruptInput, UnsupportedFormat
from . import OLE_MAGIC
from .numfmt import MAX_LIST_NUMBER, format_number

#: The most bytes a stream read from a compound file may hold.
MAX_STREAM_BYTES = 128 * 1024 * 1024
#: The most characters of main-document text read.
MAX_TEXT_CHARS = 32 * 1024 * 1024

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_SPECIAL = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]


class CompoundFile:
    """The streams of an OLE2 compound file, by name (the root storage's, and those below)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(OLE_MAGIC):
            raise CorruptInput("not an OLE2 compound file (legacy Office): header missing")
        self.data = data
        shift = _u16(data, 0x1E)
        mini_shift = _u16(data, 0x20)
        if shift not in (9, 12) or mini_shift != 6:
            raise CorruptInput(f"OLE2 file with an invalid sector size (2^{shift})")
        self.size = 1 << shift
        self.mini_size = 1 << mini_shift
        self.cutoff = _u32(data, 0x38)
        self.n_sectors = max(0, (len(data) - self.size) // self.size)
        self.fat = self._fat()
        self.dirs = self._directory(_u32(data, 0x30))
        root = self.dirs[0] if self.dirs else None
        if root is None or root[1] != 5:
            raise CorruptInput("OLE2 file without a root entry")
        self.mini_fat = self._chain_ints(_u32(data, 0x3C)) if _u32(data, 0x40) else []
        self.mini_stream = self._read_chain(root[2], root[3]) if root[3] else b""

    def _sector(self, n: int) -> bytes:
        if n >= self.n_sectors:
            raise CorruptInput(f"OLE2 file truncated: sector {n} is past its end")
        at = (n + 1) * self.size
        return self.data[at : at + self.size]

    def _fat(self) -> list[int]:
        data = self.data
        difat = [_u32(data, 0x4C + 4 * i) for i in range(109)]
        nxt, seen = _u32(data, 0x44), 0
        while nxt < _SPECIAL and seen <= self.n_sectors:  # (a DIFAT loop ends at the sector count)
            sec = self._sector(nxt)
            per = self.size // 4 - 1
            difat += struct.unpack_from(f"<{per}I", sec)
            nxt = _u32(sec, per * 4)
            seen += 1
        fat: list[int] = []
        read = 0
        for n in difat:
            if n >= _SPECIAL:
                continue
            read += 1
            if read > self.n_sectors:  # (each allocation-table sector is one of the file's)
                raise CorruptInput("OLE2 file whose allocation table is larger than the file")
            fat += struct.unpack_from(f"<{self.size // 4}I", self._sector(n))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        n = start
        while n < _SPECIAL:
            if n >= len(table) or len(out) > len(table):
                raise CorruptInput("OLE2 file with a broken or looping sector chain")
            out.append(n)
            n = table[n]
        return out

    def _read_chain(self, start: int, size: int) -> bytes:
        if size > MAX_STREAM_BYTES:
            raise CorruptInput(f"OLE2 stream of {size} bytes (limit {MAX_STREAM_BYTES})")
        chain = self._chain(start, self.fat)
        out = b"".join(map(self._sector, chain))
        if len(out) < size:
            raise CorruptInput("OLE2 file truncated: a stream is shorter than its entry says")
        return out[:size]

    def _chain_ints(self, start: int) -> list[int]:
        raw = b"".join(map(self._sector, self._chain(start, self.fat)))
        return list(struct.unpack_from(f"<{len(raw) // 4}I", raw))

    def _directory(self, start: int) -> list[tuple[str, int, int, int]]:
        raw = b"".join(map(self._sector, self._chain(start, self.fat)))
        out = []
        for at in range(0, len(raw) - 127, 128):
            n = min(_u16(raw, at + 0x40), 64)
            name = raw[at : at + max(0, n - 2)].decode("utf-16-le", "replace")
            kind = raw[at + 0x42]
            out.append((name, kind, _u32(raw, at + 0x74), _u32(raw, at + 0x78)))
        return out

    def has(self, name: str) -> bool:
        return any(d[0] == name and d[1] == 2 for d in self.dirs)

    def stream(self, name: str) -> bytes:
        """The named stream's bytes (the first stream of that name)."""
        for entry_name, kind, start, size in self.dirs:
            if entry_name == name and kind == 2:
                if size < self.cutoff:
                    return self._mini(start, size)
                return self._read_chain(start, size)
        raise CorruptInput(f"OLE2 file without a {name} stream")

    def _mini(self, start: int, size: int) -> bytes:
        chain = self._chain(start, self.mini_fat)
        ms, st = self.mini_size, self.mini_stream
        out = b"".join(st[n * ms : (n + 1) * ms] for n in chain)
        if len(out) < size:
            raise CorruptInput("OLE2 file truncated: a small stream is shorter than its entry says")
        return out[:size]


# --- [MS-DOC]

_FIB_IDENT = 0xA5EC
_FIB_VERSION, _WORD_97 = 0x02, 0x00C1  # nFib: Word 97 and later write 0x00C1 or more
_FIB_FLAGS = 0x0A
_ENCRYPTED, _TABLE_1, _OBFUSCATED = 0x0100, 0x0200, 0x8000
_CCP_TEXT = 0x4C  # FibRgLw97.ccpText
_FC_PLCF_BTE_PAPX = 0x102  # FibRgFcLcb97: fcPlcfBtePapx, lcbPlcfBtePapx
_FC_CLX = 0x1A2  # FibRgFcLcb97: fcClx, lcbClx
_SPRM_P_TTP = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: the paragraph ends a table row
_SPRM_P_IN_TABLE = (0x2416, 0x6649)  # sprmPFInTable, sprmPItap: the paragraph is in a table
_SPRM_T_DEF_TABLE = 0xD608  # a variable operand whose size takes two bytes
#: operand sizes by a sprm's spra (its top three bits); 6 is variable (a size byte first)
_SPRA_SIZE = (1, 1, 2, 4, 2, 2, -1, 3)


def _pieces(word: bytes, table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first CP, end CP, FC, compressed) of each piece."""
    clx = table[fc_clx : fc_clx + lcb_clx]
    if len(clx) != lcb_clx or not lcb_clx:
        raise CorruptInput("Word file whose piece table lies outside its table stream")
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        if at + 3 > len(clx):
            break
        cb = struct.unpack_from("<h", clx, at + 1)[0]
        if cb < 0:
            raise CorruptInput("Word file with a damaged piece table (a negative property size)")
        at += 3 + cb
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise CorruptInput("Word file without a piece table")
    lcb = _u32(clx, at + 1)
    plc = clx[at + 5 : at + 5 + lcb]
    if len(plc) != lcb or lcb < 16 or (lcb - 4) % 12:
        raise CorruptInput("Word file with a damaged piece table")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc)
    out = []
    for i in range(n):
        fc = _u32(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        out.append((cps[i], cps[i + 1], fc // 2 if compressed else fc, compressed))
    return out


_Ranges = list[tuple[int, int]]


def _paragraph_fcs(word: bytes, table: bytes, fc: int, lcb: int) -> tuple[_Ranges, _Ranges, list[tuple[int, int, int, int]]]:
    """The FC ranges of the paragraphs inside tables, of those ending a table row, and of
    those in a list with their (list format override, level), from the paragraph-property
    pages (PlcBtePapx → PapxFkp), each sorted."""
    plc = table[fc : fc + lcb]
    if len(plc) != lcb or lcb < 8 or (lcb - 4) % 8:
        return [], [], []
    n = (lcb - 4) // 8
    cells: _Ranges = []
    ends: _Ranges = []
    listed: list[tuple[int, int, int, int]] = []
    seen: set[int] = set()  # (each page read once, however many entries name it)
    for i in range(min(n, len(word) // 512)):
        pn = _u32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF
        if pn in seen:
            continue
        seen.add(pn)
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        if 4 * (crun + 1) + 13 * crun > 511:
            continue
        fcs = struct.unpack_from(f"<{crun + 1}I", page)
        for r in range(crun):
            bx = page[4 * (crun + 1) + 13 * r] * 2
            if not bx:
                continue
            in_table, row_end, ilfo, ilvl = _papx_flags(page, bx)
            if row_end:
                ends.append((fcs[r], fcs[r + 1]))
            elif in_table:
                cells.append((fcs[r], fcs[r + 1]))
            if 0 < ilfo < 2000:
                listed.append((fcs[r], fcs[r + 1], ilfo, ilvl))
    return sorted(cells), sorted(ends), sorted(listed)


def _papx_flags(page: bytes, at: int) -> tuple[bool, bool, int, int]:
    """(in a table, ends a table row, list format override 1-based or 0, list level) by the
    sprms of the PapxInFkp at page[at:]."""
    if at >= 511:
        return False, False, 0, 0
    cb = page[at]
    if cb:
        start, size = at + 1, 2 * cb - 1
    else:
        if at + 1 >= 511:
            return False, False, 0, 0
        start, size = at + 2, 2 * page[at + 1]
    grp = page[start + 2 : min(start + size, 511)]  # after the style index (istd)
    in_table = row_end = False
    ilfo = ilvl = 0
    i = 0
    while i + 2 <= len(grp):
        sprm = _u16(grp, i)
        i += 2
        width = _SPRA_SIZE[sprm >> 13]
        if sprm == _SPRM_T_DEF_TABLE:  # its size takes two bytes
            if i + 2 > len(grp):
                break
            width = _u16(grp, i) + 1
        elif width < 0:
            if i >= len(grp):
                break
            width = grp[i] + 1
        if i < len(grp) and any(grp[i : i + width]):
            if sprm in _SPRM_P_TTP:
                row_end = True
            elif sprm in _SPRM_P_IN_TABLE:
                in_table = True
        if sprm == _SPRM_P_ILFO and i + 2 <= len(grp):
            ilfo = _u16(grp, i)
        elif sprm == _SPRM_P_ILVL and i < len(grp):
            ilvl = min(grp[i], 8)
        i += width
    return in_table, row_end, ilfo, ilvl


# --- lists: numbers Word generates from list formatting

_FC_PLF_LST = 0x2E2  # FibRgFcLcb97: fcPlfLst, lcbPlfLst (the lists' levels follow it)
_FC_PLF_LFO = 0x2EA  # fcPlfLfo, lcbPlfLfo
_SPRM_P_ILVL, _SPRM_P_ILFO = 0x260A, 0x460B
#: [MS-OSHARED] MSONFC number formats, by value, as ECMA-376 names them (numfmt.format_number)
_NFC = (
    "decimal upperRoman lowerRoman upperLetter lowerLetter ordinal cardinalText ordinalText hex "
    "chicago ideographDigital japaneseCounting aiueo iroha decimalFullWidth decimalHalfWidth "
    "japaneseLegal japaneseDigitalTenThousand decimalEnclosedCircle decimalFullWidth2 aiueoFullWidth "
    "irohaFullWidth decimalZero bullet ganada chosung decimalEnclosedFullstop decimalEnclosedParen "
    "decimalEnclosedCircleChinese ideographEnclosedCircle ideographTraditional ideographZodiac "
    "ideographZodiacTraditional taiwaneseCounting ideographLegalTraditional taiwaneseCountingThousand "
    "taiwaneseDigital chineseCounting chineseLegalSimplified chineseCountingThousand"
).split()
_NFC_NONE = 0xFF
#: The longest list number written (一、 （十二） 1.2.3.: a few characters; longer is hostile)
MAX_LABEL = 32


class _Level:
    __slots__ = ("start", "fmt", "text", "legal", "follow")

    def __init__(self, start: int, nfc: int, text: str, legal: bool, follow: int) -> None:
        self.start, self.text, self.legal, self.follow = start, text, legal, follow
        self.fmt = "none" if nfc == _NFC_NONE else _NFC[nfc] if nfc < len(_NFC) else "decimal"


def _levels(table: bytes, at: int, end: int) -> tuple[_Level, int]:
    """One LVL at table[at:] (its LVLF, property lists skipped, then its number text) and
    where the next begins."""
    if at + 28 > end:
        raise CorruptInput("Word file with a damaged list level")
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    follow = table[at + 15]
    cb_chpx, cb_papx = table[at + 24], table[at + 25]
    k = at + 28 + cb_papx + cb_chpx
    if k + 2 > end:
        raise CorruptInput("Word file with a damaged list level")
    cch = _u16(table, k)
    raw = table[k + 2 : k + 2 + 2 * cch]
    if len(raw) != 2 * cch:
        raise CorruptInput("Word file with a damaged list level")
    start = max(0, min(start, MAX_LIST_NUMBER))
    return _Level(start, nfc, raw.decode("utf-16-le", "replace"), bool(flags & 0x04), follow), k + 2 + 2 * cch


def _lists(word: bytes, table: bytes) -> tuple[dict[int, list[_Level]], list[tuple[int, dict[int, int]]]]:
    """The lists (lsid → levels) and the list format overrides (per LFO, 1-based: its list and
    the levels whose start it overrides)."""
    fc, lcb = _u32(word, _FC_PLF_LST), _u32(word, _FC_PLF_LST + 4)
    lists: dict[int, list[_Level]] = {}
    if lcb >= 2 and fc + lcb <= len(table):
        n = max(0, struct.unpack_from("<h", table, fc)[0])
        at = fc + lcb  # the LVLs follow the PlfLst
        for i in range(min(n, (lcb - 2) // 28)):
            lstf = fc + 2 + 28 * i
            lsid, simple = _u32(table, lstf), table[lstf + 26] & 0x01
            levels = []
            for _ in range(1 if simple else 9):
                lvl, at = _levels(table, at, len(table))
                levels.append(lvl)
            lists[lsid] = levels
    lfos: list[tuple[int, dict[int, int]]] = []
    fc, lcb = _u32(word, _FC_PLF_LFO), _u32(word, _FC_PLF_LFO + 4)
    if lcb >= 4 and fc + lcb <= len(table):
        n = min(_u32(table, fc), (lcb - 4) // 16)
        data = fc + 4 + 16 * n  # the LFOData of each LFO follow the LFOs
        for i in range(n):
            lfo = fc + 4 + 16 * i
            lsid, count = _u32(table, lfo), table[lfo + 12]
            starts: dict[int, int] = {}
            at = data + 4  # (after its cp)
            for _ in range(count):
                if at + 8 > len(table):
                    break
                start, bits = struct.unpack_from("<iI", table, at)
                at += 8
                if bits & 0x10:  # fStartAt
                    starts[bits & 0x0F] = max(0, min(start, MAX_LIST_NUMBER))
                if bits & 0x20:  # fFormatting: an LVL follows
                    _lvl, at = _levels(table, at, len(table))
            data = at
            lfos.append((lsid, starts))
    return lists, lfos


class _Numbers:
    """The numbers of list paragraphs, in document order (counters per list and level)."""

    def __init__(self, lists: dict[int, list[_Level]], lfos: list[tuple[int, dict[int, int]]]) -> None:
        self.lists, self.lfos = lists, lfos
        self.counts: dict[int, list[int | None]] = {}
        self.used: set[int] = set()  # the overrides met so far

    def label(self, ilfo: int, ilvl: int) -> str:
        if ilfo > len(self.lfos):
            return ""
        lsid, starts = self.lfos[ilfo - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return ""
        ilvl = min(ilvl, len(levels) - 1)
        counts = self.counts.setdefault(lsid, [None] * len(levels))
        if ilfo not in self.used:  # an override restarting a level (Word's 重新开始编号): from its start
            self.used.add(ilfo)
            for k in starts:
                if k < len(counts):
                    counts[k] = None
        cur = counts[ilvl]
        counts[ilvl] = starts.get(ilvl, levels[ilvl].start) if cur is None else min(cur + 1, MAX_LIST_NUMBER)
        for k in range(ilvl + 1, len(counts)):
            counts[k] = None
        lvl = levels[ilvl]
        out = []
        for ch in lvl.text:
            k = ord(ch)
            if k < len(levels):
                n = counts[k]
                n = levels[k].start if n is None else n
                out.append(format_number(n, "decimal" if lvl.legal else levels[k].fmt))
            elif lvl.fmt != "bullet":
                out.append(ch)
        text = "".join(out)
        if len(text) > MAX_LABEL:
            return ""  # no list number is that long: a damaged or hostile level text
        if text and (lvl.follow == 1 or lvl.follow == 0 and text[-1].isalnum()):
            text += " "  # a space, or a tab after a number that is a word's end (1 → "1 ")
        return text


def _numbered(chunk: str, fc: int, width: int, opens: bool, listed: list[tuple[int, int, int, int]],
              starts: list[int], numbers: _Numbers) -> tuple[str, bool]:
    """chunk with the number of each list paragraph it opens put before it; and whether the
    chunk's end opens a paragraph.  (The number goes before the paragraph's first character:
    offsets of the chunk's text are its own, the map of read text is not kept.)"""
    out: list[str] = []
    last = 0
    k = 0 if opens else -1
    while k >= 0 and k < len(chunk):
        at = fc + k * width
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < listed[i][1]:
            label = numbers.label(listed[i][2], listed[i][3])
            if label:
                out.append(chunk[last:k])
                out.append(label)
                last = k
        nxt = _PARAGRAPH_END.search(chunk, k)
        k = nxt.end() if nxt else -1
    if out:
        out.append(chunk[last:])
        chunk = "".join(out)
    return chunk, chunk.endswith(_PARAGRAPH_ENDS)


#: what ends a paragraph once tables are marked: \r, a cell's end, a row's, an inner paragraph of a cell
_PARAGRAPH_ENDS = ("\r", "\x07", "\x1d", "\x1c")
_PARAGRAPH_END = re.compile("[\r\x07\x1d\x1c]")


def _in_ranges(ranges: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    i = bisect_right(starts, at) - 1
    return i >= 0 and at < ranges[i][1]


def _mark_tables(chunk: str, fc: int, width: int, cells: list[tuple[int, int]], ends: list[tuple[int, int]]) -> str:
    """chunk (a piece's text, its first character at fc) with the cell marks that end a row
    written \\x1d, and the paragraph and line marks inside a cell \\x1c and \\x1b (spaces): one
    character for one, so that the chunk's offsets still give each character's FC."""
    cell_starts, end_starts = [a for a, _b in cells], [a for a, _b in ends]
    out: list[str] = []
    last = 0
    for m in _TABLE_MARK.finditer(chunk):
        k = m.start()
        at = fc + k * width
        ch = chunk[k]
        if ch == "\x07":
            mark = "\x1d" if end_starts and _in_ranges(ends, end_starts, at) else ch
        elif cell_starts and _in_ranges(cells, cell_starts, at):
            mark = "\x1c" if ch == "\r" else "\x1b"  # a paragraph's end / a line break in a cell
        else:
            mark = ch
        if mark != ch:
            out.append(chunk[last:k])
            out.append(mark)
            last = k + 1
    if not out:
        return chunk
    out.append(chunk[last:])
    return "".join(out)


_TABLE_MARK = re.compile("[\x07\r\x0b]")


def read_doc(data: bytes, cf: CompoundFile | None = None) -> tuple[str, dict[str, str]]:
    """The main text of a Word 97–2003 (or WPS) file, paragraphs as lines and table rows as
    TAB-separated cells; cf: the file's compound file, when already opened."""
    try:
        return _read_doc(data, cf)
    except (struct.error, IndexError, ValueError) as exc:  # a field pointing outside its buffer
        raise CorruptInput(f"damaged Word file ({type(exc).__name__}: {exc})") from None


def _read_doc(data: bytes, cf: CompoundFile | None) -> tuple[str, dict[str, str]]:
    cf = cf or CompoundFile(data)
    if cf.has("EncryptedPackage"):  # Word or WPS encrypted a .docx/.xlsx: the zip is inside
        raise UnsupportedFormat(
            "input is a password-protected Office document (encrypted .docx): remove the password and save it again"
        )
    if not cf.has("WordDocument"):
        raise UnsupportedFormat(
            "input is a legacy Office file (OLE2) that is neither a Word document nor a workbook (.ppt or an "
            "older WPS format): save it as .docx"
        )
    word = cf.stream("WordDocument")
    if len(word) < _FC_CLX + 8 or _u16(word, 0) != _FIB_IDENT:
        raise CorruptInput("Word file with a damaged header (File Information Block)")
    if _u16(word, _FIB_VERSION) < _WORD_97:
        raise UnsupportedFormat(
            "input is a Word 6.0/95 document (older than Word 97: another layout): save it as .docx"
        )
    flags = _u16(word, _FIB_FLAGS)
    if flags & (_ENCRYPTED | _OBFUSCATED):
        raise UnsupportedFormat("input is an encrypted Word document: save it without a password")
    table = cf.stream("1Table" if flags & _TABLE_1 else "0Table")
    ccp_text = min(_u32(word, _CCP_TEXT), MAX_TEXT_CHARS)
    pieces = _pieces(word, table, _u32(word, _FC_CLX), _u32(word, _FC_CLX + 4))
    cells, ends, listed = _paragraph_fcs(word, table, _u32(word, _FC_PLCF_BTE_PAPX), _u32(word, _FC_PLCF_BTE_PAPX + 4))
    numbers = None
    if listed:
        try:
            numbers = _Numbers(*_lists(word, table))
        except CorruptInput:
            pass  # damaged list tables: the text without its generated numbers
    list_starts = [a for a, _b, _f, _v in listed]
    opens = True  # the next character opens a paragraph
    parts: list[str] = []
    last = total = 0
    for cp0, cp1, fc, compressed in pieces:
        if cp0 < last or cp1 < cp0:
            raise CorruptInput("Word file whose piece table goes backwards")
        last = cp1
        if cp0 >= ccp_text:
            break
        cp1 = min(cp1, ccp_text)
        n = cp1 - cp0
        if n <= 0:
            continue
        width = 1 if compressed else 2
        raw = word[fc : fc + n * width]
        if len(raw) < n * width:
            raise CorruptInput("Word file truncated: a piece of text lies past the stream's end")
        chunk = raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace")
        if cells or ends:  # cells and rows, by their paragraphs' properties (1:1 marks)
            chunk = _mark_tables(chunk, fc, width, cells, ends)
        if numbers is not None:  # list paragraphs: their numbers before them (last: they lengthen it)
            chunk, opens = _numbered(chunk, fc, width, opens, listed, list_starts, numbers)
        total += len(chunk)  # (a number per paragraph of one byte each: bounded in all)
        if total > MAX_TEXT_CHARS:
            raise CorruptInput(f"Word file's text runs past {MAX_TEXT_CHARS} characters")
        parts.append(chunk)
    return _plain("".join(parts)), {}


_DROPPED = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
_DROPPED.update({0x0D: "\n", 0x0B: "\n", 0x0C: "\n", 0x1E: "-", 0xA0: " ", 0x1C: " ", 0x1B: " "})


def _plain(text: str) -> str:
    """Word's control characters as text: fields keep their result, cells become TABs (a row
    end, marked \\x1d by read_doc, a line break), paragraph and line marks line breaks."""
    if "\x13" in text:
        text = _field_results(text)
    if "\x07" in text or "\x1d" in text:
        # a row: cell\x07 cell\x07 … cell\x07 then the row-end mark (its own paragraph)
        text = text.replace("\x07\x1d", "\n").replace("\x1d", "\n").replace("\x07", "\t")
    return text.translate(_DROPPED)


def _field_results(text: str) -> str:
    """Fields (\\x13 code \\x14 result \\x15, nested) replaced by their results: the text is
    cut only at the field characters.  A field's text is kept while no open field is in its
    code (a count of those, so that deep nesting costs nothing per character)."""
    out: list[str] = []
    stack: list[bool] = []  # per open field: is its result being read (after \x14)?
    in_code = 0  # open fields still in their code (not past their \x14)
    last = 0
    for m in _FIELD_MARK.finditer(text):
        k = m.start()
        if not in_code:
            out.append(text[last:k])
        ch = text[k]
        if ch == "\x13":
            stack.append(False)
            in_code += 1
        elif ch == "\x14" and stack and not stack[-1]:
            stack[-1] = True
            in_code -= 1
        elif ch == "\x15" and stack:
            if not stack.pop():
                in_code -= 1
        last = k + 1
    if not in_code:
        out.append(text[last:])
    return "".join(out)


_FIELD_MARK = re.compile("[\x13\x14\x15]")
