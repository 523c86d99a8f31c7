"""Zip archives as inputs (a policy's attachments as 附件.zip): ``convert`` reads their
members as inputs of their own (policyparse/readers/archive.py, policyparse.batch).

Archives are built here with zipfile; names in GBK without the UTF-8 flag (as a Chinese
Windows zips them) are written by patching a placeholder name of the same length.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import CORPUS, CORPUS_FILES
from test_batch import docx_bytes, local_dask, manifest, tree

from policyparse.batch import DOCUMENTS_JSONL, MANIFEST, convert, read_manifest
from policyparse.cli import main
from policyparse.readers.archive import decode_names, safe_path

GOOD = (CORPUS / "004_7987ea6d96b72cd9.txt").read_text(encoding="utf-8")
OTHER = (CORPUS / "000_a0d76618a303aa9e.txt").read_text(encoding="utf-8")


def zip_of(
    members: list[tuple[str, bytes]], *, gbk: bool = True, encoding: str = "gb18030", level: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A zip archive; with gbk, every name is stored as bytes in ``encoding`` (GB18030, a
    superset of GBK) without the UTF-8 flag, as a Chinese Windows zips them."""
    buf = io.BytesIO()
    subs = []
    with zipfile.ZipFile(buf, "w", level) as z:
        for i, (name, data) in enumerate(members):
            if not gbk:
                z.writestr(name, data)
                continue
            raw = name.encode(encoding)
            ph = f"@{i:04d}".encode().ljust(len(raw), b"_")
            assert len(ph) == len(raw), name
            z.writestr(ph.decode(), data)
            subs.append((ph, raw))
    out = buf.getvalue()
    for ph, raw in subs:
        assert out.count(ph) == 2  # the local header and the central directory
        out = out.replace(ph, raw)
    return out


def attachments(folder: Path, name: str = "附件.zip", **kw) -> Path:
    """A typical attachments archive: a GBK text, a docx in a nested folder, an image."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(
        zip_of(
            [
                ("附件1.txt", GOOD.encode("gb18030")),
                ("材料/第二批/附件2.docx", docx_bytes(["关于印发某某实施方案的通知", "一、总体要求", "（一）指导思想。坚持稳中求进。"])),
                ("材料/", b""),
                ("图片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
            ],
            **kw,
        )
    )
    return p


def _patch_flags(data: bytes, name: bytes, bit: int) -> bytes:
    """Set a general-purpose flag bit of one entry, in both of its headers."""
    out = bytearray(data)
    for sig, flag_at, len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            n = struct.unpack("<H", out[pos + len_at : pos + len_at + 2])[0]
            if out[pos + name_at : pos + name_at + n] == name:
                flags = struct.unpack("<H", out[pos + flag_at : pos + flag_at + 2])[0]
                out[pos + flag_at : pos + flag_at + 2] = struct.pack("<H", flags | bit)
            pos += 4
    return bytes(out)


# --------------------------------------------------------------------------- names and paths


def test_gbk_names_are_decoded_not_cp437_mojibake_and_mirrored_under_the_archive(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src / "a")
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed, s.total) == (2, 0, 2)
    # OUT/ARCHIVE_PATH/MEMBER_PATH.json
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.json")} == {
        "a/附件.zip/附件1.txt.json",
        "a/附件.zip/材料/第二批/附件2.docx.json",
    }
    data = json.loads((out / "a" / "附件.zip" / "附件1.txt.json").read_text(encoding="utf-8"))
    assert data["source"]["path"] == f"{src}/a/附件.zip!/附件1.txt"
    assert data["source"]["encoding"] == "gb18030" and data["source"]["format"] == "txt"
    assert data["documents"][0]["doc_number"]["raw"] == "桂政办发〔2021〕96号"
    entries = read_manifest(out)
    assert set(entries) == {"a/附件.zip/附件1.txt", "a/附件.zip/材料/第二批/附件2.docx"}
    e = entries["a/附件.zip/材料/第二批/附件2.docx"]
    assert e["input"] == f"{src}/a/附件.zip!/材料/第二批/附件2.docx" and e["status"] == "ok"
    text = (out / MANIFEST).read_text(encoding="utf-8")
    assert "¸½¼þ" not in text and "╕╜╝■" not in text  # (GBK 附件 read as CP437 / Latin-1)


def test_name_decoding_flag_unicode_path_field_and_whole_archive_choice():
    def names(data: bytes) -> list[str]:
        return decode_names(zipfile.ZipFile(io.BytesIO(data)).infolist())

    # the UTF-8 flag set (zipfile sets it for a non-ASCII name)
    assert names(zip_of([("通知.txt", b"x"), ("a.txt", b"y")], gbk=False)) == ["通知.txt", "a.txt"]
    # UTF-8 bytes without the flag (Info-ZIP on Linux, some Java tools)
    assert names(zip_of([("通知.txt", b"x"), ("附件.txt", b"y")], encoding="utf-8")) == ["通知.txt", "附件.txt"]
    # GBK: chosen for the whole archive (附 in GBK, B8BD, is no UTF-8 sequence)
    assert names(zip_of([("附件.txt", b"x"), ("关于.txt", b"y")])) == ["附件.txt", "关于.txt"]
    # the Unicode Path extra field (0x7075) wins over the bytes when its CRC is the raw name's
    info = zipfile.ZipInfo("x")
    info.filename = b"\xb1.txt".decode("cp437")  # (as zipfile reads a name without the flag)
    good = b"\x01" + struct.pack("<I", zlib.crc32(b"\xb1.txt")) + "方案.txt".encode()
    info.extra = struct.pack("<HH", 0x7075, len(good)) + good
    other = zipfile.ZipInfo("y")
    other.filename = b"\xb1.txt".decode("cp437")
    bad = b"\x01" + struct.pack("<I", 0) + "方案.txt".encode()
    other.extra = struct.pack("<HH", 0x7075, len(bad)) + bad
    # (0xB1 then '.' is neither UTF-8 nor GB18030: the name stays as zipfile read it)
    assert decode_names([info, other]) == ["方案.txt", b"\xb1.txt".decode("cp437")]


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../etc/passwd", "etc/passwd"),
        ("/abs/x.txt", "abs/x.txt"),
        ("C:\\Windows\\x.txt", "Windows/x.txt"),
        ("C:x.txt", "x.txt"),
        ("a/../../b/./c.txt", "a/b/c.txt"),
        ("a\\b.txt", "a/b.txt"),
        ("tab\there.txt", "tab_here.txt"),
        ("..", None),
        ("/", None),
    ],
)
def test_member_paths_are_kept_inside_the_archive_folder(name, safe):
    assert safe_path(name) == safe


def test_traversal_names_land_inside_out_and_nothing_is_written_elsewhere(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    members = [
        ("../../../evil.txt", GOOD.encode()),
        ("/etc/abs.txt", GOOD.encode()),
        ("C:\\Users\\drive.txt", GOOD.encode()),
        ("a/../../up.txt", GOOD.encode()),
    ]
    (src / "t.zip").write_bytes(zip_of(members, gbk=False))
    before = tree(src)
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (4, 0)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.json")} == {
        "t.zip/Users/drive.txt.json",
        "t.zip/a/up.txt.json",
        "t.zip/etc/abs.txt.json",
        "t.zip/evil.txt.json",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert tree(src) == before


def test_two_members_made_one_path_are_a_recorded_conflict(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "t.zip").write_bytes(zip_of([("x.txt", GOOD.encode()), ("../x.txt", OTHER.encode())], gbk=False))
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (1, 1)
    assert s.failures[0]["error"] == "output-conflict" and "t.zip!/x.txt" in s.failures[0]["message"]


# --------------------------------------------------------------------------- what is skipped or fails


def test_folders_hidden_entries_and_other_suffixes_are_left_out(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "mac.zip").write_bytes(
        zip_of(
            [
                ("通知.txt", GOOD.encode()),
                ("__MACOSX/._通知.txt", b"\0\5\26\7 AppleDouble"),
                (".hidden.txt", GOOD.encode()),
                ("扫描件.jpg", b"\xff\xd8\xff\xe0 jpeg"),
                ("空目录/", b""),
            ]
        )
    )
    s = convert([src], out, jobs=0)
    assert (s.total, s.converted, s.failed) == (1, 1, 0)
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.json")] == ["mac.zip/通知.txt.json"]


def test_an_archive_with_nothing_to_read_is_one_named_failure(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "图片.zip").write_bytes(zip_of([("1.png", b"\x89PNG"), ("2.jpg", b"\xff\xd8\xff")]))
    s = convert([src], out, jobs=0)
    assert (s.total, s.converted, s.failed) == (1, 0, 1)
    e = read_manifest(out)["图片.zip"]
    assert e["error"] == "empty" and "no document to read (2 files left out: 1.png, 2.jpg)" in e["message"]
    again = convert([src], out, jobs=0)
    assert (again.failed, again.failed_unchanged) == (1, 1)  # a known failure of an unchanged archive


def test_a_member_that_fails_is_recorded_and_the_others_are_converted(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    full = docx_bytes(["关于印发某某实施方案的通知", "一、总体要求"] * 30)
    (src / "附件.zip").write_bytes(
        zip_of([("附件1.txt", GOOD.encode()), ("附件2.docx", full[: len(full) // 2]), ("空.txt", b"")])
    )
    rc = main(["convert", str(src), "-o", str(out), "-q", "-j", "0"])
    assert rc == 1
    entries = read_manifest(out)
    assert entries["附件.zip/附件1.txt"]["status"] == "ok"
    assert entries["附件.zip/附件2.docx"]["error"] == "corrupt"
    assert entries["附件.zip/空.txt"]["error"] == "empty"
    assert entries["附件.zip/空.txt"]["message"].startswith(f"{src}/附件.zip!/空.txt: ")
    assert not (out / "附件.zip" / "附件2.docx.json").exists()


def test_a_bomb_by_ratio_fails_alone_with_a_named_kind(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    bomb = zip_of([("附件1.txt", GOOD.encode()), ("炸弹.txt", b" " * (30 * 1024 * 1024))])
    assert len(bomb) < 200_000
    (src / "b.zip").write_bytes(bomb)
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (1, 1)
    e = read_manifest(out)["b.zip/炸弹.txt"]
    assert e["error"] == "archive-limit" and "zip bomb" in e["message"] and "b.zip!/炸弹.txt" in e["message"]


def _set_declared_size(data: bytes, name: bytes, size: int) -> bytes:
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack("<H", out[pos + 28 : pos + 30])[0]
        if out[pos + 46 : pos + 46 + n] == name:
            out[pos + 24 : pos + 28] = struct.pack("<I", size)
        pos += 4
    return bytes(out)


def test_archive_limits_broken_and_encrypted_archives_never_take_the_batch_down(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "ok.txt").write_text(GOOD, encoding="utf-8")
    (src / "many.zip").write_bytes(zip_of([(f"{i}.txt", b"x") for i in range(2001)], gbk=False, level=zipfile.ZIP_STORED))
    lying = zip_of([("a.txt", GOOD.encode())], gbk=False)
    (src / "huge.zip").write_bytes(_set_declared_size(lying, b"a.txt", 0x7FFFFFFF))  # declares 2 GiB
    good = zip_of([("a.txt", GOOD.encode()), ("b.txt", OTHER.encode())], gbk=False)
    (src / "cut.zip").write_bytes(good[: len(good) // 2])
    (src / "notzip.zip").write_text("<html>404</html>", encoding="utf-8")
    (src / "locked.zip").write_bytes(_patch_flags(good, b"b.txt", 0x1))
    s = convert([src], out, jobs=2)
    entries = read_manifest(out)
    kinds = {k: e["error"] for k, e in entries.items()}
    assert kinds == {
        "ok.txt": None,
        "many.zip": "archive-limit",
        "huge.zip": "archive-limit",
        "cut.zip": "corrupt",
        "notzip.zip": "corrupt",
        "locked.zip/a.txt": None,
        "locked.zip/b.txt": "encrypted",
    }
    assert "2001 entries" in entries["many.zip"]["message"]
    assert "zip bomb" in entries["huge.zip"]["message"]
    assert entries["locked.zip/b.txt"]["message"] == f"{src}/locked.zip!/b.txt: member is encrypted; decrypt it first"
    assert (s.converted, s.failed) == (2, 5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_named_pipe_named_zip_in_a_folder_is_a_recorded_failure_not_a_hang(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    os.mkfifo(src / "p.zip")  # (opening it to read would wait for a writer for ever)
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (1, 1)
    e = read_manifest(out)["p.zip"]
    assert e["error"] == "not-found" and "not a regular file" in e["message"]


def test_a_nested_archive_is_refused_by_name(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    inner = zip_of([("里面.txt", GOOD.encode())])
    (src / "外.zip").write_bytes(zip_of([("附件1.txt", GOOD.encode()), ("子/内.zip", inner)]))
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (1, 1)
    e = read_manifest(out)["外.zip/子/内.zip"]
    assert e["error"] == "nested-archive" and "unpack 内.zip first" in e["message"]


def test_a_document_package_named_zip_is_converted_as_one_file(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "方案.zip").write_bytes(docx_bytes(["关于印发某某实施方案的通知", "一、总体要求"]))
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (1, 0)
    data = json.loads((out / "方案.zip.json").read_text(encoding="utf-8"))
    assert data["source"]["format"] == "docx"


# --------------------------------------------------------------------------- resuming, skipping, formats


def test_rerun_skips_members_a_changed_member_is_redone_and_force_redoes_all(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src / "a")
    (src / "b.txt").write_text(OTHER, encoding="utf-8")
    assert convert([src], out, jobs=0).converted == 3
    outputs = tree(out)
    again = convert([src], out, jobs=0)
    assert (again.converted, again.skipped, again.failed) == (0, 3, 0)
    assert {k: v for k, v in tree(out).items() if k != MANIFEST} == {k: v for k, v in outputs.items() if k != MANIFEST}
    # the archive rewritten with one member changed: that member alone is redone
    p = src / "a" / "附件.zip"
    p.write_bytes(
        zip_of(
            [
                ("附件1.txt", GOOD.encode("gb18030")),
                ("材料/第二批/附件2.docx", docx_bytes(["关于印发另一个方案的通知", "一、总体要求"])),
                ("图片.png", b"\x89PNG\r\n\x1a\n"),
            ]
        )
    )
    changed = convert([src], out, jobs=0)
    assert (changed.converted, changed.skipped) == (1, 2)
    assert "另一个方案" in (out / "a/附件.zip/材料/第二批/附件2.docx.json").read_text(encoding="utf-8")
    forced = convert([src], out, jobs=0, force=True)
    assert (forced.converted, forced.skipped) == (3, 0)
    assert len(manifest(out)) == 3


_CALLS: list[str] = []


def interrupted_parse(data: bytes, path: str):
    """Converts the first member, then is interrupted (Ctrl-C) on the next."""
    from policyparse.batch import parse_bytes

    _CALLS.append(path)
    if len(_CALLS) > 1:
        raise KeyboardInterrupt
    return parse_bytes(data, path)


def test_an_interrupted_run_resumes_after_the_member_done(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src)
    _CALLS.clear()
    with pytest.raises(KeyboardInterrupt):
        convert([src], out, jobs=0, parse=interrupted_parse)
    done = read_manifest(out)
    assert list(done) == ["附件.zip/附件1.txt"] and done["附件.zip/附件1.txt"]["status"] == "ok"
    first = tree(out)["附件.zip/附件1.txt.json"]
    s = convert([src], out, jobs=0)
    assert (s.converted, s.skipped, s.failed) == (1, 1, 0)
    assert tree(out)["附件.zip/附件1.txt.json"] == first  # not rewritten
    assert set(read_manifest(out)) == {"附件.zip/附件1.txt", "附件.zip/材料/第二批/附件2.docx"}


def test_jsonl_and_tables_hold_the_members(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src / "a")
    s = convert([src], out, jobs=0, fmt="jsonl", tables=True, parquet=False)
    assert s.converted == 2
    lines = [json.loads(x) for x in (out / DOCUMENTS_JSONL).read_text(encoding="utf-8").splitlines()]
    assert {x["file_id"] for x in lines} == {"a/附件.zip/附件1.txt", "a/附件.zip/材料/第二批/附件2.docx"}
    assert {x["source"]["path"] for x in lines} == {f"{src}/a/附件.zip!/附件1.txt", f"{src}/a/附件.zip!/材料/第二批/附件2.docx"}
    docs = (out / "tables" / "documents.csv").read_text(encoding="utf-8")
    assert "a/附件.zip/附件1.txt" in docs and "a/附件.zip/材料/第二批/附件2.docx" in docs
    again = convert([src], out, jobs=0, fmt="jsonl")
    assert (again.converted, again.skipped) == (0, 2)


def test_the_results_of_a_deleted_archive_are_kept_then_pruned(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src / "a")
    (src / "a" / "b.txt").write_text(OTHER, encoding="utf-8")
    convert([src], out, jobs=0)
    (src / "a" / "附件.zip").unlink()
    kept = convert([src], out, jobs=0)
    assert kept.orphaned == 2 and (out / "a/附件.zip/附件1.txt.json").exists()
    pruned = convert([src], out, jobs=0, prune=True)
    assert pruned.pruned == 2 and not (out / "a" / "附件.zip").exists()
    assert set(read_manifest(out)) == {"a/b.txt"}


def test_worker_processes_read_the_members(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    attachments(src / "a")
    for i in range(3):
        attachments(src / f"d{i}", name=f"附件{i}.zip")
    s = convert([src], out, jobs=2)
    assert (s.converted, s.failed) == (8, 0)
    local = convert([src], tmp_path / "here", jobs=0)
    assert local.converted == 8
    for p in (tmp_path / "here").rglob("*.json"):
        assert (out / p.relative_to(tmp_path / "here")).read_bytes() == p.read_bytes()


def test_dask_localcluster_matches_the_local_run_for_members(tmp_path):
    src = tmp_path / "in"
    attachments(src / "a")
    full = docx_bytes(["关于印发某某实施方案的通知"] * 30)
    (src / "b.zip").write_bytes(
        zip_of([("附件1.txt", OTHER.encode()), ("坏.docx", full[:100]), ("炸弹.txt", b" " * (30 << 20))])
    )
    (src / "cut.zip").write_bytes(b"PK\x03\x04 cut short")
    for f in CORPUS_FILES[:2]:
        (src / f.name).write_bytes(f.read_bytes())
    local = convert([src], tmp_path / "local", jobs=0)
    with local_dask(threads=2) as (_cluster, client):
        s = convert([src], tmp_path / "dask", client=client)
        again = convert([src], tmp_path / "dask", client=client)
    assert (s.converted, s.failed) == (local.converted, local.failed) == (5, 3)
    assert (again.converted, again.skipped) == (0, 5)
    for p in (tmp_path / "local").rglob("*.json"):
        assert (tmp_path / "dask" / p.relative_to(tmp_path / "local")).read_bytes() == p.read_bytes()
    strip = lambda es: sorted((e["path"], e["status"], e["error"], e["message"], e["sha256"]) for e in es)  # noqa: E731
    assert strip(manifest(tmp_path / "dask")) == strip(manifest(tmp_path / "local"))


# --------------------------------------------------------------------------- the other commands


def test_parse_an_archive_prints_a_json_array_of_its_members(tmp_path, capsys):
    p = attachments(tmp_path)
    assert main(["parse", str(p)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["source"]["path"] for d in data] == [f"{p}!/附件1.txt", f"{p}!/材料/第二批/附件2.docx"]
    assert data[0]["documents"][0]["doc_number"]["raw"] == "桂政办发〔2021〕96号"


def test_parse_one_member_by_the_notation_of_source_path(tmp_path, capsys):
    p = attachments(tmp_path)
    assert main(["parse", f"{p}!/材料/第二批/附件2.docx"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["path"] == f"{p}!/材料/第二批/附件2.docx" and data["source"]["format"] == "docx"
    assert main(["parse", f"{p}!/无.docx"]) == 2
    assert "no such member" in capsys.readouterr().err


def test_parse_an_archive_with_a_failing_member_exits_1_and_one_with_none_exits_2(tmp_path, capsys):
    p = tmp_path / "a.zip"
    p.write_bytes(zip_of([("附件1.txt", GOOD.encode()), ("空.txt", b"")]))
    assert main(["parse", str(p)]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1
    assert captured.err.strip() == f"policyparse: {p}!/空.txt: input is empty (0 bytes)"
    p.write_bytes(zip_of([("x.png", b"\x89PNG")]))
    assert main(["parse", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no document to read" in err
    p.write_bytes(b"PK\x03\x04 broken")
    assert main(["parse", str(p)]) == 2
    assert "corrupt" in capsys.readouterr().err


def test_targets_over_a_folder_reads_the_members(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "t.zip").write_bytes(zip_of([("计划.txt", OTHER.encode("gb18030"))]))
    assert main(["targets", str(src), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and any(r["indicator"] == "家庭医生签约服务覆盖率" for r in rows)


def test_convert_cli_summary_counts_members(tmp_path):
    src = tmp_path / "in"
    attachments(src)
    r = subprocess.run(
        [sys.executable, "-m", "policyparse", "convert", str(src), "-o", str(tmp_path / "out"), "-j", "2"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("converted 2, skipped 0, failed 0")
