"""Stage 3 — segment: split a file into documents and read their metadata.

A document begins with a *title block*: one to four short lines (blank lines
allowed between them) that end with a document-kind word (通知, 意见, 方案,
规划 …), optionally followed by a draft marker.  A title block later in the
file opens a new document unless it is the title of the plan the current
notice issues (关于印发《X》的通知 … X) or a repeat of the current title.

Metadata of each document: title (lines joined, spaces between Chinese
characters removed), 发文字号 (a line that is only a number, in the header),
成文日期 (a line that is only a date), issuer (the line above that date, or
the part of the title before 关于), draft markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .docnum import DOCNUM_LINE, ParsedDocNumber, parse_doc_number
from .markers import match_marker
from .vocab import AGENCY_SUFFIXES, DOC_KIND_WORDS, DRAFT_MARKERS, TERMINAL, cn_to_int

#: Longest line that can be part of a title.
TITLE_LINE_MAX = 80
#: How many non-blank lines may make up one title block.
TITLE_MAX_LINES = 4
#: A second title block opens a new document only after this much body text.
MIN_BODY_CHARS = 200
#: Non-blank lines from a document's start searched for the first title.
HEADER_LINES = 12

_DRAFT_RX = regex.compile(r"[（(【\[]?\s*(" + "|".join(DRAFT_MARKERS) + r")\s*[）)】\]]?")
_KIND_END = regex.compile(
    r"(?:" + "|".join(sorted(DOC_KIND_WORDS, key=len, reverse=True)) + r")[》”\"]?\s*"
    r"(?:[（(【\[]\s*(?:" + "|".join(DRAFT_MARKERS) + r"|试行|暂行)\s*[）)】\]])?\s*$"
)
_SPACE_BETWEEN = regex.compile(r"(?<=[\p{Han}\p{P}])\s+|\s+(?=[\p{Han}\p{P}])")
_ISSUE_RX = regex.compile(r"关于(?:印发|转发|颁布|发布|下发)\s*(.+?)\s*的(?:通知|决定|函)$")
_CN_DATE = "〇零○Ｏ一二三四五六七八九十"
_DATE_LINE = regex.compile(
    rf"^\s*[（(]?\s*(\d{{4}}|[{_CN_DATE}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*月\s*"
    rf"(\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*日\s*[）)]?\s*$"
)


@dataclass
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class DocSegment:
    """One document's range and metadata (offsets into the normalised text)."""

    start: int
    end: int
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    doc_number: ParsedDocNumber | None = None
    doc_number_span: tuple[int, int] | None = None
    issuer: str | None = None
    date: str | None = None
    is_draft: bool = False
    issued_title: str | None = None  # X of 关于印发《X》的通知 (the plan this notice issues)
    skip: list[tuple[int, int]] = field(default_factory=list)  # lines that are not body (titles)


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = n
        out.append(Line(pos, nl, text[pos:nl]))
        pos = nl + 1
    return out


def clean_title(s: str) -> str:
    """Join title lines: remove whitespace next to Chinese characters and punctuation."""
    s = _SPACE_BETWEEN.sub("", s.strip())
    return s


def _titleish(s: str) -> bool:
    """Could this stripped line be part of a title?"""
    if not s or len(s) > TITLE_LINE_MAX or "\t" in s:
        return False
    if s[-1] in TERMINAL or s[-1] in "，,、":
        return False
    if DOCNUM_LINE.match(s) or _DATE_LINE.match(s) or s.endswith("文件"):
        return False
    if s.startswith(("附件", "附表", "抄送", "主送")) or s.endswith("印发"):
        return False
    if match_marker(s) is not None:
        return False
    return True


def _is_title_end(s: str) -> bool:
    return _titleish(s) and bool(_KIND_END.search(s))


def _title_block(lines: list[Line], i: int) -> tuple[int, int] | None:
    """If line i ends a title, return (first, last) line indexes of the block."""
    s = lines[i].stripped
    if lines[i].text.startswith("\t") or not _is_title_end(s):
        return None
    first = i
    k = i - 1
    taken = 1
    while k >= 0 and taken < TITLE_MAX_LINES:
        t = lines[k].stripped
        if not t:
            # allow a single blank line inside the block
            if k - 1 >= 0 and lines[k - 1].stripped:
                k -= 1
                continue
            break
        if lines[k].text.startswith("\t") or not _titleish(t) or _is_title_end(t) or len(t) > 40:
            break
        first = k
        taken += 1
        k -= 1
    last = i
    # a draft marker on its own line just after the title belongs to it
    k = i + 1
    while k < len(lines) and not lines[k].stripped:
        k += 1
    if k < len(lines) and _DRAFT_RX.fullmatch(lines[k].stripped):
        last = k
    return first, last


def _norm_key(s: str) -> str:
    return regex.sub(r"[\s《》〈〉<>“”\"'‘’「」（）()]", "", s)


def _date_iso(m: regex.Match) -> str | None:
    def num(x: str) -> int | None:
        if x.isdigit():
            return int(x)
        return cn_to_int(x.replace("○", "〇").replace("Ｏ", "〇"))

    y, mo, d = num(m.group(1)), num(m.group(2)), num(m.group(3))
    if not (y and mo and d) or not (1 <= mo <= 12 and 1 <= d <= 31) or not (1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _looks_agency(s: str) -> bool:
    return 2 <= len(s) <= 60 and s[-1] not in TERMINAL and s.endswith(AGENCY_SUFFIXES)


def segment(text: str) -> list[DocSegment]:
    """Split normalised text into documents and read each one's metadata."""
    lines = split_lines(text)
    docs: list[DocSegment] = []
    cur: DocSegment | None = None
    body_chars = 0
    seen_nonblank = 0
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.stripped
        if not s:
            i += 1
            continue
        block = _title_block(lines, i)
        if block is not None:
            first, last = block
            title_lines = [lines[k].stripped for k in range(first, i + 1) if lines[k].stripped]
            raw_title = "".join(title_lines)
            is_draft = any(d in raw_title for d in DRAFT_MARKERS) or last > i
            title = clean_title(_DRAFT_RX.sub("", raw_title))
            t_start, t_end = lines[first].start, lines[i].end
            if cur is None and seen_nonblank - (i - first) <= HEADER_LINES:
                cur = DocSegment(start=0, end=len(text))
                docs.append(cur)
                _set_title(cur, title, t_start, t_end, is_draft)
                cur.skip.append((lines[first].start, lines[last].end))
                body_chars = 0
                i = last + 1
                continue
            if cur is not None:
                key = _norm_key(title)
                if (cur.issued_title and key == _norm_key(cur.issued_title)) or (
                    cur.title and key == _norm_key(cur.title)
                ):
                    cur.skip.append((lines[first].start, lines[last].end))
                    i = last + 1
                    continue
                if body_chars >= MIN_BODY_CHARS:
                    cur.end = lines[first].start
                    cur = DocSegment(start=lines[first].start, end=len(text))
                    docs.append(cur)
                    _set_title(cur, title, t_start, t_end, is_draft)
                    cur.skip.append((lines[first].start, lines[last].end))
                    body_chars = 0
                    i = last + 1
                    continue
        seen_nonblank += 1
        if cur is not None:
            body_chars += len(s)
        i += 1
    if not docs:
        docs.append(DocSegment(start=0, end=len(text)))
    for d in docs:
        d.end = _trim(text, d.start, d.end)
        d.start = _trim_start(text, d.start, d.end)
        _read_metadata(text, d, lines)
    return docs


def _set_title(d: DocSegment, title: str, start: int, end: int, is_draft: bool) -> None:
    d.title = title or None
    d.title_start, d.title_end = start, end
    d.is_draft = d.is_draft or is_draft
    m = _ISSUE_RX.search(title)
    if m:
        d.issued_title = regex.sub(r"^[《〈“]|[》〉”]$", "", m.group(1))


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\r":
        end -= 1
    return end


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\n\r":
        start += 1
    return start


def _read_metadata(text: str, d: DocSegment, lines: list[Line]) -> None:
    doc_lines = [ln for ln in lines if ln.start >= d.start and ln.end <= d.end and ln.stripped]
    first_heading = None
    for idx, ln in enumerate(doc_lines):
        if "\t" not in ln.text and match_marker(ln.text.lstrip(" ")) is not None:
            first_heading = idx
            break
    header = doc_lines[: first_heading if first_heading is not None else min(len(doc_lines), HEADER_LINES)]
    # 发文字号: a header line that is only a number
    for ln in header[:HEADER_LINES]:
        m = DOCNUM_LINE.match(ln.stripped)
        if m:
            dn = parse_doc_number(m.group("num"))
            if dn is not None:
                d.doc_number = dn
                off = ln.text.find(m.group("num"))
                d.doc_number_span = (ln.start + off, ln.start + off + len(m.group("num")))
                break
    # 成文日期: the first line that is only a date; the issuer is the line above it
    prev: Line | None = None
    for ln in doc_lines:
        m = _DATE_LINE.match(ln.text)
        if m:
            iso = _date_iso(m)
            if iso:
                d.date = iso
                if prev is not None and _looks_agency(prev.stripped) and not _is_title_end(prev.stripped):
                    d.issuer = clean_title(prev.stripped)
                break
        prev = ln
    if d.issuer is None and d.title and "关于" in d.title:
        head = d.title.split("关于", 1)[0]
        if _looks_agency(head) and not regex.search(r"[《》“”]|贯彻|落实|印发", head):
            d.issuer = head
    # a draft marker anywhere in the header
    if not d.is_draft:
        for ln in header[:6]:
            if _DRAFT_RX.fullmatch(ln.stripped):
                d.is_draft = True
