"""Read stage, plain text: encodings are detected and decoded exactly, binaries refused."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fixtures_read.builders import GX, hard_timeout  # noqa: E402

import policyparse.readers.text as text_module  # noqa: E402
from policyparse.errors import (  # noqa: E402
    CorruptInput,
    DecodeError,
    EmptyInput,
    InputNotFound,
    PolicyParseError,
    UnsupportedFormat,
)
from policyparse.read import decode_text, read_bytes, read_file  # noqa: E402
from policyparse.readers.text import binary_reason, plausibility  # noqa: E402

TEXT = GX.read_text(encoding="utf-8")

ENCODED = [
    # (id, bytes, expected reported encoding)
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8-bom", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ("utf-16-le", TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be", TEXT.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
]


@pytest.mark.parametrize(
    "data,expected", [(d, e) for _, d, e in ENCODED], ids=[i for i, _, _ in ENCODED]
)
def test_corpus_file_in_every_encoding_decodes_to_the_same_text(tmp_path, data, expected):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    result = read_file(path)
    assert result.text == TEXT
    assert result.encoding == expected
    assert result.format == "txt"
    # the reported encoding is a codec that reproduces the text from the bytes
    assert data.decode(result.encoding) == TEXT


def test_gbk_subset_is_reported_as_gb18030():
    text = "关于印发《广西深化医药卫生体制改革2021年重点工作任务》的通知"
    assert decode_text(text.encode("gbk")) == (text, "gb18030")
    assert decode_text(text.encode("gb2312")) == (text, "gb18030")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_of_pure_chinese_without_any_ascii(enc):
    text = "国务院办公厅关于印发深化医药卫生体制改革重点工作任务的通知各省自治区直辖市人民政府"
    assert decode_text(text.encode(enc)) == (text, enc)


def test_sha256_is_of_the_input_bytes():
    import hashlib

    data = TEXT.encode("gb18030")
    assert read_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


def _one_line_error(exc: PolicyParseError) -> str:
    message = str(exc)
    assert message and "\n" not in message
    return message


@pytest.mark.parametrize(
    "data,error",
    [
        (b"", EmptyInput),
        (bytes(range(256)) * 8, DecodeError),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
            UnsupportedFormat,
        ),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", UnsupportedFormat),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, CorruptInput),  # a damaged .doc (OLE2)
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, UnsupportedFormat),
        (b"text with a NUL\x00 in the middle", DecodeError),
        ("正文".encode() + b"\xff\xfe\xfd\x80\x80", DecodeError),
        (codecs.BOM_UTF8 + b"\xff\xff bad", DecodeError),
    ],
    ids=[
        "empty",
        "all-bytes",
        "png",
        "jpeg",
        "ole2-doc-damaged",
        "elf",
        "nul",
        "bad-utf8-and-gb",
        "bad-after-bom",
    ],
)
def test_binary_and_broken_inputs_are_refused_with_a_named_one_line_error(data, error):
    with hard_timeout(10), pytest.raises(error) as info:
        read_bytes(data)
    _one_line_error(info.value)


def test_random_bytes_are_refused():
    import random

    rng = random.Random(6)
    for n in (64, 257, 4096, 100_000):
        data = bytes(rng.randrange(256) for _ in range(n))
        with hard_timeout(10), pytest.raises((DecodeError, UnsupportedFormat)) as info:
            read_bytes(data)
        _one_line_error(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputNotFound):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputNotFound):
        read_file(tmp_path)


def test_zero_byte_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(EmptyInput):
        read_file(p)


_chinese_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(list("，。、；：（）《》“”〔〕\n\t 0123456789%abcXYZ-—")),
    ),
    min_size=12,
    max_size=300,
).filter(lambda t: sum("\u4e00" <= c <= "\u9fa5" for c in t) >= 6)
# (very short inputs are genuinely ambiguous: GB18030 "识" is the bytes of UTF-8 "ʶ")


@pytest.mark.parametrize(
    "text, enc, expected",
    [
        ("识别", "gb18030", "gb18030"),  # CA B6 B1 F0: UTF-8 would read IPA "ʶ" + junk
        ("000000一一一一一一", "gb18030", "gb18030"),  # UTF-8 reading: rare Cyrillic "һһһ"
        ("Привет, мир! Это тест.", "utf-8", "utf-8"),  # real Russian stays UTF-8
        ("Ελληνικά κείμενο", "utf-8", "utf-8"),
        ("认识一下这个", "utf-8", "utf-8"),
    ],
)
def test_two_byte_ambiguity(text, enc, expected):
    decoded, used = decode_text(text.encode(enc))
    assert (decoded, used) == (text, expected)


@settings(max_examples=150, deadline=None)
@given(_chinese_text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_property_round_trip(text, enc):
    # Detection is a judgement on how much the text looks like prose; strings that do not
    # (一X一X一: single Latin letters alternating with ideographs, the signature of
    # mis-decoded UTF-16) are ambiguous by nature and not what this property is about.
    assume(plausibility(text) >= 0.8)
    data = text.encode(enc)
    if enc == "gb18030":
        # GB18030 bytes that are also valid UTF-8 of real letters (写写 = D0B4 D0B4 = "дд")
        # are genuinely ambiguous; the detector keeps UTF-8 then (see the tests below).
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            as_utf8 = None
        assume(as_utf8 is None or plausibility(as_utf8) < 0.9)
    decoded, used = decode_text(data)
    assert decoded == text
    assert data.decode(used) == text


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=2000))
def test_property_any_bytes_either_decode_exactly_or_raise_a_named_error(data):
    try:
        result = read_bytes(data)
    except PolicyParseError as exc:
        _one_line_error(exc)
        return
    if result.format == "txt":
        assert data.decode(result.encoding) == result.text  # nothing dropped


# --------------------------------------------------------------------------- the scores, as defined


def _plausibility_per_char(text: str) -> float:
    """The plain definition plausibility() is counted by (a loop over the characters)."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = switches = 0
    prev_kind = ""
    for ch in sample:
        o = ord(ch)
        kind = ""
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F \
                or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF:
            good += 1
            if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
                kind = "han"
        elif 0x20 <= o < 0x7F or ch in "\t\n\r" or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0xFF \
                or 0x391 <= o <= 0x3C9 or 0x400 <= o <= 0x45F:
            good += 1
            if ch.isascii() and ch.isalpha():
                kind = "latin"
        if kind and prev_kind and kind != prev_kind:
            switches += 1
        if kind or not ch.isspace():
            prev_kind = kind
    return (good - switches) / len(sample)


def _binary_reason_per_char(text: str) -> str | None:
    """The plain definition binary_reason() counts by: every character looked up."""
    import unicodedata

    sample = text[:1 << 16]
    if "\x00" in sample:
        return "it contains NUL characters"
    bad = sum(
        1 for ch in sample
        if ch not in text_module._TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    if bad > len(sample) // 200:
        return f"{bad} of its first {len(sample)} characters are control, private-use or unassigned code points"
    return None


_SCORED = st.text(
    st.one_of(
        st.sampled_from("中文a Z\t\n\u3000\u2028\x85，。ＡＢ１ΣЖ\u0300\ue000\U00020001\udc80\x07\x1f\u9ffd\u0378"),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(_SCORED)
def test_plausibility_equals_its_per_character_definition(text):
    assert plausibility(text) == _plausibility_per_char(text)


@settings(max_examples=400, deadline=None)
@given(_SCORED, st.integers(0, 3))
def test_binary_reason_equals_its_per_character_definition(text, copies):
    text = text * (1 + copies * 40)  # over the 1-in-200 threshold and under it
    assert binary_reason(text) == _binary_reason_per_char(text)


def test_no_character_of_the_assigned_ranges_is_control_private_or_unassigned():
    """What makes binary_reason's shortcut exact: it looks up only the characters outside
    these ranges, so none inside may be of a category it counts (on this Python's Unicode)."""
    import re
    import unicodedata

    inside = re.compile(f"[{text_module._ASSIGNED_PRINTABLE}]")
    counted = [
        f"U+{o:04X}"
        for o in range(0x110000)
        if inside.match(chr(o)) and unicodedata.category(chr(o)) in ("Cc", "Cs", "Co", "Cn")
    ]
    assert counted == []


def test_the_corpus_scores_as_before():
    for f in sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        assert plausibility(text) == _plausibility_per_char(text)
        assert binary_reason(text) is None and _binary_reason_per_char(text) is None
