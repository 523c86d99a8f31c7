"""Stage 4 — structure: the heading tree of one document.

Candidate markers come from the rule registry in :mod:`policyparse.markers`.
Levels are decided from the order in which the document introduces numbering
styles and from the numbering sequence (the next expected number), never from
a fixed style→level table:

* a style already open in the stack continues there when its number is the
  next one (a small gap is tolerated); the deeper levels close;
* a style not yet open opens a new, deeper level when it starts at 1 — or when
  it continues a numbering that ran on under the previous parent (items 1.–84.
  numbered continuously across （一）…（二十五）);
* appendices (附件, 附表1) close everything and sit at the top level;
* a table of contents (目录 and the entries after it) is no heading and no section's body:
  its entries repeat the headings, which come later (:func:`contents_blocks`); nor are
  the rows of a table under its header (序号	…, :func:`table_blocks`);
* a 专栏 box's numbered entries are not the plan's headings (:func:`_in_box`);
* an item glued to its text (1.3月底前…, 2.5G…) is one only as the next number (:func:`_list_continues`);
* a long heading wrapped by a PDF page ends its title on the next line (:func:`_title_tail`);
* a decimal outline (1 总则 ⏎ 1.1 目的 ⏎ 1.1.1 …) nests 1 > 1.1 > 1.1.1 where the text is clearly
  one (:func:`_outline_lines`); elsewhere such numbers read as before;
* an excerpt whose first heading starts midway (三、 / （四） first) still has its headings
  (:func:`_midway_depth`);
* anything else that only looks like a marker is not a heading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import regex

from .markers import (
    MARKER_RULES,
    Marker,
    first_chars,
    marker_dispatch,
    match_marker,
    match_marker_with,
)
from .vocab import CONTENTS_WORDS, TITLE_TAIL_NOT_ENDS, TITLE_TAIL_NOT_STARTS, cn_to_int, load_data

#: Typographic spacing inside a heading title (第一章　总　　则): dropped between Chinese characters.
_HAN_SPACE = regex.compile(r"(?<=\p{Han})[ \t\u3000]+(?=\p{Han})")

#: How far a sibling's number may run ahead of the expected one (a lost item).
MAX_GAP = 2

#: Styles numbered through the whole document whatever their depth: articles run on
#: across 第X章 and 第X节 (第三条 under 第二章第一节 follows 第二条 directly under
#: 第一章), chapters across 第X编 / 第X部分.
DOCUMENT_WIDE = frozenset({"article", "chapter"})

#: Regulation-style divisions: the only markers that open a heading under an article.
#: The items of an article (第七条 …下列情形之一的：⏎（一）…；⏎（二）…) are its 项 —
#: list items of the article's text, not headings.
REGULATION = frozenset({"volume", "book", "division", "chapter", "part", "article", "appendix"})


@dataclass(slots=True)
class SectionInfo:
    """A heading as the extractors see it (flat, document order): see :class:`Heading`."""

    path: list[str]
    level: int
    style: str
    title: str
    start: int  # the marker
    title_end: int  # end of the heading's title
    line_end: int  # end of the heading's line
    end: int  # end of the section (children included)


@dataclass(slots=True)
class Heading(SectionInfo):
    """A heading found in the text (offsets into the normalised text): a :class:`SectionInfo`
    (the extractors read the headings themselves, no copies) with its marker, where its
    title starts and its sub-headings.  ``end`` is -1 until the tree is closed."""

    marker: Marker
    title_start: int
    children: list[Heading] = field(default_factory=list)


#: An open level of the heading stack: (style, value, heading) of its last heading.
_Open = tuple[str, int, Heading]


_TITLE_STOP = re.compile("[。：:]")
#: A title up to its stop (。/：): a bracketed note closed on the line holds its own stops —
#: 推进项目建设（责任单位：市发改委） — and an unclosed bracket is a character like another.
_TITLE_TO_STOP = re.compile(
    r"(?:[^。：:（(【〔\n]|（[^）\n]{0,60}）|\([^)\n]{0,60}\)|【[^】\n]{0,60}】|〔[^〕\n]{0,60}〕|[（(【〔])*"
)


_OPEN_BRACKET = re.compile("[（(【〔]")


def title_stop(text: str, a: int, end: int) -> int | None:
    """Where the title starting at a stops: its first 。, or its first ： outside a bracketed note
    closed before ``end`` (the line's end); None if it runs to the end."""
    stop = _TITLE_STOP.search(text, a, end)
    if stop is None:
        return None
    b = stop.start()
    if text[b] == "。" or _OPEN_BRACKET.search(text, a, b) is None:
        return b  # a full stop, or no bracket before the first colon (most titles): the quick way
    m = _TITLE_TO_STOP.match(text, a, end)  # (it matches everywhere, if only the empty string)
    b = m.end() if m is not None else a
    return b if b < end else None


def heading_title(line: str, m: Marker) -> tuple[int, int]:
    """Offsets (within line) of the title: up to the first 。/： (outside a bracketed note) for
    an inline heading."""
    s = m.end
    stop = title_stop(line, s, len(line))
    t = line[s:stop] if stop is not None else line[s:]
    # trim spaces and trailing punctuation (a heading line ending in 。 loses it)
    left = len(t) - len(t.lstrip(" \t"))
    t2 = t.rstrip(" \t；;，,")
    return s + left, s + len(t2)


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            nl = end
        yield pos, nl
        pos = nl + 1


#: A 专栏 (a boxed list printed inside a plan: 专栏1　疾控能力提升工程): its numbered
#: entries are not headings of the plan.
_BOX = regex.compile(r"专栏\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9０-９])")


def _in_box(m: Marker, box: dict[str, int], stack: list[_Open], bare: bool = False) -> bool:
    """Whether a marker line inside a 专栏 is one of its entries (True) or ends the box.

    A marker of a style the plan has open at a shallower level than its deepest one
    (（二） after a box under （一）) ends the box; so does a number that neither
    starts nor continues the box's own list, and a list starting at 1 in a style ranking
    above the box's first one (:data:`STYLE_RANK`: （一） after entries 1. 2.).  A number
    that continues both the box's list and the plan's own (三、 after entries 一、 二、 under the plan's 二、) ends it
    when its line is ``bare`` — a title alone (no 。/：) after entries that each held
    text past their title (一、幼有所育：托位数达到4.5个。): it has the plan's form.
    """
    if any(style == m.style for style, _value, _h in stack[:-1]):
        return False
    last = box.get(m.style)
    if last is None and m.value == 1:
        if box and STYLE_RANK.get(m.style, 99) < STYLE_RANK.get(next(iter(box)), 99):
            return False  # 1. 2. in the box, then （一）: a style above the box's own first one
        box[m.style] = m.value
        return True
    if last is not None and m.value == last + 1:
        if bare and any(style == m.style and m.value == value + 1 for style, value, _h in stack):
            return False
        box[m.style] = m.value
        return True
    return False


def _skipped(pos: int, skips: list[tuple[int, int]]) -> bool:
    """Whether pos lies in one of the merged, sorted skip ranges."""
    i = bisect_right(skips, (pos, 1 << 62)) - 1
    return i >= 0 and skips[i][0] <= pos < skips[i][1]


def _unskipped_lines(text: str, start: int, end: int, skips: list[tuple[int, int]]):
    """(start, end, line) of the lines not inside the merged, sorted skip ranges (one sweep)."""
    k = 0
    for ls, le in _lines(text, start, end):
        while k < len(skips) and skips[k][1] <= ls:
            k += 1
        line = text[ls:le]
        # a skipped part starts at the line's text, after any indent
        if k < len(skips) and skips[k][0] <= ls + len(line) - len(line.lstrip(" ")) < skips[k][1]:
            continue
        yield ls, le, line


@lru_cache(maxsize=8)
def _candidate_rx(chars: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Patterns for a line whose first character after its indent is one of ``chars`` or 专
    (a marker or a 专栏 may open there): at a given position, and after a newline.

    None when one of ``chars`` is a space character: such a line could be blank or start
    with a tab, and the scan finds only lines that are neither.
    """
    cls = (chars | {"专"}) - {" ", "\n"}
    if any(c.isspace() for c in cls):
        return None
    line = "(( *)[" + "".join(re.escape(c) for c in sorted(cls)) + "][^\n]*)"
    return re.compile(line), re.compile("\n" + line)


def _candidate_lines(text: str, start: int, end: int, skips: list[tuple[int, int]]):
    """(start, end, line, indent) of the lines of :func:`_unskipped_lines` that may open a
    marker or a 专栏 — one regex scan instead of a look at every line.

    The others cannot: blank lines and lines starting with a tab never do, nor do the
    lines on which :func:`match_marker` tries no rule (their first character after the
    indent starts no marker of the registry) unless :data:`_BOX` finds 专 there.  If a
    rule of the registry may start with any character (or with a space character), every
    line that is not blank and does not start with a tab is a candidate.
    """
    chars = first_chars()
    rx = _candidate_rx(chars) if chars is not None else None
    if rx is None:
        for ls, le, line in _unskipped_lines(text, start, end, skips):
            if line and not line.isspace() and not line.startswith("\t"):
                yield ls, le, line, len(line) - len(line.lstrip(" "))
        return
    at, after_nl = rx
    first = at.match(text, start, end)
    # lazily: a caller that stops early (_list_continues, contents_blocks) reads no further
    found = chain([first], after_nl.finditer(text, start, end)) if first else after_nl.finditer(text, start, end)
    if not skips:
        for m in found:
            yield m.start(1), m.end(1), m.group(1), len(m.group(2))
        return
    ends = [b for _a, b in skips]
    for m in found:
        ls, le = m.span(1)
        indent = m.end(2) - ls
        # a skipped part starts at the line's text, after any indent (as in _unskipped_lines)
        k = bisect_right(ends, ls)  # the first skip range ending after the line start
        if k < len(skips) and skips[k][0] <= ls + indent < skips[k][1]:
            continue
        yield ls, le, m.group(1), indent


def find_headings(
    text: str, start: int, end: int, *, skip: list[tuple[int, int]] | None = None, flat: list[Heading] | None = None
) -> list[Heading]:
    """Find the headings of ``text[start:end]`` and return the top-level ones (tree nests).

    ``flat``, if given, receives every heading in document order (the order they are
    found in, which is the tree's depth-first order: :func:`iter_headings`).
    """
    stack: list[_Open] = []
    # last value seen per (style, depth) — lets numbering run on across parents
    last_at: dict[tuple[str, int], int] = {}
    roots: list[Heading] = []
    skips = _merge([*(skip or []), *contents_blocks(text, start, end), *table_blocks(text, start, end)])
    later: dict[tuple[str, int], list[int]] | None = None  # marker lines, built on first need
    box: dict[str, int] | None = None  # inside a 专栏: the last number of each style its entries use
    box_sentences = True
    # per style, whether its last marker line was a glued 1 (1.1指导思想: then 1.2基本原则 is an outline number)
    glued_one: dict[str, bool] = {}
    midway = False  # the first heading started midway in its numbering (an excerpt)
    outline: list[tuple[int, str]] | None = None  # the outline numbers' lines, if an outline (built on first need)
    dispatch = marker_dispatch()
    for ls, le, line, indent in _candidate_lines(text, start, end, skips):
        if line.startswith("专", indent) and _BOX.match(line, indent):
            box = {}
            box_sentences = True  # every entry so far held text past its title (。/：)
            continue
        m = match_marker_with(dispatch, line, indent)
        top_number = False
        if m is None:
            if line[indent] not in _DIGIT_FIRST or _RX_OUTLINE_TOP.match(line, indent) is None:
                continue
            if outline is None:
                outline = _outline_lines(text, start, end, skips)
            m = _outline_top(line, indent, ls, outline, stack)  # 1 总则 above 1.1 目的
            if m is None:
                continue
            top_number = True
        elif m.style == "roman" and stack:
            m = _letter_after_letters(m, stack)  # A. … H. ⏎ I.: the letter I
        elif m.style in OUTLINE_STYLES:
            if outline is None:
                outline = _outline_lines(text, start, end, skips)
            if not outline:  # no outline: 1.1万人 / 8.30开会 read as before (a glued item, prose)
                m = _marker_besides_outline(line, indent)
                if m is None:
                    continue
        after_one = False
        if m.glued or m.style in glued_one:
            after_one = glued_one.get(m.style, False)
            glued_one[m.style] = m.glued and m.value == 1
        style, value, _written, canonical, m_start, m_end, _glued = m
        if style in _RPAREN_STYLES and ls >= 2 and text[ls - 2] in "（(":
            continue  # …如下（ ⏎ 一）…: an inline （一） broken across lines, no marker
        if line.count("\t", m_start) >= _ROW_TABS and line.count("\t", m_start, len(line.rstrip(" \t"))) >= _ROW_TABS:
            continue  # 一	做好宣传工作	市委宣传部	年底前: a table row, no heading (trailing tabs aside, as normalised)
        if box is not None:
            sentence = _TITLE_STOP.search(line, m_end) is not None
            if _in_box(m, box, stack, bare=box_sentences and not sentence):
                box_sentences = box_sentences and sentence
                continue
            box = None
        # the title (as heading_title reads it, on the text itself): up to the first 。/：,
        # spaces and trailing punctuation trimmed
        a = ls + m_end
        found = _TITLE_STOP.search(text, a, le)  # (title_stop, its quick way inline)
        stop = found.start() if found is not None else None
        if stop is not None and text[stop] != "。" and _OPEN_BRACKET.search(text, a, stop) is not None:
            stop = title_stop(text, a, le)  # 推进项目建设（责任单位：市发改委）
        raw = text[a : le if stop is None else stop]
        title = raw.lstrip(" \t")
        a += len(raw) - len(title)
        title = title.rstrip(" \t；;，,")
        if title:
            b = a + len(title)
            line_end = le
            if stop is None and b == le and le - ls - indent >= WRAPPED_LINE_MIN:
                longest = TAIL_MAX_LONG if le - ls - indent >= WRAPPED_LINE_LONG else TAIL_MAX
                tail = _title_tail(text, le, end, skips, longest)
                if tail is not None:  # 一、坚持预防为主，持续加强公共卫生体 ⏎ 系建设 (PDF)
                    b = line_end = tail[1]
                    title += text[tail[0] : b]
        elif line[m_end:].strip():
            continue  # a marker with nothing but 。 or ： after it
        else:
            # a bare marker: its title stands on the next line (附表1 ⏎ caption; PDF: （二）⏎ 加强人才培训)
            nxt = _next_line_title(text, le, end, inline=style != "appendix")
            if nxt is None and style == "appendix" and _table_follows(text, le, end):
                nxt = a, a, le  # 附件 ⏎ a table (序号	工作任务	…): an appendix with no caption
            # a numbered heading never takes a document's title or frame line for its own
            # (an appendix may: 附件1 ⏎ the attached plan's title is its caption)
            if nxt is None or (style != "appendix" and _skipped(nxt[0], skips)):
                continue  # a bare marker with nothing after it
            a, b, line_end = nxt
            title = text[a:b]
        if line[m_end : m_end + 1] in _NUMERAL_FIRST and _cn_value(line, m_end) == value + 1:
            if later is None:
                later = _marker_lines(text, start, end, skips)
            if _comes_later(later, (style, value), ls):
                continue  # 二、三级医院要… is prose: the real 二、 comes later
        if m.glued and m.value == 1:
            if after_one or not _list_continues(text, le, end, skips, m.style, stack):
                continue  # 1、2号线… with no 2、 after it: prose; 1.2基本原则 after 1.1指导思想: an outline number
        depth = _outline_depth(m, stack) if style in OUTLINE_STYLES else None
        if depth is None:
            depth = _place(m, stack, last_at)
            if depth is None and top_number:
                depth = _outline_top_depth(stack)  # 3 附则 after 2.1 / 2.2 standing for a lost 2
        if depth is None:
            seen = last_at.get((style, -1))
            if m.glued or value == 1 or (roots and not midway) or (seen is not None and not seen < value <= seen + MAX_GAP):
                continue  # (in an excerpt, items may number on across a level opened above them: 14. ⏎ （五） ⏎ 15.)
            # an excerpt that starts midway (三、 / （四） / 第五条 first): see _midway_depth
            depth = _midway_depth(style, stack, bool(roots))
            if depth is None:
                continue
            if later is None:
                later = _marker_lines(text, start, end, skips)
            if not _comes_later(later, (style, value + 1), ls) and not _children_follow(
                text, le, end, skips, style, last_at
            ):
                continue
            midway = True
        # close deeper levels
        del stack[depth:]
        if " " in title or "\t" in title or "\u3000" in title:
            title = _HAN_SPACE.sub("", title)  # 第一章　总　　则
        # path, level, style, title, start, title_end, line_end, end (set later), marker, title_start
        if stack:
            parent = stack[-1][2]
            h = Heading([*parent.path, canonical], depth + 1, style, title, ls + m_start, b, line_end, -1, m, a)
            parent.children.append(h)
        else:
            h = Heading([canonical], 1, style, title, ls + m_start, b, line_end, -1, m, a)
            roots.append(h)
        if flat is not None:
            flat.append(h)
        stack.append((style, value, h))
        last_at[(style, depth)] = value
        last_at[(style, -1)] = value  # last at any depth
    _close_spans(text, roots, start, end)
    return roots


#: After 一、 a numeral and a grade word: 一、二级医院 / 二、三类 read as a list of numerals,
#: so the line is prose when its number comes again later as a real heading.
_NUMERAL_LIST = re.compile(r"[一二三四五六七八九十]{1,3}(?=[级类等线档批期甲乙丙、])")
#: The characters _NUMERAL_LIST can begin with (a cheap test before it).
_NUMERAL_FIRST = frozenset("一二三四五六七八九十")


def _cn_value(line: str, pos: int) -> int | None:
    m = _NUMERAL_LIST.match(line, pos)
    return cn_to_int(m.group()) if m else None


#: Numbers closed by a single parenthesis (一） / 1)).
_RPAREN_STYLES = frozenset({"cn_rparen", "arabic_rparen"})
#: The styles of a decimal outline's numbers (1.1 / 1.1.1 / 1.1.1.1, :func:`~policyparse.markers.rule_outline`).
OUTLINE_STYLES = frozenset({"outline2", "outline3", "outline4"})
#: A top number of an outline before its title (1 总则, 1总则 once normalised).
_RX_OUTLINE_TOP = re.compile(r"([0-9０-９]{1,2})[ \t\u3000]*(?=[\u4e00-\u9fff])")
_DIGIT_FIRST = frozenset("123456789１２３４５６７８９")
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FW_LETTERS = str.maketrans("ＩＶＸ", "IVX")


def _outline_lines(text: str, start: int, end: int, skips: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(line start, number) of the multi-level numbers opening lines (1.1 目的), if the text is
    clearly a decimal outline — some number's 1 and 2 are both there (1.1 and 1.2, 2.3.1 and
    2.3.2); else [] (1.1万人… / 8.30开会 lines are no outline).  One sweep of the candidate lines."""
    found: list[tuple[int, str]] = []
    for ls, _le, line, indent in _candidate_lines(text, start, end, skips):
        if line[indent] in _DIGIT_FIRST:
            m = match_marker(line, indent)
            if m is not None and m.style in OUTLINE_STYLES:
                found.append((ls, m.canonical))
    numbers = {n for _ls, n in found}
    if any(n.endswith(".1") and n[:-1] + "2" in numbers for n in numbers):
        return found
    return []


def _outline_top(line: str, indent: int, ls: int, outline: list[tuple[int, str]], stack: list[_Open]) -> Marker | None:
    """The top number of an outline (1 总则, style arabic like 1.), where the text is one: the
    next outline number after it is under it (1 总则 ⏎ 1.1 目的), or it follows the open top
    number with a title alone (3 附则 after 2 …: no sentence on its line).  Not 3个区… in a body."""
    if not outline:
        return None
    m = _RX_OUTLINE_TOP.match(line, indent)
    if m is None:
        return None
    n = int(m.group(1).translate(_FW_DIGITS))
    if n == 0:
        return None
    i = bisect_right(outline, (ls, "\uffff"))
    below = i < len(outline) and outline[i][1].startswith(f"{n}.")
    if not below:
        if not stack or _top_number(stack[0][2]) != n - 1 or _SENTENCE_MARK.search(line, m.end()):
            return None
    return Marker("arabic", n, m.group(1), str(n), indent, m.end())


def _top_number(h: Heading) -> int | None:
    """The outline's top number a top heading stands for: 2 for 2 术语, and for 2.1 standing at
    the top where its 2 was lost."""
    first = h.path[0].split(".", 1)[0]
    return int(first) if first.isdigit() else None


def _outline_depth(m: Marker, stack: list[_Open]) -> int | None:
    """Depth of an outline number by the number itself: under the open heading it extends (1.2.1
    under 1.2), beside an open one with its own prefix (2.2 after 2.1), or — where its parent
    was lost (2.1 after 1.2, no 2 术语) — at the level of the outline's top numbers.  None where
    no heading of the outline is open (1.1 under 一、总则: the sequence decides)."""
    prefix = m.canonical.rsplit(".", 1)[0]
    top = _outline_top_depth(stack)
    for d in range(len(stack) - 1, -1, -1):
        style, _value, h = stack[d]
        own = h.path[-1]
        if own == prefix and (style in OUTLINE_STYLES or d == top):
            return d + 1  # (not under an item 2） numbered inside 2.1)
        if style == m.style and own.rsplit(".", 1)[0] == prefix:
            return d
    return top if top is not None and stack[top][0] == "arabic" else None


def _outline_top_depth(stack: list[_Open]) -> int | None:
    """The depth of the outline's top numbers: its shallowest open heading numbered 1 总则-like
    (arabic) or by an outline number standing in for a lost one."""
    for d, (style, _value, _h) in enumerate(stack):
        if style == "arabic" or style in OUTLINE_STYLES:
            return d
    return None

def _letter_after_letters(m: Marker, stack: list[_Open]) -> Marker:
    """A one-letter Roman numeral (I. / V. / X.) read as the letter where it continues the open
    letter list (A. … H. ⏎ I.); else m."""
    c = m.marker[0].translate(_FW_LETTERS)
    if c not in "IVX" or m.marker[1:2].isalpha():
        return m
    v = ord(c) - 64
    if any(style == "latin" and value == v - 1 for style, value, _h in stack):
        return m._replace(style="latin", value=v, canonical=c)
    return m


def _marker_besides_outline(line: str, pos: int) -> Marker | None:
    """The marker the registry's other rules find at pos (an outline rule's line outside an outline)."""
    for name, rule in MARKER_RULES:
        if name != "outline":
            m = rule(line, pos)
            if m is not None:
                return m
    return None


def _comes_later(lines: dict[tuple[str, int], list[int]], key: tuple[str, int], pos: int) -> bool:
    """Whether a marker line of (style, value) ``key`` of :func:`_marker_lines` starts after pos
    (each list is in document order: its last line is enough)."""
    found = lines.get(key)
    return found is not None and found[-1] > pos


def _marker_lines(text: str, start: int, end: int, skips: list[tuple[int, int]]) -> dict[tuple[str, int], list[int]]:
    """Line starts of the lines opening with a marker, by (style, value) (one linear sweep)."""
    out: dict[tuple[str, int], list[int]] = {}
    for ls, _le, line, indent in _candidate_lines(text, start, end, skips):
        m = match_marker(line, indent)
        if m is not None:
            out.setdefault((m.style, m.value), []).append(ls)
    return out


#: a marker line holding this many tabs (from its marker, before its trailing blanks) is a
#: table row (一	任务	单位	时限), not a heading
_ROW_TABS = 2


@lru_cache(maxsize=1)
def _table_header_rx() -> tuple[frozenset[str], re.Pattern[str]]:
    """The last characters of the number-column words (agencies.json ``table_columns.num``:
    序号, 编号) and a pattern for a table's header line: such a word as its first cell
    (spaces allowed between its characters), then a tab or two spaces and more cells."""
    words = [w for w in load_data("agencies.json")["table_columns"]["num"] if w]
    alt = "|".join("[ \t\u3000]*".join(map(re.escape, w)) for w in words)
    return frozenset(w[-1] for w in words), re.compile(rf"[ \u3000]*(?:{alt})(\t|[ \u3000]{{2,}})[^\n]*")


#: Two spaces or more between the cells of a space-aligned table row.
_SPACE_CELLS = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")


def table_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tables of ``text[start:end]`` that open with a header line (序号	项目名称	责任单位,
    or cells aligned by spaces): (start, end) of each, from its header to its last row.

    A row is a line after the header with as many cell separators as the header, or two
    (tabs; in a space-aligned table, runs of two spaces or more between cells) — one
    separator alone may be a heading's (一、	保障措施, a Word list's tab) unless the
    table has two columns or a row follows.  Blank lines may stand between rows; the
    table ends at its last row before a line with no separator.  Its rows are no
    headings whatever their first cell (1.	城市快速路建设	市住建局, a group row
    （一）	产业类项目	).  The header words are found from their last character (号:
    rare), and each line is read at its first one, so a text without one costs one search.
    """
    lasts, header = _table_header_rx()
    out: list[tuple[int, int]] = []
    for ch in lasts:
        done = start  # the end of the last table found: a 号 before it is inside it
        seen = start - 1  # the start of the line read last: its first 号 decides
        prev = ls = start  # the 号 before and its line's start
        i = text.find(ch, start, end)
        while i >= 0:
            # the line's start, looked for back to the 号 before only (one long line holds many)
            nl = text.rfind("\n", prev, i)
            if nl >= 0:
                ls = nl + 1
            prev = i
            if i >= done and ls != seen:
                seen = ls
                m = header.match(text, ls, end)
                if m is not None and m.end(1) > i:
                    tabs = m.group(1) == "\t"
                    seps = _cell_seps(text, ls, m.end(), tabs=tabs)
                    b = _table_end(text, m.end(), end, tabs=tabs, need=min(seps, 2))
                    out.append((ls, b))
                    done = b
            i = text.find(ch, i + 1, end)
    return sorted(out)


def _cell_seps(text: str, ls: int, le: int, *, tabs: bool) -> int:
    """The cell separators of a line: tabs, or runs of two spaces or more between cells."""
    if tabs:
        return text.count("\t", ls, le)
    return len(_SPACE_CELLS.findall(text, ls, le))


def _table_end(text: str, pos: int, end: int, *, tabs: bool, need: int) -> int:
    """The end of the last row of the table whose header line ends at pos: its rows hold
    ``need`` cell separators or more; a line with fewer (but some) is a row when a row
    follows it (a group row whose empty cells lost their tabs: （一）	产业类项目) — else it
    may be the heading after the table (see :func:`table_blocks`); so is a short line with no
    separator (a group title: 一、健康水平) when a row follows it, in a table of three columns
    or more, unless it is numbered as a heading of the plan would be (:func:`_numbered_apart`)."""
    header = _table_header_rx()[1]
    last = pos
    group = False  # a group title line read since the last row (一、健康水平)
    own: str | None = None  # the numbering style of the table's own group titles
    for ls, le in _lines(text, pos + 1, end):
        seps = _cell_seps(text, ls, le, tabs=tabs)
        if seps >= need:
            if header.match(text, ls, le):
                break  # the next table's header: the lines before it are not this table's
            last, group = le, False
        elif not seps and text[ls:le].strip():
            if group or need < 2 or not group_title(text[ls:le]):
                break  # (a two-column table's row may be a heading with a tab: no group titles)
            m = match_marker(text[ls:le].strip())
            if m is not None and m.style != own:
                if not _numbered_apart(text, pos, m):
                    break  # the plan's heading (二、社会民生 after 一、经济发展), or a group under 附件
                own = m.style  # 一、健康水平 under 一、主要指标: the table numbers its own groups
            group = True  # a row must follow it, or it is the heading after the table
    return last


#: how far above a table's header the heading it stands under is looked for
_ABOVE_MAX = 400


def _numbered_apart(text: str, header_end: int, m: Marker) -> bool:
    """Whether a group title's marker m numbers the table's groups apart from the plan: the
    table stands under a heading of m's style (一、主要指标 … 一、健康水平) whose number m does
    not continue.  Where it continues it (一、经济发展 … 二、社会民生) m is the plan's next
    heading; where none stands above (a table under 附件) its groups are headings, as before."""
    lo = max(0, header_end - _ABOVE_MAX)
    for ls, le in reversed(list(_lines(text, lo, header_end))):
        line = text[ls:le].strip()
        above = match_marker(line) if line else None
        if above is not None and above.style == m.style:
            return m.value != above.value + 1
    return False


#: a group title between a table's rows (一、健康水平, 健康服务): short, no sentence
_GROUP_TITLE_MAX = 20
_SENTENCE_MARK = re.compile("[。；;，,：:]")


def group_title(line: str) -> bool:
    """Could this line be a group title between a table's rows (一、健康水平): short, no sentence?"""
    line = line.strip()
    return len(line) <= _GROUP_TITLE_MAX and _SENTENCE_MARK.search(line) is None


#: a caption's note of the unit its table's numbers are in (主要指标表	单位：%)
_UNIT_NOTE = re.compile(r"\t\s*[（(]?单位[：:]")


def _table_follows(text: str, pos: int, end: int) -> bool:
    """Whether the first line after pos that is not blank is a table row (holds a tab)."""
    for ls, le in _lines(text, pos + 1, end):
        if text[ls:le].strip():
            return text.find("\t", ls, le) >= 0
    return False


#: A heading line this long (marker and title, without its indent) may have been wrapped
#: by a PDF's page width; its title then ends on the next line (:func:`_title_tail`).
WRAPPED_LINE_MIN = 15
#: The longest end of a wrapped heading title on the next line.
TAIL_MAX = 10
#: A heading line this long filled the page's width (some 28 characters a line): the end of
#: its title on the next line may be as long as TAIL_MAX_LONG (…覆盖城乡居民的基本 ⏎
#: 医疗卫生制度和服务体系).
WRAPPED_LINE_LONG = 24
TAIL_MAX_LONG = 20
#: What a wrapped title's end never holds: clause or sentence punctuation, a tab, an
#: opening bracket (（略） is a note), a space (a signature, a date).
_NOT_TAIL = re.compile("[。；;：:，,、！？!?\t（(【《 \u3000]")


def _title_tail(
    text: str, pos: int, end: int, skips: list[tuple[int, int]], longest: int = TAIL_MAX
) -> tuple[int, int] | None:
    """The end of a heading title wrapped onto the next line: (start, end) of that line.

    PDF extraction breaks a long heading at the page width (一、坚持预防为主，持续加强公共卫生体
    ⏎ 系建设); the heading line is long (:data:`WRAPPED_LINE_MIN`, the caller checks) and the
    next line is a short fragment (``longest``: :data:`TAIL_MAX`, or :data:`TAIL_MAX_LONG`
    after a line of :data:`WRAPPED_LINE_LONG`) that no body line could be: no
    punctuation (:data:`_NOT_TAIL`), no marker, not skipped (a frame line), and followed by
    a blank line, the end, or a heading marker line — body text ends with 。 (not by an
    appendix: the short lines before 附件：… are the document's frame).
    """
    ts = pos + 1
    if ts >= end:
        return None
    te = text.find("\n", ts, end)
    if te < 0:
        te = end
    if not 0 < te - ts <= longest or _NOT_TAIL.search(text, ts, te) or _skipped(ts, skips):
        return None
    frag = text[ts:te]
    if match_marker(frag) is not None or frag.isdigit() or frag.startswith(TITLE_TAIL_NOT_STARTS) or frag.endswith(TITLE_TAIL_NOT_ENDS):
        return None  # a page number (12), a pointer (详见附件1), a body's name (市应急管理局)
    after = te + 1
    if after < end:
        ae = text.find("\n", after, end)
        nxt = text[after : end if ae < 0 else ae]
        if nxt.strip():
            m = match_marker(nxt, len(nxt) - len(nxt.lstrip(" ")))
            if m is None or m.style == "appendix":
                return None  # body text; or the frame (a signature, a place name) before 附件：…
            if m.style in OUTLINE_STYLES and _RX_OUTLINE_TOP.match(frag):
                return None  # 2 术语 ⏎ 2.1 …: an outline's top number, no end of a title
    return ts, te


#: The caption of a bare 附表1 may stand on the next line if it is this short.
CAPTION_MAX = 60


def _next_line_title(text: str, pos: int, end: int, *, inline: bool = False) -> tuple[int, int, int] | None:
    """The title on the line after a bare marker: (title start, title end, line end).

    An appendix's caption is the whole next line (附表1 ⏎ 到2017年…的主要目标); a
    numbered heading's title (（二）⏎ 加强人才培训。…, a marker cut from its line)
    ends at the first 。 or ： like an inline title.  Either is at most
    :data:`CAPTION_MAX` long, and a table row or another marker is never a title.
    """
    for ls, le in _lines(text, pos + 1, end):
        line = text[ls:le]
        if not line.strip():
            if inline:
                return None  # a numbered heading's title follows at once
            continue
        if "\t" in line and not _UNIT_NOTE.search(line) or match_marker(line.lstrip(" ")):
            return None  # a table row (or a cell) or another heading; 主要指标表	单位：% is a caption
        if inline:
            a, b = heading_title(line, Marker("", 0, "", "", 0, len(line) - len(line.lstrip(" "))))
            a, b = ls + a, ls + b
        else:
            if len(line.strip()) > CAPTION_MAX:
                return None
            a = ls + len(line) - len(line.lstrip(" "))
            b = ls + len(line.rstrip(" 。"))
        if b <= a or b - a > CAPTION_MAX:
            return None
        return a, b, le
    return None


def _list_continues(text: str, pos: int, end: int, skips: list[tuple[int, int]], style: str, stack: list[_Open]) -> bool:
    """Whether a list whose item 1 is glued to its text (1.3月底前… / 1、2024年底前…) goes on
    with item 2: the next marker after pos of its style has number 2, before any marker of a
    style open in the stack (which would close the list) or an appendix.

    The scan stops at the next marker of the list's style, so reading every glued item 1
    of a document reads each line at most once more.
    """
    closing = {s for s, _v, _h in stack}
    closing.add("appendix")
    for _ls, _le, line, indent in _candidate_lines(text, pos, end, skips):
        m = match_marker(line, indent)
        if m is None:
            continue
        if m.style == style:
            return m.value == 2
        if m.style in closing:
            return False
    return False


#: The conventional order of the numbering styles from the top down (SPEC: 一 / （一） / 1 /
#: （1） / ①; 篇 / 编 / 部分 / 章 / 节 / 条): for an excerpt only, where the order the styles
#: first appear in cannot tell the levels (（三） first, 四、 later).
STYLE_RANK = {
    s: i
    for i, s in enumerate(
        ("volume", "book", "division", "chapter", "part", "article", "cn", "cn_paren", "arabic", "outline2", "outline3",
         "outline4", "arabic_paren", "circled")
    )
}


def _midway_depth(style: str, stack: list[_Open], seen: bool) -> int | None:
    """Depth of a heading whose number starts midway (三、 / （四） / 5. with no 1 before it),
    for an excerpt of a document (a web page quoting part of a plan): its first heading,
    or — once that one started midway — a style not seen yet: a new top level when the
    style ranks above the top one by :data:`STYLE_RANK` (（三）（四） then 四、), else a new
    deeper level (（二） ⏎ 5. items numbered on).  None where no heading may open (an
    article's items, an appendix's)."""
    if not seen or not stack:
        return 0
    top = stack[0][0]
    if top == "appendix" or (stack[-1][0] == "article" and style not in REGULATION):
        return None
    if STYLE_RANK.get(style, 99) < STYLE_RANK.get(top, 99):
        return 0
    return len(stack)


def _children_follow(
    text: str, pos: int, end: int, skips: list[tuple[int, int]], style: str, last_at: dict[tuple[str, int], int]
) -> bool:
    """Whether the next marker line after pos confirms a heading whose own number goes on
    nowhere in an excerpt: it opens a list of a style ranking below ``style`` (:data:`STYLE_RANK`)
    at 1 (三、重点任务 ⏎ （一）…; not 3.加强宣传 ⏎ 一、总体要求), or at the next number of a style
    numbered through the document (第四章 ⏎ 第十四条 after 第十三条); or it is a higher level's
    number past 1 (（三）… ⏎ 四、保障措施: the excerpt goes on above it).  The scan stops at the
    next marker line."""
    for _ls, _le, line, indent in _candidate_lines(text, pos, end, skips):
        m = match_marker(line, indent)
        if m is None:
            continue
        rank, own = STYLE_RANK.get(m.style), STYLE_RANK.get(style)
        if rank is None or own is None:
            return False
        if rank < own:
            return m.value > 1 and not m.glued
        if rank == own:
            return False
        return m.value == 1 or (m.style in DOCUMENT_WIDE and last_at.get((m.style, -1)) == m.value - 1)
    return False


def _place(m: Marker, stack: list[_Open], last_at: dict[tuple[str, int], int]) -> int | None:
    """Depth (0-based) at which marker m opens a heading, or None if it is not one."""
    style = m.style
    if style == "appendix":
        return 0
    if stack and stack[-1][0] == "article" and style not in REGULATION:
        if all(open_style != style for open_style, _v, _h in stack):
            return None  # an item (项) of the article, not a heading
    for d in range(len(stack) - 1, -1, -1):
        open_style, last, _h = stack[d]
        if open_style == style:
            if m.glued:
                return d if m.value == last + 1 else None  # 4.6月底前 only right after 3.
            if last < m.value <= last + MAX_GAP:
                return d
            return None
    # a new, deeper level
    depth = len(stack)
    if stack and stack[0][0] == "appendix" and depth == 1 and m.value != 1:
        return None
    prev = last_at.get((m.style, -1 if m.style in DOCUMENT_WIDE else depth))
    if m.glued:  # item 1 only where the list goes on (find_headings checks _list_continues)
        return depth if m.value == 1 or (prev is not None and m.value == prev + 1) else None
    if m.value == 1 or (prev is not None and prev < m.value <= prev + MAX_GAP):
        return depth
    return None


#: A table of contents' own heading (目录, 目　　录, 目次), found by its first character;
#: :func:`contents_blocks` checks that it stands alone on its line.
_CONTENTS = re.compile(
    "(?:" + "|".join("[ \t\u3000]*".join(map(re.escape, w)) for w in CONTENTS_WORDS) + ")[ \t\u3000]*(?=\n|$)"
)
#: A contents entry's dot leader and page number (总体要求 ………… 5, 总则……1, 附则　12; 前言1
#: once normalisation has dropped the space between a Chinese character and a number).
_LEADER = re.compile(
    r"(?:[.．·・…⋯\-—_]{2,}|[…⋯])[ \t\u3000]*[0-9０-９]*[ \t\u3000]*$|[ \t\u3000\u4e00-\u9fff][0-9０-９]{1,4}$"
)
#: A leader is looked for in a line's last characters only (a long run of dots read from
#: every position would cost its length squared).
_LEADER_SPAN = 40
#: Punctuation that makes a line prose, never a contents entry.
_SENTENCE = re.compile("[。；;！？]")


def contents_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tables of contents of ``text[start:end]``: (start, end) of each, sorted.

    A table of contents is a line holding only a word of :data:`~policyparse.vocab.CONTENTS_WORDS`
    and the run of entry lines after it: numbered lines (一、发展基础 / 第一章　总则), lines
    with a dot leader or a page number (前言……1), short lines without sentence punctuation.
    It ends just before the line that repeats its first numbered entry (the real heading:
    same style, same number), or at the first line that cannot be an entry — then only if
    its entries had leaders or page numbers, or the next marker of its first numbered
    entry's style repeats that entry (else nothing marks the run as contents).  Blank
    lines inside it are part of it.
    """
    out: list[tuple[int, int]] = []
    pos = start
    while True:
        m = _CONTENTS.search(text, pos, end)
        if m is None:
            return out
        pos = m.end()
        ls = max(text.rfind("\n", start, m.start()) + 1, start)
        if text[ls : m.start()].strip(" \t\u3000"):
            continue  # 用药目录 inside a sentence
        b, read = _contents_end(text, m.end(), end)
        if b is not None:
            out.append((ls, b))
            pos = b
        else:
            pos = max(pos, read)  # a 目录 line among the lines read would read them again


def _contents_end(text: str, pos: int, end: int) -> tuple[int | None, int]:
    """Where the table of contents whose heading line ends at pos ends (see
    :func:`contents_blocks`), or None if these lines are none; and where its entry lines
    were read to (a 目录 line among them would only read a part of them again)."""
    first: tuple[str, int] | None = None  # (style, value) of the first numbered entry
    leaders = False
    last = None  # end of the last entry line
    for ls, le in _lines(text, pos + 1, end):
        line = text[ls:le]
        body = line.strip(" \t\u3000")
        if not body:
            continue
        m = match_marker(line, len(line) - len(line.lstrip(" \t\u3000")))
        leader = _LEADER.search(body, max(0, len(body) - _LEADER_SPAN)) is not None
        if m is not None:
            if first is None:
                first = (m.style, m.value)
            elif (m.style, m.value) == first:
                return ls, ls  # the real heading: the contents end before it
        elif not leader and (len(body) > CAPTION_MAX or _SENTENCE.search(body)):
            if leaders or first is None:
                return (last if leaders else None), ls
            # no leaders: contents if the next heading of the first entry's style is that entry
            # (the scan stops there: a text with many 目录 lines is read about once)
            for _a, _b, later, indent in _candidate_lines(text, ls, end, []):
                m = match_marker(later, indent)
                if m is not None and m.style == first[0]:
                    return (last if m.value == first[1] else None), ls
            return None, ls
        leaders = leaders or leader
        last = le
    return (last if leaders else None), end


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort ranges and merge the overlapping ones."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _close_spans(text: str, nodes: list[Heading], start: int, end: int) -> None:
    for i, h in enumerate(nodes):
        nxt = nodes[i + 1].start if i + 1 < len(nodes) else end
        while nxt > h.start and text[nxt - 1] in " \t\n\r":  # trim trailing blank space
            nxt -= 1
        h.end = nxt
        if h.children:
            _close_spans(text, h.children, h.start, h.end)


def iter_headings(nodes: list[Heading]):
    """Depth-first, document-order iteration over a heading forest."""
    for h in nodes:
        yield h
        yield from iter_headings(h.children)
