"""Stage 3 — segment: split a file into documents and read their metadata.

A document begins with a *title block*: one to four short lines (blank lines
allowed between them) that end with a document-kind word (通知, 意见, 方案,
规划 …), optionally followed by a draft marker.  A title block later in the
file opens a new document unless it is the title of the plan the current
notice issues (关于印发《X》的通知 … X) or a repeat of the current title; so does
a web page's information block (索引号：… 标题：…) after a whole document (pages
saved into one file), with the page's title line under it, if any.

Metadata of each document: title (lines joined, spaces between Chinese
characters removed), 发文字号 (a line that is only a number, in the header, or
a number beside the 签发人 or the letterhead on its line), 成文日期 (the first
line that is only a date — 2023年5月6日, （成文日期：2023年3月10日）, or a numeric
2023-05-06 under a body's name — or a 落款 of body and date on one line), issuer
(the line above that date, or the part of the title before 关于), draft markers
(bracketed or not, 修订草案 …; vocabulary in ``data/metadata.json``).  A web
page's information block above the title (索引号：… 发文机关：… 发文字号：…) is never
part of the title; its values stand in for the metadata the document itself
does not give.

Anatomy (GB/T 9704): besides the title, the lines of the 公文 frame are found
and recorded as :class:`Part` ranges — 版头 (letterhead lines before the title),
the 发文字号 line, 主送机关, the 落款 (issuing bodies above the date, and the
date), 附注 (（此件公开发布）), the 附件 list, and the 抄送 / 印发 footers.  Every part
is added to ``skip`` so that it never becomes a heading or body text.  From them:
recipients, signers, publicity, attachments; kind / issued_kind from the title's
last word; level of the issuing body from its name (``data/levels.json``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import accumulate, islice, repeat
from operator import add, attrgetter
from typing import TYPE_CHECKING, NamedTuple

import regex

from .docnum import DOCNUM, DOCNUM_LINE, ParsedDocNumber, parse_doc_number
from .markers import match_marker
from .offsets import SpanIndex
from .vocab import (
    AGENCY_SUFFIXES,
    DOC_KIND_WORDS,
    DRAFT_AMENDMENTS,
    DRAFT_MARKERS,
    TERMINAL,
    cn_to_int,
    load_data,
    split_outside_brackets,
)

if TYPE_CHECKING:
    from .models import AnatomyKind, Level

#: Longest line that can be part of a title.
TITLE_LINE_MAX = 80
#: How many non-blank lines may make up one title block.
TITLE_MAX_LINES = 4
#: A second title block opens a new document only after this much body text.
MIN_BODY_CHARS = 200
#: Non-blank lines from a document's start searched for the first title.
HEADER_LINES = 12

#: A draft marker, after the word of an amendment or not (征求意见稿, 修订草案), or several
#: in a row (修订草案征求意见稿, 草案修改稿).
_ONE_DRAFT_WORD = r"(?:(?:" + "|".join(DRAFT_AMENDMENTS) + r")\s*)?(?:" + "|".join(DRAFT_MARKERS) + r")"
_DRAFT_WORD = rf"{_ONE_DRAFT_WORD}(?:\s*{_ONE_DRAFT_WORD})*"
_DRAFT_RX = regex.compile(r"[（(【\[〔［]?\s*(" + _DRAFT_WORD + r")\s*[）)】\]〕］]?")
#: A bracketed qualifier after a title's kind word: draft, 试行 / 暂行, the period or
#: edition (（2023—2025年）, （2021年版）, （2022年修订）).
_QUALIFIER = (
    r"[（(【\[〔]\s*(?:" + _DRAFT_WORD + r"|试行|暂行|修订|修正|修订版"
    r"|\d{4}\s*[—–\-－~～至]{1,2}\s*\d{4}\s*年?|\d{4}\s*年?\s*(?:版|修订|修正|修订版|本)?)\s*[）)】\]〕]"
)
#: A title's end: its kind word, up to two bracketed qualifiers, a draft marker without
#: brackets (…规划（2023—2030年）征求意见稿).
_KIND_END = regex.compile(
    r"(?:" + "|".join(sorted(DOC_KIND_WORDS, key=len, reverse=True)) + r")[》”\"]?\s*"
    r"(?:" + _QUALIFIER + r"\s*){0,2}(?:" + _DRAFT_WORD + r")?$"
)
_SPACE_BETWEEN = regex.compile(r"(?<=[\p{Han}\p{P}])\s+|\s+(?=[\p{Han}\p{P}])")
_ISSUE_VERBS = "印发|转发|颁布|发布|下发"
_ISSUE_RX = regex.compile(rf"关于(?:{_ISSUE_VERBS})\s*(.+?)\s*的(?:通知|决定|函)$")
#: The head of a title broken after its issuing verb: …办公厅关于印发 ⏎ X实施方案的通知.
_ISSUING_HEAD = regex.compile(rf"关于\s*(?:{_ISSUE_VERBS})$")
_CN_DATE = "〇零○Ｏ一二三四五六七八九十"
#: The labels a 成文日期 may carry (（成文日期：2023年3月10日）): the date fields of metadata.json.
_DATE_LABEL = "|".join(load_data("metadata.json")["info_fields"]["date"])
_DATE_CORE = (
    rf"[（(]?\s*(?:(?:{_DATE_LABEL})\s*[：:]\s*)?(\d{{4}}|[{_CN_DATE}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*月\s*"
    rf"(\d{{1,2}}|[{_CN_DATE}]{{1,3}})\s*日\s*[）)]?"
)
_DATE_LINE = regex.compile(rf"^\s*{_DATE_CORE}\s*$")
_NUMERIC_DATE = r" *(\d{4}) *[-/.．] *(\d{1,2}) *[-/.．] *(\d{1,2}) *"
#: A line that is only a numeric date (2023-05-06, 2023/4/1, 2023.9.1).
_NUMERIC_DATE_LINE = regex.compile(rf"^{_NUMERIC_DATE}$")
#: Such a line in a text, after its newline (a literal first: found fast).
_NUMERIC_DATE_ROW = regex.compile(rf"\n{_NUMERIC_DATE}(?=\n|$)")
#: A 落款 on one line: the issuing body, a gap, the date (…办公室      2022年3月1日).  The
#: gap may be gone: normalisation removes up to three spaces between a character and a digit.
_BODY_DATE_LINE = regex.compile(rf"^\s*(?P<body>\S[^\n]{{0,58}}?\S)(?P<gap>\s*)(?P<date>{_DATE_CORE})\s*$")
#: The body of a one-line 落款 without a wide gap before its date is one name, nothing else.
_ONE_NAME = regex.compile(r"[\p{Han}（）()]+")
#: A 发文字号 sharing its line with the 签发人 (上行文: 国卫医发〔2020〕13号    签发人：张三).
_SIGNED_BY = regex.compile(r"[ \t]+签\s*发\s*人\s*[：:][^\n]*$")
#: The 签发人 field, wherever it stands (a line of its own, before or after the 发文字号).
_SIGNED_BY_FIELD = regex.compile(r"签\s*发\s*人\s*[：:]")
#: A 发文字号 ending a line after a gap: the field beside the letterhead or the 签发人.
_LAST_FIELD_NUM = regex.compile(rf"\s[（(]?\s*(?P<num>{DOCNUM.pattern})\s*[）)]?\s*$")
#: The field a 发文字号 shares its line with, before it: the letterhead (…办公厅文件) or the
#: 签发人 (签发人：吴晓军　　青政〔2023〕8号).
_FIELD_BEFORE_NUM = regex.compile(r"\S[^\n]{0,40}文件|签\s*发\s*人\s*[：:][^\n]{1,40}")

_INFO_KINDS: dict[str, str] = {
    label: kind for kind, labels in load_data("metadata.json")["info_fields"].items() for label in labels
}
_INFO_LABEL = "|".join(sorted(_INFO_KINDS, key=len, reverse=True))
#: A line of the information block a web page shows above a document (索引号：… 发文机关：…).
_INFO_LINE = regex.compile(rf"^(?:{_INFO_LABEL})\s*[：:]")
#: One field of an information line: its label and its value, up to the next label or the end.
_INFO_FIELD = regex.compile(rf"(?P<label>{_INFO_LABEL})\s*[：:]\s*(?P<value>.*?)\s*(?=\s(?:{_INFO_LABEL})\s*[：:]|$)")


def _number_field(s: str) -> str | None:
    """The 发文字号 a stripped header line gives: the whole line, or its last field when the
    other one is the 签发人 (after or before it) or the letterhead (…文件　　粤办函〔2023〕55号)."""
    if "号" not in s:
        return None  # a 发文字号 ends in 号
    if "签" in s:
        s = _SIGNED_BY.sub("", s)
    m = DOCNUM_LINE.match(s)
    if m:
        return m.group("num")
    m = _LAST_FIELD_NUM.search(s)
    if m and _FIELD_BEFORE_NUM.fullmatch(s[: m.start()].strip()):
        return m.group("num")
    return None


#: the information lines that make a block (索引号, 发文机关 …, each on its line or several on one)
_INFO_BLOCK_MIN = 2


def _info_block_at(lines: list[Line], i: int) -> bool:
    """Whether lines[i] opens a web page's information block: it and the next lines hold at
    least :data:`_INFO_BLOCK_MIN` labelled fields (索引号：… ⏎ 发文机关：…)."""
    fields = 0
    for ln in lines[i : i + 8]:
        if not ln.stripped:
            continue
        if not _info_line(ln.stripped):
            break
        fields += len(_INFO_FIELD.findall(ln.stripped))
        if fields >= _INFO_BLOCK_MIN:
            return True
    return False


def _info_line(s: str) -> bool:
    """Is this stripped line part of a web page's information block (索引号：…)?"""
    return ("：" in s or ":" in s) and _INFO_LINE.match(s) is not None


def _ends_in_date(s: str) -> bool:
    """Cheap test before the date patterns: a date line ends in 日 (or 日）).

    A line's stripped text passes it exactly when its right-stripped text does.
    """
    return "日" in s[-3:]


def _date_line(s: str) -> regex.Match | None:
    return _DATE_LINE.match(s) if _ends_in_date(s.rstrip()) else None


def _date_lines(text: str, doc_lines: list[Line], not_starts: set[int]) -> list[int]:
    """Indexes of the lines of ``doc_lines`` that may be a 落款's date: those ending in 日
    and those that are only a numeric date; none that starts at one of ``not_starts``."""
    found = [idx for idx in _lines_with(text, doc_lines, "日") if _ends_in_date(doc_lines[idx].stripped)]
    if doc_lines:  # (the first line has no line above to name the body: never a numeric 落款 date)
        for m in _NUMERIC_DATE_ROW.finditer(text, doc_lines[0].start, doc_lines[-1].end):
            found.append(bisect_right(doc_lines, m.start() + 1, key=_START) - 1)
        found.sort()
    return [idx for idx in found if doc_lines[idx].start not in not_starts] if not_starts else found


def _line_date(doc_lines: list[Line], idx: int) -> regex.Match | None:
    """The date line ``idx`` of ``doc_lines`` gives as a 落款's date, or None: a line that is
    only a date (2023年5月6日, （成文日期：2023年3月10日）), or only a numeric date (2023-05-06,
    2023/4/1, 2023.9.1) under a body's name (alone, such a line may be a table's cell)."""
    ln = doc_lines[idx]
    m = _DATE_LINE.match(ln.text) if _ends_in_date(ln.stripped) else None
    if m is None and idx and (m := _NUMERIC_DATE_LINE.match(ln.text)) is not None:
        prev = doc_lines[idx - 1]
        if prev.text.startswith("\t") or not _looks_agency(prev.stripped) or _is_title_end(prev.stripped):
            return None
    return m if m is not None and _date_iso(m) else None


def _body_date(ln: Line) -> tuple[regex.Match, str, tuple[int, int], tuple[int, int]] | None:
    """A one-line 落款: (date match, body, body range, date range), or None.

    Bodies and date stand apart by a wide gap (two spaces or tabs), or by a narrow one or none
    at all when the body is one name (重庆市农业农村委员会2023年2月15日: normalisation removed the gap).
    """
    if not _ends_in_date(ln.stripped):
        return None
    m = _BODY_DATE_LINE.match(ln.text)
    dm = _DATE_LINE.match(m.group("date")) if m else None
    if not m or not dm or not _date_iso(dm):
        return None
    body = m.group("body")
    gap = m.group("gap")
    if len(gap) < 2 and not _ONE_NAME.fullmatch(body):
        return None
    pieces = [p for p in _SIGNER_SPLIT.split(body) if p]
    if not pieces or not all(_looks_agency(clean_title(p)) for p in pieces):
        return None
    return dm, body, (ln.start + m.start("body"), ln.start + m.end("body")), (ln.start + m.start("date"), ln.start + m.end("date"))


class Line(NamedTuple):
    """One line of the text (without its newline) and its stripped text, computed once."""

    start: int
    end: int
    text: str
    stripped: str


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
    #: the document opens with a web page's information block (索引号：… 标题：…): its title
    #: line, if any, comes after it
    opens_with_info: bool = False
    issued_title: str | None = None  # X of 关于印发《X》的通知 (the plan this notice issues)
    skip: list[tuple[int, int]] = field(default_factory=list)  # lines that are not body (titles, anatomy)
    parts: list[Part] = field(default_factory=list)  # the 公文 frame, in text order
    recipients: list[str] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    kind: str | None = None
    issued_kind: str | None = None
    publicity: str | None = None
    level: Level | None = None
    attachments: list[AttachmentItem] = field(default_factory=list)
    skip_index: SpanIndex | None = field(default=None, repr=False, compare=False)  # (see _add_part)


@dataclass
class Part:
    """A line (or lines) of the 公文 frame: kind as in models.AnatomyPart."""

    kind: AnatomyKind
    start: int
    end: int


@dataclass
class AttachmentItem:
    """One entry of the 附件 list."""

    number: int | None
    title: str
    start: int
    end: int
    path: list[str] | None = None


#: Line(start, end, text, stripped) from a 4-tuple, without the Python-level NamedTuple constructor.
_new_line = partial(tuple.__new__, Line)


def split_lines(text: str) -> list[Line]:
    """The lines of the text, the last one after the final newline included (maybe empty).

    Built with C-level map/zip: a line starts one past the end (the newline) of the one before.
    """
    texts = text.split("\n")
    lengths = list(map(len, texts))
    starts = list(accumulate(map(add, lengths[:-1], repeat(1)), initial=0))
    ends = map(add, starts, lengths)
    return list(map(_new_line, zip(starts, ends, texts, map(str.strip, texts), strict=True)))


_STRIPPED = attrgetter("stripped")
_START = attrgetter("start")
_END = attrgetter("end")


def _lines_with(text: str, doc_lines: list[Line], word: str) -> list[int]:
    """Indexes of the lines of ``doc_lines`` (ascending, the text's nonblank lines in a range)
    that contain ``word``.

    A C search of the text (str.find) and a bisect per hit, instead of a test of every
    line: the frame lines looked for (主送, 附件, a date in 日) are few.
    """
    if not doc_lines:
        return []
    lo, hi = doc_lines[0].start, doc_lines[-1].end
    found: list[int] = []
    pos = text.find(word, lo, hi)
    while pos != -1:
        k = bisect_right(doc_lines, pos, key=_START) - 1  # the line the hit lies in
        if pos < doc_lines[k].end and (not found or found[-1] != k):
            found.append(k)
        pos = text.find(word, pos + 1, hi)
    return found


def clean_title(s: str) -> str:
    """Join title lines: remove whitespace next to Chinese characters and punctuation."""
    s = _SPACE_BETWEEN.sub("", s.strip())
    return s


#: A letter, a digit or a Chinese character: a line without one is a rule or a mark, no title.
_HAS_WORD = regex.compile(r"[\p{Han}\p{L}\p{N}]")


def _titleish(s: str) -> bool:
    """Could this stripped line be part of a title?"""
    if not s or len(s) > TITLE_LINE_MAX or "\t" in s:
        return False
    if s[-1] in TERMINAL or s[-1] in "，,、":
        return False
    if _number_field(s) or _date_line(s) or s.endswith("文件") or ("签" in s and _SIGNED_BY_FIELD.search(s)):
        return False
    if _info_line(s) or (s[-1] == "日" and _BODY_DATE_LINE.match(s)) or (s[0].isdigit() and _NUMERIC_DATE_LINE.match(s)):
        return False  # a 落款 on one line (…办公室　2023年1月1日), a numeric date
    if not _HAS_WORD.search(s):
        return False  # a rule of dashes or stars between two documents
    if s.startswith(("附件", "附表", "抄送", "主送")) or (s[0] in "（(" and _NOTE_RX.match(s)):
        return False
    if s.endswith("印发") and not _ISSUING_HEAD.search(s):  # an 印发 footer, not …关于印发 ⏎ X的通知
        return False
    if match_marker(s) is not None:
        return False
    return True


#: The characters a line can end with where _KIND_END finds a kind word at its end: the last
#: character of a kind word or a draft marker (…规划征求意见稿), a closing quote, the bracket
#: closing a qualifier.
_KIND_END_LAST = frozenset(w[-1] for w in DOC_KIND_WORDS + DRAFT_MARKERS) | frozenset("》”\"）)】]〕")


def _is_title_end(s: str) -> bool:
    if s and s[-1] not in _KIND_END_LAST and not s[-1].isspace():
        return False  # cheap test first: _KIND_END cannot match
    return _titleish(s) and bool(_KIND_END.search(s))


#: A line that carries on a title whose previous line already ended in a kind word:
#: …关于印发X实施方案 ⏎ 的通知, …X规划 ⏎ （2021—2025年）.
_TITLE_TAIL = regex.compile(r"^(?:的|之|" + _QUALIFIER + r")")
_QUALIFIERS_ONLY = regex.compile(r"(?:" + _QUALIFIER + r"\s*)+")


def _title_block(lines: list[Line], i: int) -> tuple[int, int, int] | None:
    """If line i ends a title, return (first, end, last) line indexes of the block.

    ``end`` is the title's last line (i, or the line after it when the title
    carries on there: …实施方案 ⏎ 的通知); ``last`` also covers a draft marker
    on its own line below.
    """
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
    end = i
    k = i + 1
    if k < len(lines) and not lines[k].stripped:
        k += 1  # a single blank line inside the block
    if k < len(lines) and not lines[k].text.startswith("\t"):
        t = lines[k].stripped
        tail = _TITLE_TAIL.match(t) and (_is_title_end(t) or _QUALIFIERS_ONLY.fullmatch(t))
        if len(t) <= 40 and tail and not _DRAFT_RX.fullmatch(t):
            end = k
    last = end
    # a draft marker on its own line just after the title belongs to it
    k = end + 1
    while k < len(lines) and not lines[k].stripped:
        k += 1
    if k < len(lines) and _DRAFT_RX.fullmatch(lines[k].stripped):
        last = k
    return first, end, last


_QUOTED = regex.compile(r"《[^《》\n]*》")
_ISSUING = regex.compile(rf"(?:{_ISSUE_VERBS})\s*$")


def _strip_draft(raw: str) -> tuple[str, bool]:
    """The title without its draft markers, and whether it is a draft.

    A marker inside 《》 belongs to the quoted title and stays: 关于公开征求《X办法（征求意见稿）》
    意见的通知 is a final notice asking for comments on a draft, not a draft itself; only a
    notice that issues the quoted draft (关于印发《X（征求意见稿）》的通知) carries it as its body.
    """
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(raw)]
    draft = False
    out: list[str] = []
    pos = 0
    for m in _DRAFT_RX.finditer(raw):
        q = next(((a, b) for a, b in quoted if a < m.start() < b), None)
        if q is not None:
            draft = draft or bool(_ISSUING.search(raw[: q[0]]))
            continue
        draft = True
        out.append(raw[pos : m.start()])
        pos = m.end()
    out.append(raw[pos:])
    return clean_title("".join(out)), draft


def _after_bare_appendix(lines: list[Line], first: int) -> bool:
    """Whether the nearest non-blank line above line ``first`` is a bare 附件2 / 附表1 / 附件：.

    A title block there is the caption of an appended text (附件2 ⏎ 重点任务清单), part
    of the document it is appended to, never the start of a new one.
    """
    k = first - 1
    while k >= 0 and not lines[k].stripped:
        k -= 1
    if k < 0 or lines[k].text.startswith("\t"):
        return False
    m = match_marker(lines[k].stripped)
    return m is not None and m.style == "appendix" and not lines[k].stripped[m.end :].strip()


_OUTLINE_TOP = regex.compile(r"([0-9０-９]{1,2})\s*(?=\p{Han})")


def _outline_top_line(lines: list[Line], i: int) -> bool:
    """Whether line i is the top number of a decimal outline (2 主要任务 ⏎ 2.1 培育数据市场): the
    next non-blank line opens with a multi-level number under it."""
    m = _OUTLINE_TOP.match(lines[i].stripped)
    k = _nonblank(lines, i + 1, 1) if m else None
    if m is None or k is None:
        return False
    nxt = match_marker(lines[k].stripped)
    n = m.group(1).translate(_FW_DIGITS)
    return nxt is not None and nxt.style.startswith("outline") and nxt.canonical.startswith(f"{int(n)}.")


def _nonblank(lines: list[Line], k: int, step: int) -> int | None:
    """The index of the first non-blank line from k on in the direction of step (1 or -1)."""
    while 0 <= k < len(lines):
        if lines[k].stripped:
            return k
        k += step
    return None


def _numbered(ln: Line) -> bool:
    """Whether the line is a 发文字号 alone (or beside the 签发人 / the letterhead)."""
    num = _number_field(ln.stripped)
    return num is not None and parse_doc_number(num) is not None


#: Words of a body that hands over a text (现将方案印发给你们, 附件：…): the title after its date is that text.
_CARRIES = regex.compile(r"附件|附表|(?:印发|转发|下发|发)给你们")


def _named_before(lines: list[Line], first: int, cur: DocSegment, title: str) -> bool:
    """Whether the current document carries the text whose title starts at line ``first``: it
    names ``title`` before it, under its own title (its attachment list, a quoted title), or
    says it hands a text over (现将方案印发给你们, 附件：…).  The current document is short here
    (below :data:`MIN_BODY_CHARS`)."""
    key = _norm_key(title)
    lo = bisect_left(lines, cur.title_end or cur.start, key=_START)
    body = "".join(ln.stripped for ln in lines[lo:first])
    return (bool(key) and key in _norm_key(body)) or _CARRIES.search(body) is not None


def _short_document_opens(lines: list[Line], first: int, last: int, cur: DocSegment, title: str) -> int | None:
    """Where a title block (lines first..last) opens a new document after a body shorter than
    :data:`MIN_BODY_CHARS` — short notices one after another in one file: the line index of
    its start, or None where the title is part of the current document.

    It opens one when it carries its own 发文字号 (the line under it, or the line above it,
    which then opens the document; not titles and numbers in turn, a list of documents), or when the current document has ended: its last
    lines are its 成文日期 (after which a note like （此件公开发布） may stand) — unless the
    current document is a notice issuing a plan, whose title comes after its date, or names
    the title before (附件：读书月活动实施方案, :func:`_named_before`).
    """
    above = _nonblank(lines, first - 1, -1)
    listed = above is not None and _numbered(lines[above])  # a title after a number line
    below = _nonblank(lines, last + 1, 1)
    if below is not None and not lines[below].text.startswith("\t") and _numbered(lines[below]):
        after = _nonblank(lines, below + 1, 1)
        if listed or (after is not None and _is_title_end(lines[after].stripped)):
            return None  # titles and their numbers in a list (废止下列文件：…) are the notice's text
        return first
    if above is None:
        return None
    if listed:
        before = _nonblank(lines, above - 1, -1)  # not the current document's own number under its title
        if (
            before is not None
            and lines[before].start >= (cur.title_end or cur.start)
            and lines[before].start > cur.start
            and not _is_title_end(lines[before].stripped)
        ):
            return above
        return None
    if cur.issued_title is not None:
        return None
    if _named_before(lines, first, cur, title):
        return None  # 附件：读书月活动实施方案 … date ⏎ 读书月活动实施方案: the notice's attachment
    if _NOTE_RX.match(lines[above].stripped):
        above = _nonblank(lines, above - 1, -1)
        if above is None:
            return None
    if _document_end_line(lines[above].stripped):
        return first
    return None


def _document_end_line(s: str) -> bool:
    """Whether a stripped line can end a document: its 成文日期 (alone, numeric, or after the
    issuing body on one line) or a footer (抄送：… / …2023年3月1日印发)."""
    if s.endswith("日"):
        return bool(_date_line(s) or _BODY_DATE_LINE.match(s))
    return bool(_NUMERIC_DATE_LINE.match(s) or s.endswith("印发") or _CC_RX.match(s))


def _quoted_keys(title: str) -> set[str]:
    """The comparison keys of the titles quoted 《》 in a title."""
    return {_norm_key(m.group()) for m in _QUOTED.finditer(title)}


_KEY_DROP = regex.compile(r"[\s《》〈〉<>“”\"'‘’「」（）()〔〕【】]")


def _norm_key(s: str) -> str:
    """A title compared with another: no spaces, quotes, brackets or draft markers."""
    return _KEY_DROP.sub("", _DRAFT_RX.sub("", s))


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
        # a title ends in a kind word or a qualifier (the cheap test of _is_title_end)
        block = _title_block(lines, i) if s[-1] in _KIND_END_LAST else None
        if block is not None and _outline_top_line(lines, i):
            block = None  # 2 主要任务 ⏎ 2.1 …: a decimal outline's number, no title
        if block is not None:
            first, t_last, last = block
            title_lines = [lines[k].stripped for k in range(first, t_last + 1) if lines[k].stripped]
            raw_title = "".join(title_lines)
            title, is_draft = _strip_draft(raw_title)
            is_draft = is_draft or last > t_last
            t_start, t_end = lines[first].start, lines[t_last].end
            if cur is None and seen_nonblank - (i - first) <= HEADER_LINES:
                cur = DocSegment(start=0, end=len(text))
                docs.append(cur)
                _set_title(cur, title, t_start, t_end, is_draft)
                cur.skip.append((lines[first].start, lines[last].end))
                body_chars = 0
                i = last + 1
                continue
            if cur is not None and cur.opens_with_info and cur.title is None and body_chars < MIN_BODY_CHARS:
                _set_title(cur, title, t_start, t_end, is_draft)  # the page's title under its block
                cur.skip.append((lines[first].start, lines[last].end))
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
                if cur.title and is_draft and key in _quoted_keys(cur.title):
                    # 关于公开征求《X办法（征求意见稿）》意见的通知 carrying X ⏎ （征求意见稿）: the
                    # text the reader gets is the draft itself
                    cur.is_draft = True
                    cur.skip.append((lines[first].start, lines[last].end))
                    i = last + 1
                    continue
                opens = first if body_chars >= MIN_BODY_CHARS else _short_document_opens(lines, first, last, cur, title)
                if opens is not None and not _after_bare_appendix(lines, first):
                    cur.end = lines[opens].start
                    cur = DocSegment(start=lines[opens].start, end=len(text))
                    docs.append(cur)
                    _set_title(cur, title, t_start, t_end, is_draft)
                    cur.skip.append((lines[first].start, lines[last].end))
                    body_chars = 0
                    i = last + 1
                    continue
        if cur is not None and body_chars >= MIN_BODY_CHARS and _info_line(s) and _info_block_at(lines, i):
            # a web page's information block after a whole document: the next page's document
            cur.end = ln.start
            cur = DocSegment(start=ln.start, end=len(text), opens_with_info=True)
            docs.append(cur)
            body_chars = 0
            i += 1
            continue
        if cur is not None or not _info_line(s):  # (a web page's information block is no text)
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


_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OUTER_QUOTES = regex.compile(r"^[《〈“]|[》〉”]$")


def _set_title(d: DocSegment, title: str, start: int, end: int, is_draft: bool) -> None:
    d.title = title or None
    d.title_start, d.title_end = start, end
    d.is_draft = d.is_draft or is_draft
    m = _ISSUE_RX.search(title)
    if m:
        d.issued_title = _OUTER_QUOTES.sub("", m.group(1))


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\r":
        end -= 1
    return end


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\n\r":
        start += 1
    return start


#: Words that show the part of a title before 关于 is not the issuing body's name.
_NOT_AGENCY = regex.compile(r"[《》“”]|贯彻|落实|印发")


def _read_metadata(text: str, d: DocSegment, lines: list[Line]) -> None:
    # the nonblank lines with d.start <= start and end <= d.end (starts and ends both ascend)
    lo = bisect_left(lines, d.start, key=_START)
    hi = bisect_right(lines, d.end, lo, key=_END)
    doc_lines = list(filter(_STRIPPED, lines[lo:hi]))
    info = _info_block(doc_lines, d)
    info_starts = {ln.start for ln in info}
    head_lines = [ln for ln in doc_lines if ln.start not in info_starts] if info else doc_lines
    first_heading = None
    for idx, ln in enumerate(head_lines):
        if "\t" not in ln.text and match_marker(ln.text.lstrip(" ")) is not None:
            first_heading = idx
            break
    header = head_lines[: first_heading if first_heading is not None else min(len(head_lines), HEADER_LINES)]
    # 发文字号: a header line that is only a number (or one beside the 签发人 or the letterhead)
    for ln in header[:HEADER_LINES]:
        num = _number_field(ln.stripped)
        dn = parse_doc_number(num) if num else None
        if num and dn is not None:
            d.doc_number = dn
            off = ln.text.find(num)
            d.doc_number_span = (ln.start + off, ln.start + off + len(num))
            break
    # 成文日期: the first line that is only a date; the issuer is the line above it.  Only a
    # line ending in 日 or a numeric date can be a date line or a one-line 落款 (here and in
    # _read_signature).
    date_ends = _date_lines(text, doc_lines, info_starts)
    for idx in date_ends:
        ln = doc_lines[idx]
        prev = doc_lines[idx - 1] if idx else None
        m = _line_date(doc_lines, idx)
        if m:
            d.date = _date_iso(m)
            if prev is not None and _looks_agency(prev.stripped) and not _is_title_end(prev.stripped):
                d.issuer = clean_title(prev.stripped)
            break
        if d.title_end is not None and ln.start >= d.title_end and (bd := _body_date(ln)) is not None:
            d.date = _date_iso(bd[0])
            d.issuer = clean_title(bd[1])
            break
    if info:
        _use_info_block(d, info)
    if d.issuer is None:
        d.issuer = _title_issuer(d.title)
    # a draft marker anywhere in the header
    if not d.is_draft:
        for ln in header[:6]:
            if _DRAFT_RX.fullmatch(ln.stripped):
                d.is_draft = True
    _read_anatomy(text, d, doc_lines, date_ends)


def _info_block(doc_lines: list[Line], d: DocSegment) -> list[Line]:
    """The lines of a web page's information block above the document's title (索引号：…)."""
    end = bisect_left(doc_lines, d.title_start, key=_START) if d.title_start is not None else HEADER_LINES
    return [ln for ln in doc_lines[:end] if _info_line(ln.stripped)]


def _title_issuer(title: str | None) -> str | None:
    """The issuing body a title names before 关于, if it names one."""
    if not title or "关于" not in title:
        return None
    head = title.split("关于", 1)[0]
    return head if _looks_agency(head) and not _NOT_AGENCY.search(head) else None


def _use_info_block(d: DocSegment, info: list[Line]) -> None:
    """The values of a web page's information block (标题, 发文字号, 成文日期, 发文机关) stand in
    for the metadata the document itself does not give (its 发文机关 only when the title names
    no issuer either)."""
    fields: dict[str, tuple[str, int, int]] = {}  # kind → (value, start, end): the first of each kind
    for ln in info:
        for m in _INFO_FIELD.finditer(ln.text):
            if m.group("value"):
                a, b = ln.start + m.start("value"), ln.start + m.end("value")
                fields.setdefault(_INFO_KINDS[m.group("label")], (m.group("value"), a, b))
    if d.title is None and "title" in fields:
        d.title, draft = _strip_draft(fields["title"][0])
        d.is_draft = d.is_draft or draft
        if (im := _ISSUE_RX.search(d.title)) is not None:
            d.issued_title = _OUTER_QUOTES.sub("", im.group(1))
    if d.doc_number is None and "doc_number" in fields:
        value, a, b = fields["doc_number"]
        if (dn := parse_doc_number(value)) is not None:
            d.doc_number, d.doc_number_span = dn, (a, b)
    if d.date is None and "date" in fields and (dm := _DATE_LINE.match(fields["date"][0])) is not None:
        d.date = _date_iso(dm)
    issuer = fields.get("issuer", ("",))[0]
    if d.issuer is None and _looks_agency(issuer) and _title_issuer(d.title) is None:
        d.issuer = clean_title(issuer)


# ---------------------------------------------------------------- anatomy

#: Collective names a 主送 list is made of, besides agency suffixes (各直属机构, 各成员单位).
RECIPIENT_SUFFIXES = AGENCY_SUFFIXES + ("机构", "单位", "部门", "组织", "学校", "企业", "医院", "团体")
#: A bare level word in a 主送 list shares the name that follows: 各市、县人民政府.
_BARE_LEVEL = regex.compile(r"^各?(?:省|市|县|区|乡|镇|州|盟|旗|设区市|自治区|直辖市|自治州|自治县|计划单列市|新疆生产建设兵团)$")
_NOTE_RX = regex.compile(r"^[（(]\s*(?P<note>此件[^（）()\n]{2,10}?|(?P<open>(?:信息)?公开(?:形式|方式|属性|类型|选项)\s*[：:]\s*[^（）()\n]{2,8}?)|联系人[^（）()\n]{0,60}|[^（）()\n]{0,20}联系电话[^（）()\n]{0,40})\s*[）)]$")
_CC_RX = regex.compile(r"^(?:抄送|抄报|分送)\s*[：:]")
_MAIN_SEND_RX = regex.compile(r"^主送\s*[：:]\s*")
_PRINTED_RX = regex.compile(r"^\S.{0,40}?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$|^\S.{0,30}?(?:办公厅|办公室|秘书处|秘书科)\s*印\s*发$")
_ATTACH_HEAD = regex.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
_ATTACH_ITEM = regex.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<t>\S.*?)\s*$")
_APPENDIX_LINE = regex.compile(r"^附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?\s*(?:\S.{0,60})?$")
_DRAFT_OR_TRIAL = regex.compile(r"(?:\s*" + _QUALIFIER + r")+$")
_SIGNER_SPLIT = regex.compile(r"\s+|、")


def _stripped_range(ln: Line) -> tuple[int, int]:
    a = ln.start + len(ln.text) - len(ln.text.lstrip())
    b = ln.start + len(ln.text.rstrip())
    return a, b


def _add_part(d: DocSegment, kind: AnatomyKind, a: int, b: int) -> None:
    if b <= a:
        return
    d.parts.append(Part(kind, a, b))
    if not _skip_index(d).covers(a, b):  # (a scan of every span per part was quadratic)
        d.skip.append((a, b))


def _skip_index(d: DocSegment) -> SpanIndex:
    if d.skip_index is None or d.skip_index.spans is not d.skip:
        d.skip_index = SpanIndex(d.skip)
    return d.skip_index


_KINDS_LONGEST_FIRST = sorted(DOC_KIND_WORDS, key=len, reverse=True)


def doc_kind(title: str | None) -> str | None:
    """The kind word a title ends with (实施方案, 通知 …), draft / 试行 markers ignored."""
    if not title:
        return None
    t = _DRAFT_RX.sub("", title).strip()
    t = _DRAFT_OR_TRIAL.sub("", t).rstrip("》”\" ")
    for w in _KINDS_LONGEST_FIRST:
        if t.endswith(w):
            return w
    return None




def split_recipients(s: str) -> list[str]:
    """主送机关 as a list: split on ，；, then on 、 unless a bare level word shares the next name."""
    out: list[str] = []
    for group in split_outside_brackets(s, "，,；;", "（(〔", "）)〕"):
        pending: list[str] = []
        for piece in split_outside_brackets(group, "、", "（(〔", "）)〕"):
            piece = clean_title(piece)
            if not piece:
                continue
            if _BARE_LEVEL.match(piece):
                pending.append(piece)
                continue
            out.append("、".join(pending + [piece]))
            pending = []
        if pending:
            out.append("、".join(pending))
    return out


_TRAILING_PAREN = regex.compile(r"[（(][^（）()]{1,10}[）)]$")


def _recipient_like(s: str) -> bool:
    s = clean_title(s)
    s = _TRAILING_PAREN.sub("", s)  # 卫生健康局（委）: the bracket names an alternative body
    return 2 <= len(s) <= 40 and (s.endswith(RECIPIENT_SUFFIXES) or bool(_BARE_LEVEL.match(s)))


@cache
def _levels() -> dict:
    """levels.json, its word lists as tuples (ready for str.startswith), built once."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in load_data("levels.json").items()}


_PLACE_RX = regex.compile(
    r"(?P<name>\p{Han}{2,8}?)(?P<suf>特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)"
)


_BODY_WORD = regex.compile(r"政府|人民|委|厅|局|部|办|会|院|党|关于|医|卫")


_SPACES = regex.compile(r"\s+")
_CPC = regex.compile(r"^中共")


def issuer_level(name: str | None) -> Level | None:
    """national / provincial / municipal / county from the start of a body's name; None if it shows none."""
    if not name:
        return None
    data = _levels()
    n = _SPACES.sub("", name)
    n = _CPC.sub("", n) if not n.startswith("中共中央") else n
    if n.startswith(data["national_prefixes"]) or n.startswith(data["central_bodies"]):
        return "national"
    if n.startswith(data["provincial_prefixes"]):
        return "provincial"
    level: Level | None = None
    pos = 0
    for _ in range(3):  # 辽宁省沈阳市和平区…: the last place in the chain decides
        if n.startswith(data["municipalities"], pos):
            level, pos = "provincial", pos + 3
            continue
        m = _PLACE_RX.match(n, pos)
        if not m or m.group("name").endswith(("社", "园", "小", "街", "辖")) or _BODY_WORD.search(m.group("name")):
            break
        suf = m.group("suf")
        if suf in data["provincial_suffixes"]:
            level = "provincial"
        elif suf in data["municipal_suffixes"]:
            level = "municipal"
        else:
            level = "county"
        pos = m.end()
    if level:
        return level
    if n.startswith(data["provinces"]) or n.startswith(data["provincial_prefixes"]):
        return "provincial"
    if n.startswith(data["municipal_prefixes"]):
        return "municipal"
    if n.startswith(data["county_prefixes"]):
        return "county"
    return None


def _letterhead_like(ln: Line) -> bool:
    """A 版头 line: short, no sentence punctuation, no heading marker (固原市 / …领导小组文件 / 签发人：…),
    or a line of a web page's information block (索引号：…)."""
    s = ln.stripped
    if _info_line(s):
        return True
    if ln.text.startswith("\t") or len(s) > 40 or match_marker(s) is not None or s.startswith(("附件", "附表")):
        return False
    return s[-1] not in TERMINAL or s.startswith(("签发人", "份号", "密级", "紧急程度"))


def _read_anatomy(text: str, d: DocSegment, doc_lines: list[Line], date_ends: list[int]) -> None:
    """Find the 公文 frame of document d (see the module docstring) and the metadata it carries.

    ``date_ends``: the indexes of the lines of ``doc_lines`` that may be a date (:func:`_date_lines`).
    """
    title_skip = d.skip[0] if d.skip and d.title_start is not None else None
    # title and repeated titles (already skipped)
    for a, b in list(d.skip):
        kind: AnatomyKind = "title" if (a, b) == title_skip else "repeated_title"
        a2, b2 = _trim_start(text, a, b), _trim(text, a, b)
        d.parts.append(Part(kind, a2, b2))
    # 版头: lines before the title
    if title_skip is not None:
        head = [
            ln
            for ln in doc_lines[: bisect_left(doc_lines, title_skip[0], key=_START)]
            if not (d.doc_number_span and ln.start <= d.doc_number_span[0] < ln.end + 1)
        ]
        if all(_letterhead_like(ln) for ln in head):
            for ln in head:
                _add_part(d, "letterhead", *_stripped_range(ln))
    if d.doc_number_span:
        for ln in doc_lines:
            if ln.start <= d.doc_number_span[0] < ln.end + 1:
                _add_part(d, "doc_number", *_stripped_range(ln))
                break
    head_end = max([b for _, b in d.skip[:1]] + ([d.doc_number_span[1]] if d.doc_number_span else []), default=d.start)
    _read_recipients(text, d, doc_lines, head_end)
    _read_signature(d, doc_lines, date_ends)
    _read_footers(d, doc_lines)
    _read_attachments(text, d, doc_lines)
    # metadata from the title
    d.kind = doc_kind(d.title)
    if d.issued_title:
        d.issued_kind = doc_kind(d.issued_title)
    if not d.signers and d.title_start is not None and d.title_end is not None and "关于" in (d.title or ""):
        raw = text[d.title_start : d.title_end].replace("\n", " ")
        before = raw.split("关于", 1)[0].strip()
        pieces = [p for p in _SIGNER_SPLIT.split(before) if p]
        if pieces and all(_looks_agency(p) for p in pieces) and not _NOT_AGENCY.search(before):
            d.signers = pieces
    name = d.issuer or (d.signers[0] if d.signers else None)
    d.level = issuer_level(name) if name else None
    if d.level is None and d.title:
        d.level = issuer_level(d.title)
    d.parts.sort(key=lambda p: p.start)


_RECIPIENT_SEP = regex.compile(r"[，,；;。.、 ]")
_RECIPIENT_SEP_SPLIT = regex.compile(r"([，,；;。.、 ])")


def _read_recipients(text: str, d: DocSegment, doc_lines: list[Line], head_end: int) -> None:
    after = list(islice((ln for ln in doc_lines if ln.start >= head_end), 2))
    for idx in _lines_with(text, doc_lines, "主送"):
        ln = doc_lines[idx]
        m = _MAIN_SEND_RX.match(ln.stripped)
        if m:  # 主送：… anywhere (some documents put it in the footer)
            a, b = _stripped_range(ln)
            d.recipients = split_recipients(ln.stripped[m.end() :].rstrip("：:。"))
            _add_part(d, "recipients", a, b)
            return
    if d.title_start is None:
        return  # 主送机关 stand under a title
    for ln in after:
        s = ln.stripped
        if ln.text.startswith("\t") or match_marker(s) is not None:
            return
        a, b = _stripped_range(ln)
        if s[-1] in "：:" and len(s) <= 300 and "。" not in s:
            names = split_recipients(s[:-1])
            if names and sum(_recipient_like(x) for x in names) * 2 >= len(names):
                d.recipients = names
                _add_part(d, "recipients", a, b)
            return
        if s.startswith("各") and "：" not in s and ":" not in s:
            # punctuation lost (scrambled text): the leading names that look like recipients
            taken: list[str] = []
            end = a
            pos = a
            for piece in _RECIPIENT_SEP_SPLIT.split(s):
                if piece and _RECIPIENT_SEP.fullmatch(piece):
                    pos += len(piece)
                    continue
                if not piece:
                    continue
                if not _recipient_like(piece):
                    break
                taken.append(piece)
                pos += len(piece)
                end = pos
            if len(taken) >= 2:
                d.recipients = split_recipients("、".join(taken))
                _add_part(d, "recipients", a, end)
            return
        return


def _read_signature(d: DocSegment, doc_lines: list[Line], date_ends: list[int]) -> None:
    """The 落款: the first date-only line and the body names just above it.

    ``date_ends``: the lines that end in 日 or are a numeric date (:func:`_date_lines`), the
    only ones that can be a date line or a one-line 落款 (as :func:`_read_anatomy`).
    """
    title_end = d.skip[0][1] if d.skip else d.start
    for idx in date_ends:
        ln = doc_lines[idx]
        if ln.start < title_end:
            continue  # before the title
        if _line_date(doc_lines, idx) is None:
            bd = _body_date(ln)
            if bd is None:
                continue
            _add_part(d, "signature", *bd[2])
            d.signers.extend(clean_title(p) for p in _SIGNER_SPLIT.split(bd[1]) if p)
            if len(d.signers) > 1:
                d.issuer = "、".join(d.signers)
            _add_part(d, "date", *bd[3])
            return
        signers: list[tuple[int, int, list[str]]] = []
        k = idx - 1
        while k >= 0 and len(signers) < 4:
            prev = doc_lines[k]
            s = prev.stripped
            if prev.start < title_end or prev.text.startswith("\t") or _is_title_end(s):
                break
            pieces = [p for p in _SIGNER_SPLIT.split(s) if p]
            if not pieces or not all(_looks_agency(clean_title(p)) for p in pieces) or len(s) > 60:
                break
            signers.insert(0, (*_stripped_range(prev), pieces))
            k -= 1
        for a, b, pieces in signers:
            _add_part(d, "signature", a, b)
            d.signers.extend(clean_title(p) for p in pieces)
        if len(d.signers) > 1:  # a joint document: every body signs
            d.issuer = "、".join(d.signers)
        _add_part(d, "date", *_stripped_range(ln))
        return


def _read_footers(d: DocSegment, doc_lines: list[Line]) -> None:
    """附注 (（此件公开发布）), 抄送 and 印发 lines.

    Only a line in brackets, starting with 抄 or 分 or ending in 发 can start one (the cheap
    tests of _footer_line: it reads any other line as none of them unless a 抄送 list runs on
    into it), and a 抄送 list may go on over the lines after it.
    """
    starts = [
        i
        for i, ln in enumerate(doc_lines)
        if ((s := ln.stripped)[0] in "（(" and s[-1] in "）)") or s[0] in "抄分" or s[-1] == "发"
    ]
    done = -1  # the lines up to here are read
    for idx in starts:
        if idx <= done:
            continue
        in_cc = _footer_line(d, doc_lines[idx], False)
        while in_cc and idx + 1 < len(doc_lines):
            idx += 1
            in_cc = _footer_line(d, doc_lines[idx], True)
        done = idx


def _footer_line(d: DocSegment, ln: Line, in_cc: bool) -> bool:
    """Read one line as a 附注, 抄送 or 印发 line (in_cc: a 抄送 list runs on from the line above);
    return whether a 抄送 list runs on to the next line."""
    s = ln.stripped
    m = _NOTE_RX.match(s) if s[0] in "（(" and s[-1] in "）)" else None
    if m:
        _add_part(d, "note", *_stripped_range(ln))
        if d.publicity is None and (m.group("note").startswith("此件") or m.group("open")):
            d.publicity = m.group("note").strip()
        return False
    if s[0] in "抄分" and _CC_RX.match(s):
        _add_part(d, "cc", *_stripped_range(ln))
        return s[-1] not in "。."
    if s.endswith("发") and _PRINTED_RX.match(s):
        _add_part(d, "printed", *_stripped_range(ln))
        return False
    if in_cc and len(s) <= 80 and match_marker(s) is None and not ln.text.startswith("\t"):
        _add_part(d, "cc", *_stripped_range(ln))
        return s[-1] not in "。."
    return False


def _read_attachments(text: str, d: DocSegment, doc_lines: list[Line]) -> None:
    """The 附件 list: 附件：title, or 附件：1. … with 2. … on the following lines."""
    for idx in _lines_with(text, doc_lines, "附"):
        ln = doc_lines[idx]
        m = _ATTACH_HEAD.match(ln.stripped)
        if not m or ln.text.startswith("\t"):
            continue
        items: list[AttachmentItem] = []
        rest = m.group("rest")
        a, b = _stripped_range(ln)
        rest_start = b - len(rest)
        last = idx
        first_item = _ATTACH_ITEM.match(rest) if rest else None
        if rest and not first_item:
            items.append(AttachmentItem(None, clean_title(rest.rstrip("。")), rest_start, b))
        else:
            if first_item:
                if first_item.group("n") != "1":
                    continue
                items.extend(_inline_items(rest, rest_start))
            k = idx + 1
            while k < len(doc_lines):
                it = _ATTACH_ITEM.match(doc_lines[k].stripped)
                if not it or int(it.group("n")) != len(items) + 1 or len(it.group("t")) > 80:
                    break
                ia, ib = _stripped_range(doc_lines[k])
                items.append(AttachmentItem(len(items) + 1, clean_title(it.group("t").rstrip("。；;")), ia, ib))
                last = k
                k += 1
        if not items:
            continue
        d.attachments = items
        # a list: the appended texts come later under their own 附件 lines; a lone
        # 附件：title directly followed by its text is the appendix heading itself
        later = any(_APPENDIX_LINE.match(x.stripped) for x in doc_lines[last + 1 :])
        # the 附件 note stands just above the 落款 (GB/T 9704): a 附件：title followed by it is a list
        if not later and last + 1 < len(doc_lines):
            nxt = _stripped_range(doc_lines[last + 1])
            later = any(p.kind in ("signature", "date") and p.start == nxt[0] for p in d.parts)
        if len(items) > 1 or later:
            _add_part(d, "attachment_list", a, _stripped_range(doc_lines[last])[1])
        return


_NEXT_ITEM = regex.compile(r"(?<=\S)[ \t\u3000]+(?P<n>\d{1,2})\s*[.．、]\s*(?=\S)")


def _inline_items(rest: str, start: int) -> list[AttachmentItem]:
    """1.X 2.Y 3.Z written on one line: one item each, numbered on from 1 (else one item)."""
    cuts = [0]
    for m in _NEXT_ITEM.finditer(rest):
        if int(m.group("n")) == len(cuts) + 1:
            cuts.append(m.start())
    cuts.append(len(rest))
    out: list[AttachmentItem] = []
    for n, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False), 1):
        piece = rest[a:b].strip()
        it = _ATTACH_ITEM.match(piece)
        lead = a + len(rest[a:b]) - len(rest[a:b].lstrip())
        title = it.group("t") if it else piece
        out.append(AttachmentItem(n, clean_title(title.rstrip("。；;")), start + lead, start + lead + len(piece)))
    return out


def link_attachments(d: DocSegment, sections: list[tuple[list[str], str, str]]) -> None:
    """Set each attachment's path to the appended section holding its text.

    ``sections`` lists (path, style, title) of the document's headings; an
    attachment matches the appendix section numbered like it (附件2), the lone
    附件 section for a lone attachment, or a top-level section with its title.
    """
    appendix = [(p, t) for p, st, t in sections if st == "appendix" and len(p) == 1]
    for att in d.attachments:
        want = {f"附件{att.number}"} if att.number else {"附件", "附件1"}
        if att.number == 1 and len(d.attachments) == 1:
            want.add("附件")
        hit = next((p for p, _ in appendix if p[0] in want), None)
        if hit is None:
            key = _norm_key(att.title)
            hit = next((p for p, st, t in sections if len(p) == 1 and _norm_key(t) == key), None)
        att.path = list(hit) if hit else None
