"""Read stage, hostile inputs: each is refused with a named one-line error, quickly, safely."""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import threading
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import (  # noqa: E402
    CT,
    OFD_NS,
    RELS,
    W_NS,
    docx_from_body,
    docx_from_text,
    hard_timeout,
    ofd_from_text,
    w_p,
    zip_bytes,
)

import policyparse.read as read_module  # noqa: E402
from policyparse.errors import (  # noqa: E402
    CorruptInput,
    DecodeError,
    EmptyInput,
    InputNotFound,
    PolicyParseError,
    UnsupportedFormat,
)
from policyparse.read import printable, read_bytes, read_file, read_path  # noqa: E402

XXE_DOC = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>正文&x;结束</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"""


def _refused(data: bytes, name: str | None, error: type[PolicyParseError]) -> str:
    with hard_timeout(30), pytest.raises(error) as info:
        read_bytes(data, name=name)
    message = str(info.value)
    assert message and "\n" not in message, message
    assert info.value.kind
    assert "root:" not in message
    return message


def _docx_with_document(xml: str | bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": xml},
        compression=compression,
    )


def test_xxe_in_docx_is_refused_and_never_resolved():
    msg = _refused(_docx_with_document(XXE_DOC), "x.docx", CorruptInput)
    assert "DOCTYPE" in msg


def test_billion_laughs_in_docx_is_refused():
    _refused(_docx_with_document(LAUGHS), "l.docx", CorruptInput)


def test_xxe_in_utf16_xml_is_refused():
    data = zip_bytes(
        {
            "[Content_Types].xml": CT,
            "_rels/.rels": RELS,
            "word/document.xml": XXE_DOC.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(
                "utf-16"
            ),
        }
    )
    _refused(data, "u.docx", CorruptInput)


def test_xxe_in_ofd_is_refused_and_never_resolved():
    ofd_xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE ofd:OFD [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody><ofd:DocInfo><ofd:Title>&x;</ofd:Title></ofd:DocInfo>'
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    _refused(ofd_from_text("正文", ofd_xml=ofd_xml), "x.ofd", CorruptInput)


def test_the_xml_parser_itself_resolves_no_entities():
    """Even without the DOCTYPE guard, the parser leaves external entities unresolved."""
    from lxml import etree

    from policyparse.readers.ziputil import xml_parser

    root = etree.fromstring(XXE_DOC.encode(), parser=xml_parser())
    assert "root:" not in "".join(root.itertext())


def test_truncated_zip_is_corrupt():
    data = docx_from_text("一、总体要求\n（一）指导思想。\n" * 50)
    for cut in (len(data) // 2, len(data) - 30, 40):
        _refused(data[:cut], "t.docx", CorruptInput)
    ofd = ofd_from_text("一、总体要求\n" * 50)
    _refused(ofd[: len(ofd) // 2], "t.ofd", CorruptInput)


def test_zip_bomb_by_compression_ratio_is_refused():
    bomb = zip_bytes(
        {
            "[Content_Types].xml": CT,
            "_rels/.rels": RELS,
            "word/document.xml": b" " * (30 * 1024 * 1024),
        }
    )
    assert len(bomb) < 200_000
    msg = _refused(bomb, "bomb.docx", CorruptInput)
    assert "zip bomb" in msg


def test_zip_bomb_with_lying_sizes_is_refused():
    """Declared sizes patched down to look harmless: the real output is counted, not trusted."""
    payload = b"<w:document>" + b" " * (5 * 1024 * 1024) + b"</w:document>"
    data = bytearray(zip_bytes({"[Content_Types].xml": CT, "word/document.xml": payload}))
    # patch the uncompressed size in the central directory and the local header of document.xml
    name = b"word/document.xml"
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack("<H", data[pos + 28 : pos + 30])[0]
        if data[pos + 46 : pos + 46 + n] == name:
            data[pos + 24 : pos + 28] = struct.pack("<I", 1000)
        pos += 4
    lh = data.rfind(b"PK\x03\x04", 0, data.find(name) + 1)
    data[lh + 22 : lh + 26] = struct.pack("<I", 1000)
    assert (
        zipfile.ZipFile(__import__("io").BytesIO(bytes(data)))
        .getinfo("word/document.xml")
        .file_size
        == 1000
    )
    _refused(bytes(data), "lie.docx", CorruptInput)


def test_too_many_entries_is_refused():
    files = {f"word/media/f{i}.xml": b"x" for i in range(2001)}
    files["word/document.xml"] = f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    _refused(zip_bytes(files, compression=zipfile.ZIP_STORED), "many.docx", CorruptInput)


def test_zip_that_is_neither_docx_nor_ofd():
    _refused(zip_bytes({"a.txt": "hello"}), "a.zip", UnsupportedFormat)
    pptx = zip_bytes(
        {"[Content_Types].xml": '<Types><Override ContentType="presentationml"/></Types>'}
    )
    assert "presentation" in _refused(pptx, "a.pptx", UnsupportedFormat)
    # a workbook (read since .xlsx support) without its parts is a corrupt one
    xlsx = zip_bytes(
        {"[Content_Types].xml": '<Types><Override ContentType="spreadsheetml"/></Types>'}
    )
    assert "workbook" in _refused(xlsx, "a.xlsx", CorruptInput)


def test_malformed_xml_in_docx_is_corrupt():
    _refused(_docx_with_document("<w:document><w:body><w:p>"), "m.docx", CorruptInput)


def test_deeply_nested_xml_is_refused_not_a_recursion_error():
    depth = 50_000
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:sdt><w:sdtContent>" * depth
    xml += (
        "<w:p><w:r><w:t>深</w:t></w:r></w:p>"
        + "</w:sdtContent></w:sdt>" * depth
        + "</w:body></w:document>"
    )
    msg = _refused(_docx_with_document(xml, zipfile.ZIP_STORED), "deep.docx", CorruptInput)
    assert "depth" in msg.lower()


@pytest.mark.parametrize(
    "data,name,error",
    [
        (b"", "empty.txt", EmptyInput),
        (b"", "empty.docx", EmptyInput),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "scan.png", UnsupportedFormat),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "renamed.docx", UnsupportedFormat),
        (b"GIF89a\x01\x00\x01\x00", None, UnsupportedFormat),
        (bytes(range(256)) * 16, "random.bin", DecodeError),
        (bytes(range(256)) * 16, "random.doc", CorruptInput),  # neither OLE2, text nor HTML
        (bytes(range(256)) * 16, "random.xls", CorruptInput),  # (read since .xls support)
        ("纯文本".encode(), "fake.docx", CorruptInput),
        ("纯文本".encode(), "fake.pdf", CorruptInput),
        (
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
            "page.mht",
            CorruptInput,  # an archive (read since .mht support) without its page
        ),
    ],
    ids=[
        "empty",
        "empty-docx",
        "png",
        "png-named-docx",
        "gif",
        "random",
        "random-doc",
        "random-xls",
        "text-named-docx",
        "text-named-pdf",
        "mhtml",
    ],
)
def test_non_documents(data, name, error):
    _refused(data, name, error)


def test_random_bytes_file_and_zero_byte_file(tmp_path):
    import random

    rng = random.Random(1234)
    p = tmp_path / "random.txt"
    p.write_bytes(bytes(rng.randrange(256) for _ in range(10_000)))
    with pytest.raises((DecodeError, UnsupportedFormat)):
        read_file(p)
    z = tmp_path / "zero.docx"
    z.write_bytes(b"")
    with pytest.raises(EmptyInput):
        read_file(z)


@pytest.mark.parametrize(
    "name, shown",
    [
        ("规划/a.txt", "规划/a.txt"),  # valid Unicode is kept as it is
        (os.fsdecode(b"\xb7\xbd\xb0\xb8.txt"), r"\xb7\xbd\xb0\xb8.txt"),  # GBK bytes of 方案
        (os.fsdecode(b"\xb9\xe6\xbb\xae.txt"), "\\xb9滮.txt"),  # 规划's last 3 bytes are UTF-8 (滮)
        ("a\ud800b", r"a\ud800b"),  # a lone surrogate with no bytes behind it
    ],
)
def test_printable_names(name, shown):
    assert printable(name) == shown
    assert printable(name).encode("utf-8")  # (what JSON, CSV and Parquet can hold)


def _feed(fifo: Path, data: bytes) -> threading.Thread:
    """Write data into a named pipe from another thread (as `<(zcat a.txt.gz)` would)."""

    def write() -> None:
        with open(fifo, "wb") as f, contextlib.suppress(BrokenPipeError):
            f.write(data)

    t = threading.Thread(target=write, daemon=True)
    t.start()
    return t


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_by_name_is_read_with_the_size_limit(tmp_path, monkeypatch):
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    t = _feed(fifo, "一、总体要求\n到2025年，覆盖率达到95%。\n".encode())
    assert read_file(fifo).text.startswith("一、总体要求")  # policyparse parse <(…)
    t.join(10)
    with pytest.raises(InputNotFound, match="a named pipe, not a regular file"):
        read_path(fifo, regular_only=True)  # (refused before it is opened: no writer needed)
    # a pipe has no size to check first: the read itself stops past the limit
    monkeypatch.setattr(read_module, "MAX_INPUT_BYTES", 1000)
    t = _feed(fifo, b"x" * 5000)
    with pytest.raises(CorruptInput, match="more than 1000 bytes"):
        read_file(fifo)
    t.join(10)


def test_a_zip_entry_claiming_an_unknown_zip_version_is_corrupt():
    """zipfile raises NotImplementedError ("zip file version 12.6") while listing: it used to
    escape as a non-PolicyParseError."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    b = bytearray(buf.getvalue())
    b[b.find(b"PK\x01\x02") + 6] = 126  # "version needed to extract": 12.6
    with pytest.raises(CorruptInput, match="zip file version"):
        read_bytes(bytes(b), name="a.docx")


def test_a_real_docx_still_reads_after_all_that():
    assert read_bytes(docx_from_body(w_p("正文")), name="ok.docx").text == "正文"


def test_html_served_under_a_document_name_is_read_as_html():
    page = "<html><body><div class='content'><p>正文</p></div></body></html>".encode()
    for name in ("a.docx", "a.pdf", "a.doc"):
        result = read_bytes(page, name=name)
        assert (result.format, result.text) == ("html", "正文")


def test_zip_containers_are_closed_after_reading(monkeypatch):
    # a DOCX or OFD archive is closed when read, not left to ZipFile.__del__ (which runs at
    # an arbitrary moment, e.g. where a batch's time limit may interrupt it)
    from fixtures_read.builders import docx_from_text

    data = docx_from_text("关于印发某某方案的通知\n一、总体要求\n")
    opened: list[zipfile.ZipFile] = []
    real_init = zipfile.ZipFile.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", spy)
    assert "总体要求" in read_bytes(data, name="x.docx").text
    from policyparse.readers.docx import read_docx

    assert "总体要求" in read_docx(data)[0]
    assert len(opened) == 2 and all(z.fp is None for z in opened)


# --------------------------------------------------------------------------- probe of 2026-12-02


def _numbered_docx(numbering_xml: str, paragraphs: int = 50) -> bytes:
    from fixtures_read.builders import DOC_RELS

    para = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>项</w:t></w:r></w:p>"
    )
    doc = f'<w:document xmlns:w="{W_NS}"><w:body>{para * paragraphs}</w:body></w:document>'
    return zip_bytes(
        {
            "[Content_Types].xml": CT,
            "_rels/.rels": RELS,
            "word/_rels/document.xml.rels": DOC_RELS,
            "word/document.xml": doc,
            "word/numbering.xml": numbering_xml,
        }
    )


def _one_level(fmt: str, start: str, text: str = "%1.") -> str:
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


@pytest.mark.parametrize(
    "fmt, start, first",
    [
        # a lettered list starting at 10^9 repeated its letter 38 million times per paragraph:
        # the process took 24 GB and was killed
        ("upperLetter", "999999999", "32767."),
        # a 4000-digit start in Chinese counting recursed past Python's limit (a traceback)
        ("chineseCounting", "9" * 4000, "三万二千七百六十七."),
        ("chineseLegalSimplified", "9" * 4000, "叁万贰仟柒佰陆拾柒."),
        ("upperRoman", "-5", "0."),
        ("lowerLetter", "780", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz."),  # Word's last lettered number
        ("lowerLetter", "781", "781."),
    ],
)
def test_a_hostile_list_start_gives_a_short_marker(fmt, start, first):
    with hard_timeout(10):
        lines = read_bytes(_numbered_docx(_one_level(fmt, start)), name="n.docx").text.splitlines()
    assert lines[0] == f"{first}项"
    assert max(map(len, lines)) < 40


def test_a_huge_level_text_is_cut():
    """lvlText of 100 000 characters before each of 200 paragraphs took 16 s and 230 MB."""
    from policyparse.readers.docx import MAX_LEVEL_TEXT

    with hard_timeout(10):
        text = read_bytes(_numbered_docx(_one_level("decimal", "1", "%1" * 50_000), 200), name="t.docx").text
    lines = text.splitlines()
    assert len(lines) == 200 and max(map(len, lines)) <= 3 * MAX_LEVEL_TEXT  # (3-digit counters)


def test_a_symbol_outside_unicode_is_dropped_not_a_traceback():
    """w:sym w:char="FFFFFFFFFF" raised OverflowError (chr); a surrogate code point was kept as a
    lone surrogate, which no UTF-8 output can hold."""
    body = '<w:p><w:r><w:sym w:char="FFFFFFFFFF"/><w:sym w:char="D800"/><w:sym w:char="110000"/>'
    body += '<w:sym w:char="F0B7"/><w:t>正文</w:t></w:r></w:p>'
    assert read_bytes(docx_from_body(body), name="s.docx").text == "\xb7正文"


@pytest.mark.parametrize(
    "label, body, encoding",
    [
        # any bytes decode as a single-byte encoding: a GBK page declared iso-8859-1 was Ä³Ä³·½°¸
        ("iso-8859-1", "gbk", "gb18030"),
        ("windows-1252", "utf-8", "utf-8"),
        # a Python codec that is no web encoding: \x41 and \u4e00 in the text were decoded
        ("unicode_escape", "utf-8", "utf-8"),
        ("utf-7", "utf-8", "utf-8"),
        ("x-klingon", "utf-8", "utf-8"),
    ],
)
def test_a_meta_charset_that_lies_or_is_no_web_encoding_is_not_taken(label, body, encoding):
    page = f"<html><head><meta charset='{label}'></head><body><p>关于印发某某实施方案的通知</p>"
    page += "<p>路径 C:\\x41\\u4e00，到2025年覆盖率达到95%。</p></body></html>"
    result = read_bytes(page.encode("gb18030" if body == "gbk" else "utf-8"), name="p.html")
    assert result.encoding == encoding
    assert result.text.splitlines() == ["关于印发某某实施方案的通知", "路径 C:\\x41\\u4e00，到2025年覆盖率达到95%。"]


def test_a_latin_page_keeps_its_single_byte_declaration():
    """(guard) Latin text declared latin1 is not taken for Chinese, nor for BOM-less UTF-16
    (``<html><meta charset=latin1><p>déjà vu, naïve`` decodes as UTF-16 into ideographs)."""
    for text in ("naïve café © 2021", "déjà vu, naïve"):
        page = f"<html><head><meta charset=latin1></head><body><p>{text}</p></body></html>"
        result = read_bytes(page.encode("latin-1"), name="l.html")
        assert (result.encoding, result.text) == ("cp1252", text)


def test_a_stray_nul_in_utf8_is_refused_not_read_as_utf16():
    """One NUL byte made a UTF-8 page BOM-less UTF-16 by where its zero bytes were:
    <html><body><p>正文… was read as 㱨瑭氾㱢潤社…"""
    page = "<html><body><p>正\0文</p></body></html>".encode()
    msg = _refused(page, "n.html", DecodeError)
    assert "NUL" in msg
    # (guard) BOM-less UTF-16 with ASCII in it is still found by its zero bytes
    assert read_bytes("一、总体要求\n到2025年。\n".encode("utf-16-le"), name="u.txt").encoding == "utf-16-le"


def test_the_ofd_page_limit_counts_the_pages_of_all_its_documents(monkeypatch):
    """3000 DocBody elements each naming one Document.xml of 4999 pages passed the per-document
    limit 3000 times: 56 s before the total unpacked size stopped it."""
    import io

    from policyparse.readers import ofd

    monkeypatch.setattr(ofd, "MAX_PAGES", 10)
    base = zipfile.ZipFile(io.BytesIO(ofd_from_text("一、总体要求\n到2025年，覆盖率达到95%。")))
    files = {n: base.read(n) for n in base.namelist()}
    def with_bodies(n: int, pages: int = 4) -> bytes:
        refs = "".join(f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_0/Content.xml"/>' for i in range(pages))
        body = "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>" * n
        return zip_bytes({
            **files,
            "OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}">{body}</ofd:OFD>',
            "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:Pages>{refs}</ofd:Pages></ofd:Document>',
        })

    assert "more than 10 pages in its 3 document(s)" in _refused(with_bodies(3), "m.ofd", CorruptInput)
    assert "总体要求" in read_bytes(with_bodies(1, pages=1), name="ok.ofd").text  # (guard)
    with pytest.raises(EmptyInput):  # (guard) 10 pages are within the limit (their one line, on every page, is a running header)
        read_bytes(with_bodies(2, pages=5), name="ok.ofd")
    assert "more than 10 pages" in _refused(with_bodies(11, pages=0), "e.ofd", CorruptInput)


@pytest.mark.parametrize(
    "data, says",
    [
        ("一、总体要求\n".encode() * 20 + "附件\n".encode("gbk") + "二、主要任务\n".encode(), "after 120 UTF-8 characters: mixed encodings?"),
        (("一、总体要求\n" * 20).encode()[:-2], "after 119 UTF-8 characters the last one cut short: truncated?"),
    ],
    ids=["gbk-line-in-utf8", "cut-mid-character"],
)
def test_a_utf8_file_spoiled_midway_says_where_and_how(data, says):
    assert says in _refused(data, "m.txt", DecodeError)


def test_big5_text_is_read_when_nothing_else_reads_it():
    """Traditional-Chinese files in Big5 were refused ("the best guess, gb18030, gives only 61%")."""
    text = "關於印發某某實施方案的通知\n一、總體要求\n（一）到2025年，覆蓋率達到95%以上。（衛生健康委牽頭）\n"
    result = read_bytes(text.encode("big5"), name="t.txt")
    assert (result.encoding, result.text) == ("big5hkscs", text)
    # (guard) GBK stays GB18030 even where its bytes are valid Big5 too
    simplified = "关于印发某某实施方案的通知\n一、总体要求\n到2025年，覆盖率达到95%以上。\n"
    assert read_bytes(simplified.encode("gbk"), name="s.txt").encoding == "gb18030"


def test_tag_soup_deeper_than_the_parser_allows_is_read_without_its_formatting_tags():
    """5000 paragraphs each opening a <font> never closed nested 5000 levels deep: the page was
    refused ("deeper than 2048 levels").  Inline formatting tags hold no structure the text
    needs: the page is parsed again without them."""
    page = "<html><body><div class='content'>" + "".join(
        f"<font color=red><p>第{i}段：到2025年覆盖率达到95%。" for i in range(5000)
    ) + "</div></body></html>"
    with hard_timeout(30):
        lines = read_bytes(page.encode(), name="soup.html").text.splitlines()
    assert len(lines) == 5000 and lines[4999] == "第4999段：到2025年覆盖率达到95%。"
    # (guard) structure nested that deep is still refused, and the tags kept where they fit
    deep = "<html><body>" + "<div>" * 5000 + "<p>正文</p>" + "</div>" * 5000 + "</body></html>"
    _refused(deep.encode(), "deep.html", CorruptInput)
    page = "<html><body><p><span style='display:none'>隐藏</span>正文</p></body></html>"
    assert read_bytes(page.encode(), name="ok.html").text == "正文"


@pytest.mark.parametrize("doctype", [
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    LAUGHS.split("\n", 1)[1].split("<w:document")[0].replace("lolz", "html"),
])
def test_an_html_page_declaring_entities_resolves_none_and_keeps_no_dtd_text(doctype):
    """The HTML parser resolves no entity, but the end of the internal subset was kept as the
    page's first text line (``]>``)."""
    page = doctype + "<html><body><p>正文&x;&lol4;结束</p></body></html>"
    assert read_bytes(page.encode(), name="x.html").text == "正文&x;&lol4;结束"


def test_a_frameset_page_is_empty_and_names_its_frames():
    """A frameset page holds no text of its own: its <title> alone was returned as the document."""
    page = (
        "<html><head><title>关于印发某某方案的通知</title></head><frameset cols='20%,80%'>"
        "<frame src='nav.html'><frame src='zw/main.html'></frameset></html>"
    )
    msg = _refused(page.encode(), "f.html", EmptyInput)
    assert "frameset" in msg and "nav.html, zw/main.html" in msg
    # (guard) a frameset page with a <noframes> text keeps it
    page = page.replace("</frameset>", "<noframes><body><p>正文</p></body></noframes></frameset>")
    assert "正文" in read_bytes(page.encode(), name="n.html").text
