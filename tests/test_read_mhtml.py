"""MHTML web archives (.mht, and Word's single-file web pages served as .doc):
policyparse/readers/mhtml.py."""

from __future__ import annotations

import base64
import quopri

import pytest

from policyparse.errors import CorruptInput
from policyparse.read import read_bytes

PAGE = (
    "<html><head>{meta}</head><body><p>某县人民政府关于印发某方案的通知</p><p>一、工作目标</p>"
    "<p>到2025年，覆盖率达到95%以上。（县卫生健康局牵头，县财政局配合）</p></body></html>"
)
TEXT = "某县人民政府关于印发某方案的通知\n一、工作目标\n到2025年，覆盖率达到95%以上。（县卫生健康局牵头，县财政局配合）"


def _archive(part: bytes, encoding: str, charset: str | None) -> bytes:
    ctype = "text/html" + (f'; charset="{charset}"' if charset else "")
    head = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        "This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
        "------=_NextPart_01\r\nContent-Location: file:///C:/page.htm\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\nContent-Type: {ctype}\r\n\r\n"
    )
    image = (
        "\r\n------=_NextPart_01\r\nContent-Location: file:///C:/image001.png\r\n"
        "Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n"
    )
    return head.encode() + part + image.encode() + b"\r\n------=_NextPart_01--\r\n"


def test_a_word_single_file_page_served_as_doc_reads_as_its_page() -> None:
    """Quoted-printable GB2312, the charset in the page's meta and in the part's header."""
    page = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    data = _archive(quopri.encodestring(page.encode("gb2312")), "quoted-printable", "gb2312")
    r = read_bytes(data, name="通知.doc")
    assert (r.format, r.text) == ("mhtml", TEXT)


def test_a_base64_page_naming_no_charset_takes_the_parts() -> None:
    data = _archive(base64.encodebytes(PAGE.format(meta="").encode("gb18030")), "base64", "gb18030")
    assert read_bytes(data, name="page.mht").text == TEXT


@pytest.mark.parametrize(
    "data",
    [
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",  # headers only
        _archive(b"!!!", "base64", "utf-8"),  # a part that decodes to nothing
    ],
)
def test_an_archive_without_a_page_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptInput, match="without an HTML page"):
        read_bytes(data, name="page.mht")
