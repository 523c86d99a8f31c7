"""Stage 2 — normalise: decoded text → clean text + offset map + repairs.

Normalisation is a short chain of layers, each a pass that proposes edits on
the text of the layer before (see :mod:`policyparse.offsets`).  Every edit that
changes content is recorded as a :class:`Repair`; spans of repairs are given in
the final text.  Normalising normalised text changes nothing.

Passes are registered in :data:`CHAR_PASSES` and :data:`LINE_PASSES`; each is a
small named function ``(text) -> list[(Edit, kind, detail)]``.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, le, not_, sub

import regex

from .descramble import pass_recover
from .markers import Marker, match_marker
from .offsets import Edit, EditMap, OffsetMap, Substitutions, apply_edits, substitute
from .vocab import CLOSERS, DOC_KIND_WORDS, TERMINAL

ProposedEdit = tuple[Edit, str, str]  # (edit, repair kind, detail); kind "" = silent
Pass = Callable[[str], list[ProposedEdit]]


@dataclass
class RawRepair:
    kind: str
    detail: str
    start: int | None = None
    end: int | None = None


@dataclass
class Normalised:
    """Result of normalisation."""

    text: str
    offsets: OffsetMap
    repairs: list[RawRepair] = field(default_factory=list)
    source: str = ""

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_source(start, end)


# --------------------------------------------------------------------------- char passes

_UNICODE_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: What becomes of each odd space character, and the repair's detail.
_ODD_SPACE_EDIT = {ch: (" ", f"U+{ord(ch):04X} → space") for ch in _UNICODE_SPACES} | {
    ch: ("", f"U+{ord(ch):04X} dropped") for ch in _ZERO_WIDTH
}
_ODD_SPACE = re.compile(f"[{_UNICODE_SPACES}{_ZERO_WIDTH}]")  # explicit characters: re scans fastest
_SURROGATE = re.compile("[\ud800-\udfff]")
_CRLF = regex.compile(r"\r\n?")
_BOLD = regex.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ENTITY = regex.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_TAG = regex.compile(r"</?(?:p|br|div|span|strong|b|i|em|font|u)\b[^<>\n]{0,200}>", regex.I)


def pass_newlines(text: str) -> list[ProposedEdit]:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return []
    return [(Edit(m.start(), m.end(), "\n"), "", "") for m in _CRLF.finditer(text) if m.group() != "\n"]


#: Characters of text checked at a time by :func:`_printable` (bounds the copies it makes).
_PRINTABLE_CHUNK = 1 << 16


def _printable(text: str) -> bool:
    """True when every character is printable, line breaks and tabs apart.  Odd spaces
    (Zs) and zero-width characters (Cf) never are: a printable text has none, and
    str.isprintable tells it faster than a scan for them."""
    step = _PRINTABLE_CHUNK
    return all(
        text[i : i + step].replace("\n", " ").replace("\t", " ").isprintable() for i in range(0, len(text), step)
    )


def pass_unicode_spaces(text: str) -> list[ProposedEdit]:
    """U+2002, U+3000, NBSP … become a plain space; zero-width characters are dropped; a
    lone surrogate becomes U+FFFD (no UTF-8, hence no JSON, can hold one: a PDF's broken
    ToUnicode map gives them, or a str built from a file name's bytes)."""
    if _printable(text):
        return []
    out: list[ProposedEdit] = []
    for m in _ODD_SPACE.finditer(text):
        new, detail = _ODD_SPACE_EDIT[m.group()]
        out.append((Edit(m.start(), m.end(), new), "unicode-space", detail))
    for m in _SURROGATE.finditer(text):  # (the layer sorts the edits of its passes)
        out.append((Edit(m.start(), m.end(), "\ufffd"), "surrogate", f"lone surrogate U+{ord(m.group()):04X} → U+FFFD"))
    return out


def pass_markup(text: str) -> list[ProposedEdit]:
    """Markdown bold markers, stray HTML tags and HTML entities."""
    out: list[ProposedEdit] = []
    # each kind of markup starts with a character plain text rarely has: look for it first
    # (a search for one character is fast; for two, CPython tests every position)
    for m in _BOLD.finditer(text) if "*" in text and "**" in text else ():
        out.append((Edit(m.start(), m.start() + 2, ""), "markup", "'**' bold marker removed"))
        out.append((Edit(m.end() - 2, m.end(), ""), "markup", "'**' bold marker removed"))
    for m in _TAG.finditer(text) if "<" in text else ():
        new = "\n" if m.group().lower().startswith(("<br", "</p", "</div")) else ""
        out.append((Edit(m.start(), m.end(), new), "markup", f"HTML tag {m.group()[:20]!r} removed"))
    for m in _ENTITY.finditer(text) if "&" in text else ():
        dec = html.unescape(m.group())
        if dec != m.group():
            if dec in ("\u00a0", "\u3000"):
                dec = " "
            out.append((Edit(m.start(), m.end(), dec), "markup", f"HTML entity {m.group()} → {dec!r}"))
    return out


CHAR_PASSES: list[tuple[str, Pass]] = [
    ("newlines", pass_newlines),
    ("unicode_spaces", pass_unicode_spaces),
    ("markup", pass_markup),
]

# --------------------------------------------------------------------------- line passes

H = r"\p{Han}"
_TRAILING_WS = regex.compile(r"[ \t]+$", regex.M)
_PAGE_NUMBER = regex.compile(
    r"^[ \t]*(?:[-—–－]{1,2}[ \t]*\d{1,4}[ \t]*[-—–－]{1,2}|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[/，,]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)[ \t]*\n",
    regex.M,
)
#: Where a page-number line can start: its first character after spaces is a dash or 第
#: (a newline is found by a fast literal search; the text's first line is checked apart).
_PAGE_NUMBER_START = re.compile(r"\n[ \t]*[-—–－第]")
_FIRST_PAGE_NUMBER_START = re.compile(r"[ \t]*[-—–－第]")
#: A newline after a space or a tab: the end of a trailing blank run.
_BLANK_BEFORE_NEWLINE = regex.compile(r"(?<=[ \t])\n")
# spaces between a digit and a Han character / %, or between digits and a dash
_NUM_SPACE = regex.compile(
    rf"(?<=[0-9%‰])[ ]{{1,3}}(?=[{H}%‰年月日号万亿元个名家张项岁]|[-—–~～至][ ]*[0-9])"
    rf"|(?<=[{H}])[ ]{{1,3}}(?=[0-9])(?![0-9]+[.．、](?![0-9]))"
    rf"|(?<=[0-9%‰][ ]{{0,3}}[-—–~～至])[ ]{{1,3}}(?=[0-9])"
)
_CONNECTIVE = regex.compile(rf"(?<=[{H}“”》）])[ ]+(and|or)[ ]+(?=[{H}“《（])")


def pass_trailing_space(text: str) -> list[ProposedEdit]:
    """Spaces and tabs at the end of a line carry nothing.

    The matches of :data:`_TRAILING_WS`, found from the line ends that follow
    a blank (a fast newline search) rather than by trying every position.
    """
    if " \n" not in text and not ("\t" in text and "\t\n" in text):  # (a tab is rare: looked for first)
        ends = []
    else:
        ends = [m.start() for m in _BLANK_BEFORE_NEWLINE.finditer(text)]
    if text.endswith((" ", "\t")):
        ends.append(len(text))
    out: list[ProposedEdit] = []
    for end in ends:
        line_start = text.rfind("\n", 0, end) + 1
        out.append((Edit(line_start + len(text[line_start:end].rstrip(" \t")), end, ""), "", ""))
    return out


def _page_number_lines(text: str) -> list[regex.Match[str]]:
    """The matches of :data:`_PAGE_NUMBER` (whole lines): tried only at line starts
    whose first character after spaces can open one."""
    starts = [m.start() + 1 for m in _PAGE_NUMBER_START.finditer(text)]
    if _FIRST_PAGE_NUMBER_START.match(text):
        starts.insert(0, 0)
    return [m for m in map(_PAGE_NUMBER.match, repeat(text), starts) if m]


def pass_page_numbers(text: str) -> list[ProposedEdit]:
    """Page-number lines (— 3 —, -3-, 第3页) left by PDF extraction."""
    return [
        (Edit(m.start(), m.end(), ""), "page-number", f"page number line {m.group().strip()!r} removed")
        for m in _page_number_lines(text)
    ]


#: A running header/footer is a short line repeated at page breaks.
HEADER_MAX_LEN = 40
HEADER_MIN_REPEATS = 3


def pass_running_headers(text: str) -> list[ProposedEdit]:
    """Running headers and footers: a short line repeated next to page breaks.

    A page break shows as a page-number line or a form feed.  A short line
    that recurs at least three times, nearly always (≥ 2/3 of its occurrences)
    within two lines of a page break, is a running header; ordinary repeated
    lines (a heading, a note, a title on a cover and a first page) are never
    next to page breaks that often and are kept.
    """
    if "\f" not in text and not _page_number_lines(text):
        return []
    lines = text.split("\n")
    offs: list[int] = []
    pos = 0
    for ln in lines:
        offs.append(pos)
        pos += len(ln) + 1
    breaks = {i for i, ln in enumerate(lines) if "\f" in ln or _PAGE_NUMBER.match(ln + "\n")}
    seen: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        s = ln.strip(" \t\f")
        if 0 < len(s) <= HEADER_MAX_LEN and i not in breaks and match_marker(s) is None:
            seen.setdefault(s, []).append(i)
    out: list[ProposedEdit] = []
    for s, idxs in seen.items():
        if len(idxs) < HEADER_MIN_REPEATS:
            continue
        near = [i for i in idxs if any(j in breaks for j in range(i - 2, i + 3))]
        if len(near) * 3 < len(idxs) * 2:
            continue
        for i in near:
            end = offs[i] + len(lines[i]) + (1 if i + 1 < len(lines) else 0)
            out.append((Edit(offs[i], end, ""), "running-header", f"running header/footer {s!r} removed"))
    return out


_GAP = regex.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
#: A line with at least this many wide gaps, next to another such line, is a table row.
TABLE_MIN_GAPS = 2


def pass_space_columns(text: str) -> list[ProposedEdit]:
    """Tables laid out with runs of spaces (plain-text exports, PDF): the gaps become tabs.

    A line is a row when it has at least :data:`TABLE_MIN_GAPS` gaps of two or
    more spaces between words, and it stands next to another such line (a
    header and its rows) — prose never looks like that, while a single line with
    wide spacing (a signature block) is left alone.
    """
    # (a line without two spaces is never a row: _GAP's U+3000 are plain spaces by now, the
    # unicode-space layer runs before this one).  Only the lines holding two spaces are
    # read, found by a search for them; a line's index counts the newlines before it.
    rows: dict[int, list[tuple[int, int]]] = {}  # line index → its gaps, for lines that may be rows
    i = 0  # the index of the line starting at ``counted``
    counted = 0
    at = text.find("  ")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end == -1:
            end = len(text)
        i += text.count("\n", counted, start)
        counted = start
        ln = text[start:end]
        if "\t" not in ln:
            found = [(start + m.start(), start + m.end()) for m in _GAP.finditer(ln)]
            if len(found) >= TABLE_MIN_GAPS:
                rows[i] = found
        at = text.find("  ", end)
    out: list[ProposedEdit] = []
    for i, g in rows.items():
        if i - 1 in rows or i + 1 in rows:
            out.extend((Edit(a, b, "\t"), "table-columns", "space-aligned table columns separated by tabs") for a, b in g)
    return out


def pass_number_spaces(text: str) -> list[ProposedEdit]:
    """Spaces inside numbers and dates: 到 2021 年 → 到2021年, 35% - 50% → 35%-50%."""
    if " " not in text:
        return []
    return [
        (Edit(m.start(), m.end(), ""), "number-space", "space inside a number or date removed")
        for m in _NUM_SPACE.finditer(text)
    ]


def pass_connectives(text: str) -> list[ProposedEdit]:
    """An English connective inside Chinese text: 思想 and 党的 → 思想和党的."""
    table = {"and": "和", "or": "或"}
    # a connective has a space on each side (d and r looked for first: a search for one
    # character is fast, one for several characters tests every position)
    if not ("d" in text and " and " in text) and not ("r" in text and " or " in text):
        return []
    return [
        (Edit(m.start(), m.end(), table[m.group(1)]), "connective", f"English '{m.group(1)}' → '{table[m.group(1)]}'")
        for m in _CONNECTIVE.finditer(text)
    ]


#: Lines that are not text: trailing blanks, page numbers (before joining lines).
CLEAN_LINE_PASSES: list[tuple[str, Pass]] = [
    ("trailing_space", pass_trailing_space),
    ("page_numbers", pass_page_numbers),
    ("running_headers", pass_running_headers),
    ("space_columns", pass_space_columns),
]

# --------------------------------------------------------------------------- tables one cell per line

#: The most header cells a table written one cell per line is read with.
CELL_LINE_MAX_COLUMNS = 16
#: A header cell is short.
CELL_LINE_HEAD_MAX = 14
#: A year column's header: 2020年, 2025年目标值, “十四五”末.
_YEAR_HEAD = re.compile(r"(?:[“\"]?十[一二三四五六七]五[”\"]?[末初期]|(?:19|20)\d\d)")


@lru_cache(maxsize=1)
def _cell_line_vocab() -> tuple[frozenset[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """(exact header cells, words a header cell may hold, row-number headers, group columns)."""
    from .vocab import alternation, load_data

    cols = load_data("agencies.json")["table_columns"]
    t = load_data("targets.json")
    heads = t["cell_line_heads"]
    exact = frozenset(
        [*cols["num"], *cols["area"], *t["unit_column_headers"], *t["indicator_name_headers"],
         *t["table_header_cells"], *heads["cells"], *heads["group_columns"]]
    )
    words = re.compile(alternation([*cols["lead"], *cols["support"], *cols["resp"], *cols["deadline"], *cols["task"]]))
    return exact, words, frozenset(cols["num"]), frozenset(heads["group_columns"])


def _is_column_head(cell: str) -> bool:
    """A table header's cell: a column word (序号, 指标名称, 单位, 牵头单位, 完成时限, 属性) or a
    year column (2020年, 2025年目标值)."""
    if not cell or len(cell) > CELL_LINE_HEAD_MAX or "。" in cell or "，" in cell:
        return False
    exact, words, _num, _group = _cell_line_vocab()
    return cell in exact or _YEAR_HEAD.match(cell) is not None or (len(cell) <= 8 and words.search(cell) is not None)


def _opens_heading(cell: str) -> bool:
    """A line opening a heading (二、主要任务): never a table's cell."""
    return not cell[:1].isdigit() and match_marker(cell) is not None


def _cell_rows(cells: list[str], h: int) -> tuple[list[int], list[tuple[int, int, bool]]] | None:
    """A table written one cell per line whose 序号 header cell is cells[h] (stripped lines):
    the header's line indices and its rows as (first line, end, group cell missing), or None.

    The header runs on while lines are column heads; each row starts with its number (1, 2,
    …) and holds a cell per header cell, but a group column before 序号 (类别, merged over
    its rows) is written only on a group's first row.  A row whose next row does not start
    right after it ends the table (a cell was left empty or wrapped: the columns cannot be
    told); the last row is taken only when a blank line, a heading or the end follows it."""
    _exact, _words, _num, group_cols = _cell_line_vocab()
    n = len(cells)
    group = h > 0 and cells[h - 1] in group_cols
    head = [h - 1, h] if group else [h]
    j = h + 1
    while j < n and len(head) < CELL_LINE_MAX_COLUMNS and _is_column_head(cells[j]):
        head.append(j)
        j += 1
    width = len(head) - group  # cells from the row number on
    if width < 3:
        return None
    rows: list[tuple[int, int, bool]] = []
    c, num = j, 1
    while c < n:
        first = c
        if cells[c] != str(num):
            if not (group and cells[c] and c + 1 < n and cells[c + 1] == str(num)):
                break
            c += 1  # the group's cell, then the number
        end = c + width
        if end > n or not all(cells[c:end]):
            break
        after = str(num + 1)
        goes_on = end < n and (cells[end] == after or group and end + 1 < n and cells[end + 1] == after)
        if not goes_on and (
            after in cells[c + 1 : end]
            or any(map(_opens_heading, cells[c + 1 : end]))
            or end < n and cells[end] and not _opens_heading(cells[end])
        ):
            # a short last row, one running into the text after the table, or one followed by
            # more than a blank line, a heading or the end (a wrapped or empty cell shifted it)
            break
        rows.append((first, end, group and first == c))
        c, num = end, num + 1
        if not goes_on:
            break
    return (head, rows) if len(rows) >= 2 else None


def _alone_on_a_line(text: str, words: frozenset[str]) -> bool:
    """Does one of words stand alone on a line (blanks around it allowed)?  Each word's last
    character is looked for, then a newline after it (a search for one character is many
    times faster than one for two in CJK text)."""
    for char in {w[-1] for w in words}:
        k = text.find(char)
        while k >= 0:
            j = k + 1
            while j < len(text) and text[j] in " \t\u3000":
                j += 1
            if j == len(text) or text[j] == "\n":
                start = text.rfind("\n", 0, k) + 1
                if text[start : k + 1].strip(" \t\u3000") in words:
                    return True
            k = text.find(char, k + 1)
    return False


def pass_cell_lines(text: str) -> list[ProposedEdit]:
    """A table extracted one cell per line (PDF): 序号 ⏎ 指标名称 ⏎ 单位 ⏎ 2020年 ⏎ 2025年 ⏎ 1 ⏎
    人均预期寿命 ⏎ 岁 ⏎ …  The line breaks inside the header and each row become tabs (a
    group cell missing from a row gets an empty one), so the table reads like any other."""
    _exact, _words, nums, _group = _cell_line_vocab()
    if not _alone_on_a_line(text, nums):
        return []
    lines = text.split("\n")
    offs = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
    cells = [ln.strip(" \t\u3000") for ln in lines]
    out: list[ProposedEdit] = []
    done = 0
    for h in [i for i, c in enumerate(cells) if c in nums]:
        if h < done:
            continue
        found = _cell_rows(cells, h)
        if found is None:
            continue
        head, rows = found
        runs = [(head[0], head[-1] + 1, False), *rows]
        for a, b, missing in runs:
            if missing:
                out.append((Edit(offs[a], offs[a], "\t"), "table-cells", ""))
            for x in range(a, b - 1):
                nxt = lines[x + 1]
                out.append((Edit(offs[x] + len(lines[x].rstrip(" \t\u3000")),
                                 offs[x + 1] + len(nxt) - len(nxt.lstrip(" \t\u3000")), "\t"), "table-cells", ""))
        done = runs[-1][1]
    return out


TABLE_PASSES: list[tuple[str, Pass]] = [
    ("cell_lines", pass_cell_lines),
]

#: Repairs inside lines, after broken lines were joined.
INLINE_PASSES: list[tuple[str, Pass]] = [
    ("number_spaces", pass_number_spaces),
    ("connectives", pass_connectives),
]

# --------------------------------------------------------------------------- line joining

#: A line at least this long that does not end a sentence was broken by extraction.
JOIN_MIN_LEN = 40
#: Lines of one length making up at least this share of the text's longer lines are the
#: width the extraction wrapped at (GB/T 9704 公文: 28 characters a line).
WRAP_SHARE = 0.25
WRAP_MIN_LINES = 6
#: A wrapped line may fall this many characters short of the width (punctuation
#: rules keep a mark off the start of a line).
WRAP_SLACK = 2
#: Paragraphs open with an indent when at least this many lines do.
INDENT_MIN_LINES = 3


def _width(line: str) -> int:
    """A line's width on the page: its text plus a paragraph indent of up to two
    characters (a centred or right-aligned line — a signature, a date — is short)."""
    text = line.strip()
    lead = len(line) - len(line.lstrip(" "))
    return len(text) + min(lead, 2) if text else 0


def wrap_width(lines: list[str]) -> int | None:
    """The width text was wrapped at, when many lines share one length; else None.

    Text laid out by a PDF/OFD page wraps every paragraph at the same number of
    characters; prose with one paragraph per line has lengths all over the place.
    """
    # _width of each line, inline (a paragraph's indent is part of its first line's width);
    # a line shorter than 15 is never 15 wide
    widths = [
        len(text) + (min(len(ln) - len(ln.lstrip(" ")), 2) if ln[0] == " " else 0)
        for ln in lines
        if len(ln) >= 15 and (text := ln.strip())
    ]
    lengths = Counter(filter((15).__le__, widths))  # (n >= 15)
    longer = sum(lengths.values())
    if longer < WRAP_MIN_LINES:
        return None
    best = max(lengths.items(), key=itemgetter(1, 0))[0]  # the most common length (the longer on a tie)
    # a wrapped line is n or n ± 1 characters (a mark may hang past the margin)
    count = lengths.get(best - 1, 0) + lengths[best] + lengths.get(best + 1, 0)
    if count < WRAP_MIN_LINES or count < WRAP_SHARE * longer:
        return None
    return best
#: At most this many blank lines (a page break) may separate the halves.
JOIN_MAX_BLANKS = 3

_DATE_LINE = regex.compile(r"^[ \t]*[（(]?\d{4}年\d{1,2}月\d{1,2}日[）)]?[ \t]*$")
#: The longest a date line (:data:`_DATE_LINE`) is without its leading and trailing blanks:
#: （2017年12月31日）.
_DATE_LINE_MAX = 13


def _may_be_date(line: str) -> bool:
    """A necessary condition for a :data:`_DATE_LINE` match: stripped, the line is at most
    :data:`_DATE_LINE_MAX` long (the date's first and last characters are no blanks)."""
    return len(line) <= _DATE_LINE_MAX or len(line.strip()) <= _DATE_LINE_MAX


#: A bracketed group closing a line that ends its paragraph: a note after the full stop
#: (…以上。（…）) or a responsibility note (…工作（省卫生健康委负责）).
_CLOSING_NOTE = regex.compile(r"(?:[。！？；]\s*[（(][^（）()\n]*|[（(][^（）()\n]*(?:负责|牵头|配合|参与)[^（）()\n]*)[）)]$")


_TERMINAL_MARKS = tuple(TERMINAL)
_SPACE = regex.compile(r"\s")  # (the \s of _CLOSING_NOTE)


def _closing_note(s: str) -> bool:
    """Whether :data:`_CLOSING_NOTE` is found in ``s``, searched from where a match can
    start: the group holds no bracket, so it opens at the last opening bracket, which a
    full stop and spaces may precede (a search of the whole line costs microseconds)."""
    b = max(s.rfind("（"), s.rfind("("))
    if b < 0:
        return False
    while b > 0 and _SPACE.match(s, b - 1):
        b -= 1
    return _CLOSING_NOTE.search(s, max(0, b - 1)) is not None


def _ends_sentence(line: str) -> bool:
    s = line.rstrip()
    if s.endswith(("）", ")")) and _closing_note(s):
        return True
    while s and s[-1] in CLOSERS:
        if len(s) >= 2 and s[-2] in TERMINAL:
            return True
        s = s[:-1]
    return bool(s) and s[-1] in TERMINAL


def _is_heading_line(line: str, known: tuple[str, Marker | None] | None = None) -> bool:
    """A heading marker opens the line and no sentence ends after it.  ``known`` is a
    line already given to :func:`match_marker` and its marker, used when it is this line."""
    s = line.lstrip(" ")
    m = known[1] if known is not None and known[0] == s else match_marker(s)
    if m is None:
        return False
    rest = s[m.end :]
    return "。" not in rest


def pass_join_lines(text: str) -> list[ProposedEdit]:
    """Join a sentence broken across lines (and page-break blank lines) by PDF extraction.

    A break is joined only when the text says it is not real: the line is long,
    does not end a sentence, is not a heading or a table row, and the next
    non-blank line is not a heading, a table row or a date.
    """
    out: list[ProposedEdit] = []
    lines = text.split("\n")
    offs = list(accumulate(map((1).__add__, map(len, lines)), initial=0))  # where each line starts
    width = wrap_width(lines)
    min_len = min(JOIN_MIN_LEN, width - WRAP_SLACK) if width else JOIN_MIN_LEN
    # page text whose paragraphs open with an indent: a full line followed by an
    # unindented one runs on even when it ends a sentence exactly at the margin
    indented = width is not None and sum(1 for ln in lines if ln.startswith("  ") and ln[2:3].strip()) >= INDENT_MIN_LINES
    i = 0
    n = len(lines)
    logical = ""  # the logical line that ends with lines[i] (earlier joins included)
    carried: tuple[str, Marker | None] | None = None  # lines[i] as given to match_marker, and its marker
    while i < n - 1:
        line = lines[i]
        logical = logical + line.strip() if logical else line.strip()
        s = logical
        # wrapped page text: only a line that reaches the margin runs on; otherwise the
        # logical line must be long (an extraction break inside a long paragraph)
        short = _width(line) < min_len if width else len(s) < JOIN_MIN_LEN
        runs_on = indented and not short and i + 1 < n and lines[i + 1][:1].strip() != ""
        if (
            short
            or "\t" in line
            or ((s.endswith(_TERMINAL_MARKS) or _ends_sentence(s)) and not runs_on)  # (a mark: at once)
            or s.endswith(DOC_KIND_WORDS)  # a title line
            or _is_heading_line(s, carried)
        ):
            i += 1
            logical = ""
            continue
        j = i + 1
        while j < n and not lines[j].strip() and j - i - 1 < JOIN_MAX_BLANKS:
            j += 1
        if j >= n or not (nxt_text := lines[j].strip()):
            i += 1
            logical = ""
            continue
        nxt = lines[j]
        carried = None
        # (a date line is short: _DATE_LINE is tried only on lines that may be one)
        if (
            "\t" in nxt
            or (len(nxt_text) <= _DATE_LINE_MAX and _DATE_LINE.match(nxt))
            or (len(nxt_text) <= 40 and j + 1 < n and _may_be_date(lines[j + 1]) and _DATE_LINE.match(lines[j + 1]))
        ):
            i = j  # a table row, a date, or a signature above its date
            logical = ""
            continue
        key = nxt.lstrip(" ")
        marker = match_marker(key)
        if marker is not None:  # the next line opens a heading; its marker is carried to it
            carried = (key, marker)
            i = j
            logical = ""
            continue
        start = offs[i] + len(line)
        lead = len(nxt) - len(nxt.lstrip(" "))
        end = offs[j] + lead
        out.append((Edit(start, end, ""), "line-join", f"line break{'s' if j - i > 1 else ''} inside a sentence joined"))
        i = j
    return out


LINE_PASSES: list[tuple[str, Pass]] = [
    ("join_lines", pass_join_lines),
]


#: Repeated copies and scrambled punctuation (policyparse.descramble).
RECOVER_PASSES: list[tuple[str, Pass]] = [("recover", pass_recover)]

#: The chain of layers, in order.
DEFAULT_LAYERS: list[list[tuple[str, Pass]]] = [
    CHAR_PASSES,
    RECOVER_PASSES,
    CLEAN_LINE_PASSES,
    TABLE_PASSES,
    LINE_PASSES,
    INLINE_PASSES,
]


#: Repair kinds too frequent to list one by one: summarised as a count.
_SUMMARISED = {"unicode-space": "Unicode space or zero-width character(s) normalised", "table-columns": "space-aligned table gap(s) turned into tabs", "table-cells": "line break(s) between the cells of a table extracted one cell per line turned into tabs", "punctuation-summary": "scrambled separator(s) replaced by '，'"}


def _span(pe: ProposedEdit) -> tuple[int, int]:
    return pe[0][:2]  # (start, end)


def _run_layer(
    text: str, passes: list[tuple[str, Pass]], summary: dict[str, int]
) -> tuple[str, EditMap, list[RawRepair]]:
    """Apply one layer's passes; repairs of summarised kinds are only counted in ``summary``."""
    proposed: list[ProposedEdit] = []
    bulk: list[Substitutions] = []
    for _name, p in passes:
        got = p(text)
        proposed += got
        got_bulk = getattr(got, "bulk", None)
        if got_bulk is not None:
            bulk.append(got_bulk)
    subs = _one_char_subs(text, proposed, bulk[0]) if len(bulk) == 1 and len(passes) == 1 else None
    if subs is not None:
        text, proposed, count = subs
        if count:
            summary[bulk[0].kind] = summary.get(bulk[0].kind, 0) + count
    else:
        for b in bulk:
            proposed += b.proposed()
    if not proposed:
        return text, EditMap(), []
    in_order = list(map(itemgetter(0), proposed))
    if not all(map(le, in_order, in_order[1:])):  # (already in order when each edit's tuple is)
        proposed.sort(key=_span)
    edits: list[Edit] = []
    listed: list[tuple[int, str, str]] = []  # (index of the edit, kind, detail) of repairs listed one by one
    counted: list[str] = []  # kinds of the summarised repairs
    last_end = -1
    notes: list[RawRepair] = []
    for pe in proposed:
        e = pe[0]
        start, end, new = e
        if start == end and not new:
            if pe[1]:
                notes.append(RawRepair(pe[1], pe[2]))  # a finding with no edit
            continue
        if start < last_end:
            continue  # overlapping (first pass wins)
        if text[start:end] == new:
            continue
        kind = pe[1]
        if kind in _SUMMARISED:
            counted.append(kind)
        elif kind:
            listed.append((len(edits), kind, pe[2]))
        edits.append(e)
        if end > last_end:
            last_end = end
    for kind in dict.fromkeys(counted):  # in order of first appearance
        summary[kind] = summary.get(kind, 0) + counted.count(kind)
    new_text, emap = apply_edits(text, edits)
    starts, ends = emap.new_starts, emap.new_ends
    return new_text, emap, notes + [RawRepair(kind, detail, starts[i], ends[i]) for i, kind, detail in listed]


def _one_char_subs(
    text: str, proposed: list[ProposedEdit], bulk: Substitutions
) -> tuple[str, list[ProposedEdit], int] | None:
    """Apply a layer's one-character → one-character substitutions first, outside its map.

    Returns the text with them, the proposals left (the other edits and the rest of
    the substitutions, as edits) and how many substitutions changed a character; or
    None when the shortcut does not hold (the substitutions are then applied as edits).
    It holds when the substitutions' kind is summarised (counted, not listed) and
    the only summarised kind of the layer, and no proposed edit overlaps one: then
    the same characters change, they are counted the same, the other edits are kept
    or dropped as among all of them, and (:func:`policyparse.offsets.substitute`) the
    layer's map is unchanged without them — those starting where a proposed deletion
    ends stay edits.
    """
    if len(bulk.new) != 1 or bulk.kind not in _SUMMARISED:
        return None
    if not set(map(itemgetter(1), proposed)) & _SUMMARISED.keys() <= {bulk.kind}:
        return None
    starts, ends = bulk.starts, bulk.ends
    edits = list(map(itemgetter(0), proposed))
    # (column by column: the loops are per proposed edit or per exception, not per substitution)
    lengths = list(map(sub, ends, starts))
    # (runs of one character: told by one count, the common case, before picking the others)
    longer = [] if lengths.count(1) == len(lengths) else list(compress(starts, map((1).__ne__, lengths)))
    after_deletion = {e.end for e in edits if not e.new and e.end > e.start}.intersection(starts)
    if longer or after_deletion:
        as_edits = after_deletion.union(longer)
        one = list(compress(starts, map(not_, map(as_edits.__contains__, starts))))
        rest = [(Edit(s, e, bulk.new), bulk.kind, "") for s, e in zip(starts, ends, strict=True) if s in as_edits]
    else:
        one, rest = starts, []
    # no edit may cover a substituted character: the first one at or after its start
    # must stand at or after its end
    firsts = [*one, len(text) + 1]
    at_or_after = map(firsts.__getitem__, map(bisect_left, repeat(one), map(itemgetter(0), edits)))
    if not all(map(le, map(itemgetter(1), edits), at_or_after)):
        return None
    # (a substitution leaves its character as it was only where the text already has ``new``)
    count = len(one) - (list(map(text.__getitem__, one)).count(bulk.new) if bulk.new in text else 0)
    return substitute(text, one, bulk.new), proposed + rest, count


def _forward(repairs: list[RawRepair], emap: EditMap) -> None:
    for r in repairs:
        if r.start is not None and r.end is not None:
            r.start = emap.to_new(r.start)
            r.end = max(r.start, emap.to_new(r.end))




def normalise(source: str, *, layers: list[list[tuple[str, Pass]]] | None = None) -> Normalised:
    """Normalise decoded input text; return text, offset map and repairs."""
    chain = layers if layers is not None else DEFAULT_LAYERS
    text = source
    omap = OffsetMap()
    repairs: list[RawRepair] = []
    # high-volume trivial repairs are counted, then summarised into one entry per kind
    summary: dict[str, int] = {}
    for passes in chain:
        text, emap, new_repairs = _run_layer(text, passes, summary)
        if emap.new_starts:  # a layer without edits moves nothing
            _forward(repairs, emap)
        repairs.extend(new_repairs)
        omap.add(emap)
    kept = list(repairs)
    for kind, count in summary.items():
        name = "punctuation" if kind == "punctuation-summary" else kind
        kept.insert(0, RawRepair(name, f"{count} {_SUMMARISED[kind]}"))
    return Normalised(text=text, offsets=omap, repairs=kept, source=source)
