"""Build HTML, DOCX, OFD and PDF files from plain text in the tests (no binaries committed).

A text line whose stripped content holds a TAB is a table row (cells split by TAB);
consecutive rows make one table.  Everything else is a paragraph.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GX = CORPUS / "004_7987ea6d96b72cd9.txt"  # 广西 2021年重点工作任务 (U+2002 spaces)
GY = CORPUS / "001_51fae38dd57fd7e4.txt"  # 固原: has a TAB-separated task table


def corpus_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def is_row(line: str) -> bool:
    return "\t" in line.strip()


def comparable(text: str) -> list[str]:
    """Lines modulo whitespace at line ends and blank lines (cells stripped too)."""
    out = []
    for line in text.splitlines():
        if is_row(line):
            out.append("\t".join(c.strip() for c in line.strip().split("\t")))
        elif line.strip():
            out.append(line.strip())
    return out


def blocks(text: str) -> list[tuple[str, object]]:
    """[('p', line) | ('table', [cells…])] in order."""
    out: list[tuple[str, object]] = []
    for line in text.splitlines():
        if is_row(line):
            cells = [c.strip() for c in line.strip().split("\t")]
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                out.append(("table", [cells]))
        else:
            out.append(("p", line))
    return out


# ---------------------------------------------------------------- HTML


def html_page(
    text: str, *, title: str, info: dict[str, str] | None = None, charset: str = "utf-8"
) -> bytes:
    """A gov.cn-like page: nav, script, share bar, info table, content div, related links, footer."""
    body = []
    for kind, item in blocks(text):
        if kind == "p":
            body.append(f'<p style="text-indent:2em">{html.escape(item)}</p>')  # type: ignore[arg-type]
        else:
            rows = "".join(
                "<tr>" + "".join(f"<td><p>{html.escape(c)}</p></td>" for c in row) + "</tr>"
                for row in item  # type: ignore[union-attr]
            )
            body.append(f'<table border="1"><tbody>{rows}</tbody></table>')
    info = info or {}
    info_rows = []
    items = list(info.items())
    for i in range(0, len(items), 2):
        cells = "".join(
            f'<td class="t1"><b>{html.escape(k[0] + "　" * (4 - len(k)) + k[1:] if len(k) == 2 else k)}：</b></td>'
            f"<td>{html.escape(v)}</td>"
            for k, v in items[i : i + 2]
        )
        info_rows.append(f"<tr>{cells}</tr>")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2021-09-23 16:30">
<meta name="ContentSource" content="广西壮族自治区人民政府办公厅">
<meta name="keywords" content="医改,重点工作任务">
<title>{html.escape(title)}_广西壮族自治区人民政府门户网站</title>
<style>.nav li {{ float: left; }} p {{ text-indent: 2em }}</style>
<script type="text/javascript">var pageTitle = "不应出现的脚本文字"; document.write("<p>脚本</p>");</script>
</head>
<body>
<div class="header"><div class="logo">广西壮族自治区人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 正文</div>
<div class="main">
  <table class="xxgk-info" cellspacing="0">{"".join(info_rows)}</table>
  <div class="article">
    <h1 id="title">{html.escape(title)}</h1>
    <div class="pages-date">2021-09-23 16:30 来源：广西壮族自治区人民政府办公厅
      <span class="font">字号：<a>大</a> <a>中</a> <a>小</a></span></div>
    <div class="share bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
    <div class="pages_content" id="UCAP-CONTENT">
{chr(10).join(body)}
    </div>
    <div class="editor">【我要纠错】 责任编辑：张三</div>
  </div>
  <div class="related"><h3>相关文件</h3><ul>
    <li><a href="/a">自治区人民政府办公厅关于印发广西深化医药卫生体制改革2020年重点工作任务的通知</a></li>
    <li><a href="/b">关于进一步做好医疗保障工作的通知</a></li></ul></div>
</div>
<div class="footer">主办：广西壮族自治区人民政府办公厅 版权所有 桂ICP备05001239号</div>
<script>window._hmt = [];</script>
</body></html>
"""
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


# ---------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>办公厅</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2021-09-16T00:00:00Z</dcterms:created></cp:coreProperties>"""
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>脚注文字不应出现</w:t></w:r></w:p></w:footnote></w:footnotes>"""
# abstractNum 0: level 0 chineseCounting "%1、", level 1 "（%2）" chineseCounting, level 2 decimal "%3."
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographDigital"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def w_run(text: str) -> str:
    parts = text.split("\t")
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append("<w:r><w:tab/></w:r>")
        if part:
            out.append(
                f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
            )
    return "".join(out)


def w_p(text: str, num: tuple[int, int] | None = None, extra: str = "") -> str:
    ppr = ""
    if num:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}{w_run(text)}{extra}</w:p>"


def w_tbl(rows: list[list[str]]) -> str:
    trs = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{w_p(c)}</w:tc>" for c in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{trs}</w:tbl>"


def docx_from_body(
    body_xml: str, *, title: str = "", extra: dict[str, bytes] | None = None
) -> bytes:
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" '
        f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:v="urn:schemas-microsoft-com:vml">'
        f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
    )
    files = {
        "[Content_Types].xml": CT,
        "_rels/.rels": RELS,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": doc,
        "word/numbering.xml": NUMBERING,
        "word/footnotes.xml": FOOTNOTES,
        "docProps/core.xml": CORE.format(title=escape(title)),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
        for name, content in (extra or {}).items():
            zf.writestr(name, content)
    return buf.getvalue()


_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_SECOND = re.compile(r"^（[一二三四五六七八九十]+）")


def docx_from_text(text: str, *, title: str = "", word_numbering: bool = False) -> bytes:
    """A DOCX of ``text``; with ``word_numbering`` the 一、 / （一） markers are removed from the
    text and produced by Word list numbering instead (numId 5: level 2 never restarts)."""
    body = []
    for i, (kind, item) in enumerate(blocks(text)):
        if kind == "p" and word_numbering and (_TOP.match(item) or _SECOND.match(item)):  # type: ignore[arg-type]
            m = _TOP.match(item) or _SECOND.match(item)  # type: ignore[arg-type]
            body.append(w_p(item[m.end() :], num=(5, 0 if _TOP.match(item) else 1)))  # type: ignore
        elif kind == "p":
            extra = ""
            if i == 5:  # a footnote reference and a deleted revision must not add text
                extra = (
                    '<w:r><w:footnoteReference w:id="1"/></w:r>'
                    '<w:del w:id="9" w:author="x"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'
                )
            body.append(w_p(item, extra=extra))  # type: ignore[arg-type]
        else:
            body.append(w_tbl(item))  # type: ignore[arg-type]
    return docx_from_body("".join(body), title=title)


# ---------------------------------------------------------------- OFD

OFD_NS = "http://www.ofdspec.org/2016"


def _ofd_page(lines: list[str], *, page_no: int) -> str:
    """One page: each line split into up to three TextObjects written in shuffled order,
    with a little baseline jitter, as real OFD producers do."""
    size = 3.5
    objs = []
    oid = 1000 * page_no
    y = 20.0
    for line in lines:
        y += 5.5
        if line.strip():
            n = len(line)
            cuts = sorted({0, n // 3, (2 * n) // 3, n})
            chunks = [(cuts[i], line[cuts[i] : cuts[i + 1]]) for i in range(len(cuts) - 1)]
            chunks = [c for c in chunks if c[1]]
            order = chunks[1:] + chunks[:1]  # out of X order on purpose
            for k, (start, chunk) in enumerate(order):
                oid += 1
                x = 25.0 + start * size
                jitter = 0.3 if k % 2 else -0.2
                delta = " ".join([str(size)] * (len(chunk) - 1))
                delta_attr = (
                    f' DeltaX="g {len(chunk) - 1} {size}"'
                    if len(chunk) > 1 and k % 2
                    else (f' DeltaX="{delta}"' if delta else "")
                )
                objs.append(
                    f'<ofd:TextObject ID="{oid}" Boundary="{x:.2f} {y - size + jitter:.2f} {len(chunk) * size:.2f} {size + 1:.2f}" '
                    f'Font="3" Size="{size}">'
                    f'<ofd:FillColor Value="0 0 0"/>'
                    f'<ofd:TextCode X="0" Y="{size:.2f}"{delta_attr}>{escape(chunk)}</ofd:TextCode></ofd:TextObject>'
                )
        if y > 270:
            y = 20.0
    # page number footer
    oid += 1
    objs.append(
        f'<ofd:TextObject ID="{oid}" Boundary="95 280 30 5" Font="3" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size}">— {page_no} —</ofd:TextCode></ofd:TextObject>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{OFD_NS}">'
        f"<ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Content><ofd:Layer ID="{page_no}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def ofd_from_text(
    text: str, *, title: str = "", lines_per_page: int = 40, ofd_xml: str | None = None
) -> bytes:
    lines = [
        ("\t".join(c.strip() for c in ln.strip().split("\t")) if is_row(ln) else ln)
        for ln in text.splitlines()
    ]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    page_refs = "".join(
        f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    files = {
        "OFD.xml": ofd_xml
        or (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>abc</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
            f"<ofd:CreationDate>2021-09-16</ofd:CreationDate>"
            f'<ofd:CustomDatas><ofd:CustomData Name="发文字号">桂政办发〔2021〕96号</ofd:CustomData></ofd:CustomDatas>'
            f"</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{OFD_NS}">'
            f"<ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
            f'<ofd:Fonts><ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>'
        ),
    }
    for i, page in enumerate(pages):
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = _ofd_page(page, page_no=i + 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


# ---------------------------------------------------------------- PDF


def pdf_from_pages(pages: list[list[str]], *, image_only_pages: tuple[int, ...] = ()) -> bytes:
    """A minimal PDF with a real text layer: a Type0/Identity-H font whose codes are the
    UTF-16BE code units of the text, plus a ToUnicode CMap so extractors map them back."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    chars = sorted({ord(c) for page in pages for line in page for c in line})
    hi_bytes = sorted({c >> 8 for c in chars})
    ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in hi_bytes]
    cmap_chunks = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i : i + 100]
        cmap_chunks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(cmap_chunks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
        b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>"
    )
    cidfont = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap /Identity >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode)
    )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    )
    page_ids = []
    pages_id_placeholder = len(objects) + 1 + 2 * len(pages)
    for n, lines in enumerate(pages):
        if n in image_only_pages:
            ops = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
        else:
            parts = []
            y = 800
            for line in lines:
                hexcodes = line.encode("utf-16-be").hex().upper()
                parts.append(f"BT /F1 10 Tf 1 0 0 1 40 {y} Tm <{hexcodes}> Tj ET")
                y -= 14
            ops = "\n".join(parts).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id_placeholder, content, font, image)
            )
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    pages_id = add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert pages_id == pages_id_placeholder
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (Test policy) /Producer (policyparse tests) >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def zip_bytes(files: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


class Timeout(Exception):
    pass


class hard_timeout:
    """Fail (instead of hanging) if the body runs longer than ``seconds`` (Unix main thread)."""

    def __init__(self, seconds: int = 20) -> None:
        self.seconds = seconds

    def __enter__(self):
        import signal
        import threading

        self._armed = (
            hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
        )
        if self._armed:

            def _raise(signum, frame):
                raise Timeout(f"took longer than {self.seconds}s")

            self._old = signal.signal(signal.SIGALRM, _raise)
            signal.alarm(self.seconds)
        return self

    def __exit__(self, *exc):
        if self._armed:
            import signal

            signal.alarm(0)
            signal.signal(signal.SIGALRM, self._old)
        return False


# --------------------------------------------------------------------------- legacy Word (.doc)

OLE_SECTOR = 512


def ole_from_streams(streams: dict[str, bytes], *, cutoff: int = 0, shift: int = 9) -> bytes:
    """A minimal OLE2 compound file (version 3 with 512-byte sectors, or 4 with 4096: shift 12)
    holding the named streams at the root, each in consecutive regular sectors (cutoff 0: no
    mini stream)."""
    import struct

    OLE_SECTOR = 1 << shift
    ENDC, FATSECT, FREE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    body, starts, fat = b"", {}, []
    for name, data in streams.items():
        n = -(-len(data) // OLE_SECTOR) or 1
        starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [ENDC]
        body += data.ljust(n * OLE_SECTOR, b"\0")
    entries = [("Root Entry", 5, ENDC, 0)] + [(nm, 2, starts[nm], len(d)) for nm, d in streams.items()]
    dir_start = len(fat)
    raw_dir = b""
    for i, (nm, kind, start, size) in enumerate(entries):
        e = bytearray(128)
        enc = nm.encode("utf-16-le") + b"\0\0"
        e[: len(enc)] = enc
        struct.pack_into("<H", e, 0x40, len(enc))
        e[0x42], e[0x43] = kind, 1
        struct.pack_into("<III", e, 0x44, FREE, i + 1 if 0 < i < len(entries) - 1 else FREE, 1 if i == 0 and len(entries) > 1 else FREE)
        struct.pack_into("<IQ", e, 0x74, start, size)
        raw_dir += bytes(e)
    nd = -(-len(raw_dir) // OLE_SECTOR)
    fat += [dir_start + i + 1 for i in range(nd - 1)] + [ENDC]
    body += raw_dir.ljust(nd * OLE_SECTOR, b"\0")
    fat_start = len(fat)
    n_fat = -(-(len(fat) + 1) // (OLE_SECTOR // 4))
    fat += [FATSECT] * n_fat
    fat += [FREE] * (n_fat * (OLE_SECTOR // 4) - len(fat))
    body += struct.pack(f"<{len(fat)}I", *fat)
    head = bytearray(OLE_SECTOR)
    head[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", head, 0x18, 0x3E, 3 if shift == 9 else 4, 0xFFFE, shift, 6)
    struct.pack_into("<IIIIIIIII", head, 0x28, 0, n_fat, dir_start, 0, cutoff, ENDC, 0, ENDC, 0)
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    struct.pack_into("<109I", head, 0x4C, *difat)
    return bytes(head).ljust(OLE_SECTOR, b"\0") + body


def doc_from_pieces(pieces: list[tuple[str, bool]], *, main: int | None = None, flags: int = 0x0200,
                    prc: bytes = b"", shift: int = 9) -> bytes:
    """A Word 97 file whose text is the given pieces ((text, stored as 8-bit cp1252)), in a
    piece table of as many pieces; main: the main document's length (ccpText), default all.
    No paragraph properties: no tables."""
    import struct

    fib = bytearray(0x400)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", fib, 0x0A, flags)
    text_bytes, pcds, cps, cp, fc = b"", [], [0], 0, len(fib)
    for text, compressed in pieces:
        raw = text.encode("cp1252") if compressed else text.encode("utf-16-le")
        pcds.append(struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if compressed else fc, 0))
        text_bytes += raw
        fc += len(raw)
        cp += len(text)
        cps.append(cp)
    struct.pack_into("<I", fib, 0x4C, cp if main is None else main)
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = prc + b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))
    table = "1Table" if flags & 0x0200 else "0Table"
    return ole_from_streams({"WordDocument": bytes(fib) + text_bytes, table: clx}, shift=shift)


# --------------------------------------------------------------------------- Excel (.xlsx)


def xlsx_from_sheets(sheets: list[tuple[str, list[list[object]]]], *, merges: dict[str, list[str]] | None = None,
                     hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook: per sheet (name, rows).  A cell is a str (a shared string), a number,
    ("inline", s), ("pct", x) (style 0.0%), ("date", serial) (built-in format 14),
    ("formula", cached str), ("bool", 1) or None (no cell); merges: sheet → ["A1:D1", …]."""
    from xml.sax.saxutils import escape

    def col(i: int) -> str:
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    shared: list[str] = []
    files: dict[str, str] = {}
    for n, (name, rows) in enumerate(sheets, 1):
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{col(c)}{r}"
                if v is None:
                    continue
                if isinstance(v, str):
                    shared.append(v)
                    cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
                elif isinstance(v, tuple):
                    kind, x = v
                    if kind == "inline":
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(x))}</t></is></c>')
                    elif kind == "pct":
                        cells.append(f'<c r="{ref}" s="1"><v>{x}</v></c>')
                    elif kind == "date":
                        cells.append(f'<c r="{ref}" s="2"><v>{x}</v></c>')
                    elif kind == "formula":
                        cells.append(f'<c r="{ref}" t="str"><f>A1</f><v>{escape(str(x))}</v></c>')
                    elif kind == "bool":
                        cells.append(f'<c r="{ref}" t="b"><v>{x}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        merge_xml = ""
        if merges and merges.get(name):
            merge_xml = "<mergeCells>" + "".join(f'<mergeCell ref="{m}"/>' for m in merges[name]) + "</mergeCells>"
        files[f"xl/worksheets/sheet{n}.xml"] = (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{''.join(xml_rows)}</sheetData>{merge_xml}</worksheet>"
        )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    state = ' state="hidden"'
    sheets_xml = "".join(
        f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"{state if name in hidden else ""}/>'
        for n, (name, _rows) in enumerate(sheets, 1)
    )
    files["xl/workbook.xml"] = (
        f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}">'
        f"<sheets>{sheets_xml}</sheets></workbook>"
    )
    files["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                  for n in range(1, len(sheets) + 1))
        + f'<Relationship Id="rIdS" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        + f'<Relationship Id="rIdT" Type="{rel}/styles" Target="styles.xml"/></Relationships>'
    )
    files["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>"
    )
    files["xl/styles.xml"] = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    return zip_bytes({k: v.encode("utf-8") for k, v in files.items()})
