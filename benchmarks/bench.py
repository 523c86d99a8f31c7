"""Throughput of policyparse on the bundled corpus (run: python benchmarks/bench.py).

Prints: import time; parse_text against jieba.lcut on the same text, side by
side in interleaved rounds (best of each), and again as a first pass in fresh
processes (no cache has seen the corpus: what a batch of new documents meets);
normalise and parse_text time and peak memory on synthetic 5 M and 50 M
character inputs (linearity check).  Speed targets are measured here, never in
unit tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def import_time() -> float:
    code = "import time; t=time.perf_counter(); import policyparse; print(time.perf_counter()-t)"
    best = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(5))
    return best


def _round(func, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        func(t)
    return time.perf_counter() - t0


def bench_parse(texts: list[str], rounds: int) -> float:
    """parse_text characters/second: the best of ``rounds`` passes over the texts (the
    least disturbed by other work on the machine)."""
    import policyparse

    policyparse.parse_text(texts[0])  # warm up lazy imports
    best = min(_round(policyparse.parse_text, texts) for _ in range(rounds))
    return sum(len(t) for t in texts) / best


def synthetic(texts: list[str], n_chars: int, seed: int = 0) -> str:
    """A large document that never repeats itself: corpus lines drawn at random.

    (Repeating the corpus verbatim would be merged as repeated copies, which
    measures the de-duplication, not normalisation.)"""
    import random

    rng = random.Random(seed)
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    out: list[str] = []
    size = 0
    while size < n_chars:
        ln = rng.choice(lines)
        if len(ln) > 2000:  # a one-line scrambled document: take a random slice
            k = rng.randrange(0, len(ln) - 500)
            ln = ln[k : k + 500]
        out.append(ln)
        size += len(ln) + 1
    return "\n".join(out)[:n_chars]


def _scale_child(name: str, mb: float) -> None:
    """Run one size in this (fresh) process; print seconds and peak-memory figures as JSON."""
    import json
    import resource

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    big = synthetic(texts, int(mb * 1_000_000))
    if name == "normalise":
        from policyparse.normalise import normalise as func
    else:
        from policyparse import parse_text as func
    func(texts[-1])  # lazy imports and data loaded before the baseline
    del texts
    with open("/proc/self/statm") as f:  # resident pages now (not the peak of building the text)
        base = int(f.read().split()[1]) * resource.getpagesize() // 1024
    t0 = time.perf_counter()
    func(big)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    text_mb = len(big.encode("utf-8")) / 1e6  # bytes of one copy as UTF-8 (Python holds 2–4 bytes/char)
    width = 1 if big.isascii() else 2 if max(big) <= "\uffff" else 4  # bytes per character in CPython
    print(json.dumps({"seconds": dt, "extra_mb": (peak - base) / 1024, "text_mb": text_mb, "py_mb": len(big) * width / 1e6}))


def bench_scaling(name: str, sizes_mb: list[float]) -> list[tuple[float, float, float, float]]:
    """(million chars, seconds, extra peak MB, MB of one Python copy of the text) per size, each in a fresh process."""
    import json

    out = []
    for mb in sizes_mb:
        r = subprocess.run(
            [sys.executable, __file__, "--scale-child", name, str(mb)], capture_output=True, text=True, check=True
        )
        d = json.loads(r.stdout.strip().splitlines()[-1])
        out.append((mb, d["seconds"], d["extra_mb"], d["py_mb"]))
    return out


def bench_side_by_side(texts: list[str], rounds: int) -> tuple[float, float, float] | None:
    """parse_text against jieba.lcut on the same texts, rounds interleaved (so both see the
    same machine load): best characters/second of each and the median per-round ratio.
    None when jieba is not installed."""
    try:
        import jieba
    except ImportError:
        return None
    import statistics

    import policyparse

    jieba.initialize()
    jieba.lcut(texts[0])
    policyparse.parse_text(texts[0])  # warm up lazy imports
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(_round(policyparse.parse_text, texts))
        theirs.append(_round(jieba.lcut, texts))
    total = sum(len(t) for t in texts)
    ratio = statistics.median(j / p for p, j in zip(ours, theirs, strict=True))
    return total / min(ours), total / min(theirs), ratio


def _warm_up_texts() -> list[str]:
    """Documents other than the corpus (the held-out test set, and a punctuation-scrambled
    triple copy of one) that load every lazy table and pattern before a first pass."""
    import random

    docs = sorted((ROOT / "tests" / "unseen" / "docs").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in docs]
    rng = random.Random(0)
    marks = set("，。、；：！？“”《》（）,.;:%")
    scrambled = "".join(rng.choice(",。.、 ") if c in marks else c for c in texts[0] if c != "\n")
    return [*texts, scrambled * 3]


def _first_child() -> None:
    """In a fresh process: parse_text and jieba.lcut each see the corpus for the first time
    (after warming up on other documents); print both times as JSON."""
    import json

    import policyparse

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    warm = _warm_up_texts()
    for t in warm:
        policyparse.parse_text(t)
    ours = _round(policyparse.parse_text, texts)
    theirs = None
    try:
        import jieba
    except ImportError:
        pass
    else:
        jieba.initialize()
        for t in warm:
            jieba.lcut(t)
        theirs = _round(jieba.lcut, texts)
    print(json.dumps({"ours": ours, "theirs": theirs}))


def bench_first_pass(texts: list[str], runs: int = 3) -> tuple[float, float | None]:
    """Characters/second of a first pass over the corpus (no cache has seen these texts), best
    of ``runs`` fresh processes: (parse_text, jieba.lcut or None)."""
    import json

    best_ours, best_theirs = float("inf"), float("inf")
    for _ in range(runs):
        r = subprocess.run([sys.executable, __file__, "--first-child"], capture_output=True, text=True, check=True)
        d = json.loads(r.stdout.strip().splitlines()[-1])
        best_ours = min(best_ours, d["ours"])
        if d["theirs"] is not None:
            best_theirs = min(best_theirs, d["theirs"])
    total = sum(len(t) for t in texts)
    return total / best_ours, (total / best_theirs if best_theirs != float("inf") else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=7, help="passes over the corpus (best pass reported)")
    ap.add_argument("--big", type=float, nargs="*", default=[5, 50], help="sizes (million characters) for the normalise linearity check")
    ap.add_argument("--parse-big", type=float, nargs="*", default=[5, 50], help="sizes (million characters) for the parse_text linearity check")
    ap.add_argument("--scale-child", nargs=2, metavar=("STAGE", "MCHARS"), help=argparse.SUPPRESS)
    ap.add_argument("--first-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.first_child:
        _first_child()
        return
    if args.scale_child:
        _scale_child(args.scale_child[0], float(args.scale_child[1]))
        return
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    print(f"corpus: {len(texts)} files, {sum(map(len, texts)):,} characters")
    print(f"import policyparse: {import_time() * 1000:.0f} ms")
    side = bench_side_by_side(texts, args.rounds)
    if side is None:
        cps = bench_parse(texts, args.rounds)
        print(f"parse_text: {cps:,.0f} characters/s ({cps / 1e6:.2f} M chars/s)")
        print("jieba.lcut: not installed (pip install jieba to compare)")
    else:
        ours, theirs, ratio = side
        print(
            f"side by side, {args.rounds} interleaved rounds: parse_text {ours / 1e6:.2f} M chars/s, "
            f"jieba.lcut {theirs / 1e6:.2f} M chars/s (best rounds) → policyparse is {ours / theirs:.1f}× jieba "
            f"(median of per-round ratios {ratio:.1f}×; target ≥ 10×)"
        )
    ours1, theirs1 = bench_first_pass(texts)
    line = f"first pass (fresh process, texts never seen before): parse_text {ours1 / 1e6:.2f} M chars/s"
    if theirs1 is not None:
        line += f", jieba.lcut {theirs1 / 1e6:.2f} M chars/s → {ours1 / theirs1:.1f}×"
    print(line)
    for name, sizes in (("normalise", args.big), ("parse_text", args.parse_big)):
        if not sizes:
            continue
        res = bench_scaling(name, sizes)
        for mb, dt, extra, copy in res:
            print(
                f"{name} {mb:g} million chars: {dt:.2f} s ({mb / dt:.2f} M chars/s), "
                f"peak memory +{extra:.0f} MB, the result included = {extra / copy:.1f}× one copy of the text"
            )
        if len(res) >= 2:
            (m0, t0, x0, _), (m1, t1, x1, _) = res[0], res[-1]
            print(f"{name} scaling: {m1 / m0:.0f}× input → {t1 / t0:.1f}× time, {x1 / max(x0, 1):.1f}× memory")


if __name__ == "__main__":
    main()
