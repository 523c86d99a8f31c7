"""Throughput of ``policyparse convert`` (policyparse.batch) on a synthetic corpus.

Run: python benchmarks/bench_batch.py [--files 2000 | --large] [--jobs N] [--tables] [--as txt|gbk|html|pdf|docx|ofd]

Generates a corpus by recombining the bundled corpus documents (the head of one
document — title, 发文字号, addressees — followed by a window of another's body,
in nested folders; written as UTF-8 text, as GBK text, as gov.cn-like HTML pages,
or, made as the test suite makes them, as PDFs with a CJK text layer (35 lines of 40
characters a page), DOCX or OFD files, with ``--as``), then converts it with 1 job and with N jobs (default: the
cores available) into fresh output folders, then reruns the N-job conversion
over the finished output (every file skipped: the incremental path).  Each run
happens in a fresh interpreter so its peak memory (resource.getrusage maxrss of
the parent and of the largest worker) is its own.  Prints files/second, MB/s of
input and peak memory.  Speed is measured here, never in unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_某某省人民政府门户网站</title>
<meta name="ArticleTitle" content="{title}"><script>var s = "脚本文字";</script></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; 正文</div>
<table class="xxgk-info"><tr><td><b>索引号：</b></td><td>000014349/2021-{i:05d}</td>
<td><b>发文机关：</b></td><td>某某省人民政府办公厅</td></tr></table>
<div class="article"><h1>{title}</h1><div class="pages_content">
{paragraphs}
</div></div><div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关文件</h3><ul><li><a href="#">关于做好某项工作的通知</a></li></ul></div>
<div class="footer">主办：某某省人民政府办公厅 版权所有</div></body></html>
"""


def _as_page(text: str, i: int) -> str:
    """The document as a gov.cn-like page: its first line the headline, a <p> a line."""
    from html import escape

    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = escape(lines[0].strip()) if lines else ""
    paragraphs = "\n".join(f'<p style="text-indent:2em">{escape(ln)}</p>' for ln in lines[1:])
    return _PAGE.format(title=title, i=i, paragraphs=paragraphs)


def _builders():
    """The test suite's document builders (tests/fixtures_read/builders.py)."""
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    from fixtures_read import builders

    return builders


def _as_document(text: str, form: str) -> bytes:
    """The text as a PDF (the test suite's hand-written PDF: one Type0 font with a ToUnicode
    map, shared by the pages; lines wrapped at 40 characters as a printed page wraps them),
    a DOCX (a paragraph a line) or an OFD (pages of text objects)."""
    b = _builders()
    if form == "pdf":
        lines = [ln[k : k + 40] for ln in text.splitlines() if ln.strip() for k in range(0, len(ln), 40)]
        return b.pdf_from_pages([lines[k : k + 35] for k in range(0, len(lines), 35)])
    return b.docx_from_text(text) if form == "docx" else b.ofd_from_text(text)


def make_corpus(dest: Path, n: int, seed: int = 20240607, form: str = "txt") -> int:
    """Write n recombined documents under dest (form: txt, gbk, html, pdf, docx or ofd); return the bytes written."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    heads = []
    for t in texts:
        cut = t.find("\n一、")
        heads.append(t[: cut + 1] if 0 < cut < 3000 else t[:600])
    total = 0
    for i in range(n):
        head = heads[rng.randrange(len(heads))]
        body = texts[rng.randrange(len(texts))]
        size = rng.randint(2_000, 12_000)
        start = rng.randrange(0, max(1, len(body) - size))
        nl = body.rfind("\n", 0, start)  # start the window on a line when the text has lines
        start = nl + 1 if nl >= 0 and start - nl < 400 else start
        text = f"{head}{body[start : start + size]}\n\n2021年{rng.randint(1, 12)}月{rng.randint(1, 28)}日\n"
        p = dest / f"prov{i % 31:02d}" / f"y{2016 + i % 6}" / f"doc{i:06d}.{'txt' if form == 'gbk' else form}"
        p.parent.mkdir(parents=True, exist_ok=True)
        if form == "html":
            data = _as_page(text, i).encode("utf-8")
        elif form in ("pdf", "docx", "ofd"):
            data = _as_document(text, form)
        else:
            data = text.encode("gb18030" if form == "gbk" else "utf-8")
        p.write_bytes(data)
        total += len(data)
    return total


def run_one(src: str, out: str, jobs: int, fmt: str, tables: bool) -> None:
    """Child mode: one conversion; print its numbers as JSON on stdout."""
    from policyparse.batch import convert

    t0 = time.perf_counter()
    s = convert([src], out, jobs=jobs, fmt=fmt, tables=tables, progress=False)
    dt = time.perf_counter() - t0
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    print(
        json.dumps(
            {
                "seconds": dt,
                "converted": s.converted,
                "skipped": s.skipped,
                "failed": s.failed,
                "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024,
                "first_failure": s.failures[0]["message"] if s.failures else None,
            }
        )
    )


def measure(src: Path, out: Path, jobs: int, fmt: str = "json", tables: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--run-one", str(src), str(out), str(jobs), fmt, str(int(tables))]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--run-one":
        src, out, jobs, fmt, tables = sys.argv[2:7]
        run_one(src, out, int(jobs), fmt, tables == "1")
        return
    from policyparse.batch import default_jobs

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000, help="synthetic documents (default 2000)")
    ap.add_argument("--large", action="store_true", help="10 000 synthetic documents")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="N for the parallel run (default: cores)")
    ap.add_argument("--tables", action="store_true", help="also time --format jsonl --tables with N jobs")
    ap.add_argument("--as", dest="form", choices=("txt", "gbk", "html", "pdf", "docx", "ofd"), default="txt",
                    help="write the documents as UTF-8 text (default), GBK text, HTML pages, PDFs (needs pypdf), "
                    "DOCX or OFD files")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    args = ap.parse_args()
    n = 10_000 if args.large else args.files

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pp-bench-batch-"))
    try:
        src = work / "in"
        if src.exists():
            shutil.rmtree(src)
        t0 = time.perf_counter()
        nbytes = make_corpus(src, n, form=args.form)
        print(f"synthetic corpus: {n} files ({args.form}), {nbytes / 1e6:.1f} MB, generated in {time.perf_counter() - t0:.1f} s")
        print(f"cores available: {default_jobs()}")
        print(f"{'run':<28} {'files/s':>9} {'MB/s':>7} {'seconds':>8} {'parent MB':>10} {'worker MB':>10}  outcome")
        runs = [("convert --jobs 1", 1, "json", False, "o1"), (f"convert --jobs {args.jobs}", args.jobs, "json", False, "oN")]
        runs.append((f"rerun --jobs {args.jobs} (all skipped)", args.jobs, "json", False, "oN"))
        if args.tables:
            runs.append((f"jsonl --tables --jobs {args.jobs}", args.jobs, "jsonl", True, "oT"))
        rates = {}
        for name, jobs, fmt, tables, outname in runs:
            out = work / outname
            if not name.startswith("rerun") and out.exists():
                shutil.rmtree(out)
            r = measure(src, out, jobs, fmt, tables)
            rate = n / r["seconds"]
            rates[name] = rate
            print(
                f"{name:<28} {rate:>9.1f} {nbytes / 1e6 / r['seconds']:>7.2f} {r['seconds']:>8.1f} "
                f"{r['parent_mb']:>10.0f} {r['worker_mb']:>10.0f}  "
                f"converted {r['converted']}, skipped {r['skipped']}, failed {r['failed']}"
            )
            if r.get("first_failure"):
                print(f"{'':<28} first failure: {r['first_failure']}")
        one, many = rates["convert --jobs 1"], rates[f"convert --jobs {args.jobs}"]
        print(f"speed-up with {args.jobs} jobs: {many / one:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
