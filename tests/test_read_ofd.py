"""Read stage, OFD (GB/T 33190): pages in order, TextCodes grouped into lines by Y, joined by X."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import GX, GY, OFD_NS, comparable, corpus_text, ofd_from_text, zip_bytes  # noqa: E402

from policyparse.errors import CorruptInput, EmptyInput  # noqa: E402
from policyparse.read import read_bytes, read_file  # noqa: E402
from policyparse.readers import ofd  # noqa: E402


@pytest.mark.parametrize("corpus", [GX, GY], ids=["guangxi", "guyuan-with-table"])
def test_ofd_text_equals_the_plain_text(tmp_path, corpus):
    text = corpus_text(corpus)
    path = tmp_path / "doc.ofd"
    path.write_bytes(ofd_from_text(text, title="测试", lines_per_page=25))
    result = read_file(path)
    assert result.format == "ofd"
    assert result.encoding is None
    assert comparable(result.text) == comparable(text)  # page numbers (— 1 —) are gone too
    assert result.metadata["Title"] == "测试"
    assert result.metadata["发文字号"] == "桂政办发〔2021〕96号"


def test_pages_are_separated_by_a_blank_line():
    text = "\n".join(f"第{i}行" for i in range(1, 7))
    result = read_bytes(ofd_from_text(text, lines_per_page=3), name="p.ofd")
    assert result.text == "第1行\n第2行\n第3行\n\n第4行\n第5行\n第6行"


def _content(objs: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer>'
        f"{objs}</ofd:Layer></ofd:Content></ofd:Page>"
    )


def _ofd(pages: list[str], doc_root: str = "/Doc_0/Document.xml", base: str = "Pages") -> bytes:
    refs = "".join(
        f'<ofd:Page ID="{i}" BaseLoc="{base}/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    files = {
        "OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody><ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:Pages>{refs}</ofd:Pages></ofd:Document>',
    }
    for i, content in enumerate(pages):
        files[f"Doc_0/{base}/Page_{i}/Content.xml"] = _content(content)
    return zip_bytes(files)


def _obj(x: float, y: float, text: str, size: float = 4.0, **attrs: str) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return (
        f'<ofd:TextObject ID="1" Boundary="{x} {y} 100 {size + 1}" Size="{size}"{extra}>'
        f'<ofd:TextCode X="0" Y="{size}">{text}</ofd:TextCode></ofd:TextObject>'
    )


def test_per_character_textcodes_with_baseline_jitter_make_one_line():
    objs = "".join(
        _obj(20 + 4 * i, 30 + (0.4 if i % 2 else 0), ch)
        for i, ch in reversed(list(enumerate("一、总体要求")))
    )
    objs += _obj(20, 40, "（一）指导思想。")
    assert read_bytes(_ofd([objs]), name="a.ofd").text == "一、总体要求\n（一）指导思想。"


def test_table_columns_far_apart_become_tabs_and_ctm_is_applied():
    objs = _obj(20, 30, "序号") + _obj(60, 30, "工作任务") + _obj(140, 30, "完成时限")
    # a TextObject scaled by its CTM: its TextCode Y=4 in object space lands at 8 on the page
    objs += (
        '<ofd:TextObject ID="9" Boundary="20 34 100 10" Size="4" CTM="2 0 0 2 0 0">'
        '<ofd:TextCode X="0" Y="4">下一行</ofd:TextCode></ofd:TextObject>'
    )
    assert read_bytes(_ofd([objs]), name="t.ofd").text == "序号\t工作任务\t完成时限\n下一行"


def test_textcodes_inside_pageblocks_and_relative_paths():
    objs = f"<ofd:PageBlock>{_obj(20, 30, '块内文字')}</ofd:PageBlock>"
    assert (
        read_bytes(_ofd([objs], doc_root="Doc_0/Document.xml", base="./Pages"), name="b.ofd").text
        == "块内文字"
    )


def test_ofd_without_text_is_empty_and_missing_parts_are_corrupt():
    with pytest.raises(EmptyInput):
        read_bytes(_ofd(["<ofd:ImageObject ID='1' Boundary='0 0 10 10'/>"]), name="scan.ofd")
    data = zip_bytes(
        {
            "OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml'
            "</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        }
    )
    with pytest.raises(CorruptInput) as info:
        read_bytes(data, name="x.ofd")
    assert "Document.xml" in str(info.value)


# --------------------------------------------------------------------------- number lists


def _floats_per_token(value: str | None) -> list[float]:
    """The plain definition of ofd._floats: token by token (and g N value groups)."""
    if not value:
        return []
    out: list[float] = []
    tokens = value.split()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "g" and i + 2 < len(tokens):
            try:
                n, v = int(float(tokens[i + 1])), float(tokens[i + 2])
            except (ValueError, OverflowError):
                break
            out.extend([v] * max(0, min(n, 100000)))
            i += 3
            continue
        try:
            out.append(float(tok))
        except ValueError:
            pass
        i += 1
    return out


_TOKENS = st.lists(
    st.one_of(
        st.sampled_from(["g", "g", "3", "0", "-2", "2.5", "x", "1e3", "inf", "nan", "-inf", "1e400", "200000"]),
        st.floats(allow_nan=False).map(repr),
        st.integers(-5, 50).map(str),
    ),
    max_size=25,
)


@settings(max_examples=500, deadline=None)
@given(_TOKENS, st.sampled_from([0, 1, 3, 10, 100_000]))
def test_number_lists_equal_their_token_by_token_definition(tokens, limit):
    value = " ".join(tokens)
    # (compared as text: nan != nan)
    assert list(map(repr, ofd._floats(value, limit))) == list(map(repr, _floats_per_token(value)[:limit]))


@settings(max_examples=300, deadline=None)
@given(_TOKENS, st.sampled_from(["", " ", "\t"]))
def test_the_first_number_equals_the_first_of_the_list(tokens, pad):
    """_first (X, Y, Size: one float() for a lone number) is _floats(value)[0], the default for none."""
    value = pad + " ".join(tokens) + pad
    expected = (_floats_per_token(value) or [7.0])[0]
    assert repr(ofd._first(value, 7.0)) == repr(expected)
    assert ofd._first(None, 7.0) == 7.0


def test_a_repeat_group_cannot_blow_up_memory():
    bomb = " ".join(["g 100000 1"] * 10_000)  # 100 kB of attribute, 10^9 numbers if expanded
    assert len(ofd._floats(bomb, limit=7)) == 7
    assert len(ofd._floats(bomb)) == 100_000
    assert ofd._floats("1 2 g inf 5 3") == [1.0, 2.0]  # an endless count ends the list, no crash
    assert ofd._floats("g -9e18 3 1") == [1.0]  # nor does a count below zero (nothing repeated)
