"""OFD (GB/T 33190, the Chinese national fixed-layout e-document format).

An OFD file is a zip: ``OFD.xml`` → ``DocBody/DocRoot`` → ``Document.xml`` →
``Pages/Page/@BaseLoc`` → each page's ``Content.xml`` holding ``TextObject`` /
``TextCode`` elements.  Text is read page by page; the TextCodes of a page are
grouped into lines by their Y coordinate and joined in X order.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..errors import CorruptInput, EmptyInput
from .pages import clean_pages, join_pages
from .ziputil import SafeZip, local, resolve

MAX_PAGES = 5000


@dataclass
class _Glyphs:
    x: float
    y: float
    size: float
    width: float
    text: str


def _floats(value: str | None, limit: int = 100_000) -> list[float]:
    """Parse an OFD number list, expanding the ``g N value`` repeat syntax of DeltaX/DeltaY;
    at most ``limit`` numbers (a DeltaX needs one per glyph of its text: ``g 100000 1``
    repeated must not make a few kilobytes of XML into gigabytes of floats).

    A token that is no number is skipped; a ``g`` group whose count or value is no number
    ends the list.  The runs between ``g`` groups (a DeltaX has one number per glyph) are
    converted in bulk; :func:`_floats_per_token` in the tests is the plain definition.
    """
    if not value:
        return []
    tokens = value.split()
    if "g" not in tokens:  # (most lists: plain numbers, converted at once)
        try:
            plain = list(map(float, tokens))
        except ValueError:
            pass  # a token that is no number: read below, one by one
        else:
            return plain if len(plain) <= limit else plain[:limit]
    out: list[float] = []
    n = len(tokens)
    i = 0
    while True:
        j = _next_g(tokens, i, n)
        if i < j:
            k = len(out)
            try:
                out.extend(map(float, tokens[i:j]))
            except ValueError:  # a token that is no number: read this run one by one
                del out[k:]
                for tok in tokens[i:j]:
                    try:
                        out.append(float(tok))
                    except ValueError:
                        pass
        if j == n or len(out) >= limit:
            return out[:limit]
        if j + 2 < n:  # g N value
            try:
                count, v = int(float(tokens[j + 1])), float(tokens[j + 2])
            except (ValueError, OverflowError):  # (int(float("inf")) overflows)
                return out[:limit]
            out.extend([v] * max(0, min(count, limit - len(out))))
            i = j + 3
        else:  # a g too near the end for a group: a token that is no number
            i = j + 1


def _first(value: str | None, default: float) -> float:
    """The first number of an OFD number list (``_floats(value)[0]``), default for none: one
    float() for the usual lone number (X, Y, Size)."""
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        got = _floats(value, limit=1)
        return got[0] if got else default


def _next_g(tokens: list[str], i: int, n: int) -> int:
    try:
        return tokens.index("g", i)
    except ValueError:
        return n


def _child(el, name: str):
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def _children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def _text_items(content) -> list[_Glyphs]:
    items: list[_Glyphs] = []
    for obj in content.iter("{*}TextObject"):  # (in any namespace or none: lxml picks them in C)
        box = _floats(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        ctm = _floats(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        size = _first(obj.get("Size"), 3.5)
        x = y = 0.0
        for code in obj.iterchildren("{*}TextCode"):
            text = "".join(code.itertext())
            x = _first(code.get("X"), x)
            y = _first(code.get("Y"), y)
            dx = _floats(code.get("DeltaX"), limit=len(text))
            if not text:
                continue
            # OFD's CTM maps object space into the boundary's space; the boundary's
            # origin then places it on the page (y grows downwards).
            px = bx + a * x + c * y + e
            py = by + b * x + d * y + f
            scale = abs(a) if (a or b) else 1.0
            width = (sum(dx[: len(text) - 1]) + size) * scale if dx else len(text) * size * scale
            items.append(_Glyphs(px, py, size * (abs(d) or 1.0), width, text))
            x += sum(dx[: len(text)]) if dx else len(text) * size
    return items


def _is_wordish(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _lines(items: list[_Glyphs]) -> list[str]:
    """Group text items into lines by Y (tolerance: 40% of the font size) and join by X."""
    rows: list[tuple[float, float, list[_Glyphs]]] = []  # (y, size, items)
    for it in sorted(items, key=lambda g: (g.y, g.x)):
        if rows and abs(it.y - rows[-1][0]) <= 0.4 * max(it.size, rows[-1][1], 0.5):
            rows[-1][2].append(it)
        else:
            rows.append((it.y, it.size, [it]))
    lines = []
    for _, _, row in rows:
        row.sort(key=lambda g: g.x)
        parts: list[str] = []
        end = None
        for g in row:
            if parts and end is not None:
                gap = g.x - end
                if gap > 2.5 * g.size:
                    parts.append("\t")  # a table column or a far-apart field
                elif gap > 0.25 * g.size and _is_wordish(parts[-1][-1]) and _is_wordish(g.text[0]):
                    parts.append(" ")
            parts.append(g.text)
            end = g.x + g.width
        lines.append("".join(parts))
    return lines


def _doc_info(doc_body, metadata: dict[str, str]) -> None:
    info = _child(doc_body, "DocInfo")
    if info is None:
        return
    for el in info:
        name = local(el.tag)
        if name in (
            "Title",
            "Author",
            "Subject",
            "Abstract",
            "CreationDate",
            "ModDate",
            "Creator",
            "DocUsage",
        ):
            value = " ".join("".join(el.itertext()).split())
            if value:
                metadata.setdefault(name, value)
        elif name == "CustomDatas":
            for cd in el:
                key = cd.get("Name")
                value = " ".join("".join(cd.itertext()).split())
                if key and value:
                    metadata.setdefault(key, value)


def read_ofd(data: bytes, zf: SafeZip | None = None) -> tuple[str, dict[str, str]]:
    """Extract the text of an OFD file; returns (text, metadata)."""
    if zf is None:
        with SafeZip(data, what="OFD file") as own:
            return read_ofd(data, own)
    if "OFD.xml" not in zf:
        raise CorruptInput("OFD file lacks OFD.xml")
    root = zf.read_xml("OFD.xml")
    metadata: dict[str, str] = {}
    pages_lines: list[list[str]] = []
    bodies = _children(root, "DocBody")
    if not bodies:
        raise CorruptInput("OFD file: OFD.xml has no DocBody")
    counted = 0  # pages of all its documents: MAX_PAGES is the file's limit
    for body in bodies:
        _doc_info(body, metadata)
        doc_root = _child(body, "DocRoot")
        if doc_root is None or not (doc_root.text or "").strip():
            raise CorruptInput("OFD file: DocBody has no DocRoot")
        doc_path = resolve("", doc_root.text)
        document = zf.read_xml(doc_path)
        doc_dir = posixpath.dirname(doc_path)
        pages_el = _child(document, "Pages")
        pages = _children(pages_el, "Page") if pages_el is not None else []
        counted += max(len(pages), 1)  # (a document without pages counts as one: 10^5 of them too are refused)
        if counted > MAX_PAGES:
            raise CorruptInput(
                f"OFD file has more than {MAX_PAGES} pages in its {len(bodies)} document(s) (the limit)"
            )
        for page in pages:
            loc = page.get("BaseLoc")
            if not loc:
                raise CorruptInput(f"OFD file: page {page.get('ID')!r} has no BaseLoc")
            content = zf.read_xml(resolve(doc_dir, loc))
            pages_lines.append(_lines(_text_items(content)))
    text = join_pages(clean_pages(pages_lines))
    if not text.strip():
        raise EmptyInput("OFD file holds no text (only images? scanned pages need OCR)")
    return re.sub(r"[ \t]+\n", "\n", text), metadata
