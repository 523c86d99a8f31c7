"""DOCX (Office Open XML word-processing) read with lxml over the zip's XML.

Paragraphs of the main document part in order, one per line; Word's automatic list
numbering turned back into the visible marker (``一、``, ``（一）``, ``1.``) from
``word/numbering.xml``; tables as one line per row with cells joined by TAB; the
paragraphs of a text box (a 发文字号 or a signature block is often set in one) as lines
after the paragraph it is anchored in, read once (from ``mc:Choice``, never again from
its VML ``mc:Fallback`` copy).  Footnotes, endnotes, comments, headers/footers, deleted
revisions, field codes and hidden text are not part of the text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import CorruptInput, EmptyInput
from .grid import Cell, expand
from .numfmt import MAX_LIST_NUMBER, format_number
from .ziputil import SafeZip, local, parse_xml, resolve

_MAIN_REL = "/officeDocument"
_SKIP = frozenset(
    {
        "pPr",
        "rPr",
        "tblPr",
        "trPr",
        "tcPr",
        "sectPr",
        "tblGrid",
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "txbxContent",
        "Fallback",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "commentRangeStart",
        "commentRangeEnd",
        "object",
    }
)
_BULLETS = {
    "\uf0b7": "•",
    "\uf06c": "●",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
}


#: The longest list-level text (w:lvlText, "%1、", "（%2）") read: a longer one is cut, so that a
#: hostile numbering part cannot put a marker of its own size before every paragraph.
MAX_LEVEL_TEXT = 255


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    suffix: str = "tab"
    legal: bool = False


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, _Level | int]] = field(default_factory=dict)
    style_links: dict[str, str] = field(
        default_factory=dict
    )  # abstractNumId -> numStyleLink style id


def _val(el, name: str) -> str | None:
    if el is None:
        return None
    for c in el:
        if local(c.tag) == name:
            for k, v in c.attrib.items():
                if local(k) == "val":
                    return v
            return ""
    return None


def _attr(el, name: str) -> str | None:
    for k, v in el.attrib.items():
        if local(k) == name:
            return v
    return None


def _int(v: str | None, default: int | None = None) -> int | None:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def _start(v: str | None, default: int | None) -> int | None:
    """A list start (w:start, w:startOverride) within 0..MAX_LIST_NUMBER (Word's own range)."""
    n = _int(v, default)
    return n if n is None else min(max(n, 0), MAX_LIST_NUMBER)


def _level(lvl) -> _Level:
    lv = _Level()
    lv.start = _start(_val(lvl, "start"), 1) or 0
    lv.fmt = _val(lvl, "numFmt") or "decimal"
    text = _val(lvl, "lvlText")
    lv.text = text[:MAX_LEVEL_TEXT] if text is not None else ""
    lv.restart = _int(_val(lvl, "lvlRestart"))
    lv.suffix = _val(lvl, "suff") or "tab"
    legal = _val(lvl, "isLgl")
    lv.legal = legal is not None and legal not in ("0", "false", "off")
    return lv


def _parse_numbering(root) -> _Numbering:
    nb = _Numbering()
    if root is None:
        return nb
    for el in root:
        name = local(el.tag)
        if name == "abstractNum":
            aid = _attr(el, "abstractNumId") or ""
            levels = {}
            for lvl in el:
                if local(lvl.tag) == "lvl":
                    levels[_int(_attr(lvl, "ilvl"), 0) or 0] = _level(lvl)
            nb.abstract[aid] = levels
            link = _val(el, "numStyleLink")
            if link:
                nb.style_links[aid] = link
        elif name == "num":
            nid = _attr(el, "numId") or ""
            nb.num_abstract[nid] = _val(el, "abstractNumId") or ""
            ov: dict[int, _Level | int] = {}
            for o in el:
                if local(o.tag) != "lvlOverride":
                    continue
                ilvl = _int(_attr(o, "ilvl"), 0) or 0
                for c in o:
                    if local(c.tag) == "lvl":
                        ov[ilvl] = _level(c)
                start = _start(_val(o, "startOverride"), None)
                if start is not None and not isinstance(ov.get(ilvl), _Level):
                    ov[ilvl] = start
            if ov:
                nb.overrides[nid] = ov
    return nb


class _Styles:
    """Paragraph styles' numbering (w:numPr), following w:basedOn."""

    def __init__(self, root) -> None:
        self.num: dict[str, tuple[str | None, int | None]] = {}
        self.based: dict[str, str] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root:
            if local(st.tag) != "style" or _attr(st, "type") not in (None, "paragraph"):
                continue
            sid = _attr(st, "styleId") or ""
            if _attr(st, "default") in ("1", "true", "on"):
                self.default = sid
            based = _val(st, "basedOn")
            if based:
                self.based[sid] = based
            ppr = next((c for c in st if local(c.tag) == "pPr"), None)
            numpr = (
                next((c for c in ppr if local(c.tag) == "numPr"), None) if ppr is not None else None
            )
            if numpr is not None:
                self.num[sid] = (_val(numpr, "numId"), _int(_val(numpr, "ilvl")))

    def numpr(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        style = style or self.default
        while style and style not in seen:
            seen.add(style)
            if style in self.num:
                return self.num[style]
            style = self.based.get(style)
        return None, None


class _Counter:
    """Visible list markers: counters per abstract numbering, restarts, overrides."""

    def __init__(self, nb: _Numbering, styles: _Styles) -> None:
        self.nb = nb
        self.styles = styles
        self.counts: dict[str, dict[int, int]] = {}
        self.started_nums: set[str] = set()
        # style id -> numId for numStyleLink indirection
        self._style_num = {sid: v[0] for sid, v in styles.num.items() if v[0]}

    def _abstract_id(self, num_id: str) -> str | None:
        aid = self.nb.num_abstract.get(num_id)
        seen = set()
        while aid is not None and aid in self.nb.style_links and aid not in seen:
            seen.add(aid)
            linked_num = self._style_num.get(self.nb.style_links[aid])
            if not linked_num:
                break
            aid = self.nb.num_abstract.get(linked_num, aid)
        return aid

    def _levels(self, num_id: str, aid: str) -> dict[int, _Level]:
        levels = dict(self.nb.abstract.get(aid, {}))
        for ilvl, ov in self.nb.overrides.get(num_id, {}).items():
            if isinstance(ov, _Level):
                levels[ilvl] = ov
            elif ilvl in levels:
                base = levels[ilvl]
                levels[ilvl] = _Level(
                    ov, base.fmt, base.text, base.restart, base.suffix, base.legal
                )
        return levels

    def marker(self, num_id: str | None, ilvl: int | None) -> str:
        if not num_id or num_id == "0":
            return ""
        aid = self._abstract_id(num_id)
        if aid is None:
            return ""
        ilvl = ilvl or 0
        levels = self._levels(num_id, aid)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counts = self.counts.setdefault(aid, {})
        if num_id not in self.started_nums:
            self.started_nums.add(num_id)
            for k in self.nb.overrides.get(num_id, {}):
                counts.pop(k, None)  # startOverride: this list instance restarts that level
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else lvl.start
        for k in list(counts):
            if k > ilvl:
                deeper = levels.get(k)
                restart = deeper.restart if deeper else None
                if restart is None or (restart != 0 and ilvl < restart):
                    del counts[k]

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            n = counts.get(k, lv.start if lv else 1)
            fmt = (
                "decimal"
                if (lvl.legal and lv and lv.fmt not in ("decimalZero",))
                else (lv.fmt if lv else "decimal")
            )
            return format_number(n, fmt)

        if lvl.fmt == "bullet":
            text = "".join(_BULLETS.get(ch, ch) for ch in lvl.text)
        elif lvl.fmt == "none" and "%" not in lvl.text:
            text = lvl.text
        else:
            text = re.sub(r"%([1-9])", repl, lvl.text)
        if not text:
            return ""
        if lvl.suffix == "space" or (lvl.suffix == "tab" and text[-1].isalnum()):
            text += " "
        return text


class _Writer:
    def __init__(self, counter: _Counter) -> None:
        self.counter = counter
        self.lines: list[str] = []
        self.boxes: list = []  # text boxes (w:txbxContent) met in the paragraph being read

    def paragraph_text(self, p) -> str:
        parts: list[str] = []
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            name = local(el.tag)
            if name in ("drawing", "pict"):  # a picture or shape: only its text boxes are text
                self.boxes.extend(_text_boxes(el))
                continue
            if not name or name in _SKIP:
                continue
            if name == "r":
                rpr = next((c for c in el if local(c.tag) == "rPr"), None)
                if rpr is not None:
                    v = _val(rpr, "vanish")
                    if v is not None and v not in ("0", "false", "off"):
                        continue
            if name == "t":
                parts.append(el.text or "")
            elif name == "tab" or name == "ptab":
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "sym":
                code = _attr(el, "char") or ""
                try:
                    cp = int(code, 16)
                except ValueError:
                    cp = 0
                if 0xF000 <= cp <= 0xF0FF:
                    cp -= 0xF000
                if 0x20 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF:  # (no surrogate: not text)
                    parts.append(chr(cp))
            elif name == "p":
                # a nested paragraph (e.g. inside an inline content control)
                parts.append("\n")
                stack.append(iter(el))
            elif name == "AlternateContent":
                stack.append(iter(_first_choice(el)))
            elif len(el):
                stack.append(iter(el))
        return "".join(parts)

    def numbered(self, p) -> str:
        ppr = next((c for c in p if local(c.tag) == "pPr"), None)
        num_id = ilvl = style = None
        if ppr is not None:
            style = _val(ppr, "pStyle")
            numpr = next((c for c in ppr if local(c.tag) == "numPr"), None)
            if numpr is not None:
                num_id = _val(numpr, "numId")
                ilvl = _int(_val(numpr, "ilvl"))
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self.counter.styles.numpr(style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        text = self.paragraph_text(p)
        marker = self.counter.marker(num_id, ilvl) if (num_id and text.strip()) else ""
        return marker + text

    def cell_text(self, tc) -> str:
        pieces: list[str] = []
        for el in self._blocks(tc):
            if local(el.tag) == "p":
                pieces.extend(self.paragraph_lines(el))
            else:  # nested table: flatten into the cell
                for row in self.table_rows(el):
                    pieces.append(" ".join(c for c in row.split("\t") if c))
        return " ".join(" ".join(x.split()) for x in pieces if x.strip())

    def paragraph_lines(self, p) -> list[str]:
        """The paragraph's line, then the lines of the text boxes anchored in it."""
        lines = [self.numbered(p)]
        boxes, self.boxes = self.boxes, []
        for box in boxes:
            lines.extend(self.block_lines(box))
        return lines

    def block_lines(self, container) -> list[str]:
        """The lines of a container's paragraphs and tables (the body, a text box)."""
        lines: list[str] = []
        for el in self._blocks(container):
            if local(el.tag) == "p":
                lines.extend(self.paragraph_lines(el))
            else:
                lines.extend(self.table_rows(el))
        return lines

    def table_rows(self, tbl) -> list[str]:
        rows: list[list[Cell]] = []
        for tr in self._children_through_containers(tbl, "tr"):
            trpr = next((c for c in tr if local(c.tag) == "trPr"), None)
            before = min(_int(_val(trpr, "gridBefore"), 0) or 0, 100)
            row = [Cell("") for _ in range(before)]
            for tc in self._children_through_containers(tr, "tc"):
                tcpr = next((c for c in tc if local(c.tag) == "tcPr"), None)
                span = _int(_val(tcpr, "gridSpan"), 1) or 1
                merge = _val(tcpr, "vMerge")
                cont = merge is not None and merge != "restart"
                row.append(Cell("" if cont else self.cell_text(tc), cols=span, cont=cont))
            rows.append(row)
        return ["\t".join(texts) for texts in expand(rows)]

    @staticmethod
    def _children_through_containers(el, name: str):
        return _find_through(el, (name,), _CONTAINERS.__contains__)

    @staticmethod
    def _blocks(container):
        """Block-level children (w:p, w:tbl) in order, looking through content controls etc."""
        return _find_through(container, ("p", "tbl"), _CONTAINERS.__contains__)

    def body(self, body) -> None:
        self.lines.extend(self.block_lines(body))


#: Elements looked through for the paragraphs, tables, rows and cells they hold (wx:sect and
#: wx:sub-section: the sections of a Word 2003 XML document).
_CONTAINERS = frozenset({"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "sect", "sub-section"})


def _find_through(el, names: tuple[str, ...], through: Callable[[str], bool]) -> Iterator:
    """The descendants of el named one of names, in document order, not looking into them nor
    into elements whose local name through rejects; of an mc:AlternateContent only the first
    mc:Choice (see :func:`_first_choice`)."""
    stack = [iter(el)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
            continue
        name = local(c.tag)
        if name in names:
            yield c
        elif name == "AlternateContent":
            stack.append(iter(_first_choice(c)))
        elif through(name):
            stack.append(iter(c))


def _text_boxes(el) -> list:
    """The outermost text boxes (w:txbxContent) in a w:drawing or w:pict, in document order;
    a box inside a box is read with the paragraph of the outer box it is anchored in, and an
    mc:Fallback (the VML copy of an mc:Choice drawing) is never looked into."""
    return list(_find_through(el, ("txbxContent",), _not_fallback))


def _not_fallback(name: str) -> bool:
    return name != "Fallback"


def _first_choice(alt) -> list:
    """What an mc:AlternateContent holds for a reader: its first mc:Choice (Word writes one;
    the markup-compatibility rule takes the first a reader understands), never the Fallback."""
    return [c for c in alt if local(c.tag) == "Choice"][:1]


def _main_part(zf: SafeZip) -> str:
    if "_rels/.rels" in zf:
        rels = zf.read_xml("_rels/.rels")
        for rel in rels:
            if (rel.get("Type") or "").endswith(_MAIN_REL) and rel.get("Target"):
                return resolve("", rel.get("Target"))
    return "word/document.xml"


def _part_rels(zf: SafeZip, part: str) -> dict[str, str]:
    """Relationship type suffix → target path, for one part."""
    rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    out: dict[str, str] = {}
    if rels_name in zf:
        for rel in zf.read_xml(rels_name):
            typ, target = rel.get("Type") or "", rel.get("Target")
            if target and rel.get("TargetMode") != "External":
                out[typ.rsplit("/", 1)[-1]] = resolve(posixpath.dirname(part), target)
    return out


def _core_metadata(zf: SafeZip) -> dict[str, str]:
    meta: dict[str, str] = {}
    if "docProps/core.xml" not in zf:
        return meta
    try:
        core = zf.read_xml("docProps/core.xml")
    except CorruptInput:
        return meta  # metadata is optional; a broken core.xml does not spoil the text
    for el in core:
        name = local(el.tag)
        value = " ".join("".join(el.itertext()).split())
        if value and name in (
            "title",
            "subject",
            "creator",
            "keywords",
            "description",
            "created",
            "modified",
            "lastModifiedBy",
            "category",
        ):
            meta[name] = value
    return meta


def read_docx(data: bytes, zf: SafeZip | None = None) -> tuple[str, dict[str, str]]:
    """Extract the text of a .docx; returns (text, metadata)."""
    if zf is None:
        with SafeZip(data, what="DOCX file") as own:
            return read_docx(data, own)
    main = _main_part(zf)
    if main not in zf:
        raise CorruptInput(f"DOCX file lacks its main document part {main!r}")
    doc = zf.read_xml(main)
    rels = _part_rels(zf, main)
    numbering = zf.read_xml(rels["numbering"]) if rels.get("numbering") in zf else None
    styles = zf.read_xml(rels["styles"]) if rels.get("styles") in zf else None
    writer = _Writer(_Counter(_parse_numbering(numbering), _Styles(styles)))
    body = next((c for c in doc if local(c.tag) == "body"), None)
    if body is None:
        raise CorruptInput("DOCX file: the main document has no w:body")
    writer.body(body)
    text = "\n".join(line.rstrip() for line in writer.lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if not text.strip():
        raise EmptyInput("DOCX file holds no text")
    return text, _core_metadata(zf)


def read_wordml(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a Word 2003 XML document (one XML file: w:body's paragraphs and tables,
    read as a .docx's body is; its list numbering is not written out); returns (text,
    metadata)."""
    root = parse_xml(data, what="Word 2003 XML document")
    body = next((el for el in root.iter() if local(el.tag) == "body"), None)
    if body is None:
        raise CorruptInput("Word 2003 XML document without a w:body")
    writer = _Writer(_Counter(_parse_numbering(None), _Styles(None)))
    writer.body(body)
    text = "\n".join(line.rstrip() for line in writer.lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if not text.strip():
        raise EmptyInput("Word 2003 XML document holds no text")
    return text, {}
