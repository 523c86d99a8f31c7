"""The command line: JSON on stdout, one clear line on stderr for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPUS

from policyparse.cli import main


def test_parse_prints_utf8_json(capsys):
    assert main(["parse", str(CORPUS / "004_7987ea6d96b72cd9.txt")]) == 0
    out = capsys.readouterr().out
    assert "桂政办发〔2021〕96号" in out  # not ASCII-escaped
    data = json.loads(out)
    assert data["documents"][0]["date"] == "2021-09-16"
    assert data["source"]["encoding"] == "utf-8"


def test_parse_pretty(capsys):
    assert main(["parse", "--pretty", str(CORPUS / "004_7987ea6d96b72cd9.txt")]) == 0
    assert capsys.readouterr().out.startswith("{\n  ")


def test_missing_file_one_line(capsys):
    assert main(["parse", "/nonexistent/file.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_empty_file(tmp_path, capsys):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert main(["parse", str(p)]) == 2
    assert "empty" in capsys.readouterr().err


def test_convert_writes_one_json_per_file_and_manifest(tmp_path, capsys):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text((CORPUS / "004_7987ea6d96b72cd9.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    rc = main(["convert", str(src), "-o", str(out)])
    assert rc == 1  # one input failed
    data = json.loads((out / "sub" / "a.txt.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["doc_number"]["raw"] == "桂政办发〔2021〕96号"
    manifest = [json.loads(x) for x in (out / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {m["status"] for m in manifest} == {"ok", "failed"}
    assert [m["error"] for m in manifest if m["status"] == "failed"] == ["empty"]
    assert not list(out.rglob("*.tmp"))


def test_convert_corpus_all_ok(tmp_path):
    assert main(["convert", str(CORPUS), "-o", str(tmp_path), "-q"]) == 0
    assert len(list(tmp_path.glob("*.json"))) == len(list(CORPUS.glob("*.txt")))


def test_stdin(tmp_path):
    text = (CORPUS / "004_7987ea6d96b72cd9.txt").read_bytes()
    r = subprocess.run([sys.executable, "-m", "policyparse", "parse", "-"], input=text, capture_output=True)
    assert r.returncode == 0
    assert json.loads(r.stdout)["documents"][0]["issuer"] == "广西壮族自治区人民政府办公厅"


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "policyparse" in capsys.readouterr().out


def test_import_is_light():
    code = "import sys, policyparse; bad = [m for m in ('jieba', 'lxml', 'pydantic') if m in sys.modules]; print(bad)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "[]"


def test_targets_csv(capsys):
    import csv
    import io

    assert main(["targets", str(CORPUS / "000_a0d76618a303aa9e.txt"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    fam = [r for r in rows if r["indicator"] == "家庭医生签约服务覆盖率" and r["year"] == "2017"]
    assert fam and fam[0]["value"] in ("30", "30.0") and fam[0]["unit"] == "%" and fam[0]["comparator"] == ">="
    assert fam[0]["path"] == "三/（一）/5"


def test_targets_jsonl(capsys):
    assert main(["targets", str(CORPUS / "004_7987ea6d96b72cd9.txt"), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert any(r["deadline"] == "2021-10" and r["kind"] == "deadline" for r in rows)


def test_agencies(capsys):
    assert main(["agencies", str(CORPUS / "000_a0d76618a303aa9e.txt"), "--format", "json"]) == 0
    index = json.loads(capsys.readouterr().out)
    names = {row["name"] for row in index}
    assert "自治区卫生计生委" in names
