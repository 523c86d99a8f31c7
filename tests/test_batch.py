"""Batch conversion (policyparse.batch, ``policyparse convert``): never loses a file, resumes, joins.

Parse functions handed to ``convert(parse=...)`` are defined at module level so that
spawned worker processes can import them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from conftest import CORPUS, CORPUS_FILES, need

from policyparse import __version__
from policyparse import batch as batch_module
from policyparse.batch import (
    DOCUMENTS_JSONL,
    MANIFEST,
    _Settings,
    _time_limit,
    _TimeLimit,
    _warm_up,
    _Watch,
    _work,
    convert,
    parse_bytes,
    read_manifest,
)
from policyparse.cli import main
from policyparse.tables import TABLES

GOOD = "004_7987ea6d96b72cd9.txt"


# --------------------------------------------------------------------------- helpers


def manifest(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under root → (inode, mtime_ns): a rewrite (rename) changes the inode."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def docx_bytes(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buf.getvalue()


def hostile_tree(root: Path, secret: Path) -> tuple[set[str], set[str]]:
    """The corpus plus hostile files under root; returns (good, bad) relative paths."""
    good, bad = set(), set()
    for f in CORPUS_FILES:
        (root / "corpus").mkdir(parents=True, exist_ok=True)
        (root / "corpus" / f.name).write_bytes(f.read_bytes())
        good.add(f"corpus/{f.name}")
    h = root / "hostile"
    (h / "deep" / "er").mkdir(parents=True)
    text = (CORPUS / "000_a0d76618a303aa9e.txt").read_text(encoding="utf-8")
    (h / "gbk.txt").write_bytes(text.encode("gbk"))
    (h / "deep" / "utf16.txt").write_bytes(text.encode("utf-16"))
    good |= {"hostile/gbk.txt", "hostile/deep/utf16.txt"}
    (h / "empty.txt").write_bytes(b"")
    (h / "random.txt").write_bytes(random.Random(7).randbytes(5000))
    with zipfile.ZipFile(h / "not_a_docx.docx", "w") as z:
        z.writestr("hello.txt", "这不是一个 docx 文件")
    full = docx_bytes(
        ["关于印发某某实施方案的通知", "一、总体要求", "（一）指导思想。坚持稳中求进。"] * 30
    )
    (h / "deep" / "er" / "truncated.docx").write_bytes(full[: len(full) // 2])
    (h / "zeros.pdf").write_bytes(b"\0" * 100)
    bad |= {
        "hostile/empty.txt",
        "hostile/random.txt",
        "hostile/not_a_docx.docx",
        "hostile/deep/er/truncated.docx",
        "hostile/zeros.pdf",
    }
    (h / "xxe.html").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<html><head><meta charset="utf-8"><title>关于做好医改工作的通知</title></head>'
        "<body><p>关于做好医改工作的通知</p><p>一、总体要求</p><p>&xxe;</p><p>各地要落实责任。</p></body></html>",
        encoding="utf-8",
    )
    (h / "notes.md").write_text("not an input suffix", encoding="utf-8")
    (h / ".hidden.txt").write_text("hidden files are left out", encoding="utf-8")
    return good, bad


# Parse functions for the workers (module level: picklable, importable after spawn).


def slow_parse(data: bytes, path: str):
    if "slow" in Path(path).name:
        time.sleep(60)
    return parse_bytes(data, path)


def stubborn_parse(data: bytes, path: str):
    """Hangs where the worker's alarm cannot reach it: only the watchdog can stop it."""
    if "slow" in Path(path).name:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return parse_bytes(data, path)


def spinning_parse(data: bytes, path: str):
    """A pathological input as a parser meets it: Python code that goes on and on."""
    if "slow" in Path(path).name:
        t0 = time.monotonic()
        while time.monotonic() - t0 < 60:
            pass
    return parse_bytes(data, path)


def crashing_parse(data: bytes, path: str):
    if "crash" in Path(path).name:
        os._exit(3)
    return parse_bytes(data, path)


def buggy_parse(data: bytes, path: str):
    if "bug" in Path(path).name:
        raise ZeroDivisionError("a parser bug")
    return parse_bytes(data, path)


def _deny_listing(monkeypatch, name: str) -> None:
    """Listing a folder called name fails as permission denied (as root, permissions do not)."""
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith(name):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def corpus_copies(root: Path, n: int, names: list[str] | None = None) -> list[str]:
    """n distinct files made from corpus documents, in nested folders."""
    texts = [f.read_text(encoding="utf-8") for f in CORPUS_FILES]
    rels = []
    for i in range(n):
        rel = f"d{i % 7}/f{i:05d}.txt" if names is None else names[i]
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"第{i}份\n" + texts[i % len(texts)], encoding="utf-8")
        rels.append(rel)
    return rels


# --------------------------------------------------------------------------- hostile corpus


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    secret = base / "secret.txt"
    secret.write_text("SECRET-CANARY-1234", encoding="utf-8")
    good, bad = hostile_tree(base / "in", secret)
    return base, good, bad


def test_hostile_corpus_cli(hostile, tmp_path):
    base, good, bad = hostile
    before = tree(base)
    out = tmp_path / "out"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "policyparse",
            "convert",
            str(base / "in"),
            "-o",
            str(out),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 1, r.stderr
    assert r.stdout == ""  # data only: convert prints nothing on stdout
    assert "Traceback" not in r.stderr
    summary = r.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"converted {len(good) + 1}, skipped 0, failed {len(bad)}"), summary
    # JSON for every good file, mirroring the input tree
    for rel in good:
        data = json.loads((out / (rel + ".json")).read_text(encoding="utf-8"))
        assert data["version"] == __version__ and data["documents"]
    encs = {
        rel: json.loads((out / (rel + ".json")).read_text(encoding="utf-8"))["source"]["encoding"]
        for rel in ("hostile/gbk.txt", "hostile/deep/utf16.txt")
    }
    assert encs["hostile/gbk.txt"].startswith("gb") and encs["hostile/deep/utf16.txt"].startswith(
        "utf-16"
    )
    # a manifest entry for every file, with kind and message for the bad ones
    entries = {e["path"]: e for e in manifest(out)}
    assert set(entries) == good | bad | {"hostile/xxe.html"}
    for rel in bad:
        e = entries[rel]
        assert e["status"] == "failed" and e["error"] not in (None, "internal") and e["message"], e
        assert rel.split("/")[-1] in e["message"]
        assert not (out / (rel + ".json")).exists()
        assert e["input"].endswith(rel)
    assert entries["hostile/empty.txt"]["error"] == "empty"
    # the external entity is never resolved
    assert "SECRET-CANARY" not in "".join(
        p.read_text(encoding="utf-8") for p in out.rglob("*.json*")
    )
    # nothing outside OUT, no temporary files inside
    assert tree(base) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert not [
        p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".policyparse")
    ]
    assert (
        not (out / "hostile" / "notes.md.json").exists()
        and not (out / "hostile" / ".hidden.txt.json").exists()
    )


def test_rerun_skips_and_force_redoes(hostile, tmp_path):
    base, good, bad = hostile
    out = tmp_path / "out"
    first = convert([base / "in"], out, jobs=2)
    assert (first.converted, first.skipped, first.failed) == (len(good) + 1, 0, len(bad))
    assert {f["error"] for f in first.failures} >= {"empty", "corrupt"}
    outputs = tree(out)
    listed = (out / MANIFEST).read_text(encoding="utf-8")

    again = convert([base / "in"], out, jobs=2)
    # unchanged files are skipped; known failures of unchanged files are not retried
    assert (again.converted, again.skipped, again.failed, again.failed_unchanged) == (
        0,
        len(good) + 1,
        len(bad),
        len(bad),
    )
    assert {k: v for k, v in tree(out).items() if k != MANIFEST} == {
        k: v for k, v in outputs.items() if k != MANIFEST
    }
    assert (out / MANIFEST).read_text(encoding="utf-8") == listed  # compacted to the same text
    assert "unchanged" in again.line()

    forced = convert([base / "in"], out, jobs=2, force=True)
    assert (forced.converted, forced.skipped, forced.failed, forced.failed_unchanged) == (
        len(good) + 1,
        0,
        len(bad),
        0,
    )
    rewritten = tree(out)
    assert all(rewritten[k][0] != outputs[k][0] for k in outputs if k.endswith(".json"))
    assert len(manifest(out)) == len(good) + len(bad) + 1  # compacted: one line per file


def test_changed_deleted_and_newly_broken_files(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 4, ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt"])
    assert convert([src], out, jobs=0).converted == 4
    (src / "a.txt").write_text("关于印发新方案的通知\n一、总体要求\n", encoding="utf-8")  # changed
    (out / "b.txt.json").unlink()  # output lost
    (src / "sub" / "c.txt").write_bytes(b"")  # now broken: its old output must go
    s = convert([src], out, jobs=0)
    assert (s.converted, s.skipped, s.failed) == (2, 1, 1)
    assert not (out / "sub" / "c.txt.json").exists()
    assert "新方案" in (out / "a.txt.json").read_text(encoding="utf-8")
    entries = read_manifest(out)
    assert entries["sub/c.txt"]["error"] == "empty" and entries["a.txt"]["status"] == "ok"


def _file_ids(out: Path) -> list[str]:
    lines = (out / DOCUMENTS_JSONL).read_text(encoding="utf-8").splitlines()
    return sorted({json.loads(x)["file_id"] for x in lines})


def test_results_of_deleted_inputs_are_counted_and_pruned(tmp_path, capsys):
    """A rerun after inputs were deleted keeps their results and says so; --prune removes
    them (output, emptied folder, manifest entry) and nothing else of OUT."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "gone/b.txt", "gone/c.txt"])
    assert convert([src], out, jobs=0).converted == 3
    (out / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")  # the user's own files
    (src / "gone" / "b.txt").unlink()
    (src / "gone" / "c.txt").unlink()
    (src / "gone").rmdir()  # (left empty, it would look like a disk not mounted: no prune)
    s = convert([src], out, jobs=0)
    assert (s.skipped, s.orphaned, s.pruned) == (1, 2, 0)
    assert s.line().endswith("; kept the results of 2 files not in this run (--prune removes them)")
    assert (out / "gone" / "b.txt.json").exists() and set(read_manifest(out)) == {"a.txt", "gone/b.txt", "gone/c.txt"}
    (out / "gone" / "c.txt.json").write_text('{"theirs": 1}\n', encoding="utf-8")  # not an output any more
    assert main(["convert", str(src), "-o", str(out), "-j", "0", "--prune"]) == 0
    assert "pruned 2 files not in this run" in capsys.readouterr().err
    assert not (out / "gone" / "b.txt.json").exists()
    assert (out / "gone" / "c.txt.json").read_text(encoding="utf-8") == '{"theirs": 1}\n'
    assert set(read_manifest(out)) == {"a.txt"} and [e["path"] for e in manifest(out)] == ["a.txt"]
    assert (out / "notes.json").exists() and (out / "a.txt.json").exists()
    corpus_copies(src, 1, ["new/deeper/e.txt"])
    s = convert([src], out, jobs=0, prune=True)
    assert (s.converted, s.orphaned, s.pruned) == (1, 0, 0)
    (src / "new" / "deeper" / "e.txt").unlink()
    (src / "new" / "deeper").rmdir()
    (src / "new").rmdir()
    s = convert([src], out, jobs=0, prune=True)
    assert s.pruned == 1 and not (out / "new").exists()  # the folders it emptied go with it


def test_prune_never_deletes_an_output_of_this_run_reached_by_another_path(tmp_path):
    """A stale entry may name, by another path, a file this run wrote (a folder link in OUT,
    a hand-edited manifest, a file system folding case): that output stays."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["a.txt", "other/b.txt"])
    convert([src], out, jobs=0)
    (out / "alias").symlink_to(out / "other")
    entries = manifest(out)
    extra = [dict(entries[1], path="alias/b.txt"), dict(entries[0], path="other/../a.txt")]
    with open(out / MANIFEST, "a", encoding="utf-8") as f:
        f.writelines(json.dumps(e) + "\n" for e in extra)
    s = convert([src], out, jobs=0, prune=True)
    assert (s.skipped, s.pruned) == (2, 2)
    assert (out / "a.txt.json").exists() and (out / "other" / "b.txt.json").exists()
    assert sorted(read_manifest(out)) == ["a.txt", "other/b.txt"]


def test_prune_in_jsonl_drops_the_lines_and_the_tables_agree(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "b.txt", "c.txt"])
    convert([src], out, jobs=0, fmt="jsonl")
    assert _file_ids(out) == ["a.txt", "b.txt", "c.txt"]
    (src / "b.txt").unlink()
    s = convert([src], out, jobs=0, fmt="jsonl", tables=True)
    assert s.orphaned == 1 and _file_ids(out) == ["a.txt", "b.txt", "c.txt"]  # kept, as said
    s = convert([src], out, jobs=0, fmt="jsonl", tables=True, prune=True)
    assert s.pruned == 1 and _file_ids(out) == ["a.txt", "c.txt"]
    with open(out / "tables" / "documents.csv", encoding="utf-8", newline="") as f:
        assert sorted({r["file_id"] for r in csv.DictReader(f)}) == ["a.txt", "c.txt"]
    # a JSON run prunes the lines of a deleted file left by an earlier JSON-lines run too;
    # a.txt, converted again as JSON, has its result in a.txt.json alone
    (src / "c.txt").unlink()
    s = convert([src], out, jobs=0, prune=True)
    assert s.pruned == 1 and _file_ids(out) == [] and (out / "a.txt.json").exists()


def test_a_format_switch_leaves_one_result_per_file(tmp_path):
    """--format json then jsonl (or back): the result in the old format goes — an output
    JSON with the folders it empties, or the file's documents.jsonl lines — so that a
    reader globbing OUT/**/*.json or reading documents.jsonl sees each file once."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "sub/b.txt", "c.txt"])
    convert([src], out, jobs=0)
    (out / "c.txt.json").write_text('{"mine": true}\n', encoding="utf-8")  # no output of ours now
    s = convert([src], out, jobs=0, fmt="jsonl")
    assert s.converted == 3 and _file_ids(out) == ["a.txt", "c.txt", "sub/b.txt"]
    assert not (out / "a.txt.json").exists() and not (out / "sub").exists()
    assert (out / "c.txt.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert {e["format"] for e in manifest(out)} == {"jsonl"}
    (src / "c.txt").write_bytes(b"")  # fails now (empty): its lines go as well
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (2, 1)
    assert _file_ids(out) == [] and (out / "a.txt.json").exists() and (out / "sub" / "b.txt.json").exists()
    assert convert([src], out, jobs=0).skipped == 2  # and the switch is done once


def test_prune_is_refused_when_this_run_may_not_see_every_input(tmp_path, monkeypatch):
    """A missing input (a disk not mounted), a folder that cannot be listed or a run that
    reached nothing (an empty mount point) must never empty OUT."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["a.txt", "sub/b.txt"])
    convert([src], out, jobs=0)
    s = convert([tmp_path / "elsewhere"], out, jobs=0, prune=True)
    assert (s.pruned, s.orphaned) == (0, 2) and s.prune_refused == f"{tmp_path}/elsewhere does not exist"
    assert s.line().endswith(
        f"; kept the results of 2 files not in this run (not pruned: {tmp_path}/elsewhere does not exist)"
    )
    empty = tmp_path / "mnt"
    empty.mkdir()
    s = convert([empty], out, jobs=0, prune=True)
    assert (s.pruned, s.prune_refused) == (0, f"{empty} holds no file to read")
    s = convert([src, empty], out, jobs=0, prune=True)  # one disk of two not mounted
    assert (s.pruned, s.prune_refused) == (0, f"{empty} holds no file to read")
    s = convert([src], out, jobs=0, prune=True, listed=[str(empty)])
    assert (s.pruned, s.prune_refused) == (0, f"{empty} holds no file to read")
    # a disk not mounted on a subfolder of the input: its folder is there, empty
    hidden = tmp_path / "unmounted"
    (src / "sub").rename(hidden)
    (src / "sub").mkdir()
    s = convert([src], out, jobs=0, prune=True)
    assert (s.pruned, s.orphaned, s.prune_refused) == (0, 2, f"{src}/sub is empty (a disk not mounted?)")
    (src / "sub").rmdir()
    hidden.rename(src / "sub")
    _deny_listing(monkeypatch, "sub")
    s = convert([src], out, jobs=0, prune=True)
    assert s.prune_refused == f"{src}/sub could not be listed"
    monkeypatch.undo()
    assert (out / "a.txt.json").exists() and (out / "sub" / "b.txt.json").exists()
    assert {"a.txt", "sub/b.txt"} <= set(read_manifest(out))


def test_links_to_folders_outside_are_followed_and_every_file_reached_once(tmp_path, capsys):
    """A corpus assembled from links is converted whole, each file at the path it was reached
    by; a link into the tree itself (a mirror, a circle, links across siblings), to a folder
    holding the root, or into OUT is not followed: every file once, and the walk stays small."""
    src, ext, out = tmp_path / "in", tmp_path / "ext", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "g1/b.txt", "g2/c.txt"])
    corpus_copies(ext, 2, ["x.txt", "deep/y.txt"])
    (src / "linked").symlink_to(ext)
    (src / "linked_again").symlink_to(ext / "deep")  # inside a folder a link already led into
    (src / "mirror").symlink_to(src / "g1")
    (src / "g1" / "up").symlink_to(src)  # a circle
    for i in (1, 2):
        for j in (1, 2):
            (src / f"g{i}" / f"see{j}").symlink_to(src / f"g{j}")  # across siblings (and itself)
    (ext / "back").symlink_to(src)  # a longer circle, through the link
    (src / "parent").symlink_to(tmp_path)  # holds the root (and OUT)
    corpus_copies(ext, 1, [".store/data/z.txt"])  # hidden: not walked in ext …
    (src / "stored").symlink_to(ext / ".store" / "data")  # … but reached through a link to it
    out.mkdir()
    corpus_copies(out / "mine", 1, ["m.txt"])
    (src / "into_out").symlink_to(out / "mine")
    s = convert([src], out, jobs=0)
    assert (s.converted, s.failed) == (6, 0)
    assert sorted(read_manifest(out)) == [
        "a.txt", "g1/b.txt", "g2/c.txt", "linked/deep/y.txt", "linked/x.txt", "stored/z.txt"
    ]
    # the folder commands walk the same way (with no OUT to leave out: into_out is read)
    assert main(["targets", str(src), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    files = sorted({os.path.relpath(r.split(",")[0], src) for r in rows[1:]})
    assert files == [
        "a.txt", "g1/b.txt", "g2/c.txt", "into_out/m.txt", "linked/deep/y.txt", "linked/x.txt", "stored/z.txt"
    ]


def test_a_link_that_cannot_be_followed_is_a_recorded_failure_and_stops_a_prune(tmp_path):
    """A link to a disk that is not mounted (dangling): what it led to is unknown, so it is
    reported like a folder that cannot be listed — and its old results are never pruned."""
    src, disk, out = tmp_path / "in", tmp_path / "disk2", tmp_path / "out"
    corpus_copies(src, 1, ["a.txt"])
    corpus_copies(disk, 1, ["2021/x.txt"])
    (src / "2021").symlink_to(disk / "2021")
    (src / "logo.png").symlink_to(tmp_path / "nowhere.png")  # dangling too, whatever its name
    assert convert([src], out, jobs=0).converted == 2
    (disk / "2021").rename(tmp_path / "unmounted")
    s = convert([src], out, jobs=0, prune=True)
    assert (s.failed, s.pruned, s.orphaned) == (2, 0, 1)
    assert s.prune_refused == f"{src}/2021 could not be followed"
    messages = sorted(f["message"] for f in s.failures)
    assert messages[0] == f"{src}/2021: a link that cannot be followed (No such file or directory); what it leads to was not converted"
    assert messages[1].startswith(f"{src}/logo.png: a link that cannot be followed")
    assert (out / "2021" / "x.txt.json").exists()


def test_manifest_lost_outputs_kept(tmp_path):
    """Without a manifest, outputs whose version and sha256 match are still skipped."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3)
    convert([src], out, jobs=0)
    before = {e["path"]: e["documents"] for e in manifest(out)}
    (out / MANIFEST).unlink()
    s = convert([src], out, jobs=0)
    assert (s.converted, s.skipped) == (0, 3)
    assert len(manifest(out)) == 3
    # the entries found again say how many documents each output holds, as before (not null)
    assert {e["path"]: e["documents"] for e in manifest(out)} == before and 2 in before.values()


def test_old_style_manifest_is_understood(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["a.txt", "b.txt"])
    convert([src], out, jobs=0)
    old = [
        {
            "input": e["input"],
            "output": e["output"],
            "status": "ok",
            "sha256": e["sha256"],
            "version": e["version"],
        }
        for e in manifest(out)
    ]
    (out / MANIFEST).write_text(
        "".join(json.dumps(x) + "\n" for x in old) + '{"input": "half a li', encoding="utf-8"
    )
    s = convert([src], out, jobs=0)
    assert (s.converted, s.skipped) == (0, 2)


def test_two_inputs_one_output_is_a_recorded_conflict(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes((CORPUS / GOOD).read_bytes())
    (tmp_path / "b" / "x.txt").write_bytes((CORPUS / GOOD).read_bytes())
    s = convert([tmp_path / "a", tmp_path / "b"], tmp_path / "out", jobs=0)
    assert (s.converted, s.failed) == (1, 1)
    assert s.failures[0]["error"] == "output-conflict" and "b/x.txt" in s.failures[0]["input"]


# --------------------------------------------------------------------------- names and files out of the ordinary


def _bytes_name(folder: Path, name: bytes) -> Path | None:
    """A file whose name is not UTF-8 (a GBK name on a UTF-8 system); None where the
    file system refuses such names (macOS, Windows)."""
    p = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    try:
        p.write_bytes((CORPUS / GOOD).read_bytes())
    except (OSError, UnicodeError):
        return None
    return p


def test_a_file_name_that_is_not_utf8_is_converted_and_resumed(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    if _bytes_name(src, "方案.txt".encode("gbk")) is None:
        pytest.skip("this file system takes UTF-8 names only")
    corpus_copies(src, 1, ["ok.txt"])
    s = convert([src], out, jobs=0, tables=True, parquet=False)
    assert (s.converted, s.failed) == (2, 0), s.failures
    shown = r"\xb7\xbd\xb0\xb8.txt"  # the GBK bytes of 方案, written out
    entries = read_manifest(out)  # (the manifest is valid UTF-8 JSON: read_manifest decodes it)
    e = entries[shown]
    assert e["status"] == "ok" and e["input"] == f"{src}/{shown}" and e["output"] == f"{out}/{shown}.json"
    data = json.loads((out / (shown + ".json")).read_text(encoding="utf-8"))
    assert data["source"]["path"] == f"{src}/{shown}" and data["documents"]
    with open(out / "tables" / "documents.csv", encoding="utf-8", newline="") as f:
        assert shown in {row["file_id"] for row in csv.DictReader(f)}
    again = convert([src], out, jobs=0)
    assert (again.converted, again.skipped) == (0, 2)  # the same name finds its entry


def test_a_file_name_that_is_not_utf8_in_jsonl_and_the_cli(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    p = _bytes_name(src, b"\xff\xfe x.txt")
    if p is None:
        pytest.skip("this file system takes UTF-8 names only")
    s = convert([src], tmp_path / "out", jobs=0, fmt="jsonl")
    assert s.converted == 1
    line = json.loads((tmp_path / "out" / DOCUMENTS_JSONL).read_text(encoding="utf-8"))
    assert line["file_id"] == r"\xff\xfe x.txt" and line["source"]["path"].endswith(r"in/\xff\xfe x.txt")
    r = subprocess.run([sys.executable, "-m", "policyparse", "parse", p], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.decode("utf-8"))["source"]["path"].endswith(r"\xff\xfe x.txt")


def _convert_in_thread(src: Path, out: Path, unblock: list[Path]):
    """convert(jobs=0) in a thread that must end within 60 s; if it hangs on a named pipe,
    open the pipes for writing so that it can end, then fail."""
    result: list = []
    t = threading.Thread(target=lambda: result.append(convert([src], out, jobs=0)), daemon=True)
    t.start()
    t.join(60)
    if t.is_alive():
        for fifo in unblock:
            with suppress(OSError):
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)
        t.join(10)
        pytest.fail("convert hung on a named pipe")
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX only")
def test_a_named_pipe_or_device_in_a_folder_is_a_recorded_failure_not_a_hang(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 1, ["ok.txt"])
    os.mkfifo(src / "pipe.txt")  # nobody ever writes to it: opening it would wait for ever
    (src / "zero.txt").symlink_to("/dev/zero")  # a device: reading it never ends
    s = _convert_in_thread(src, out, [src / "pipe.txt"])
    assert (s.converted, s.failed) == (1, 2)
    entries = read_manifest(out)
    assert entries["pipe.txt"]["error"] == "not-found"
    assert entries["pipe.txt"]["message"] == f"{src}/pipe.txt: a named pipe, not a regular file"
    assert entries["zero.txt"]["message"] == f"{src}/zero.txt: a character device, not a regular file"
    # a file that was converted and is now a pipe: its stale output goes, nothing hangs
    (src / "ok.txt").unlink()
    os.mkfifo(src / "ok.txt")
    s = _convert_in_thread(src, out, [src / "ok.txt", src / "pipe.txt"])
    assert s.failed == 3 and not (out / "ok.txt.json").exists()


def test_a_folder_that_cannot_be_listed_is_a_recorded_failure(tmp_path, monkeypatch, capsys):
    """Its files are unknown: the folder itself is in the manifest and the summary, never
    skipped in silence (os.walk's default).  (Simulated: as root, permissions do not stop a read.)"""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["ok.txt", "locked/x.txt"])
    _deny_listing(monkeypatch, "locked")
    s = convert([src], out, jobs=0)
    assert (s.total, s.converted, s.failed) == (2, 1, 1)
    (e,) = [e for e in manifest(out) if e["status"] == "failed"]
    assert e["error"] == "not-found" and e["input"] == f"{src}/locked"
    assert e["message"] == f"{src}/locked: cannot list the folder (Permission denied); its files were not converted"
    assert main(["targets", str(src)]) == 1  # the other folder commands say so too
    assert f"{src}/locked: cannot list the folder (Permission denied)" in capsys.readouterr().err


# --------------------------------------------------------------------------- failures in workers


def test_timeout_is_recorded_and_batch_goes_on(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "slow.txt", "c.txt"])
    t0 = time.monotonic()
    s = convert([src], out, jobs=2, timeout=1.5, parse=slow_parse)
    assert time.monotonic() - t0 < 30
    assert (s.converted, s.failed) == (2, 1)
    e = read_manifest(out)["slow.txt"]
    assert e["error"] == "timeout" and "time limit" in e["message"]
    # a timeout is retried on the next run (it may pass on a quieter machine)
    s = convert([src], out, jobs=2, timeout=1.5, parse=slow_parse)
    assert (s.skipped, s.failed, s.failed_unchanged) == (2, 1, 0)


def test_tiny_timeout_on_a_big_input(tmp_path):
    src = tmp_path / "big.txt"
    src.write_text(
        "\n".join(f.read_text(encoding="utf-8") for f in CORPUS_FILES) * 3, encoding="utf-8"
    )
    s = convert([src], tmp_path / "out", jobs=0, timeout=0.001)
    assert s.failed == 1 and s.failures[0]["error"] == "timeout"


def _in_thread(fn, *args):
    box = []
    th = threading.Thread(target=lambda: box.append(fn(*args)))
    th.start()
    th.join(90)
    assert not th.is_alive()
    return box[0]


def test_time_limit_stops_python_code_in_a_thread(tmp_path):
    # a Dask worker (and a program calling convert from a thread) runs _work outside the
    # main thread, where there is no SIGALRM: the time limit must stop it all the same
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["ok.txt", "slow.txt"])
    settings = _Settings(out=str(out), fmt="json", pretty=False, timeout=2.0, parse=spinning_parse, write=True)
    _warm_up()  # (as a worker does: first imports are no part of a file's time)
    t0 = time.monotonic()
    slow = _in_thread(_work, str(src / "slow.txt"), "slow.txt", settings)
    assert time.monotonic() - t0 < 10
    assert slow["status"] == "failed" and slow["error"] == "timeout" and "limit of 2 s" in slow["message"]
    assert not (out / "slow.txt.json").exists()  # nothing written for a file stopped midway
    ok = _in_thread(_work, str(src / "ok.txt"), "ok.txt", settings)
    assert ok["status"] == "ok", ok["message"]
    assert (out / "ok.txt.json").exists()


def test_watch_fires_only_while_armed_and_withdraws_what_was_not_met():
    # the guard itself, with a recorder in place of PyThreadState_SetAsyncExc
    calls = []
    watch = _Watch(7, lambda tid, exc: calls.append((tid, exc)) or 1)
    assert watch.fire() and calls == [(7, _TimeLimit)]
    watch.disarm()  # the body ended: the exception set above, if not met yet, is withdrawn
    assert calls == [(7, _TimeLimit), (7, None)]
    assert not watch.fire() and len(calls) == 2  # nothing after the body
    quiet = _Watch(8, lambda tid, exc: calls.append((tid, exc)) or 1)
    quiet.disarm()  # never fired: nothing to withdraw
    assert len(calls) == 2


def test_thread_time_limit_never_fires_after_the_body(monkeypatch):
    # the real watcher, called after the body has ended: no exception reaches the thread
    watches = []
    monkeypatch.setattr(batch_module, "_start_watcher", lambda watch, seconds, stop: watches.append(watch))

    def run():
        with _time_limit(0.01):
            pass
        late = watches[0].fire()
        t = time.monotonic()
        while time.monotonic() - t < 0.05:  # (an exception set now would land in this loop)
            pass
        return late

    assert _in_thread(run) is False


def test_thread_time_limit_is_raised_again_when_swallowed(monkeypatch):
    # code that swallows the first exception (a __del__, an except BaseException) is stopped
    # by the next one
    monkeypatch.setattr(batch_module, "REFIRE_SECONDS", 0.1)
    caught = []

    def run():
        t0 = time.monotonic()
        try:
            with _time_limit(0.2):
                while time.monotonic() - t0 < 20:
                    try:
                        while time.monotonic() - t0 < 20:
                            pass
                    except _TimeLimit:
                        caught.append(time.monotonic() - t0)
                        if len(caught) == 2:
                            raise
        except _TimeLimit:
            return time.monotonic() - t0
        return None

    elapsed = _in_thread(run)
    assert elapsed is not None and elapsed < 10 and len(caught) == 2


def test_hang_out_of_reach_of_the_alarm_is_killed(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 4, ["a.txt", "slow.txt", "c.txt", "d.txt"])
    t0 = time.monotonic()
    s = convert([src], out, jobs=2, timeout=2, parse=stubborn_parse)
    assert time.monotonic() - t0 < 40
    assert (s.converted, s.failed) == (3, 1)
    e = read_manifest(out)["slow.txt"]
    assert e["error"] == "timeout" and "killed" in e["message"]


def test_worker_crash_is_isolated(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 5, ["a.txt", "b.txt", "crash.txt", "d.txt", "e.txt"])
    s = convert([src], out, jobs=2, parse=crashing_parse)
    assert (s.converted, s.failed) == (4, 1)
    assert read_manifest(out)["crash.txt"]["error"] == "crashed"


def test_internal_error_is_recorded(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["bug.txt", "ok.txt"])
    s = convert([src], out, jobs=0, parse=buggy_parse)
    assert (s.converted, s.failed) == (1, 1)
    e = read_manifest(out)["bug.txt"]
    assert e["error"] == "internal" and "ZeroDivisionError" in e["message"]


# --------------------------------------------------------------------------- kill and resume


def test_killed_run_resumes_without_redoing_finished_files(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    n = 150
    corpus_copies(src, n)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policyparse",
            "convert",
            str(src),
            "-o",
            str(out),
            "--jobs",
            "2",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            m = out / MANIFEST
            if m.exists() and m.read_text(encoding="utf-8").count("\n") >= 12:
                break
            if proc.poll() is not None:
                pytest.fail("the run ended before it could be killed")
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    finally:
        proc.wait()
    done = {k for k, e in read_manifest(out).items() if e["status"] == "ok"}
    assert 12 <= len(done) < n
    finished = {k: v for k, v in tree(out).items() if k[: -len(".json")] in done}
    assert len(finished) == len(done)

    s = convert([src], out, jobs=2)
    # every finished file is skipped; so is a file in flight (2 workers) whose output was
    # renamed into place just before the kill but whose manifest line was not yet written
    assert s.failed == 0 and s.converted + s.skipped == n
    assert len(done) <= s.skipped <= len(done) + 2
    after = tree(out)
    assert all(after[k] == v for k, v in finished.items())  # not rewritten
    assert len(manifest(out)) == n
    assert len(list(out.rglob("*.txt.json"))) == n
    assert not [
        p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".policyparse")
    ]


def test_ctrl_c_stops_cleanly_and_resumes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    n = 150
    corpus_copies(src, n)
    cmd = [sys.executable, "-m", "policyparse", "convert", str(src), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            m = out / MANIFEST
            if m.exists() and m.read_text(encoding="utf-8").count("\n") >= 5:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends the command (its workers ignore it)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "resume" in stderr and "Traceback" not in stderr
    assert stdout == ""
    s = convert([src], out, jobs=2)
    assert s.skipped >= 5 and s.converted + s.skipped == n and s.failed == 0


# --------------------------------------------------------------------------- analytics outputs


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_jsonl_and_tables_join(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    for f in CORPUS_FILES:
        (src / "sub" / f.name).write_bytes(f.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    s = convert([src], out, jobs=2, fmt="jsonl", tables=True)
    assert (s.converted, s.failed) == (len(CORPUS_FILES), 1)
    assert not list(out.rglob("*.txt.json"))
    lines = [
        json.loads(x) for x in (out / DOCUMENTS_JSONL).read_text(encoding="utf-8").splitlines()
    ]
    parsed = {f"sub/{f.name}": parse_bytes(f.read_bytes(), str(f)) for f in CORPUS_FILES}
    assert len(lines) == sum(len(pf.documents) for pf in parsed.values())
    for line in lines:
        pf = parsed[line["file_id"]]
        doc = pf.documents[line["doc_index"]]
        assert line["title"] == doc.title and line["source"]["sha256"] == pf.source.sha256
        for t in doc.targets:  # spans index the document's text through text_start
            assert (
                line["text"][t.span.start - line["text_start"] : t.span.end - line["text_start"]]
                == t.raw
            )

    t = {name: read_csv(out / "tables" / f"{name}.csv") for name in TABLES}
    assert {name: list(rows[0]) for name, rows in t.items() if rows} == {
        name: [c for c, _ in cols] for name, cols in TABLES.items()
    }
    docs = {(r["file_id"], r["doc_index"]) for r in t["documents"]}
    assert len(docs) == len(lines) == len(t["documents"])
    sections = {
        (r["file_id"], r["doc_index"], r["section_index"]): r["section_path"] for r in t["sections"]
    }
    assert len(sections) == len(t["sections"])
    assert {(r["file_id"], r["doc_index"]) for r in t["sections"]} <= docs
    for name in ("assignments", "targets", "citations"):
        assert t[name], name
        for r in t[name]:
            assert (r["file_id"], r["doc_index"]) in docs
            if r["section_index"]:
                assert (
                    sections[(r["file_id"], r["doc_index"], r["section_index"])]
                    == r["section_path"]
                )
    n_targets = sum(len(d.targets) for pf in parsed.values() for d in pf.documents)
    assert len(t["targets"]) == n_targets
    assert sum(int(r["targets"]) for r in t["documents"]) == n_targets


def test_parquet_tables_match_csv(tmp_path):
    pq = need(
        "pyarrow.parquet", "Parquet tables need the optional pyarrow extra"
    )
    s = convert([CORPUS], tmp_path, jobs=0, tables=True)
    assert all(len(files) == 2 for files in s.tables.values())
    for name, cols in TABLES.items():
        table = pq.read_table(tmp_path / "tables" / f"{name}.parquet")
        rows = read_csv(tmp_path / "tables" / f"{name}.csv")
        assert table.num_rows == len(rows) and table.column_names == [c for c, _ in cols]
        if rows:
            first = table.slice(0, 1).to_pylist()[0]
            assert (
                first["file_id"] == rows[0]["file_id"]
                and str(first["doc_index"]) == rows[0]["doc_index"]
            )


def test_output_inside_an_input_folder_is_not_walked(tmp_path):
    src = tmp_path / "in"
    corpus_copies(src, 2, ["a.txt", "b.txt"])
    out = src / "out"
    assert convert([src], out, jobs=0, fmt="jsonl", tables=True).converted == 2
    (out / "stray.txt").write_text("关于印发的通知\n一、总体要求\n", encoding="utf-8")
    s = convert([src], out, jobs=0)
    assert (s.total, s.converted) == (2, 2)


def test_tables_of_an_earlier_run_are_kept_in_step(tmp_path, capsys):
    """OUT's tables are rewritten by a run that changes OUT's results even without
    --tables (a stale table would disagree with the outputs), and left alone otherwise."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["a.txt", "b.txt"])
    convert([src], out, jobs=0, tables=True, parquet=False)
    docs = out / "tables" / "documents.csv"
    before = docs.stat().st_ino
    s = convert([src], out, jobs=0)
    assert s.skipped == 2 and not s.tables_refreshed and docs.stat().st_ino == before
    corpus_copies(src, 3, ["a.txt", "b.txt", "new.txt"])  # (rewrites a and b: changed too)
    (src / "b.txt").unlink()
    assert main(["convert", str(src), "-o", str(out), "-j", "0", "--prune"]) == 0
    assert "; tables/ rewritten to match" in capsys.readouterr().err
    assert sorted({r["file_id"] for r in read_csv(docs)}) == ["a.txt", "new.txt"]
    for name in TABLES:  # every table, not only documents
        assert "b.txt" not in {r["file_id"] for r in read_csv(out / "tables" / f"{name}.csv")}
    s = convert([src], tmp_path / "fresh", jobs=0)
    assert not s.tables_refreshed and not (tmp_path / "fresh" / "tables").exists()


def test_rewritten_tables_hold_every_result_of_out(tmp_path):
    """The rewrite without --tables reads every result OUT holds, not only this run's: a run
    over one changed file, or over a mistyped path (a new failure), must not shrink them."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["a.txt", "b.txt", "c.txt"])
    convert([src], out, jobs=0, tables=True, parquet=False)
    docs = out / "tables" / "documents.csv"
    everything = sorted({r["file_id"] for r in read_csv(docs)})
    (src / "a.txt").write_text("某县关于做好防汛工作的通知\n一、总体要求\n到2025年，覆盖率达到90%。\n", encoding="utf-8")
    s = convert([src / "a.txt"], out, jobs=0)
    assert s.converted == 1 and s.tables_refreshed
    assert sorted({r["file_id"] for r in read_csv(docs)}) == everything
    assert not (out / "tables" / "documents.parquet").exists()  # (CSV only, as before)
    s = convert([tmp_path / "in_typo"], out, jobs=0)
    assert s.failed == 1 and sorted({r["file_id"] for r in read_csv(docs)}) == everything


def test_an_interrupted_format_switch_is_finished_by_the_next_run(tmp_path, monkeypatch):
    """jsonl, then a json run stopped before its end (the lines of the files it switched were
    still in documents.jsonl), then the json run again: each file's result once, as JSON."""
    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 2, ["a.txt", "b.txt"])
    convert([src], out, jobs=0, fmt="jsonl")
    real = batch_module._Batch.compact

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_module._Batch, "compact", interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert([src], out, jobs=0)
    monkeypatch.setattr(batch_module._Batch, "compact", real)
    assert _file_ids(out) == ["a.txt", "b.txt"]  # (the switch was not finished)
    s = convert([src], out, jobs=0)
    assert s.skipped == 2 and _file_ids(out) == []
    assert (out / "a.txt.json").exists() and (out / "b.txt.json").exists()


def test_a_parquet_table_not_rewritten_is_removed(tmp_path):
    """Tables written without Parquet (no pyarrow now, or parquet=False) must not leave an
    earlier run's Parquet files beside the new CSV."""
    from policyparse.tables import write_tables

    folder = tmp_path / "tables"
    folder.mkdir()
    for name in TABLES:
        (folder / f"{name}.parquet").write_bytes(b"PAR1 stale")
    (folder / "notes.parquet").write_bytes(b"mine")
    written = write_tables(tmp_path, [], parquet=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{n}.csv" for n in TABLES] + ["notes.parquet"])
    assert all(len(files) == 1 for files in written.values())


def test_json_tables_match_jsonl_tables(tmp_path):
    a = convert([CORPUS], tmp_path / "a", jobs=0, tables=True, parquet=False)
    b = convert([CORPUS], tmp_path / "b", jobs=0, fmt="jsonl", tables=True, parquet=False)
    assert a.tables.keys() == b.tables.keys() == TABLES.keys()
    for name in TABLES:
        assert (tmp_path / "a" / "tables" / f"{name}.csv").read_text(encoding="utf-8") == (
            tmp_path / "b" / "tables" / f"{name}.csv"
        ).read_text(encoding="utf-8")


def test_jsonl_rerun_and_force_keep_one_record_per_document(tmp_path):
    out = tmp_path / "out"
    convert([CORPUS], out, jobs=0, fmt="jsonl")
    first = (out / DOCUMENTS_JSONL).read_text(encoding="utf-8")
    assert convert([CORPUS], out, jobs=0, fmt="jsonl").skipped == len(CORPUS_FILES)
    # a half-written line (a run killed mid-write) and a forced redo
    with open(out / DOCUMENTS_JSONL, "a", encoding="utf-8") as f:
        f.write('{"file_id": "000_a0d76618a303aa9e.txt", "doc_in')
    convert([CORPUS], out, jobs=0, fmt="jsonl", force=True)
    assert sorted((out / DOCUMENTS_JSONL).read_text(encoding="utf-8").splitlines()) == sorted(
        first.splitlines()
    )
    # switching format redoes the files as JSON
    s = convert([CORPUS], out, jobs=0, fmt="json")
    assert s.converted == len(CORPUS_FILES)


# --------------------------------------------------------------------------- command line


def test_convert_help_has_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["convert", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in (
        "--jobs",
        "--format",
        "--tables",
        "--timeout",
        "--force",
        "--prune",
        "--dask",
        "--quiet",
        "examples:",
        "exit codes",
    ):
        assert word in out


def test_convert_usage_errors(capsys, tmp_path):
    for argv in (
        ["convert", str(CORPUS), "-o", str(tmp_path), "--jobs", "-1"],
        ["convert", str(CORPUS), "-o", str(tmp_path), "--format", "xml"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert main(["convert", str(CORPUS), "-o", str(blocker / "out"), "-q"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_convert_summary_and_quiet(tmp_path, capsys):
    assert main(["convert", str(CORPUS), "-o", str(tmp_path / "o"), "--jobs", "0"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"converted {len(CORPUS_FILES)}, skipped 0, failed 0")
    assert main(["convert", str(CORPUS), "-o", str(tmp_path / "o"), "--jobs", "0", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_dask_without_dask_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    assert main(["convert", str(CORPUS), "-o", str(tmp_path), "--dask", "tcp://127.0.0.1:1"]) == 2
    assert "policyparse[dask]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "path, rel",
    [
        ("docs/a/x.docx", "docs/a/x.docx"),
        ("./docs//a/x.docx", "docs/a/x.docx"),
        ("docs/a/../b/x.docx", "docs/b/x.docx"),
        ("/data/2021/x.docx", "data/2021/x.docx"),
        ("x.txt", "x.txt"),
    ],
)
def test_a_listed_path_is_mirrored_at_its_own_path(path, rel):
    assert batch_module.listed_rel(path) == rel


def test_a_listed_path_above_the_current_folder_never_leaves_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rel = batch_module.listed_rel("../elsewhere/x.txt")
    assert rel == (tmp_path.parent / "elsewhere" / "x.txt").as_posix().lstrip("/")
    assert ".." not in rel.split("/")


def test_convert_files_from_stdin(tmp_path, monkeypatch):
    """find … -print0 | policyparse convert -o OUT --files-from - -0: each file mirrored at its
    path, so two x.txt in different folders do not collide; a listed folder is walked."""
    monkeypatch.chdir(tmp_path)
    corpus_copies(tmp_path, 4, ["in/a/x.txt", "in/b/x.txt", "more/c.txt", "more/sub/d.txt"])
    listing = b"in/a/x.txt\0in/b/x.txt\0more\0"
    r = subprocess.run(
        [sys.executable, "-m", "policyparse", "convert", "-o", "out", "--files-from", "-", "-0"],
        input=listing, capture_output=True, cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json")) == [
        "in/a/x.txt.json", "in/b/x.txt.json", "more/c.txt.json", "more/sub/d.txt.json",
    ]
    again = subprocess.run(
        [sys.executable, "-m", "policyparse", "convert", "-o", "out", "--files-from", "-", "-0"],
        input=listing, capture_output=True, cwd=tmp_path, text=False,
    )
    assert b"converted 0, skipped 4" in again.stderr  # resumable as any other input


def test_convert_dash_is_a_usage_error_that_names_files_from(tmp_path, capsys):
    assert main(["convert", "-", "-o", str(tmp_path / "out")]) == 2
    assert "--files-from -" in capsys.readouterr().err
    assert main(["convert", "-o", str(tmp_path / "out")]) == 2
    assert "nothing to convert" in capsys.readouterr().err


# --------------------------------------------------------------------------- Dask


@contextmanager
def local_dask(threads: int):
    """A one-worker LocalCluster in this process and its client (skips without the dask extra)."""
    need(
        "distributed",
        "the Dask path needs the optional dask extra: pip install 'policyparse[dask]'",
    )
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=threads, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client


def test_dask_localcluster_matches_local_run(tmp_path):

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for f in CORPUS_FILES:
        (src / "sub" / f.name).write_bytes(f.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    local = convert([src], tmp_path / "local", jobs=0)
    with local_dask(threads=2) as (cluster, client):
        s = convert([src], tmp_path / "dask", client=client)
        assert (s.converted, s.failed) == (local.converted, local.failed) == (len(CORPUS_FILES), 1)
        again = convert([src], tmp_path / "dask", client=client)
        assert (again.converted, again.skipped) == (0, len(CORPUS_FILES))
    for f in CORPUS_FILES:
        rel = f"sub/{f.name}.json"
        assert (tmp_path / "dask" / rel).read_bytes() == (tmp_path / "local" / rel).read_bytes()
    strip = lambda es: sorted((e["path"], e["status"], e["error"], e["sha256"]) for e in es)  # noqa: E731
    assert strip(manifest(tmp_path / "dask")) == strip(manifest(tmp_path / "local"))


def test_dask_time_limit_frees_the_worker_thread(tmp_path):
    # one worker thread: a file that runs on past the limit must be stopped on the worker,
    # not only written off by the client, or the files behind it wait for it to end

    src, out = tmp_path / "in", tmp_path / "out"
    corpus_copies(src, 3, ["0slow.txt", "b.txt", "c.txt"])  # the slow file goes first
    with local_dask(threads=1) as (cluster, client):
        t0 = time.monotonic()
        s = convert([src], out, client=client, timeout=1.0, parse=spinning_parse)
        elapsed = time.monotonic() - t0
    assert (s.converted, s.failed) == (2, 1)
    assert elapsed < 30  # (without the worker-side limit, b.txt waits for the slow file's whole 60 s)
    e = read_manifest(out)["0slow.txt"]
    assert e["error"] == "timeout" and "time limit of 1 s" in e["message"]
    assert not (out / "0slow.txt.json").exists()


def test_dask_workers_are_warmed_up_even_when_they_join_later(tmp_path, monkeypatch):

    warmed = []
    monkeypatch.setattr(batch_module, "_warm_up", lambda: warmed.append(time.monotonic()))
    src = tmp_path / "in"
    corpus_copies(src, 1, ["a.txt"])
    with local_dask(threads=1) as (cluster, client):
        s = convert([src], tmp_path / "out", client=client)
        assert s.converted == 1 and len(warmed) == 1  # the worker there, before its file
        cluster.scale(2)
        client.wait_for_workers(2, timeout=60)
        deadline = time.monotonic() + 30
        while len(warmed) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(warmed) == 2  # the worker that joined after the batch began


# --------------------------------------------------------------------------- one writer per OUT


_HOLD = """
import sys, time
from pathlib import Path
from policyparse.batch import RUNNING, _claim
mark, stale = _claim(Path(sys.argv[1]) / RUNNING)
print("held", flush=True)
time.sleep(30)
"""


def test_second_convert_into_the_same_out_is_refused_while_the_first_runs(tmp_path, capsys):
    from policyparse.batch import RUNNING, OutputInUse

    out = tmp_path / "out"
    out.mkdir()
    # another process holds OUT as a running convert does
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputInUse, match=f"pid {holder.pid}"):
            convert([CORPUS_FILES[0]], out, jobs=0)
        assert not any(out.rglob("*.json"))  # nothing was written
        assert main(["convert", str(CORPUS_FILES[0]), "-o", str(out), "--jobs", "0", "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "another convert" in err and err.count(str(out)) == 2  # (once, and the mark's path)
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone: its mark is stale and the next run takes over
    s = convert([CORPUS_FILES[0]], out, jobs=0)
    assert s.converted == 1 and not (out / RUNNING).exists()


def test_a_mark_whose_pid_now_belongs_to_another_process_does_not_block(tmp_path):
    """A killed run's mark names a pid the system has since given to another process: the
    lock, not the pid, tells that no convert runs (the folder used to stay blocked)."""
    import socket

    from policyparse.batch import RUNNING

    out = tmp_path / "out"
    out.mkdir()
    (out / RUNNING).write_text(f"{os.getppid()} {socket.gethostname()}\n", encoding="utf-8")
    s = convert([CORPUS_FILES[0]], out, jobs=0)
    assert s.converted == 1 and not (out / RUNNING).exists()


_RACE = """
import sys, time
from pathlib import Path
from policyparse.batch import RUNNING, OutputInUse, _claim
start = float(sys.argv[2])
while time.time() < start:
    pass
try:
    mark, stale = _claim(Path(sys.argv[1]) / RUNNING)
except OutputInUse:
    print("refused", flush=True)
else:
    print("claimed", flush=True)
    time.sleep(6)  # (held past the latest start of the others, however slow their imports)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_converts_starting_together_on_a_dead_runs_mark_let_one_through(tmp_path):
    """Unlink-and-create let two of twelve through (2 trials of 6): one may remove the other's
    fresh mark, taking it for the dead run's.  Eight processes, two rounds."""
    import socket

    from policyparse.batch import RUNNING

    out = tmp_path / "out"
    out.mkdir()
    for _ in range(2):
        (out / RUNNING).write_text(f"999999 {socket.gethostname()}\n", encoding="utf-8")
        start = time.time() + 2.5
        procs = [
            subprocess.Popen([sys.executable, "-c", _RACE, str(out), str(start)], stdout=subprocess.PIPE, text=True)
            for _ in range(8)
        ]
        said = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
        assert said.count("claimed") == 1, said


def test_mark_from_another_host_is_explained(tmp_path):
    from policyparse.batch import RUNNING, OutputInUse

    out = tmp_path / "out"
    out.mkdir()
    (out / RUNNING).write_text("12345 some-other-host\n", encoding="utf-8")
    with pytest.raises(OutputInUse, match="some-other-host.*delete"):
        convert([CORPUS_FILES[0]], out, jobs=0)


def test_outputs_get_ordinary_file_permissions(tmp_path):
    """Converted files are readable like any new file (not mkstemp's private 0600)."""
    old = os.umask(0o022)
    try:
        convert([CORPUS_FILES[0]], tmp_path / "out", jobs=0)
    finally:
        os.umask(old)
    (out,) = (tmp_path / "out").glob("*.json")
    assert out.stat().st_mode & 0o777 == 0o644
