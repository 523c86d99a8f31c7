"""Read stage, PDF text layer (optional extra policyparse[pdf], backed by pypdf).

The PDFs are written by hand in the test (fixtures_read.builders.pdf_from_pages):
a Type0 font with a ToUnicode CMap, so the text layer is real and CJK-capable.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import GX, comparable, corpus_text, hard_timeout, pdf_from_pages  # noqa: E402

from policyparse.errors import CorruptInput, UnsupportedFormat  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402
from policyparse.readers.pages import clean_pages, is_page_number  # noqa: E402

HEADER = "广西深化医药卫生体制改革2021年重点工作任务"


def _pages(lines: list[str], per_page: int = 6) -> list[list[str]]:
    return [
        [HEADER] + lines[i : i + per_page] + [f"— {i // per_page + 1} —"]
        for i in range(0, len(lines), per_page)
    ]


def test_pdf_text_layer_with_running_header_and_page_numbers_removed(tmp_path):
    pytest.importorskip("pypdf")
    body = [ln[:50] for ln in corpus_text(GX).splitlines() if ln.strip()][:30]
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf_from_pages(_pages(body)))
    result = read_file(path)
    assert result.format == "pdf" and result.encoding is None
    assert comparable(result.text) == [ln.strip() for ln in body]
    assert result.metadata["pages"] == "5"
    assert result.metadata["Title"] == "Test policy"
    assert "\n\n" in result.text  # pages are separated by a blank line


def test_scanned_page_is_refused_with_a_clear_message():
    pytest.importorskip("pypdf")
    data = pdf_from_pages([["第一页文字"], [], ["第三页文字"]], image_only_pages=(1,))
    with pytest.raises(UnsupportedFormat, match=r"no text layer on page 2 of 3 \(scanned PDF\?\)"):
        read_bytes(data, name="scan.pdf")
    only_images = pdf_from_pages([[], []], image_only_pages=(0, 1))
    with pytest.raises(UnsupportedFormat, match="no text layer on all pages"):
        read_bytes(only_images)


def test_blank_page_without_images_is_just_skipped():
    pytest.importorskip("pypdf")
    data = pdf_from_pages([["第一页文字"], [], ["第三页文字"]])
    assert read_bytes(data).text == "第一页文字\n\n第三页文字"


def test_truncated_pdf_is_corrupt():
    pytest.importorskip("pypdf")
    data = pdf_from_pages([["第一页文字"]])
    with hard_timeout(20), pytest.raises((CorruptInput, UnsupportedFormat)):
        read_bytes(data[: len(data) // 3], name="cut.pdf")


def test_without_pypdf_a_pdf_needs_the_extra(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError("No module named 'pypdf'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(UnsupportedFormat, match=r"pip install 'policyparse\[pdf\]'"):
        read_bytes(b"%PDF-1.7\n%%EOF\n", name="x.pdf")


@pytest.mark.parametrize(
    "line", ["— 3 —", "- 12 -", "－3－", "第 3 页", "第3页 共10页", "3/10", "Page 3 of 10", "7"]
)
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2021年", "（一）", "1.加强领导", "到2020年", "35%"])
def test_not_page_number_lines(line):
    assert not is_page_number(line)


def test_running_header_needs_most_pages_and_short_lines():
    bodies = ["甲", "乙", "丙", "丁"]
    pages = [["某某市人民政府文件", bodies[i], f"— {i + 1} —"] for i in range(4)]
    pages[2][0] = "另一行"
    assert clean_pages(pages) == [["甲"], ["乙"], ["另一行", "丙"], ["丁"]]
    # with only two pages, nothing is taken for a running header
    assert clean_pages([["标题", "甲"], ["标题", "乙"]]) == [["标题", "甲"], ["标题", "乙"]]


def test_a_tounicode_map_giving_lone_surrogates_still_makes_writable_output():
    """pypdf passes on what a broken ToUnicode map says (here: U+DC00 upward): the text held
    lone surrogates and the ParsedFile could not be written as JSON."""
    pytest.importorskip("pypdf")
    from policyparse.pipeline import parse_read

    pdf = pdf_from_pages([["关于印发方案的通知AB"]]).replace(b"<0000> <00FF> <0000>", b"<0000> <00FF> <DC00>")
    result = read_bytes(pdf, name="a.pdf")
    assert "\udc41" in result.text  # (what the map says for A)
    pf = parse_read(result, "a.pdf")
    assert "\udc41" not in pf.text and "\ufffd" in pf.text
    assert any(r.kind == "surrogate" for r in pf.repairs)
    pf.model_dump_json()


def test_a_font_shared_by_the_pages_is_parsed_once_with_the_same_text(monkeypatch):
    """pypdf parses a page's fonts (their ToUnicode maps: thousands of entries for CJK) on every
    page; while a document is read, each font is built once (~5x faster on a 12-page document)."""
    pypdf = pytest.importorskip("pypdf")
    from policyparse.readers import pdf as pdf_reader

    font_module = sys.modules.get("pypdf.generic._font")
    if not pdf_reader._share_fonts() or font_module is None or not hasattr(font_module, "get_encoding"):
        pytest.skip("a pypdf without Font.from_font_resource: fonts are built per page")
    body = [ln[:40] for ln in corpus_text(GX).splitlines() if ln.strip()][:60]
    pages = _pages(body, per_page=5)
    assert len(pages) >= 5
    data = pdf_from_pages(pages)  # one font for all pages
    built = []
    get_encoding = font_module.get_encoding
    monkeypatch.setattr(font_module, "get_encoding", lambda d: (built.append(d), get_encoding(d))[1])
    shared = read_bytes(data).text
    assert len(built) == 1
    built.clear()
    monkeypatch.setattr(pdf_reader, "_fonts_shared", contextlib.nullcontext)  # as pypdf alone reads it
    assert read_bytes(data).text == shared and len(built) == len(pages)
    assert comparable(shared) == [ln.strip() for ln in body]
    # outside a document being read, pypdf builds a font each time, as it did
    font = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]["/F1"].get_object()
    built.clear()
    font_module.Font.from_font_resource(font)
    font_module.Font.from_font_resource(font)
    assert len(built) == 2
